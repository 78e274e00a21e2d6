"""Validators of bibliographic identifiers (ISBN-10/13, ISSN) with their checksums."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NON_DIGITS = re.compile(r"[\s\-]")


def clean_identifier(value):
    return _NON_DIGITS.sub("", value or "").upper()


def isbn_is_valid(value):
    digits = clean_identifier(value)
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def issn_is_valid(value):
    digits = clean_identifier(value)
    if not re.fullmatch(r"\d{7}[\dX]", digits):
        return False
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def validate_isbn(value):
    if value and not isbn_is_valid(value):
        raise ValidationError(
            _(
                "Enter a valid ISBN (10 or 13 digits, e.g. 978-2-11-097543-8); check the last digit."
            ),
            code="invalid_isbn",
        )


def validate_issn(value):
    if value and not issn_is_valid(value):
        raise ValidationError(
            _("Enter a valid ISSN (8 characters, e.g. 1961-9421); check the last digit."),
            code="invalid_issn",
        )

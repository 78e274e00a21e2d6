"""Signed tokens of the newsletter: confirmation links and personal unsubscribe links.

- Confirmation: ``django.core.signing`` with a timestamp; refused once older than
  ``NEWSLETTER_CONFIRM_MAX_AGE`` or when the address changed since it was signed.
- Unsubscribe: short on purpose, so that ``https://www.villecaraibe.com/u/<token>/``
  stays under 74 characters (mail clients then read the List-Unsubscribe header
  unencoded). It names the subscriber and the issue (base 36) and carries a 120-bit
  HMAC over both and the address; it never expires (RFC 8058 links must keep working).
"""

import base64
import hmac

from django.core import signing
from django.utils.crypto import salted_hmac
from django.utils.http import base36_to_int, int_to_base36

from newsletter.models import newsletter_setting

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class InvalidToken(Exception):
    """The token was forged, damaged, or names nobody."""


class ExpiredToken(InvalidToken):
    """The token is genuine but too old."""


def make_confirmation_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.email], salt=CONFIRM_SALT)


def read_confirmation_token(token):
    """Return (subscriber id, e-mail) or raise InvalidToken / ExpiredToken."""
    max_age = newsletter_setting("NEWSLETTER_CONFIRM_MAX_AGE")
    try:
        pk, email = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except (signing.BadSignature, ValueError, TypeError):
        raise InvalidToken from None
    return pk, email


def _mac(subscriber_id, issue_id, email):
    digest = salted_hmac(
        UNSUBSCRIBE_SALT, f"{subscriber_id}.{issue_id}.{email}", algorithm="sha256"
    ).digest()
    return base64.urlsafe_b64encode(digest[:15]).decode()


def make_unsubscribe_token(subscriber, issue_id=None):
    sid, iid = int_to_base36(subscriber.pk), int_to_base36(issue_id or 0)
    return f"{sid}.{iid}.{_mac(subscriber.pk, issue_id or 0, subscriber.email)}"


def read_unsubscribe_token(token):
    """Return (subscriber id, issue id or None, mac) — check the mac with ``check_mac``."""
    try:
        sid, iid, mac = token.split(".")
        if len(sid) > 13 or len(iid) > 13:
            raise ValueError
        return base36_to_int(sid), (base36_to_int(iid) or None), mac
    except ValueError:
        raise InvalidToken from None


def check_unsubscribe_mac(subscriber, issue_id, mac):
    expected = _mac(subscriber.pk, issue_id or 0, subscriber.email)
    if not hmac.compare_digest(expected, mac):
        raise InvalidToken

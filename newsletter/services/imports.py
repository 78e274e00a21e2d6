"""Importing the existing list from CSV.

Guarantees: addresses are checked and folded to lower case; duplicates in the file
are merged (first non-empty name/organisation wins); an address already on the list
is completed, never downgraded (an unsubscribed or bounced person stays so — an
import is not consent); invalid addresses are reported with their line; the legal
basis is recorded on every new subscriber; the write is one transaction (nothing
half-imported); ``dry_run`` computes the same report and writes nothing.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from newsletter.models import Subscriber


@dataclass
class ImportReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    merged: list = field(default_factory=list)  # addresses seen more than once in the file
    invalid: list = field(default_factory=list)  # (line, value)
    dry_run: bool = True


def _rows(text):
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().lower() for h in next(reader, [])]
    if "email" not in header:
        if "e-mail" in header:
            header[header.index("e-mail")] = "email"
        elif "courriel" in header:
            header[header.index("courriel")] = "email"
        else:
            raise ValidationError("missing email column")
    for line, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        yield line, dict(zip(header, (v.strip() for v in values), strict=False))


def import_subscribers(text, *, legal_basis, dry_run=True):
    """Import ``text`` (CSV); returns an ``ImportReport``. See the module docstring."""
    report = ImportReport(dry_run=dry_run)
    wanted = {}
    for line, row in _rows(text):
        email = (row.get("email") or "").strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            report.invalid.append((line, row.get("email", "")[:254]))
            continue
        if email in wanted:
            report.merged.append(email)
            for key in ("name", "organisation"):
                wanted[email][key] = wanted[email][key] or row.get(key, "")[:200]
            continue
        wanted[email] = {
            "name": (row.get("name") or row.get("nom") or "")[:150],
            "organisation": (row.get("organisation") or row.get("structure") or "")[:200],
        }
    now = timezone.now()
    with transaction.atomic():
        existing = {s.email: s for s in Subscriber.objects.filter(email__in=list(wanted))}
        new, changed = [], []
        for email, data in wanted.items():
            subscriber = existing.get(email)
            if subscriber is None:
                new.append(
                    Subscriber(
                        email=email,
                        name=data["name"],
                        organisation=data["organisation"],
                        status=Subscriber.Status.CONFIRMED,
                        source=Subscriber.Source.IMPORT,
                        legal_basis=legal_basis,
                        confirmed_at=now,
                        consent_at=now,
                        consent_text=f"Import CSV — base légale : {legal_basis}",
                    )
                )
                report.created.append(email)
                continue
            dirty = False
            for key in ("name", "organisation"):
                if data[key] and not getattr(subscriber, key):
                    setattr(subscriber, key, data[key])
                    dirty = True
            if dirty:
                changed.append(subscriber)
                report.updated.append(email)
            else:
                report.unchanged.append(email)
        if not dry_run:
            Subscriber.objects.bulk_create(new, batch_size=500)
            Subscriber.objects.bulk_update(changed, ["name", "organisation"], batch_size=500)
    return report

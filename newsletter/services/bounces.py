"""Bounces: count hard bounces per subscriber; mark the address bounced past a limit.

A hard bounce is a permanent refusal of the address itself (SMTP 550/551/553 or an
enhanced status 5.1.x at sending time, or a "hard" line in a provider's bounce
report). After ``NEWSLETTER_BOUNCE_LIMIT`` of them the subscriber becomes
``bounced`` and receives nothing more; confirming again (sign-up form) resets it.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsletter.models import Subscriber, newsletter_setting

HARD_CODES = {550, 551, 553, 554}


def is_hard_bounce(code):
    return code in HARD_CODES


def count_hard_bounces(subscriber_ids):
    """Add one hard bounce to each subscriber; mark those past the limit bounced."""
    limit = newsletter_setting("NEWSLETTER_BOUNCE_LIMIT")
    with transaction.atomic():
        Subscriber.objects.filter(pk__in=subscriber_ids).update(hard_bounces=F("hard_bounces") + 1)
        return (
            Subscriber.objects.filter(pk__in=subscriber_ids, hard_bounces__gte=limit)
            .exclude(status=Subscriber.Status.BOUNCED)
            .update(status=Subscriber.Status.BOUNCED, bounced_at=timezone.now())
        )


def import_bounce_report(uploaded_text):
    """Read a CSV bounce report (``email`` column, optional ``type`` hard/soft).

    Returns a dict: counted (hard bounces recorded), soft (ignored), unknown (addresses
    not on the list), invalid (line numbers), marked (subscribers now bounced).
    Atomic: nothing is counted if the file cannot be read.
    """
    reader = csv.DictReader(io.StringIO(uploaded_text))
    if not reader.fieldnames or "email" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ValidationError("missing email column")
    result = {"counted": 0, "soft": 0, "unknown": [], "invalid": [], "marked": 0}
    hard = []
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        email = row.get("email", "").lower()
        try:
            validate_email(email)
        except ValidationError:
            result["invalid"].append(line)
            continue
        if row.get("type", "hard").lower() not in ("", "hard", "permanent"):
            result["soft"] += 1
            continue
        hard.append(email)
    ids = dict(Subscriber.objects.filter(email__in=hard).values_list("email", "pk"))
    result["unknown"] = sorted(set(hard) - set(ids))
    known = [ids[e] for e in hard if e in ids]
    if known:
        # The same address twice in one report counts twice: two bounces happened.
        with transaction.atomic():
            for pk in known:
                Subscriber.objects.filter(pk=pk).update(hard_bounces=F("hard_bounces") + 1)
            result["marked"] = (
                Subscriber.objects.filter(
                    pk__in=known, hard_bounces__gte=newsletter_setting("NEWSLETTER_BOUNCE_LIMIT")
                )
                .exclude(status=Subscriber.Status.BOUNCED)
                .update(status=Subscriber.Status.BOUNCED, bounced_at=timezone.now())
            )
    result["counted"] = len(known)
    return result

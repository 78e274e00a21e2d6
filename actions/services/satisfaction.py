"""Satisfaction questionnaires: signed links after the event, online answers, paper counts.

Guarantees: one online answer per registration (a second submission through the
same link is refused); the summary adds online answers and paper counts.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actions.models import Rating, Registration, SatisfactionResponse

SATISFACTION_SALT = "actions.satisfaction"


class AlreadyAnswered(Exception):
    pass


def questionnaire_token(registration):
    return signing.TimestampSigner(salt=SATISFACTION_SALT).sign(str(registration.pk))


def registration_from_questionnaire_token(token):
    """Raises ``signing.SignatureExpired`` or ``signing.BadSignature``."""
    max_age = settings.AGENDA_SATISFACTION_LINK_MAX_AGE_DAYS * 86400
    value = signing.TimestampSigner(salt=SATISFACTION_SALT).unsign(token, max_age=max_age)
    try:
        return Registration.objects.select_related("event").get(pk=int(value))
    except (Registration.DoesNotExist, ValueError) as exc:
        raise signing.BadSignature("unknown registration") from exc


def questionnaire_url(registration):
    return settings.SITE_URL + reverse(
        "actions:satisfaction", kwargs={"token": questionnaire_token(registration)}
    )


def send_questionnaire_email(registration):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your opinion on: %(title)s") % {"title": registration.event.title}
        body = render_to_string(
            "actions/agenda/email/satisfaction.txt",
            {
                "registration": registration,
                "event": registration.event,
                "url": questionnaire_url(registration),
                "centre": settings.CENTRE,
            },
        )
    send_mail(subject, body, None, [registration.email])


def record_answer(registration, rating, comments=""):
    """Store the participant's answer; raises ``AlreadyAnswered`` on a second one."""
    if SatisfactionResponse.objects.filter(registration=registration).exists():
        raise AlreadyAnswered
    try:
        with transaction.atomic():
            return SatisfactionResponse.objects.create(
                event=registration.event,
                registration=registration,
                rating=rating,
                comments=comments.strip(),
            )
    except IntegrityError as exc:
        raise AlreadyAnswered from exc


def summary(event):
    """Counts per level, online and paper together: {"total": n, "levels": [(label, n)…]}."""
    counts = dict.fromkeys(Rating.values, 0)
    online = event.satisfaction_responses.values("rating").annotate(n=Count("pk"))
    for row in online:
        counts[row["rating"]] += row["n"]
    for paper in event.paper_satisfaction.all():
        counts[paper.rating] += paper.count
    total = sum(counts.values())
    levels = [(Rating(value).label, counts[value]) for value in sorted(counts, reverse=True)]
    return {"total": total, "levels": levels, "counts": counts}


def summary_sentence(event, data=None):
    """E.g. "10 returned: 7 very satisfied, 3 fairly satisfied"."""
    data = data or summary(event)
    if not data["total"]:
        return _("No questionnaire returned yet.")
    parts = [f"{n} {label}" for label, n in data["levels"] if n]
    return ngettext(
        "%(total)d returned: %(detail)s", "%(total)d returned: %(detail)s", data["total"]
    ) % {"total": data["total"], "detail": ", ".join(parts)}

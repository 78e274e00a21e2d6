"""What the agenda holds about people: registrations, attendance and questionnaires.

Registers with the directory's personal-data registry (annuaire.services.personal_data):
export and erasure of a person's registrations (matched by e-mail, as visitors
register without an account), the register's lines, and the purge that anonymises
registrations of events older than the retention period. An anonymised
registration keeps its event, status, sessions and attendance, commune,
organisation and its kind (the statistics); it loses name, e-mail, function and
accessibility needs, in the table and in its history.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annuaire.services.personal_data import (
    PersonalDataCategory,
    register,
    register_category,
    register_purge,
    retention_cutoff,
    rows_by_email,
)
from villecaraibe.audit import scrub_history

ANONYMOUS_FIRST_NAME = "Participant"
ANONYMOUS_LAST_NAME = "anonymisé"

# What an anonymised registration keeps in the fields that named someone.
ANONYMOUS_VALUES = {
    "first_name": ANONYMOUS_FIRST_NAME,
    "last_name": ANONYMOUS_LAST_NAME,
    "email": "",
    "function": "",
    "accessibility_needs": "",
}


def registrations_of(person):
    from actions.models import Registration

    return rows_by_email(Registration.objects.all(), person)


def export_registrations(person):
    registrations = registrations_of(person).select_related("event", "organisation", "commune")
    return [
        {
            "event": r.event.title,
            "event_dates": [r.event.start_date, r.event.end_date],
            "first_name": r.first_name,
            "last_name": r.last_name,
            "email": r.email,
            "organisation": r.organisation_label,
            "function": r.function,
            "commune": r.commune.name if r.commune_id else None,
            "accessibility_needs": r.accessibility_needs,
            "consent": r.consent,
            "consent_at": r.consent_at,
            "status": r.status,
            "registered_at": r.created_at,
            "sessions_attended": [str(a.session) for a in r.attendances.select_related("session")],
            "satisfaction_comments": (
                r.satisfaction.comments if getattr(r, "satisfaction", None) else None
            ),
        }
        for r in registrations.prefetch_related("attendances")
    ]


def anonymise(queryset):
    """Anonymise these registrations and their history; returns how many."""
    from actions.models import Registration

    pks = list(queryset.values_list("pk", flat=True))
    if not pks:
        return 0
    count = Registration.objects.filter(pk__in=pks).update(**ANONYMOUS_VALUES)
    scrub_history(Registration, pks, **ANONYMOUS_VALUES)
    return count


def erase_registrations(person):
    anonymise(registrations_of(person))


def purge_old_registrations(now=None):
    """Anonymise registrations of events that ended before the retention period."""
    from actions.models import Registration

    cutoff = timezone.localdate(retention_cutoff(now))
    old = Registration.objects.filter(event__end_date__lt=cutoff).exclude(
        first_name=ANONYMOUS_FIRST_NAME, last_name=ANONYMOUS_LAST_NAME, email=""
    )
    return anonymise(old)


def setup():
    register("registrations", export=export_registrations, erase=erase_registrations)
    register_purge("registrations", purge_old_registrations)
    register_category(
        PersonalDataCategory(
            model="actions.Registration",
            fields=(
                "first_name",
                "last_name",
                "email",
                "function",
                "commune",
                "accessibility_needs",
                "consent_at",
            ),
            purpose=_(
                "Organising the event: seats and waiting list, confirmation and reminder "
                "e-mails, attendance sheet, certificate, satisfaction questionnaire."
            ),
            retention=_(
                "Anonymised after the retention period counted from the end of the event "
                "(PERSONAL_DATA_RETENTION_YEARS, 3 years by default); counts, commune and "
                "organisation stay for the statistics."
            ),
            legal_basis=_("Consent given on the registration form"),
        )
    )
    register_category(
        PersonalDataCategory(
            model="actions.SatisfactionResponse",
            fields=("comments",),
            purpose=_("Evaluation of the event (the programme's evaluation grid)."),
            retention=_("Kept with the event's evaluation; the answer is not linked to a name."),
            legal_basis=_("Legitimate interest (evaluation of a public programme)"),
        )
    )

"""What the library holds about people: documentation requests (matched by e-mail).

Registers with the directory's personal-data registry: export, erasure and the
purge of requests older than the retention period (name, e-mail, message and
reply removed; subject, document and dates stay for the statistics).
"""

from django.utils.translation import gettext_lazy as _

from annuaire.services.personal_data import (
    PersonalDataCategory,
    register,
    register_category,
    register_purge,
    retention_cutoff,
    rows_by_email,
)

ANONYMOUS_VALUES = {"name": "Demandeur anonymisé", "email": "", "message": "", "reply": ""}


def requests_of(person):
    from documentation.models import DocumentationRequest

    return rows_by_email(DocumentationRequest.objects.all(), person)


def export_requests(person):
    return [
        {
            "received": r.created_at,
            "name": r.name,
            "email": r.email,
            "organisation": r.organisation,
            "subject": r.subject,
            "message": r.message,
            "status": r.status,
            "reply": r.reply,
            "replied_at": r.replied_at,
        }
        for r in requests_of(person)
    ]


def erase_requests(person):
    from documentation.models import DocumentationRequest

    pks = list(requests_of(person).values_list("pk", flat=True))
    DocumentationRequest.objects.filter(pk__in=pks).update(**ANONYMOUS_VALUES)


def purge_old_requests(now=None):
    from documentation.models import DocumentationRequest

    old = DocumentationRequest.objects.filter(created_at__lt=retention_cutoff(now)).exclude(
        email=""
    )
    return old.update(**ANONYMOUS_VALUES)


def setup():
    register("documentation_requests", export=export_requests, erase=erase_requests)
    register_purge("documentation_requests", purge_old_requests)
    register_category(
        PersonalDataCategory(
            model="documentation.DocumentationRequest",
            fields=("name", "email", "organisation", "message", "reply"),
            purpose=_("Answering a request for documents or documentation."),
            retention=_(
                "Name, e-mail, message and reply removed after the retention period "
                "(PERSONAL_DATA_RETENTION_YEARS, 3 years by default)."
            ),
            legal_basis=_("Consent (the visitor sends the request)"),
        )
    )

"""Personal data of a person of the directory: export everything, erase on request.

Other apps contribute what they hold about a person through a small registry,
from their ``AppConfig.ready()``::

    from annuaire.services.personal_data import register

    register("registrations", export=registrations_of, erase=anonymise_registrations)

``export(person)`` returns JSON-serialisable data; ``erase(person)`` removes or
anonymises that app's rows and runs inside the erasure's transaction.

``export_person(person)`` returns one dict with everything held: the person's
fields, positions, themes, the output of every registered exporter, and a
generic list of any other row still pointing at the person (so nothing held is
left out, even from an app that forgot to register).

``erase_person(person)`` runs every registered eraser, removes positions and
themes, then deletes the person if no other row points at them, or else keeps
an anonymous row (no name, no contact, no consent, a neutral slug) so those
records keep their link. The admin history is scrubbed of the name. Atomic.

The register of processing (what is kept, why, for how long) is declarative too:
each app declares its ``PersonalDataCategory`` rows with ``register_category``;
the staff page of the admin is built from them. Scheduled purges register with
``register_purge(key, function)``: ``run_purges(now)`` (the ``purge_personal_data``
command and task) calls each ``function(now)``, which returns how many rows it
deleted or anonymised. ``retention_cutoff(now)`` is the moment before which
registrations and support-log entries are anonymised
(``PERSONAL_DATA_RETENTION_YEARS``, 3 by default).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

ERASED_FIRST_NAME = "Personne"
ERASED_LAST_NAME = "effacée"


@dataclass(frozen=True)
class Handler:
    key: str
    export: Callable[[Any], Any] | None = None
    erase: Callable[[Any], None] | None = None


_handlers: dict[str, Handler] = {}


def register(key, export=None, erase=None):
    """Add (or replace) what an app exports and erases about a person."""
    _handlers[key] = Handler(key=key, export=export, erase=erase)


def handlers():
    return list(_handlers.values())


@dataclass(frozen=True)
class PersonalDataCategory:
    """One line of the register: which fields of which model, why, for how long."""

    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    purpose: Any  # lazy text
    retention: Any  # lazy text
    legal_basis: Any = ""

    def model_class(self):
        from django.apps import apps

        return apps.get_model(self.model)

    def field_labels(self):
        opts = self.model_class()._meta
        return [str(opts.get_field(name).verbose_name) for name in self.fields]


_categories: dict[str, PersonalDataCategory] = {}
_purges: dict[str, Callable[[Any], int]] = {}


def register_category(category):
    """Declare (or replace) a line of the register of personal data."""
    _categories[category.model] = category


def categories():
    return list(_categories.values())


def register_purge(key, function):
    """Add (or replace) a scheduled purge: ``function(now)`` returns rows purged."""
    _purges[key] = function


def run_purges(now=None):
    """Run every registered purge; returns {key: rows deleted or anonymised}."""
    now = now or timezone.now()
    return {key: function(now) for key, function in _purges.items()}


def rows_by_email(queryset, person):
    """The rows of ``queryset`` whose ``email`` is the person's, ignoring case (how
    other apps find what they hold about someone who has no link to the directory)."""
    from django.db.models.functions import Lower

    if not person.email:
        return queryset.none()
    return queryset.annotate(email_lower=Lower("email")).filter(email_lower=person.email.lower())


def retention_years():
    return getattr(settings, "PERSONAL_DATA_RETENTION_YEARS", 3)


def retention_cutoff(now=None):
    """Records older than this lose their personal data (the retention period)."""
    now = now or timezone.now()
    years = retention_years()
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def _person_fields(person):
    return {
        "id": person.pk,
        "civility": person.civility,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "phone": person.phone,
        "public_consent": person.public_consent,
        "consent_date": person.consent_date,
        "consent_text": person.consent_text,
        "show_email": person.show_email,
        "show_phone": person.show_phone,
        "public_url": person.get_absolute_url() if person.public_consent else None,
        "created_at": person.created_at,
        "updated_at": person.updated_at,
    }


def _other_links(person, covered):
    """Rows of any model pointing at the person that no handler already described."""
    links = {}
    for rel in type(person)._meta.related_objects:
        label = rel.related_model._meta.label
        if label in covered or not (rel.one_to_many or rel.one_to_one):
            continue
        pks = list(
            rel.related_model._base_manager.filter(**{rel.field.name: person}).values_list(
                "pk", flat=True
            )
        )
        if pks:
            links[label] = pks
    return links


# The models the annuaire's own exporters describe in full.
_COVERED = {"annuaire.Position", "annuaire.SupportEntry"}


def export_person(person):
    """Everything held about ``person``, as a JSON-serialisable dict."""
    data = {
        "exported_at": timezone.now(),
        "person": _person_fields(person),
        "themes": list(person.themes.values_list("name", flat=True)),
    }
    for handler in handlers():
        if handler.export:
            data[handler.key] = handler.export(person)
    data["other_links"] = _other_links(person, _COVERED)
    return data


def _has_remaining_links(person):
    for rel in type(person)._meta.related_objects:
        if rel.many_to_many:
            continue
        if rel.related_model._base_manager.filter(**{rel.field.name: person}).exists():
            return True
    return False


def erase_person(person):
    """Erase ``person`` (see the module docstring). Returns "deleted" or "anonymised"."""
    from annuaire.models import Person

    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        for handler in handlers():
            if handler.erase:
                handler.erase(person)
        person.positions.all().delete()
        person.themes.clear()
        content_type = ContentType.objects.get_for_model(Person)
        history = LogEntry.objects.filter(content_type=content_type, object_id=str(person.pk))
        if not _has_remaining_links(person):
            history.update(object_repr=f"{ERASED_FIRST_NAME} {ERASED_LAST_NAME}", change_message="")
            person.delete()
            return "deleted"
        person.civility = ""
        person.first_name = ERASED_FIRST_NAME
        person.last_name = f"{ERASED_LAST_NAME} n° {person.pk}"
        person.slug = f"personne-effacee-{person.pk}"
        person.email = ""
        person.phone = ""
        person.public_consent = False
        person.consent_date = None
        person.consent_text = ""
        person.show_email = False
        person.show_phone = False
        person.erased_at = timezone.now()
        person.save()
        history.update(object_repr=str(person), change_message="")
        return "anonymised"


# The annuaire's own data: positions and the support log.


def _export_positions(person):
    return [
        {
            "organisation": str(p.organisation),
            "function": p.function,
            "start_date": p.start_date,
            "end_date": p.end_date,
        }
        for p in person.positions.select_related("organisation")
    ]


def _export_support_log(person):
    return [
        {
            "date": e.date,
            "organisation": str(e.organisation) if e.organisation_id else None,
            "kind": e.kind,
            "theme": e.theme.name if e.theme_id else None,
            "notes": e.notes,
            "follow_up_date": e.follow_up_date,
            "follow_up_done": e.follow_up_done,
            "staff_member": e.staff_member.get_username() if e.staff_member_id else None,
        }
        for e in person.support_entries.select_related("organisation", "theme", "staff_member")
    ]


def _purge_support_log(now):
    """Entries older than the retention period keep date, kind, theme and organisation
    (the activity figures) but lose the person and the notes."""
    from annuaire.models import SupportEntry

    cutoff = timezone.localdate(retention_cutoff(now))
    old = SupportEntry.objects.filter(date__lt=cutoff)
    # An entry needs a beneficiary: one given to a person alone moves to the person's
    # organisation when they have one (the figures per kind of organisation stay).
    for entry in old.filter(organisation__isnull=True, person__isnull=False).select_related(
        "person"
    ):
        position = entry.person.positions.select_related("organisation").first()
        if position is not None:
            SupportEntry.objects.filter(pk=entry.pk).update(organisation=position.organisation)
    count = (
        old.filter(organisation__isnull=False)
        .exclude(person__isnull=True, notes="")
        .update(person=None, notes="")
    )
    # Without an organisation the link to the person must stay; the notes go.
    return count + old.filter(organisation__isnull=True).exclude(notes="").update(notes="")


def _erase_support_log(person):
    """Support entries stay (they are the centre's activity figures) but lose the name."""
    names = [n for n in (person.full_name, person.last_name, person.email) if len(n) > 2]
    for entry in person.support_entries.all():
        notes = entry.notes
        for name in names:
            notes = _replace_ignoring_case(notes, name, "[personne effacée]")
        if notes != entry.notes:
            entry.notes = notes
            entry.save(update_fields=["notes"])


def _replace_ignoring_case(text, old, new):
    import re

    return re.sub(re.escape(old), new, text, flags=re.IGNORECASE)


register("positions", export=_export_positions)
register("support_log", export=_export_support_log, erase=_erase_support_log)
register_purge("support_log", _purge_support_log)


def _register_directory_categories():
    from django.utils.translation import gettext_lazy as _

    register_category(
        PersonalDataCategory(
            model="annuaire.Person",
            fields=("civility", "first_name", "last_name", "email", "phone", "consent_date"),
            purpose=_(
                "Directory of the actors of urban policy; the public directory shows only "
                "people who consented, and only the details they ticked."
            ),
            retention=_(
                "As long as the person works in urban policy; erased on request "
                "(admin action “Erase their personal data”)."
            ),
            legal_basis=_("Consent (public directory); legitimate interest (staff directory)"),
        )
    )
    register_category(
        PersonalDataCategory(
            model="annuaire.SupportEntry",
            fields=("person", "notes", "staff_member"),
            purpose=_("Log of the one-to-one support given by the staff (activity report)."),
            retention=_(
                "Person and notes removed after the retention period "
                "(PERSONAL_DATA_RETENTION_YEARS, 3 years by default); date, kind, theme and "
                "organisation stay for the statistics."
            ),
            legal_basis=_("Legitimate interest (public-service mission)"),
        )
    )


_register_directory_categories()

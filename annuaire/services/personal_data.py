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
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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

"""Helpers for the directory's tests: organisations and people made in one line."""

import itertools

import pytest

from annuaire.models import Organisation, Person, Position
from villecaraibe.models import Territory

_counter = itertools.count(1)


def make_organisation(name, commune=None, **fields):
    if isinstance(commune, str):
        commune = Territory.objects.get(kind=Territory.Kind.COMMUNE, name=commune)
    return Organisation.objects.create(name=name, commune=commune, **fields)


def make_person(first_name, last_name, consent=False, organisation=None, function="", **fields):
    fields.setdefault("email", f"person{next(_counter)}@example.org")
    person = Person.objects.create(
        first_name=first_name, last_name=last_name, public_consent=consent, **fields
    )
    if organisation is not None:
        Position.objects.create(
            person=person, organisation=organisation, function=function or "Chargé(e) de mission"
        )
    return person


@pytest.fixture
def staff_client(client, direction_user):
    client.force_login(direction_user)
    return client

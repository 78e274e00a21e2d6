"""Merging duplicates keeps every link of both records."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from actions.models import Action, Programme
from annuaire.models import Organisation, Person, Position, SupportEntry
from annuaire.services.merge import merge
from tests.annuaire.conftest import make_organisation, make_person
from villecaraibe.models import Territory, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(vocabulary):
    """The CACEM entered twice, each copy with its own links."""
    first = make_organisation(
        "Communauté d'agglomération du Centre", "Fort-de-France", acronym="CACEM"
    )
    second = make_organisation(
        "CACEM (doublon)",
        None,
        email="contact@cacem.example.org",
        website="https://cacem.example.org",
    )
    first.themes.add(Theme.objects.get(slug="evaluation"), Theme.objects.get(slug="sante"))
    second.themes.add(Theme.objects.get(slug="sante"), Theme.objects.get(slug="insertion-emploi"))
    second.territories.add(Territory.objects.get(slug="cacem"))
    make_person("Lucienne", "Désir", organisation=first, function="Chargée de mission")
    make_person("Hervé", "Bellay", organisation=second, function="Directeur")
    child = make_organisation("Service politique de la ville", parent=second)
    SupportEntry.objects.create(organisation=second, kind="documentation")
    programme = Programme.objects.create(year=2014, title="Programme 2014")
    action = Action.objects.create(programme=programme, number=1, title="Rencontres")
    action.partners.add(first, second)
    other = Action.objects.create(programme=programme, number=2, title="Bokantaj")
    other.partners.add(second)
    return first, second, child, action, other


def test_merge_keeps_every_link(twins):
    first, second, child, action, other = twins
    kept = merge(first, [second])
    assert not Organisation.objects.filter(pk=second.pk).exists()
    assert {t.slug for t in kept.themes.all()} == {"evaluation", "sante", "insertion-emploi"}
    assert [t.slug for t in kept.territories.all()] == ["cacem"]
    assert {p.person.last_name for p in kept.positions.all()} == {"Désir", "Bellay"}
    assert Organisation.objects.get(pk=child.pk).parent == kept
    assert SupportEntry.objects.get().organisation == kept
    # Many-to-many from another app: re-pointed, never doubled.
    assert list(action.partners.all()) == [kept]
    assert list(other.partners.all()) == [kept]
    # Blank values filled from the duplicate; the kept values win otherwise.
    assert kept.email == "contact@cacem.example.org"
    assert kept.website == "https://cacem.example.org"
    assert kept.name == "Communauté d'agglomération du Centre"
    assert kept.commune.name == "Fort-de-France"


def test_merge_drops_a_parent_link_to_a_merged_duplicate(vocabulary):
    parent = make_organisation("Préfecture")
    child = make_organisation("Préfecture (service)", parent=parent)
    kept = merge(child, [parent])
    assert kept.parent is None
    assert Organisation.objects.count() == 1


def test_merge_people_moves_email_and_consent_as_a_whole(vocabulary):
    org = make_organisation("Ville du Lamentin")
    keep = make_person(
        "Jean-Claude", "Sainte-Rose", email="", organisation=org, function="Coordinateur"
    )
    dup = make_person(
        "J.-C.", "Sainte-Rose", email="jc@example.org", consent=True, show_email=True,
        consent_text="J'accepte.", organisation=org, function="Coordinateur CLSPD",
    )  # fmt: skip
    SupportEntry.objects.create(person=dup, kind="projet")
    kept = merge(keep, [dup])
    assert kept.email == "jc@example.org"  # a unique value taken over from the deleted twin
    assert kept.public_consent and kept.show_email and kept.consent_text == "J'accepte."
    assert kept.consent_date == dup.consent_date
    assert kept.first_name == "Jean-Claude"
    assert Position.objects.filter(person=kept).count() == 2
    assert SupportEntry.objects.get().person == kept
    assert Person.objects.count() == 1


def test_admin_merge_action_confirms_then_merges(client, secretariat_user, twins):
    first, second, *_ = twins
    client.force_login(secretariat_user)
    url = "/admin/annuaire/organisation/"
    data = {"action": "merge_duplicates", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    page = client.post(url, data)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Fiche à conserver" in html and "CACEM (doublon)" in html
    assert Organisation.objects.filter(pk=second.pk).exists()  # nothing done yet

    response = client.post(url, {**data, "confirm": "yes", "keep": second.pk})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=first.pk).exists()
    kept = Organisation.objects.get(pk=second.pk)
    assert kept.positions.count() == 2


def test_admin_merge_refuses_a_single_record_or_a_forged_choice(client, secretariat_user, twins):
    first, second, *_ = twins
    client.force_login(secretariat_user)
    url = "/admin/annuaire/organisation/"
    response = client.post(
        url, {"action": "merge_duplicates", ACTION_CHECKBOX_NAME: [first.pk]}, follow=True
    )
    assert "Sélectionnez au moins deux fiches" in response.content.decode()
    other = make_organisation("Autre")
    response = client.post(
        url,
        {"action": "merge_duplicates", ACTION_CHECKBOX_NAME: [first.pk, second.pk], "confirm": "yes", "keep": other.pk},
    )  # fmt: skip
    assert Organisation.objects.filter(pk__in=[first.pk, second.pk, other.pk]).count() == 3


def test_bureau_cannot_merge(client, bureau_user, twins):
    first, second, *_ = twins
    client.force_login(bureau_user)
    client.post(
        "/admin/annuaire/organisation/",
        {"action": "merge_duplicates", ACTION_CHECKBOX_NAME: [first.pk, second.pk], "confirm": "yes", "keep": first.pk},
    )  # fmt: skip
    assert Organisation.objects.filter(pk=second.pk).exists()

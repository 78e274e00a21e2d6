"""Everything held about a person, exported as JSON; erasure on request."""

import datetime
import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from annuaire.models import Person, Position, SupportEntry
from annuaire.services import personal_data
from annuaire.services.personal_data import erase_person, export_person
from tests.annuaire.conftest import make_organisation, make_person
from villecaraibe.models import Theme

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/annuaire/person/"


@pytest.fixture
def paulette(vocabulary, direction_user):
    org = make_organisation("Ville de Fort-de-France", "Fort-de-France")
    person = make_person(
        "Paulette", "Rosier", consent=True, organisation=org, function="Adulte relais",
        email="paulette@example.org", phone="0696 10 20 30",
    )  # fmt: skip
    person.themes.add(Theme.objects.get(slug="sante"))
    SupportEntry.objects.create(
        person=person,
        organisation=org,
        kind="projet",
        date=datetime.date(2008, 12, 2),
        notes="Rendez-vous avec Paulette Rosier pour le jardin partagé ; Mme ROSIER viendra.",
        staff_member=direction_user,
    )
    LogEntry.objects.log_actions(
        user_id=direction_user.pk, queryset=[person], action_flag=CHANGE, change_message="Modifié"
    )
    return person


def test_export_holds_everything(paulette):
    data = export_person(paulette)
    assert data["person"]["email"] == "paulette@example.org"
    assert data["person"]["public_consent"] is True
    assert data["themes"] == ["Santé"]
    assert data["positions"][0]["function"] == "Adulte relais"
    assert data["support_log"][0]["notes"].startswith("Rendez-vous")
    assert data["support_log"][0]["staff_member"] == "directeur"
    json.dumps(data, default=str)


def test_admin_action_and_button_download_json(client, secretariat_user, paulette):
    client.force_login(secretariat_user)
    response = client.post(
        CHANGELIST, {"action": "export_personal_data", ACTION_CHECKBOX_NAME: [paulette.pk]}
    )
    assert response["Content-Type"].startswith("application/json")
    assert f'filename="personne-{paulette.pk}.json"' in response["Content-Disposition"]
    assert json.loads(response.content)["person"]["last_name"] == "Rosier"

    change = client.get(f"{CHANGELIST}{paulette.pk}/change/").content.decode()
    button = f"{CHANGELIST}{paulette.pk}/donnees-personnelles/"
    assert button in change
    assert json.loads(client.get(button).content)["positions"][0]["organisation"]


def test_export_and_erase_need_their_permissions(client, bureau_user, secretariat_user, paulette):
    client.force_login(bureau_user)
    assert client.get(f"{CHANGELIST}{paulette.pk}/donnees-personnelles/").status_code == 403
    response = client.post(
        CHANGELIST, {"action": "export_personal_data", ACTION_CHECKBOX_NAME: [paulette.pk]}
    )
    assert not response.get("Content-Type", "").startswith("application/json")
    # The secretariat exports but does not erase: that is the direction's decision.
    client.force_login(secretariat_user)
    client.post(
        CHANGELIST,
        {"action": "erase_personal_data", ACTION_CHECKBOX_NAME: [paulette.pk], "confirm": "yes"},
    )
    assert Person.objects.get(pk=paulette.pk).last_name == "Rosier"


def test_erase_anonymises_when_the_support_log_keeps_a_link(client, direction_user, paulette):
    client.force_login(direction_user)
    data = {"action": "erase_personal_data", ACTION_CHECKBOX_NAME: [paulette.pk]}
    confirm_page = client.post(CHANGELIST, data)
    assert "irréversible" in confirm_page.content.decode()
    assert Person.objects.get(pk=paulette.pk).last_name == "Rosier"

    response = client.post(CHANGELIST, {**data, "confirm": "yes"}, follow=True)
    assert "1 personne effacée (0 supprimée, 1 anonymisée" in response.content.decode()
    person = Person.objects.get(pk=paulette.pk)
    assert person.first_name == "Personne" and "Rosier" not in person.last_name
    assert person.email == person.phone == person.consent_text == ""
    assert not person.public_consent and person.consent_date is None
    assert person.erased_at is not None
    assert "rosier" not in person.slug and "rosier" not in person.search_text
    assert not person.themes.exists() and not Position.objects.filter(person=person).exists()
    entry = SupportEntry.objects.get()
    assert entry.person == person  # the row stays, for the year's figures
    assert "Rosier" not in entry.notes and "ROSIER" not in entry.notes
    assert "[personne effacée]" in entry.notes
    content_type = ContentType.objects.get_for_model(Person)
    history = LogEntry.objects.filter(content_type=content_type, object_id=str(person.pk))
    assert history.exists() and not history.filter(object_repr__icontains="rosier").exists()
    # Gone from the public site.
    assert client.get("/annuaire/", {"q": "rosier"}).context["people"] == []


def test_erase_deletes_when_nothing_else_points_at_the_person(vocabulary):
    org = make_organisation("CAF")
    person = make_person("Hervé", "Bellay", organisation=org)
    assert erase_person(person) == "deleted"
    assert not Person.objects.exists()
    assert org.positions.count() == 0


def test_other_apps_can_register_exporters_and_erasers(paulette):
    calls = []
    personal_data.register(
        "test_app", export=lambda p: {"seen": p.last_name}, erase=lambda p: calls.append(p.pk)
    )
    try:
        assert export_person(paulette)["test_app"] == {"seen": "Rosier"}
        erase_person(paulette)
        assert calls == [paulette.pk]
    finally:
        personal_data._handlers.pop("test_app")


def test_erasure_is_atomic(paulette):
    def broken(person):
        raise RuntimeError("disk full")

    personal_data.register("broken", erase=broken)
    try:
        with pytest.raises(RuntimeError):
            erase_person(paulette)
    finally:
        personal_data._handlers.pop("broken")
    paulette.refresh_from_db()
    assert paulette.last_name == "Rosier" and paulette.positions.count() == 1

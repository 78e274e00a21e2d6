"""One person present in every app: exported and erased from ONE admin action,
history included; the register of personal data; the scheduled purges."""

import datetime
import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.utils import timezone

from actions.models import Attendance, Event, Registration, SatisfactionResponse, Session
from annuaire.models import Person, SupportEntry
from annuaire.services.personal_data import categories, erase_person, export_person, run_purges
from documentation.models import DocumentationRequest
from newsletter.models import Subscriber
from tests.annuaire.conftest import make_organisation, make_person

pytestmark = pytest.mark.django_db

EMAIL = "ginette.celestine@example.org"
CHANGELIST = "/admin/annuaire/person/"


def make_event(days_ago=0, **fields):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    event = Event.objects.create(
        title=fields.pop("title", "Journée de qualification"),
        kind="qualification_day",
        start_date=day,
        end_date=day,
        status="published",
        description="<p>Programme</p>",
        **fields,
    )
    session = Session.objects.create(
        event=event, date=day, start_time=datetime.time(9), end_time=datetime.time(16)
    )
    return event, session


@pytest.fixture
def ginette(vocabulary, direction_user):
    """Ginette is in the directory, registered to an event, on the letter's list, asked
    the library for documents and was helped by the staff."""
    org = make_organisation("Ville du Robert", "Le Robert", kind="commune")
    person = make_person(
        "Ginette", "Célestine", consent=True, organisation=org, email=EMAIL, phone="0696 11 22 33"
    )
    SupportEntry.objects.create(
        person=person, organisation=org, kind="projet", notes="Ginette Célestine, projet jardin"
    )
    event, session = make_event(title="Forum des adultes-relais")
    registration = Registration.objects.create(
        event=event,
        first_name="Ginette",
        last_name="Célestine",
        email=EMAIL.upper(),  # typed in capitals: still hers
        function="Adulte-relais",
        accessibility_needs="Fauteuil roulant",
        organisation=org,
        consent=True,
    )
    registration.function = "Médiatrice"  # a second version in the history
    registration.save()
    Attendance.objects.create(registration=registration, session=session)
    SatisfactionResponse.objects.create(
        event=event, registration=registration, rating=4, comments="Très utile"
    )
    subscriber = Subscriber.objects.create(
        email=EMAIL, name="Ginette Célestine", source="form", status="confirmed"
    )
    subscriber.organisation = "Ville du Robert"
    subscriber.save()
    DocumentationRequest.objects.create(
        name="Ginette Célestine", email=EMAIL, subject="Guide adultes-relais", message="Bonjour…"
    )
    # Someone else, who must not be touched.
    Registration.objects.create(
        event=event, first_name="Hervé", last_name="Linval", email="herve@example.org"
    )
    Subscriber.objects.create(email="herve@example.org", source="form", status="confirmed")
    return person


def test_export_covers_every_app(ginette):
    data = export_person(ginette)
    assert data["person"]["email"] == EMAIL
    assert data["support_log"][0]["notes"].startswith("Ginette")
    [registration] = data["registrations"]
    assert registration["event"] == "Forum des adultes-relais"
    assert registration["accessibility_needs"] == "Fauteuil roulant"
    assert registration["sessions_attended"]
    assert registration["satisfaction_comments"] == "Très utile"
    [subscription] = data["subscriptions"]
    assert subscription["status"] == "confirmed"
    [request] = data["documentation_requests"]
    assert request["subject"] == "Guide adultes-relais"
    json.dumps(data, default=str)


def test_one_admin_action_exports_everything(client, secretariat_user, ginette):
    client.force_login(secretariat_user)
    response = client.post(
        CHANGELIST, {"action": "export_personal_data", ACTION_CHECKBOX_NAME: [ginette.pk]}
    )
    data = json.loads(response.content)
    for key in ("registrations", "subscriptions", "documentation_requests", "support_log"):
        assert data[key], key


def test_one_admin_action_erases_everywhere_history_included(client, direction_user, ginette):
    registration = Registration.objects.get(email__iexact=EMAIL)
    assert registration.history.count() == 2
    assert Subscriber.history.filter(email=EMAIL).exists()
    client.force_login(direction_user)
    response = client.post(
        CHANGELIST,
        {"action": "erase_personal_data", ACTION_CHECKBOX_NAME: [ginette.pk], "confirm": "yes"},
    )
    assert response.status_code == 302
    # Directory: anonymised (the support log keeps its link) or deleted.
    assert not Person.objects.filter(email=EMAIL).exists()
    assert "Ginette" not in SupportEntry.objects.get().notes
    # Registration: kept for the figures, without the name; attendance and answer stay.
    registration.refresh_from_db()
    assert (registration.first_name, registration.last_name, registration.email) == (
        "Participant",
        "anonymisé",
        "",
    )
    assert registration.function == "" and registration.accessibility_needs == ""
    assert registration.organisation is not None and registration.attendances.count() == 1
    assert SatisfactionResponse.objects.get().registration == registration
    # …and the history of the registration no longer names her.
    for version in registration.history.all():
        assert version.first_name == "Participant" and version.email == ""
        assert version.function == "" and version.accessibility_needs == ""
    # Newsletter: the address and its whole history are gone.
    assert not Subscriber.objects.filter(email=EMAIL).exists()
    assert not Subscriber.history.filter(email=EMAIL).exists()
    # Library: the request is kept, anonymous.
    request = DocumentationRequest.objects.get()
    assert request.email == "" and "Ginette" not in request.name and request.message == ""
    # Nothing else was touched.
    assert Registration.objects.filter(email="herve@example.org", first_name="Hervé").exists()
    assert Subscriber.objects.filter(email="herve@example.org").exists()
    # Nothing anywhere still holds the address.
    assert (
        EMAIL
        not in json.dumps(
            [
                list(m.objects.values())
                for m in (
                    Registration.history.model,
                    Subscriber.history.model,
                    DocumentationRequest,
                )
            ],
            default=str,
        ).lower()
    )


def test_register_page_lists_every_app(client, direction_user, ginette):
    client.force_login(direction_user)
    page = client.get("/admin/annuaire/person/registre-donnees-personnelles/").content.decode()
    for label in ["Personnes", "Inscriptions", "Abonnés", "Demandes de documentation"]:
        assert label in page, label
    assert "3 ans" in page
    models = {c.model for c in categories()}
    assert {
        "annuaire.Person",
        "annuaire.SupportEntry",
        "actions.Registration",
        "newsletter.Subscriber",
        "documentation.DocumentationRequest",
    } <= models
    # The changelist links to it.
    assert "registre-donnees-personnelles" in client.get(CHANGELIST).content.decode()


def test_purges_anonymise_old_records_and_keep_the_figures(ginette, settings):
    now = timezone.now()
    old_event, _session = make_event(days_ago=4 * 365, title="Séminaire 2022")
    old = Registration.objects.create(
        event=old_event, first_name="Ancien", last_name="Participant", email="ancien@example.org",
        function="Chef de projet", accessibility_needs="Boucle magnétique",
    )  # fmt: skip
    old_entry = SupportEntry.objects.create(
        date=timezone.localdate() - datetime.timedelta(days=4 * 365),
        person=ginette,
        kind="methodologie",
        notes="Conseil à Ginette",
    )
    old_request = DocumentationRequest.objects.create(
        name="Ancien", email="ancien@example.org", subject="Rapport", message="Merci"
    )
    DocumentationRequest.objects.filter(pk=old_request.pk).update(
        created_at=now - datetime.timedelta(days=4 * 365)
    )
    pending = Subscriber.objects.create(email="jamais@example.org", source="form")
    Subscriber.objects.filter(pk=pending.pk).update(created_at=now - datetime.timedelta(days=31))
    fresh = Subscriber.objects.create(email="recent@example.org", source="form")
    counts_before = (Registration.objects.count(), SupportEntry.objects.count())

    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115

    old.refresh_from_db()
    assert old.first_name == "Participant" and old.email == "" and old.function == ""
    assert old.accessibility_needs == ""
    assert old.history.filter(email="ancien@example.org").count() == 0
    old_entry.refresh_from_db()
    assert old_entry.person is None and old_entry.notes == "" and old_entry.kind == "methodologie"
    old_request.refresh_from_db()
    assert old_request.email == "" and old_request.subject == "Rapport"
    assert not Subscriber.objects.filter(pk=pending.pk).exists()
    assert not Subscriber.history.filter(email="jamais@example.org").exists()
    assert Subscriber.objects.filter(pk=fresh.pk).exists()
    # Recent records are untouched; nothing was deleted but the unconfirmed address.
    assert Registration.objects.filter(email__iexact=EMAIL).exists()
    assert (Registration.objects.count(), SupportEntry.objects.count()) == counts_before
    # A second run finds nothing more to do.
    assert set(run_purges().values()) == {0}


def test_retention_period_is_configurable(ginette, settings):
    event, _ = make_event(days_ago=400, title="Il y a plus d'un an")
    registration = Registration.objects.create(
        event=event, first_name="Un", last_name="An", email="un-an@example.org"
    )
    assert run_purges()["registrations"] == 0
    settings.PERSONAL_DATA_RETENTION_YEARS = 1
    assert run_purges()["registrations"] == 1
    registration.refresh_from_db()
    assert registration.email == ""


def test_purge_task_runs_every_purge(ginette, settings):
    from annuaire.tasks import purge_personal_data_task

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    result = purge_personal_data_task.enqueue()
    assert set(result.return_value) >= {
        "registrations",
        "support_log",
        "unconfirmed_subscribers",
        "documentation_requests",
    }


def test_erase_person_without_email_touches_no_registration(vocabulary):
    person = make_person("Sans", "Courriel", email="")
    event, _ = make_event()
    Registration.objects.create(event=event, first_name="Autre", last_name="Personne", email="")
    erase_person(person)
    assert Registration.objects.get().first_name == "Autre"

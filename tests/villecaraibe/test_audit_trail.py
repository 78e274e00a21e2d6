"""Who changed what and when: the audit trail of programmes, evaluations, events,
sessions, registrations, attendance, documents and subscribers, seen from the admin."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from actions.models import Attendance, Evaluation, Event, Registration, Session
from documentation.models import Document
from newsletter.models import Subscriber
from tests.actions.programme_factories import make_action, make_programme

pytestmark = pytest.mark.django_db

AUDITED = [
    "actions.Programme",
    "actions.Action",
    "actions.Evaluation",
    "actions.Event",
    "actions.Session",
    "actions.Registration",
    "actions.Attendance",
    "documentation.Document",
    "newsletter.Subscriber",
]


def saved_by(obj, user, **changes):
    for field, value in changes.items():
        setattr(obj, field, value)
    obj._history_user = user
    obj.save()
    return obj


@pytest.fixture
def records(direction_user):
    programme = make_programme(2014)
    action = make_action(programme, 1)
    evaluation = Evaluation.objects.create(programme=programme, action=action)
    day = datetime.date(2026, 5, 4)
    event = Event.objects.create(
        title="Rencontre des acteurs", kind="meeting", start_date=day, end_date=day,
        description="<p>Rencontre</p>",
    )  # fmt: skip
    session = Session.objects.create(
        event=event, date=day, start_time=datetime.time(9), end_time=datetime.time(12)
    )
    registration = Registration.objects.create(
        event=event, first_name="Rose", last_name="Lubin", email="rose@example.org"
    )
    attendance = Attendance.objects.create(registration=registration, session=session)
    document = Document.objects.create(title="Guide des CLAS", slug="guide-clas")
    subscriber = Subscriber.objects.create(email="rose@example.org", source="form")
    saved_by(programme, direction_user, title="Programme révisé")
    saved_by(evaluation, direction_user, effectiveness="Atteint")
    saved_by(event, direction_user, title="Rencontre des acteurs (reportée)")
    saved_by(session, direction_user, end_time=datetime.time(13))
    saved_by(registration, direction_user, function="Animatrice")
    saved_by(attendance, direction_user)
    saved_by(document, direction_user, title="Guide des CLAS (2e édition)")
    saved_by(subscriber, direction_user, name="Rose Lubin")
    return {
        "actions.Programme": programme,
        "actions.Action": action,
        "actions.Evaluation": evaluation,
        "actions.Event": event,
        "actions.Session": session,
        "actions.Registration": registration,
        "actions.Attendance": attendance,
        "documentation.Document": document,
        "newsletter.Subscriber": subscriber,
    }


@pytest.mark.parametrize("label", AUDITED)
@pytest.mark.allow_lazy_fetch  # simple-history's page loads each version's user
def test_history_is_visible_from_each_record(client, direction_user, bureau_user, records, label):
    obj = records[label]
    opts = obj._meta
    client.force_login(direction_user)
    change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    history_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    assert history_url in change.content.decode()  # the "History" button
    # Bureau reads the history too.
    client.force_login(bureau_user)
    page = client.get(history_url).content.decode()
    if label != "actions.Action":
        assert "directeur" in page  # who
        assert obj.history.count() >= 2  # what: created, then changed
    assert obj.history.first().history_date  # when


def test_an_admin_change_records_its_author(client, secretariat_user, records):
    registration = records["actions.Registration"]
    client.force_login(secretariat_user)
    client.post(
        reverse("admin:actions_registration_changelist"),
        {"action": "cancel_registrations", ACTION_CHECKBOX_NAME: [registration.pk]},
    )
    latest = registration.history.order_by("-history_id").first()
    assert latest.status == "cancelled"
    assert latest.history_user == secretariat_user


def test_historical_tables_exist_for_every_audited_model():
    from django.apps import apps

    for label in AUDITED:
        model = apps.get_model(label)
        assert hasattr(model, "history"), label


def test_ticking_the_attendance_grid_is_in_the_history(client, secretariat_user, records):
    registration = records["actions.Registration"]
    session = records["actions.Session"]
    Attendance.objects.all().delete()
    client.force_login(secretariat_user)
    url = f"/admin/actions/event/{registration.event_id}/presences/"
    client.post(url, {"present": [f"{registration.pk}-{session.pk}"]})
    added = Attendance.history.filter(history_type="+", registration_id=registration.pk).latest(
        "history_id"
    )
    assert added.history_user == secretariat_user
    client.post(url, {})  # untick: the removal is recorded too
    removed = Attendance.history.filter(history_type="-").latest("history_id")
    assert removed.history_user == secretariat_user
    assert not Attendance.objects.exists()

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actions.models import Event, Session

from .conftest import make_event

pytestmark = pytest.mark.django_db


def test_session_must_end_after_it_starts_in_the_database(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            event=event,
            date=event.start_date,
            start_time=datetime.time(14, 0),
            end_time=datetime.time(9, 0),
        )


def test_capacity_cannot_be_negative_in_the_database(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(capacity=-1)


def test_event_cannot_end_before_it_starts(event):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(
            end_date=event.start_date - datetime.timedelta(days=1)
        )


def test_session_outside_its_event_dates_gets_a_clear_message(event):
    session = Session(
        event=event,
        date=event.end_date + datetime.timedelta(days=3),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
    )
    with pytest.raises(ValidationError) as info:
        session.full_clean()
    message = info.value.message_dict["date"][0]
    assert "en dehors des dates de son événement" in message


def test_admin_refuses_a_session_outside_the_event_dates(client, superuser, venue, commune):
    client.force_login(superuser)
    data = {
        "title": "Journée récidive",
        "slug": "journee-recidive",
        "kind": "qualification_day",
        "status": "draft",
        "start_date": "2027-11-06",
        "end_date": "2027-11-06",
        "registration_open": "on",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-0-date": "2027-11-09",
        "sessions-0-start_time": "09:00",
        "sessions-0-end_time": "12:00",
        "sessions-0-venue": venue.pk,
        "speakers-TOTAL_FORMS": "0",
        "speakers-INITIAL_FORMS": "0",
        "event_documents-TOTAL_FORMS": "0",
        "event_documents-INITIAL_FORMS": "0",
        "paper_satisfaction-TOTAL_FORMS": "0",
        "paper_satisfaction-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/actions/event/add/", data)
    assert response.status_code == 200
    assert "en dehors des dates de son événement" in response.content.decode()
    assert not Event.objects.filter(slug="journee-recidive").exists()
    data["sessions-0-date"] = "2027-11-06"
    response = client.post("/admin/actions/event/add/", data)
    assert response.status_code == 302
    assert Event.objects.get(slug="journee-recidive").sessions.count() == 1


def test_half_day_from_the_hours(event):
    session = event.sessions.first()
    assert str(session.half_day) == "journée entière"
    session.end_time = datetime.time(12, 0)
    assert str(session.half_day) == "matin"
    session.start_time, session.end_time = datetime.time(14, 0), datetime.time(17, 0)
    assert str(session.half_day) == "après-midi"


def test_slug_is_unique_and_stable(venue):
    first = make_event(venue, title="Bokantaj")
    second = make_event(venue, title="Bokantaj")
    assert first.slug != second.slug
    first.title = "Autre titre"
    first.save()
    first.refresh_from_db()
    assert first.slug.startswith("bokantaj")

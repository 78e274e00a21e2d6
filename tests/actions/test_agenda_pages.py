"""Public agenda pages: order, filters, query budgets, iCalendar feeds, schema.org data."""

import datetime
import json
import re

import icalendar
import pytest
from django.core.management import call_command
from django.utils import timezone

from actions.models import Event, EventSpeaker, Registration, Session, Venue
from annuaire.models import Organisation, Person
from villecaraibe.models import Territory, Theme

from .conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_events(venue, commune):
    """300 events (half past, half upcoming), each with two sessions, themes and registrations."""
    today = timezone.localdate()
    theme = Theme.objects.create(name="Évaluation", slug="evaluation")
    other_commune = Territory.objects.create(name="Le Lamentin", slug="le-lamentin", kind="commune")
    other_venue = Venue.objects.create(name="Salle Lamentin", commune=other_commune)
    events = Event.objects.bulk_create(
        [
            Event(
                title=f"Événement {i}",
                slug=f"evenement-{i}",
                kind=Event.Kind.SEMINAR if i % 2 else Event.Kind.BOKANTAJ,
                status=Event.Status.PUBLISHED,
                start_date=today + datetime.timedelta(days=i - 150),
                end_date=today + datetime.timedelta(days=i - 149),
                capacity=30,
            )
            for i in range(300)
        ]
    )
    Session.objects.bulk_create(
        [
            Session(
                event=e,
                date=e.start_date + datetime.timedelta(days=d),
                start_time=datetime.time(9),
                end_time=datetime.time(12),
                venue=venue if i % 3 else other_venue,
            )
            for i, e in enumerate(events)
            for d in (0, 1)
        ]
    )
    Event.themes.through.objects.bulk_create(
        [Event.themes.through(event=e, theme=theme) for e in events[::2]]
    )
    Registration.objects.bulk_create(
        [
            Registration(event=e, first_name="A", last_name=str(n), email=f"{n}@ex.org")
            for e in events[140:160]
            for n in range(5)
        ]
    )
    return events


def test_agenda_lists_upcoming_first_then_past(client, many_events, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get("/agenda/")
    assert response.status_code == 200
    page = response.content.decode()
    upcoming = page.index("Événements à venir")
    past = page.index("Événements passés")
    assert upcoming < past
    # Soonest upcoming first; latest past first.
    upcoming_part, past_part = page[upcoming:past], page[past:]
    assert upcoming_part.index("Événement 150<") < upcoming_part.index("Événement 151<")
    assert past_part.index("Événement 148<") < past_part.index("Événement 147<")
    assert "places restantes" in upcoming_part


def test_agenda_filters(client, many_events):
    page = client.get("/agenda/", {"kind": "bokantaj", "commune": "le-lamentin"}).content.decode()
    titles = set(re.findall(r">(Événement \d+)<", page))
    expected = {f"Événement {i}" for i in range(300) if i % 2 == 0 and i % 3 == 0}
    assert titles == expected & titles and titles
    assert "Événement 1<" not in page
    page = client.get("/agenda/", {"theme": "evaluation"}).content.decode()
    assert "Événement 1<" not in page and "Événement 150<" in page
    month = (timezone.localdate() + datetime.timedelta(days=40)).strftime("%Y-%m")
    page = client.get("/agenda/", {"month": month}).content.decode()
    assert "Événement 148<" not in page


def test_agenda_bad_month_gets_a_french_message(client, many_events):
    response = client.get("/agenda/", {"month": "mars"})
    assert response.status_code == 200
    assert "Saisissez un mois au format AAAA-MM" in response.content.decode()


def test_event_page_query_budget_and_content(client, venue, django_assert_max_num_queries):
    event = make_event(venue, n_sessions=5, summary="Cinq jours sur l'évaluation")
    for i in range(40):
        Organisation.objects.create(name=f"Structure {i}")
        person = Person.objects.create(
            first_name="P", last_name=f"N{i}", public_consent=bool(i % 2)
        )
        EventSpeaker.objects.create(event=event, person=person, role=f"rôle {i}")
    event.partners.set(Organisation.objects.all())
    with django_assert_max_num_queries(14):
        response = client.get(event.get_absolute_url())
    page = response.content.decode()
    assert page.count('<tr><th scope="row">') == 5
    assert "P N1, rôle 1" in page
    assert "P N0" not in page and "rôle 0" in page  # no consent: role only
    assert 'id="id_email"' in page and 'for="id_email"' in page


def test_event_page_has_schema_org_data_without_inline_script(client, venue):
    event = make_event(venue, title="Forum </script><script>alert(1)</script>")
    page = client.get(event.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert block, "JSON-LD data block missing"
    data = json.loads(block[1])
    assert data["@type"] == "Event" and data["name"].startswith("Forum </script>")
    assert data["startDate"].endswith("-04:00")
    assert data["location"]["address"]["addressLocality"] == "Fort-de-France"
    assert "<script>alert(1)</script>" not in page


def test_agenda_ics_feed_parses(client, venue):
    event = make_event(venue, n_sessions=3)
    cancelled = make_event(venue, status=Event.Status.CANCELLED, title="Bokantaj annulé")
    make_event(venue, status=Event.Status.DRAFT, title="Brouillon")
    response = client.get("/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    vevents = cal.walk("VEVENT")
    assert len(vevents) == 4
    assert {str(v["SUMMARY"]) for v in vevents} >= {f"{event.title} (1/3)"}
    assert all("Brouillon" not in str(v["SUMMARY"]) for v in vevents)
    first = next(v for v in vevents if str(v["SUMMARY"]) == f"{event.title} (1/3)")
    assert first["DTSTART"].params["TZID"] == "America/Martinique"
    assert first["DTSTART"].dt.utcoffset() == datetime.timedelta(hours=-4)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "America/Martinique"
    cancelled_item = next(v for v in vevents if "annulé" in str(v["SUMMARY"]))
    assert cancelled_item["STATUS"] == "CANCELLED"
    assert cancelled_item["UID"].startswith(f"event-{cancelled.pk}-session-")
    # UIDs are stable across edits.
    uids = {str(v["UID"]) for v in vevents}
    event.title = "Nouveau titre"
    event.save()
    again = icalendar.Calendar.from_ical(client.get("/agenda.ics").content)
    assert {str(v["UID"]) for v in again.walk("VEVENT")} == uids


def test_event_ics_feed(client, venue):
    event = make_event(venue)
    cal = icalendar.Calendar.from_ical(client.get(f"/agenda/{event.slug}.ics").content)
    assert len(cal.walk("VEVENT")) == 1
    draft = make_event(venue, status=Event.Status.DRAFT)
    assert client.get(f"/agenda/{draft.slug}.ics").status_code == 404


def test_home_page_shows_upcoming_events(client, venue, django_assert_max_num_queries):
    make_event(venue, title="Séminaire des acteurs")
    make_event(venue, days_ahead=-30, title="Journée passée")
    with django_assert_max_num_queries(6):
        page = client.get("/").content.decode()
    assert "Séminaire des acteurs" in page and "Journée passée" not in page


def test_demo_loads_the_2008_events(settings):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    evaluation = Event.objects.get(slug="cycle-evaluation-2008")
    assert evaluation.sessions.count() == 5
    assert evaluation.start_date == datetime.date(2008, 9, 22)
    assert evaluation.speakers.get().person.last_name == "Epstein"
    from actions.services.satisfaction import summary_sentence

    assert summary_sentence(evaluation) == "10 retournés : 7 très satisfaits, 3 assez satisfaits"
    assert Event.objects.get(slug="journee-information-clas-2008").reported_participants == 100
    assert Event.objects.filter(start_date__year=2008).count() == 6
    assert Event.objects.filter(start_date__gte=datetime.date(2026, 12, 1)).count() >= 5
    prevention = Event.objects.get(slug="cycle-prevention-delinquance-2008")
    assert {s.venue.commune.name for s in prevention.sessions.all()} == {
        "Le Lamentin",
        "Saint-Joseph",
    }


def test_past_event_lists_its_documents_with_their_downloads(client):
    from datetime import date

    from actions.models import Event, EventDocument
    from documentation.models import Document, DownloadCount

    event = Event.objects.create(
        title="Cycle évaluation",
        kind="qualification_cycle",
        start_date=date(2008, 6, 23),
        end_date=date(2008, 6, 26),
        status=Event.Status.PUBLISHED,
    )
    document = Document.objects.create(title="Comptes rendus du cycle", status="published")
    EventDocument.objects.create(event=event, document=document)
    DownloadCount.objects.create(document=document, month=date(2008, 7, 1), count=100)
    DownloadCount.objects.create(document=document, month=date(2008, 8, 1), count=27)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Comptes rendus du cycle" in html
    assert "127 téléchargements" in html

"""Known data for the dashboard and report tests: the year 2025, fully over."""

import datetime
import itertools

import pytest
from django.utils import timezone

from actions.models import (
    Attendance,
    Event,
    PaperSatisfactionCount,
    Registration,
    SatisfactionResponse,
    Session,
    Venue,
)
from annuaire.models import Organisation, SupportEntry
from documentation.models import Document, DocumentationRequest, DownloadCount
from newsletter.models import Issue, Subscriber
from villecaraibe.models import Territory

YEAR = 2025
_numbers = itertools.count()


def aware(*parts):
    return timezone.make_aware(datetime.datetime(*parts))


def make_event(title, day, venue, *, sessions=1, **values):
    values.setdefault("status", Event.Status.PUBLISHED)
    values.setdefault("kind", Event.Kind.QUALIFICATION_DAY)
    event = Event.objects.create(
        title=title,
        start_date=day,
        end_date=day + datetime.timedelta(days=sessions - 1),
        **values,
    )
    for i in range(sessions):
        Session.objects.create(
            event=event,
            date=day + datetime.timedelta(days=i),
            start_time=datetime.time(8, 30),
            end_time=datetime.time(16, 30),
            venue=venue,
        )
    return event


def register(event, n, *, organisation=None, commune=None, status="confirmed", present=True):
    people = []
    for i in range(n):
        person = Registration.objects.create(
            event=event,
            first_name=f"P{i}",
            last_name=f"{event.pk}-{organisation.pk if organisation else 0}-{status}",
            email=f"p{next(_numbers)}@example.org",
            organisation=organisation,
            commune=commune,
            status=status,
            consent=True,
        )
        if present and status == "confirmed":
            for session in event.sessions.all():
                Attendance.objects.create(registration=person, session=session)
        people.append(person)
    return people


@pytest.fixture
def known_year(db):
    """2025: two events held (12 and 5 present), one draft, one event of 2024; known
    registrations by commune and kind; downloads, support, requests, issues, subscribers."""
    fdf = Territory.objects.create(name="Fort-de-France", slug="fdf", kind="commune")
    lamentin = Territory.objects.create(name="Le Lamentin", slug="lamentin", kind="commune")
    venue = Venue.objects.create(name="CNFPT", commune=fdf)
    assoc = Organisation.objects.create(name="Association Lakou", kind="association", commune=fdf)
    epci = Organisation.objects.create(name="CACEM", kind="epci", commune=fdf)

    cycle = make_event("Cycle évaluation 2025", datetime.date(YEAR, 3, 10), venue, sessions=2)
    register(cycle, 7, organisation=assoc, commune=fdf)
    register(cycle, 5, organisation=epci, commune=lamentin)
    register(cycle, 2, organisation=assoc, commune=fdf, status="cancelled")
    journee = make_event("Journée récidive 2025", datetime.date(YEAR, 6, 5), venue)
    register(journee, 3, commune=lamentin)  # not in the directory
    register(journee, 2, organisation=epci)  # no commune given
    register(journee, 1, organisation=epci, commune=fdf, present=False)  # registered, absent
    SatisfactionResponse.objects.create(event=journee, rating=4)
    PaperSatisfactionCount.objects.create(event=journee, rating=3, count=2)
    make_event("Brouillon 2025", datetime.date(YEAR, 9, 1), venue, status=Event.Status.DRAFT)
    old = make_event("Forum 2024", datetime.date(YEAR - 1, 5, 1), venue)
    register(old, 4, organisation=assoc, commune=fdf)

    documents = [
        Document.objects.create(title=f"Document {i}", slug=f"doc-{i}", status="published")
        for i in range(12)
    ]
    for i, document in enumerate(documents):
        DownloadCount.objects.create(
            document=document, month=datetime.date(YEAR, 2, 1), count=i + 1
        )
        DownloadCount.objects.create(document=document, month=datetime.date(YEAR, 3, 1), count=10)
        DownloadCount.objects.create(
            document=document, month=datetime.date(YEAR - 1, 3, 1), count=100
        )
    SupportEntry.objects.create(date=datetime.date(YEAR, 2, 3), organisation=assoc, kind="projet")
    SupportEntry.objects.create(date=datetime.date(YEAR, 4, 3), organisation=epci, kind="projet")
    SupportEntry.objects.create(
        date=datetime.date(YEAR - 1, 4, 3), organisation=epci, kind="documentation"
    )
    request = DocumentationRequest.objects.create(
        name="Line", email="line@example.org", subject="CLAS", message="?"
    )
    DocumentationRequest.objects.filter(pk=request.pk).update(created_at=aware(YEAR, 5, 2))
    Issue.objects.create(
        number=101, date=datetime.date(YEAR, 1, 15), subject="n°101", status="sent"
    )
    Issue.objects.create(
        number=102, date=datetime.date(YEAR, 2, 1), subject="n°102", status="draft"
    )
    # Subscribers: 3 confirmed in January, 1 in March who left in July, 1 pending.
    for i in range(3):
        Subscriber.objects.create(
            email=f"s{i}@example.org",
            status="confirmed",
            source="form",
            created_at=aware(YEAR, 1, 2),
            confirmed_at=aware(YEAR, 1, 3),
        )
    Subscriber.objects.create(
        email="gone@example.org",
        status="unsubscribed",
        source="form",
        created_at=aware(YEAR, 3, 2),
        confirmed_at=aware(YEAR, 3, 3),
        unsubscribed_at=aware(YEAR, 7, 10),
    )
    Subscriber.objects.create(
        email="pending@example.org", status="pending", source="form", created_at=aware(YEAR, 4, 1)
    )
    return {
        "cycle": cycle,
        "journee": journee,
        "fdf": fdf,
        "lamentin": lamentin,
        "assoc": assoc,
        "epci": epci,
        "documents": documents,
    }

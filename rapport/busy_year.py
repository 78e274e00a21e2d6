"""A busy year made up in bulk, for the report's benchmark and query-count tests.

``seed_year(year, events=100, registrations=20)`` creates a validated programme, that
many published events (two sessions each, a speaker, partners), confirmed
registrations with presences, and satisfaction answers; a few bulk queries per
kind of row, so a hundred events take seconds. Not idempotent: run it on a year
that has no data.
"""

import datetime

from actions.models import (
    Action,
    Attendance,
    Event,
    EventSpeaker,
    Programme,
    Registration,
    SatisfactionResponse,
    Session,
    Venue,
)
from annuaire.models import Organisation, Person
from villecaraibe.models import Territory

KINDS = ["commune", "association", "etat", "epci", "etablissement"]


def _commune(name):
    commune = Territory.objects.filter(kind=Territory.Kind.COMMUNE, name=name).first()
    if commune is None:
        commune = Territory.objects.create(
            name=name, slug=f"{name.lower().replace(' ', '-')}-scale", kind=Territory.Kind.COMMUNE
        )
    return commune


def seed_year(year, events=100, registrations=20):
    communes = [_commune(name) for name in ("Fort-de-France", "Le Lamentin", "Schœlcher")]
    organisations = [
        Organisation.objects.create(
            name=f"Structure {year}-{i}", kind=KINDS[i % len(KINDS)], commune=communes[i % 3]
        )
        for i in range(10)
    ]
    venue, _ = Venue.objects.get_or_create(name=f"Salle {year}", commune=communes[0])
    speaker = Person.objects.create(first_name="Rose", last_name=f"Intervenante {year}")
    programme = Programme.objects.create(
        year=year, title=f"Programme d'actions {year}", status=Programme.Status.VALIDATED
    )
    actions = Action.objects.bulk_create(
        Action(programme=programme, number=n, title=f"Action {n}", status=Action.Status.DONE)
        for n in range(1, 11)
    )
    start = datetime.date(year, 1, 5)
    created = Event.objects.bulk_create(
        Event(
            title=f"Journée {n + 1} de {year}",
            slug=f"journee-{n + 1}-{year}-scale",
            kind=Event.Kind.QUALIFICATION_DAY,
            status=Event.Status.PUBLISHED,
            start_date=start + datetime.timedelta(days=3 * n),
            end_date=start + datetime.timedelta(days=3 * n + 1),
            action=actions[n % len(actions)],
        )
        for n in range(events)
    )
    sessions = Session.objects.bulk_create(
        Session(
            event=event,
            date=event.start_date + datetime.timedelta(days=day),
            start_time=datetime.time(8, 30),
            end_time=datetime.time(16, 30),
            venue=venue,
        )
        for event in created
        for day in (0, 1)
    )
    EventSpeaker.objects.bulk_create(
        EventSpeaker(event=event, person=speaker, role="intervenante") for event in created
    )
    Partners = Event.partners.through
    Partners.objects.bulk_create(
        Partners(event_id=event.pk, organisation_id=organisations[i % 10].pk)
        for i, event in enumerate(created)
    )
    people = Registration.objects.bulk_create(
        Registration(
            event=event,
            first_name=f"P{i}",
            last_name=f"Participant {event.pk}",
            email=f"p{i}.{event.pk}@example.org",
            organisation=organisations[i % 10],
            commune=communes[i % 3],
            consent=True,
        )
        for event in created
        for i in range(registrations)
    )
    sessions_of = {}
    for session in sessions:
        sessions_of.setdefault(session.event_id, []).append(session)
    Attendance.objects.bulk_create(
        Attendance(registration=person, session=session)
        for i, person in enumerate(people)
        if i % 5  # four in five came
        for session in sessions_of[person.event_id]
    )
    SatisfactionResponse.objects.bulk_create(
        SatisfactionResponse(event_id=person.event_id, registration=person, rating=3 + i % 2)
        for i, person in enumerate(people)
        if i % 3 == 0
    )
    return programme

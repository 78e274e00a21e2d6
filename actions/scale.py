"""Scale dataset for the agenda: 5,000 events and 100,000 registrations at factor 1.

Events of every kind from 2005 to next year, each with one session (a venue per
commune), themes, a territory and a partner; registrations of professionals from
the directory's organisations, mostly confirmed, some on the waiting list or
cancelled. bulk_create by batches, no signal.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from actions.models import Event, Registration, Session, Venue
from annuaire.models import Organisation
from annuaire.scale import FIRST_NAMES, FUNCTIONS, LAST_NAMES
from villecaraibe.models import Territory, Theme
from villecaraibe.scale import BATCH_SIZE, rng, run_token, scaled

SEEDED_MODELS = [Event, Registration]

TITLES = {
    "information_day": "Journée d'information : {t}",
    "qualification_day": "Journée de qualification sur {t}",
    "qualification_cycle": "Cycle de qualification : {t}",
    "action_training": "Formation-action : {t}",
    "meeting": "Rencontre des acteurs : {t}",
    "seminar": "Séminaire régional sur {t}",
    "forum": "Forum {t}",
    "practice_workshop": "Atelier d'échange de pratiques : {t}",
    "working_group": "Groupe de travail : {t}",
    "bokantaj": "Bokantaj : {t}",
    "network_meeting": "Réunion du réseau des chefs de projet : {t}",
}
SUBJECTS = [
    "l'évaluation des CUCS", "la prévention de la délinquance", "la réussite éducative",
    "la rénovation urbaine", "l'insertion et l'emploi des jeunes", "l'habitat insalubre",
    "la santé dans les quartiers", "la participation des habitants", "la parentalité",
    "le commerce de proximité", "la médiation sociale", "le contrat de ville",
    "la gestion urbaine de proximité", "la vie associative", "l'observation territoriale",
]  # fmt: skip


def seed(factor, stdout):
    r = rng("actions")
    token = run_token()
    communes = list(Territory.objects.communes())
    themes = list(Theme.objects.all())
    organisation_ids = list(Organisation.objects.values_list("pk", flat=True))
    venues = Venue.objects.bulk_create(
        [
            Venue(name=f"Salle polyvalente {token}", address="Place de la mairie", commune=c)
            for c in communes
        ]
    )
    today = timezone.localdate()
    kinds = list(TITLES)
    events = []
    for i in range(scaled(5000, factor)):
        kind = r.choice(kinds)
        start = datetime.date(2005, 1, 1) + datetime.timedelta(
            days=r.randint(0, (today - datetime.date(2005, 1, 1)).days + 365)
        )
        days = 1 if kind != "qualification_cycle" else r.randint(2, 4)
        title = TITLES[kind].format(t=r.choice(SUBJECTS))
        status = r.choices(["published", "draft", "cancelled"], [90, 6, 4])[0]
        events.append(
            Event(
                title=title,
                slug=f"{slugify(title)[:80]}-{start:%Y}-{token}-{i}",
                kind=kind,
                summary=f"{title}, pour les professionnels de la politique de la ville.",
                description=f"<p>{title}. Programme, intervenants et inscription en ligne.</p>",
                audience="Chefs de projet, agents des collectivités, associations",
                start_date=start,
                end_date=start + datetime.timedelta(days=days - 1),
                capacity=r.choice([None, 30, 40, 60, 80, 120]),
                status=status,
            )
        )
    events = Event.objects.bulk_create(events, batch_size=BATCH_SIZE)
    sessions = Session.objects.bulk_create(
        [
            Session(
                event=e,
                date=e.start_date + datetime.timedelta(days=d),
                start_time=datetime.time(8, 30),
                end_time=datetime.time(16, 30) if r.random() < 0.6 else datetime.time(12, 30),
                venue=r.choice(venues) if venues else None,
            )
            for e in events
            for d in range((e.end_date - e.start_date).days + 1)
        ],
        batch_size=BATCH_SIZE,
    )
    links = [
        (Event.themes.through, "theme", themes, 2),
        (Event.territories.through, "territory", communes, 1),
    ]
    for through, field, choices, k in links:
        if choices:
            through.objects.bulk_create(
                (
                    through(event=e, **{field: c})
                    for e in events
                    for c in r.sample(choices, min(k, len(choices)))
                ),
                batch_size=BATCH_SIZE * 5,
            )
    if organisation_ids:
        through = Event.partners.through
        through.objects.bulk_create(
            (through(event=e, organisation_id=r.choice(organisation_ids)) for e in events),
            batch_size=BATCH_SIZE * 5,
        )

    now = timezone.now()
    registrations = 0
    target = scaled(100_000, factor)
    statuses = ["confirmed", "waitlisted", "cancelled"]
    batch = []
    for i in range(target):
        event = events[i % len(events)]
        first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
        in_directory = organisation_ids and r.random() < 0.6
        status = r.choices(statuses, [85, 8, 7])[0]
        batch.append(
            Registration(
                event=event,
                first_name=first,
                last_name=last,
                email=f"{slugify(first)}.{slugify(last)}.{i}.{token}@exemple.mq",
                organisation_id=r.choice(organisation_ids) if in_directory else None,
                organisation_name="" if in_directory else "Association de quartier",
                function=r.choice(FUNCTIONS),
                commune=r.choice(communes) if communes else None,
                consent=True,
                consent_at=now,
                status=status,
                cancelled_at=now if status == "cancelled" else None,
            )
        )
        if len(batch) == BATCH_SIZE * 5:
            registrations += len(Registration.objects.bulk_create(batch, batch_size=BATCH_SIZE))
            batch = []
    registrations += len(Registration.objects.bulk_create(batch, batch_size=BATCH_SIZE))
    stdout.write(
        f"  actions: {len(events)} events, {len(sessions)} sessions, {registrations} registrations"
    )

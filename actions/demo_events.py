"""Demo agenda: the six events of 2008 as the activity report tells them, and upcoming
events drawn from the 2014 programme. Idempotent (update_or_create on slugs)."""

import datetime as dt

from django.db.models import Q
from django.utils.text import slugify

from actions.models import (
    Action,
    Event,
    EventDocument,
    EventSpeaker,
    PaperSatisfactionCount,
    Rating,
    Registration,
    Session,
    Venue,
)
from annuaire.models import Organisation, Person
from documentation.models import Document
from villecaraibe.models import Territory, Theme

K = Event.Kind

# (acronym, name, kind)
ORGANISATIONS = {
    "CAF": ("Caisse d'allocations familiales de la Martinique", "etablissement"),
    "CACEM": ("Communauté d'agglomération du Centre de la Martinique", "epci"),
    "CDC": ("Caisse des dépôts", "etablissement"),
    "ADEM": ("ADEM", "association"),
    "CCIM": ("Chambre de commerce et d'industrie de la Martinique", "entreprise"),
    "ACSé": ("Agence nationale pour la cohésion sociale et l'égalité des chances", "etat"),
    "SPIP": ("Service pénitentiaire d'insertion et de probation", "etat"),
    "CNFPT": ("Centre national de la fonction publique territoriale", "etablissement"),
    "AFPA": (
        "Association nationale pour la formation professionnelle des adultes",
        "etablissement",
    ),
    "Préfecture": ("Préfecture de la Martinique — bureau de la politique de la ville", "etat"),
    "CCNM": ("Communauté des communes du Nord de la Martinique", "epci"),
}

SPEAKERS = {
    "kossman": ("F.", "Kossman"),
    "chambron": ("Nicole", "Chambron"),
    "epstein": ("R.", "Epstein"),
}

# (key, name, address, commune name)
VENUES = {
    "new-world": ("Restaurant New World", "", "Fort-de-France"),
    "squash": ("Squash Hôtel", "", "Fort-de-France"),
    "afpa": ("École hôtelière, AFPA Batelière", "La Batelière", "Schœlcher"),
    "lamentin": ("Le Lamentin (lieu décentralisé)", "", "Le Lamentin"),
    "saint-joseph": ("Saint-Joseph (lieu décentralisé)", "", "Saint-Joseph"),
    "cnfpt": ("CNFPT — délégation de la Martinique", "", "Fort-de-France"),
    "fjt": ("Foyer des jeunes travailleurs", "", "Fort-de-France"),
    "varangue": (
        "Centre de ressources, salle de réunion",
        "Immeuble La Varangue, 36 boulevard Amilcar Cabral",
        "Fort-de-France",
    ),
}

DAY = (dt.time(8, 30), dt.time(16, 30))
EVENING = (dt.time(17, 0), dt.time(19, 0))

EVENTS = [
    {
        "slug": "journee-information-clas-2008",
        "title": "Journée d'information collective CLAS",
        "kind": K.INFORMATION_DAY,
        "summary": "Présenter le dispositif CLAS aux porteurs de projets et échanger sur les "
        "projets en cours et la méthodologie attendue.",
        "themes": ["reussite-educative"],
        "partners": ["Préfecture", "CAF"],
        "reported_participants": 100,
        "staff_days": 2,
        "sessions": [(dt.date(2008, 4, 2), DAY, "", "new-world", 100)],
        "documents": [
            (
                "compte_rendu",
                "Compte rendu — journée d'information CLAS 2008",
                "cr-journee-information-clas-2008",
            )
        ],
    },
    {
        "slug": "commerce-renouvellement-urbain-2008",
        "title": "Les enjeux du commerce dans les opérations de renouvellement urbain",
        "kind": K.ACTION_TRAINING,
        "summary": "Contexte, conditions de succès, acteurs et partenariats des pôles "
        "commerciaux ; échanges sur les opérations en cours.",
        "audience": "Acteurs de la rénovation urbaine, de la politique de la ville et de "
        "l'aménagement urbain",
        "themes": ["renovation-urbaine", "developpement-economique"],
        "partners": ["CACEM", "CDC", "ADEM", "CCIM"],
        "speakers": [("kossman", "expert ANRU")],
        "reported_participants": 20,
        "sessions": [(dt.date(2008, 4, 10), DAY, "", "squash", 20)],
        "documents": [
            (
                "dossier_participants",
                "Dossier de participants — commerce et renouvellement urbain",
                "dossier-participants-commerce-renouvellement-urbain",
            )
        ],
    },
    {
        "slug": "rencontre-territoires-outils-acteurs-2008",
        "title": "Rencontre « Territoires, outils et acteurs de la politique de la ville »",
        "kind": K.MEETING,
        "summary": "Présenter le Centre de ressources, son bureau, son positionnement et ses "
        "missions, et fédérer les acteurs du développement social urbain martiniquais.",
        "themes": ["contrat-de-ville"],
        "partners": ["ACSé", "CACEM", "CCNM", "AFPA"],
        "reported_participants": 61,
        "sessions": [
            (
                dt.date(2008, 5, 16),
                DAY,
                "Retour sur les rencontres territoriales et le Plan Espoir banlieues ; "
                "présentations de structures et d'expériences",
                "afpa",
                61,
            )
        ],
        "documents": [
            (
                "compte_rendu",
                "Compte rendu — rencontre Territoires, outils et acteurs 2008",
                "cr-rencontre-territoires-outils-acteurs-2008",
            ),
            (
                "dossier_participants",
                "Dossier participant — rencontre des acteurs 2008",
                "dossier-participants-rencontre-territoires-2008",
            ),
        ],
    },
    {
        "slug": "cycle-prevention-delinquance-2008",
        "title": "Cycle de qualification prévention de la délinquance",
        "kind": K.QUALIFICATION_CYCLE,
        "summary": "Échange de pratiques, qualification et mise en réseau des chefs de projets "
        "prévention de la délinquance / CLS / CLSPD à l'échelle départementale.",
        "audience": "Chefs de projets prévention de la délinquance, CLS et CLSPD",
        "themes": ["prevention-delinquance"],
        "speakers": [("chambron", "sociologue, co-animatrice")],
        "sessions": [
            (
                dt.date(2008, 6, 24),
                DAY,
                "Le nouveau cadre réglementaire (loi de 2007)",
                "lamentin",
                30,
            ),
            (
                dt.date(2008, 6, 25),
                DAY,
                "École, parentalité et prévention de la délinquance",
                "saint-joseph",
                30,
            ),
            (dt.date(2008, 6, 26), DAY, "Le partenariat Police / Ville / Justice", "lamentin", 30),
        ],
        "documents": [
            (
                "compte_rendu",
                "Comptes rendus — cycle prévention de la délinquance 2008",
                "cr-cycle-prevention-delinquance-2008",
            )
        ],
    },
    {
        "slug": "cycle-evaluation-2008",
        "title": "Cycle de qualification sur l'évaluation de la politique de la ville",
        "kind": K.QUALIFICATION_CYCLE,
        "summary": "Une semaine de formation-action sur l'évaluation, à partir des attentes des "
        "chefs de projets recensées dans un cahier des charges.",
        "audience": "Chefs de projets CUCS et CLS, acteurs de la politique de la ville",
        "themes": ["evaluation", "contrat-de-ville"],
        "partners": ["CNFPT"],
        "speakers": [("epstein", "sociologue, expert de la politique de la ville")],
        "reported_participants": 51,
        "sessions": [
            (
                dt.date(2008, 9, 22),
                DAY,
                "Techniques et théorie de l'évaluation ; 25 ans d'évaluation de la politique de la ville",
                "cnfpt",
                50,
            ),
            (dt.date(2008, 9, 23), DAY, "Échanges d'expériences entre les deux CUCS", "cnfpt", 50),
            (dt.date(2008, 9, 24), DAY, "Évaluation et prévention de la délinquance", "fjt", 50),
            (
                dt.date(2008, 9, 25),
                DAY,
                "Porteurs de projets et conseils méthodologiques",
                "fjt",
                50,
            ),
            (
                dt.date(2008, 9, 26),
                DAY,
                "Accompagnement individualisé des deux équipes CUCS",
                "cnfpt",
                None,
            ),
        ],
        "paper_satisfaction": {Rating.VERY_SATISFIED: 7, Rating.FAIRLY_SATISFIED: 3},
        "documents": [
            (
                "dossier_participants",
                "Dossier de participants — cycle évaluation 2008",
                "dossier-participants-cycle-evaluation-2008",
            ),
            (
                "compte_rendu",
                "Comptes rendus — cycle de qualification évaluation 2008",
                "cr-cycle-qualification-evaluation-2008",
            ),
        ],
    },
    {
        "slug": "prevention-recidive-2008",
        "title": "Journée de qualification collective sur la prévention de la récidive",
        "kind": K.QUALIFICATION_DAY,
        "summary": "Échange de pratiques entre les acteurs de la préparation à la sortie des "
        "détenus et les chefs de projets prévention de la récidive.",
        "themes": ["prevention-delinquance"],
        "partners": ["SPIP"],
        "reported_participants": 30,
        "sessions": [(dt.date(2008, 11, 6), DAY, "", None, 30)],
        "documents": [
            (
                "compte_rendu",
                "Compte rendu — prévention de la récidive 2008",
                "cr-prevention-recidive-2008",
            )
        ],
    },
    # Upcoming, drawn from the 2014 programme.
    {
        "slug": "bokantaj-memoire-du-quartier-2026",
        "title": "Bokantaj K'fèt : la mémoire du quartier",
        "kind": K.BOKANTAJ,
        "action": 11,
        "summary": "Café-débat ouvert aux habitants : échanges dans un cadre moins formel sur "
        "la mémoire des quartiers.",
        "audience": "Habitants, associations, professionnels des quartiers",
        "themes": ["participation-habitants", "lien-social-culture"],
        "capacity": 40,
        "sessions": [(dt.date(2026, 12, 10), EVENING, "", "varangue", None)],
    },
    {
        "slug": "seminaire-acteurs-politique-de-la-ville-2027",
        "title": "Séminaire des acteurs de la politique de la ville en Martinique",
        "kind": K.SEMINAR,
        "action": 3,
        "summary": "Enjeux et problématiques, géographie prioritaire et contrats de ville : "
        "restitution des travaux et orientations pour l'année.",
        "themes": ["contrat-de-ville"],
        "partners": ["CACEM", "Préfecture"],
        "capacity": 120,
        "sessions": [(dt.date(2027, 1, 21), DAY, "", "afpa", None)],
    },
    {
        "slug": "rassemblements-jeunes-espace-public-2027",
        "title": "Les rassemblements de jeunes dans l'espace public",
        "kind": K.QUALIFICATION_DAY,
        "action": 4,
        "summary": "Journée de qualification collective et de capitalisation des expériences, "
        "issue du groupe de travail de personnes ressources.",
        "themes": ["prevention-delinquance"],
        "capacity": 60,
        "sessions": [(dt.date(2027, 2, 11), DAY, "", "cnfpt", None)],
    },
    {
        "slug": "atelier-adultes-relais-2027",
        "title": "Atelier d'échanges de pratiques des adultes relais",
        "kind": K.PRACTICE_WORKSHOP,
        "action": 7,
        "summary": "Cas pratiques et intervenants, dans le cadre du plan de professionnalisation.",
        "themes": ["lien-social-culture"],
        "capacity": 25,
        "sessions": [
            (dt.date(2027, 2, 25), (dt.time(8, 30), dt.time(12, 30)), "", "varangue", None)
        ],
    },
    {
        "slug": "cycle-approche-integree-projets-urbains-2027",
        "title": "Cycle de qualification : l'approche intégrée des projets urbains",
        "kind": K.QUALIFICATION_CYCLE,
        "action": 9,
        "summary": "Des quartiers à la ville : expériences transférables, étapes, financements, "
        "pilotage, mobilisation du droit commun, évaluation.",
        "themes": ["renovation-urbaine", "developpement-durable"],
        "capacity": 50,
        "sessions": [
            (
                dt.date(2027, 3, 9),
                DAY,
                "Des quartiers à la ville ; expériences transférables",
                "cnfpt",
                None,
            ),
            (
                dt.date(2027, 3, 10),
                DAY,
                "Étapes, financements et partenaires, pilotage",
                "cnfpt",
                None,
            ),
            (dt.date(2027, 3, 11), DAY, "Droit commun et évaluation", "cnfpt", None),
        ],
    },
    {
        "slug": "forum-developpement-economique-quartiers-2027",
        "title": "Forum : développement économique et création d'emploi dans les quartiers",
        "kind": K.FORUM,
        "action": 6,
        "summary": "Identifier les problématiques, repérer les réponses et les acteurs, formuler "
        "des orientations, avec les institutions, les entreprises et les chambres consulaires.",
        "themes": ["developpement-economique", "insertion-emploi"],
        "partners": ["CCIM", "CACEM", "CDC"],
        "capacity": 80,
        "registration_deadline": dt.date(2027, 4, 8),
        "sessions": [(dt.date(2027, 4, 15), DAY, "", "afpa", None)],
    },
]


# A few registrations so the staff pages have something to show (addresses on example.org).
DEMO_REGISTRATIONS = {
    "seminaire-acteurs-politique-de-la-ville-2027": [
        ("Line", "Éloi", "CACEM", "Cheffe de projet CUCS"),
        ("Marc", "Joseph", "Préfecture", "Délégué du préfet"),
        ("Rose", "Anatole", "CAF", "Conseillère technique"),
        ("Jules", "Bellay", "CCIM", "Chargé de mission développement économique"),
        ("Nadia", "Célestine", "", "Coordinatrice CLSPD, Ville du Lamentin"),
    ],
}


def _organisation(acronym):
    name, kind = ORGANISATIONS[acronym]
    found = Organisation.objects.filter(Q(acronym__iexact=acronym) | Q(name__iexact=name)).first()
    if found:
        return found
    return Organisation.objects.create(
        name=name, acronym=acronym if acronym != name else "", kind=kind
    )


def _speaker(key):
    first, last = SPEAKERS[key]
    person = Person.objects.filter(first_name=first, last_name=last).first()
    if person is None:
        person = Person.objects.create(
            first_name=first,
            last_name=last,
            public_consent=True,
            consent_text="Intervenant d'un événement public du Centre de ressources (rapport 2008).",
        )
    return person


def _venue(key):
    if key is None:
        return None
    name, address, commune_name = VENUES[key]
    commune = Territory.objects.communes().get(name=commune_name)
    venue, _ = Venue.objects.update_or_create(
        name=name, commune=commune, defaults={"address": address}
    )
    return venue


def _document(kind, title, year, slug=None):
    """The library's record of the document when the library demo has it (so its
    downloads count for the event and its action), else one made from the title."""
    document = Document.objects.filter(slug=slug).first() if slug else None
    document = document or Document.objects.filter(title=title).first()
    if document is None:
        document = Document.objects.create(
            title=title, kind=kind, year=year, status=Document.Status.PUBLISHED
        )
    return document


def load_events(stdout):
    themes = {t.slug: t for t in Theme.objects.all()}
    for spec in EVENTS:
        sessions = spec["sessions"]
        action = None
        if spec.get("action"):
            action = Action.objects.filter(programme__year=2014, number=spec["action"]).first()
        event, _ = Event.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "kind": spec["kind"],
                "summary": spec.get("summary", ""),
                "audience": spec.get("audience", ""),
                "start_date": sessions[0][0],
                "end_date": sessions[-1][0],
                "capacity": spec.get("capacity"),
                "registration_deadline": spec.get("registration_deadline"),
                "status": Event.Status.PUBLISHED,
                "staff_days": spec.get("staff_days"),
                "reported_participants": spec.get("reported_participants"),
                "action": action,
            },
        )
        event.themes.set([themes[s] for s in spec.get("themes", []) if s in themes])
        event.partners.set([_organisation(a) for a in spec.get("partners", [])])
        event.territories.set(
            {v.commune for v in (_venue(s[3]) for s in sessions) if v is not None}
        )
        for order, (key, role) in enumerate(spec.get("speakers", [])):
            EventSpeaker.objects.update_or_create(
                event=event, person=_speaker(key), defaults={"role": role, "position": order}
            )
        for day, (start, end), theme, venue_key, reported in sessions:
            Session.objects.update_or_create(
                event=event,
                date=day,
                start_time=start,
                defaults={
                    "end_time": end,
                    "theme": theme,
                    "venue": _venue(venue_key),
                    "reported_attendance": reported,
                },
            )
        for rating, count in spec.get("paper_satisfaction", {}).items():
            PaperSatisfactionCount.objects.update_or_create(
                event=event, rating=rating, defaults={"count": count}
            )
        for order, (kind, title, *slug) in enumerate(spec.get("documents", [])):
            EventDocument.objects.update_or_create(
                event=event,
                document=_document(kind, title, event.start_date.year, *slug),
                defaults={"position": order},
            )
    _load_registrations()
    stdout.write(f"  agenda: {len(EVENTS)} events")


def _load_registrations():
    for slug, people in DEMO_REGISTRATIONS.items():
        event = Event.objects.get(slug=slug)
        for first, last, acronym, function in people:
            organisation = _organisation(acronym) if acronym else None
            registration, created = Registration.objects.update_or_create(
                event=event,
                email=f"{slugify(first)}.{slugify(last)}@example.org",
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "organisation": organisation,
                    "organisation_name": "" if organisation else function.split(", ")[-1],
                    "commune": organisation.commune if organisation else None,
                    "function": function,
                    "consent": True,
                },
            )
            if created:
                registration.sessions.set(event.sessions.all())

"""Scale dataset for the directory: 5,000 organisations and 20,000 people at factor 1.

Organisations of every kind across the communes of Martinique, people with a
position each (a few with two), about half with public consent. Written with
bulk_create; the folded ``search_text`` columns are filled as save() would.
"""

from django.utils import timezone
from django.utils.text import slugify

from annuaire.models import Organisation, Person, Position
from villecaraibe.models import Territory, Theme
from villecaraibe.scale import BATCH_SIZE, rng, run_token, scaled
from villecaraibe.text import normalize_search

SEEDED_MODELS = [Organisation, Person]

FIRST_NAMES = [
    "Marie", "Jean", "Josiane", "Patrick", "Sandrine", "Max", "Nadia", "Serge", "Léa",
    "Frédéric", "Hélène", "Joël", "Gisèle", "Thierry", "Murielle", "Rodolphe", "Céline",
    "Ludovic", "Sylvie", "Fabrice", "Rose-Marie", "Jean-Claude", "Éric", "Nathalie",
    "Olivier", "Myriam", "Stéphane", "Ginette", "Lucien", "Karine", "Yannick", "Émilie",
    "Christophe", "Annick", "Alain", "Sabine", "Didier", "Francette", "Raphaël", "Maëlle",
]  # fmt: skip
LAST_NAMES = [
    "Joseph", "Louis-Joseph", "Rosine", "Marie-Sainte", "Sainte-Rose", "Charlery", "Bellance",
    "Lordinot", "Pierre-Louis", "Romain", "Jean-Baptiste", "Célestine", "Nicolas", "Larcher",
    "Bernabé", "Zéphir", "Désiré", "Monrose", "Augustin", "Lucien", "Félicité", "Éloi",
    "Théodose", "Bocage", "Rémy", "Alexandre", "Martial", "Hippolyte", "Sylvestre", "Fortuné",
    "Édouard", "Lagier", "Marie-Rose", "Ursulet", "Clémentine", "Adélaïde", "Gustave", "Vénus",
]  # fmt: skip
FUNCTIONS = [
    "chef de projet CUCS", "chargée de mission politique de la ville", "délégué du préfet",
    "coordonnateur CLSPD", "référente réussite éducative", "directeur de centre social",
    "animatrice de quartier", "chargé d'études", "conseiller en insertion professionnelle",
    "médiatrice sociale", "responsable du service habitat", "éducateur spécialisé",
    "directrice générale des services", "élu délégué à la cohésion sociale",
    "chargée de développement économique", "responsable associatif",
]  # fmt: skip
ORGANISATION_PATTERNS = {
    Organisation.Kind.ASSOCIATION: [
        "Association {w} de {c}", "Maison des associations de {c}", "Collectif {w} {c}",
        "Centre social {w} de {c}", "Association de quartier {w}",
    ],
    Organisation.Kind.COMMUNE: ["Ville de {c} — service {s}", "Centre communal d'action sociale de {c}"],
    Organisation.Kind.STATE: ["Direction {w} de la cohésion sociale", "Délégation {w} du préfet"],
    Organisation.Kind.SOCIAL_LANDLORD: ["Société d'HLM {w}", "Bailleur social {w} de {c}"],
    Organisation.Kind.PUBLIC_BODY: ["Mission locale {w} de {c}", "Établissement public {w}"],
    Organisation.Kind.COMPANY: ["Entreprise d'insertion {w}", "Chambre {w} de {c}"],
    Organisation.Kind.INTERCOMMUNALITY: ["Communauté {w} du {c}"],
    Organisation.Kind.RESOURCE_CENTRE: ["Centre de ressources {w}"],
    Organisation.Kind.OTHER: ["Fondation {w}", "Régie de quartier {w} de {c}"],
}  # fmt: skip
WORDS = [
    "Espoir", "Solidarité", "Avenir", "Horizon", "Kannigwé", "Lakou", "Bèlè", "Flamboyant",
    "Alizés", "Colibri", "Madinina", "Mangrove", "Tembo", "Sargasses", "Savane", "Ti-Kaz",
    "Partage", "Ensemble", "Renouveau", "Jeunesse", "Entraide", "Citoyenneté", "Koudmen",
]  # fmt: skip
SERVICES = ["politique de la ville", "jeunesse", "habitat", "emploi", "prévention", "éducation"]


def seed(factor, stdout):
    r = rng("annuaire")
    token = run_token()
    communes = list(Territory.objects.communes())
    themes = list(Theme.objects.all())
    now = timezone.now()

    organisations = []
    kinds = list(ORGANISATION_PATTERNS)
    weights = [40, 12, 6, 5, 8, 6, 2, 1, 4]
    for i in range(scaled(5000, factor)):
        kind = r.choices(kinds, weights)[0]
        commune = r.choice(communes) if communes else None
        name = r.choice(ORGANISATION_PATTERNS[kind]).format(
            w=r.choice(WORDS), c=commune.name if commune else "Martinique", s=r.choice(SERVICES)
        )
        acronym = "".join(w[0] for w in slugify(name).split("-") if len(w) > 2).upper()[:8]
        acronym = acronym if r.random() < 0.4 else ""
        organisations.append(
            Organisation(
                name=name,
                acronym=acronym,
                slug=f"{slugify(name)[:160]}-{token}-{i}",
                kind=kind,
                commune=commune,
                address=f"{r.randint(1, 120)} rue {r.choice(LAST_NAMES)}",
                phone=f"0596 {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}",
                email=f"contact{i}.{token}@exemple.mq" if r.random() < 0.7 else "",
                description=f"<p>{name} agit pour la {r.choice(SERVICES)} à "
                f"{commune.name if commune else 'la Martinique'}.</p>",
                search_text=normalize_search(
                    " ".join(filter(None, [name, acronym, commune.name if commune else ""]))
                ),
            )
        )
    organisations = Organisation.objects.bulk_create(organisations, batch_size=BATCH_SIZE)
    if themes:
        Through = Organisation.themes.through
        Through.objects.bulk_create(
            (Through(organisation=o, theme=t) for o in organisations for t in r.sample(themes, 2)),
            batch_size=BATCH_SIZE * 5,
        )
    if communes:
        Through = Organisation.territories.through
        Through.objects.bulk_create(
            (Through(organisation=o, territory=o.commune) for o in organisations if o.commune),
            batch_size=BATCH_SIZE * 5,
        )

    people = []
    for i in range(scaled(20000, factor)):
        first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
        consent = r.random() < 0.5
        full_name = f"{first} {last}"
        people.append(
            Person(
                civility=r.choice(["mme", "m", ""]),
                first_name=first,
                last_name=last,
                slug=f"{slugify(full_name)}-{token}-{i}",
                email=f"{slugify(first)}.{slugify(last)}.{i}.{token}@exemple.mq",
                phone=f"0696 {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}",
                public_consent=consent,
                consent_date=now if consent else None,
                consent_text=Person.STANDARD_CONSENT_TEXT if consent else "",
                show_email=consent and r.random() < 0.5,
                search_text=normalize_search(full_name),
            )
        )
    people = Person.objects.bulk_create(people, batch_size=BATCH_SIZE)
    positions = []
    for person in people:
        for _ in range(1 if r.random() < 0.85 else 2):
            start = now.date().replace(year=r.randint(2000, 2025), month=r.randint(1, 12), day=1)
            positions.append(
                Position(
                    person=person,
                    organisation=r.choice(organisations),
                    function=r.choice(FUNCTIONS),
                    start_date=start,
                    end_date=None if r.random() < 0.8 else start.replace(year=start.year + 1),
                )
            )
    Position.objects.bulk_create(positions, batch_size=BATCH_SIZE)
    stdout.write(
        f"  annuaire: {len(organisations)} organisations, {len(people)} people, "
        f"{len(positions)} positions"
    )

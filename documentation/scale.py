"""Scale dataset for the library: 100,000 documents at factor 1.

French titles and abstracts drawn from the field's vocabulary (politique de la
ville, cohésion sociale, rénovation urbaine, prévention de la délinquance,
évaluation, CUCS, jeunesse, emploi, habitat, santé, éducation…), each indexed
under the thesaurus descriptors of its topics, with themes, a territory, authors
from the directory, a publisher, paper copies or an online link. Rows go in with
bulk_create by chunks (no save(), no signal); ``search_text`` is folded here as
``reindex()`` would, and on PostgreSQL the search vectors are built at the end in
one UPDATE (``rebuild_search_vectors``).
"""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from annuaire.models import Organisation, Person
from documentation.demo import load_thesaurus
from documentation.models import Descriptor, Document, DocumentAuthor, PaperCopy
from documentation.services.indexing import deferred, rebuild_search_vectors
from documentation.services.search import catalogue_changed
from villecaraibe.models import Territory, Theme
from villecaraibe.scale import BATCH_SIZE, rng, run_token, scaled
from villecaraibe.text import normalize_search

SEEDED_MODELS = [Document]
# Every document row is written twice (insert, then its search vector): seed_scale
# compacts this table afterwards on PostgreSQL, as a production table would be.
COMPACT_MODELS = [Document]
CHUNK = 5000

# Descriptors the scale corpus adds to the starter thesaurus: (label, synonyms, broader).
EXTRA_DESCRIPTORS = [
    ("Habitat indigne", ["Habitat insalubre", "RHI"], "Rénovation urbaine"),
    ("Logement social", ["HLM", "Relogement"], "Rénovation urbaine"),
    ("Gestion urbaine de proximité", ["GUP"], "Rénovation urbaine"),
    ("Santé", ["Atelier santé ville", "ASV", "Accès aux soins"], None),
    ("Santé mentale", [], "Santé"),
    ("Jeunesse", ["Jeunes", "Loisirs éducatifs"], None),
    ("Médiation sociale", ["Médiateurs"], "Prévention de la délinquance"),
    ("Décrochage scolaire", ["Rupture scolaire"], "Réussite éducative"),
    ("Économie sociale et solidaire", ["ESS"], "Développement économique"),
    ("Mobilité", ["Transports"], None),
    ("Lutte contre les discriminations", ["Égalité des chances"], None),
    ("Violences intrafamiliales", ["Violences conjugales"], "Prévention de la délinquance"),
    ("Culture", ["Action culturelle", "Patrimoine"], None),
    ("Développement durable", ["Agenda 21", "Environnement"], None),
    ("Vieillissement", ["Personnes âgées"], "Santé"),
]

# (topic with its article, descriptor labels, theme slug)
TOPICS = [
    ("l'évaluation des contrats urbains de cohésion sociale", ["Évaluation", "Contrat urbain de cohésion sociale"], "evaluation"),
    ("la prévention de la délinquance des mineurs", ["Prévention de la délinquance"], "prevention-delinquance"),
    ("la réussite éducative des enfants des quartiers", ["Réussite éducative"], "reussite-educative"),
    ("la rénovation urbaine des grands ensembles", ["Rénovation urbaine"], "renovation-urbaine"),
    ("la résorption de l'habitat insalubre", ["Habitat indigne"], "habitat-logement"),
    ("l'insertion professionnelle des jeunes", ["Insertion et emploi", "Jeunesse"], "insertion-emploi"),
    ("l'emploi des femmes dans les quartiers prioritaires", ["Insertion et emploi"], "insertion-emploi"),
    ("la santé des habitants et l'atelier santé ville", ["Santé"], "sante"),
    ("la participation des habitants aux projets de quartier", ["Participation des habitants"], "participation-habitants"),
    ("le soutien à la parentalité", ["Parentalité"], "prevention-delinquance"),
    ("la cohésion sociale dans les quartiers", ["Politique de la ville"], "contrat-de-ville"),
    ("le contrat de ville de l'agglomération", ["Contrat urbain de cohésion sociale"], "contrat-de-ville"),
    ("l'observation des quartiers prioritaires", ["Observation territoriale", "Géographie prioritaire"], "observation-territoriale"),
    ("les indicateurs de suivi de la politique de la ville", ["Indicateur", "Évaluation"], "evaluation"),
    ("le commerce de proximité en centre-ville", ["Développement économique"], "developpement-economique"),
    ("la vie associative et le bénévolat", ["Vie associative"], "vie-associative"),
    ("la jeunesse et les loisirs éducatifs", ["Jeunesse"], "lien-social-culture"),
    ("la médiation sociale et la tranquillité publique", ["Médiation sociale", "Prévention de la délinquance"], "prevention-delinquance"),
    ("l'accompagnement à la scolarité", ["Réussite éducative"], "reussite-educative"),
    ("la gestion urbaine de proximité", ["Gestion urbaine de proximité"], "renovation-urbaine"),
    ("le développement durable des quartiers", ["Développement durable"], "developpement-durable"),
    ("la culture et le lien social", ["Culture"], "lien-social-culture"),
    ("l'ingénierie de projet en politique de la ville", ["Ingénierie de projet"], "contrat-de-ville"),
    ("la capitalisation des expériences locales", ["Capitalisation d'expériences"], "observation-territoriale"),
    ("la qualification des acteurs de la politique de la ville", ["Qualification des acteurs"], "contrat-de-ville"),
    ("la prévention de la récidive", ["Prévention de la récidive"], "prevention-delinquance"),
    ("le droit commun dans les quartiers", ["Droit commun"], "contrat-de-ville"),
    ("le logement social et le relogement des familles", ["Logement social"], "habitat-logement"),
    ("l'éducation et le décrochage scolaire", ["Décrochage scolaire"], "reussite-educative"),
    ("l'accès aux soins et la santé mentale", ["Santé mentale"], "sante"),
    ("le vieillissement de la population", ["Vieillissement"], "sante"),
    ("l'économie sociale et solidaire", ["Économie sociale et solidaire"], "developpement-economique"),
    ("la mobilité et les transports", ["Mobilité"], "developpement-durable"),
    ("la lutte contre les discriminations", ["Lutte contre les discriminations"], "lien-social-culture"),
    ("les violences intrafamiliales", ["Violences intrafamiliales"], "prevention-delinquance"),
    ("le programme de rénovation urbaine et l'ANRU", ["Rénovation urbaine"], "renovation-urbaine"),
]  # fmt: skip

TITLES = {
    "guide": ["Guide méthodologique pour {t}", "Guide pratique : {t}"],
    "fiche": ["Fiche d'expérience : {t} à {p}", "{T} à {p} : une expérience"],
    "rapport": ["Rapport d'activité {y} : {t}", "Rapport sur {t} en Martinique"],
    "evaluation": ["Évaluation {de_t} à {p}", "Évaluation à mi-parcours du CUCS de {p}"],
    "compte_rendu": ["Compte rendu de la journée « {T} »", "Compte rendu du Bokantaj sur {t}"],
    "dossier_participants": ["Dossier des participants : {t}"],
    "actes": ["Actes du séminaire sur {t}", "Actes des rencontres de {p} : {t}"],
    "note": ["Note de synthèse sur {t}", "Note d'étape : {t} à {p}"],
    "dossier": ["Dossier thématique : {t}", "Dossier documentaire sur {t}"],
    "outil": ["Grille d'analyse pour {t}", "Tableau de bord {de_t}"],
    "texte": ["Circulaire relative à {t}", "Instruction ministérielle sur {t}"],
    "lettre": ["Lettre d'information n° {n} : {t}"],
    "autre": ["{T} : regards croisés", "{T} en Martinique, {y}"],
}
SENTENCES = [
    "Ce document présente {t} à {p} entre {y0} et {y}.",
    "Il s'appuie sur un diagnostic partagé avec les services de l'État, les communes, "
    "les associations et les bailleurs sociaux.",
    "Les enseignements portent sur {t2} et sur {t3}.",
    "Des recommandations sont formulées pour le contrat urbain de cohésion sociale et pour "
    "les équipes de projet de {p}.",
    "L'analyse met en évidence le rôle des habitants et des associations de quartier.",
    "La démarche d'évaluation associe indicateurs de résultats et entretiens avec les acteurs.",
    "Les actions de prévention, d'éducation et d'insertion y sont décrites avec leurs moyens "
    "et leurs partenaires.",
    "Le document rend compte des échanges entre élus, techniciens et professionnels de terrain.",
    "Il propose des outils pour conduire un projet de territoire et mobiliser le droit commun.",
    "Une attention particulière est portée à la jeunesse, à l'emploi et à l'habitat.",
    "Les données de l'observatoire des quartiers prioritaires complètent l'étude.",
    "Des fiches d'expérience illustrent {t2} dans plusieurs communes de la Martinique.",
]
PUBLISHERS = [
    "La Documentation française",
    "Éditions de la DIV",
    "Centre national de la fonction publique territoriale",
    "Éditions du CERTU",
    "Presses universitaires des Antilles",
]
PLACES = ["Fort-de-France", "Le Lamentin", "Schœlcher", "Sainte-Marie", "Le Robert", "Le François"]


def _de(topic):
    """'la santé' → 'de la santé', 'le contrat' → 'du contrat', 'les x' → 'des x'."""
    if topic.startswith("le "):
        return "du " + topic[3:]
    if topic.startswith("les "):
        return "des " + topic[4:]
    return "de " + topic


def _load_descriptors():
    by_label = load_thesaurus()
    for label, synonyms, broader in EXTRA_DESCRIPTORS:
        descriptor = Descriptor.objects.filter(pref_label=label).first()
        if descriptor is None:
            descriptor = Descriptor.objects.create(
                pref_label=label, alt_labels="\n".join(synonyms), broader=by_label.get(broader)
            )
        by_label[label] = descriptor
    return by_label


def seed(factor, stdout):
    r = rng("documentation")
    token = run_token()
    with deferred():
        descriptors = _load_descriptors()
    themes = {t.slug: t for t in Theme.objects.all()}
    territories = list(Territory.objects.exclude(kind=Territory.Kind.REGION))
    places = [t.name for t in territories if t.kind == Territory.Kind.COMMUNE] or PLACES
    organisations = [
        (pk, f"{name} ({acronym})" if acronym else name)
        for pk, name, acronym in Organisation.objects.values_list("pk", "name", "acronym")
    ]
    people = list(Person.objects.values_list("pk", "first_name", "last_name", "public_consent"))
    kinds = Document.Kind.values
    kind_weights = [8, 6, 12, 8, 10, 4, 5, 8, 6, 5, 4, 6, 3]
    first_pk = None
    total = created = 0
    target = scaled(100_000, factor)
    now = timezone.now()
    since = datetime.datetime(2008, 1, 1, tzinfo=datetime.UTC)
    step = (now - since).total_seconds() / target
    while total < target:
        size = min(CHUNK, target - total)
        rows, extras = [], []
        for i in range(total, total + size):
            topic, topic2, topic3 = r.sample(TOPICS, 3)
            kind = r.choices(kinds, kind_weights)[0]
            year = r.randint(1995, 2026)
            place = r.choice(places)
            slots = {
                "t": topic[0],
                "T": topic[0][0].upper() + topic[0][1:],
                "de_t": _de(topic[0]),
                "t2": topic2[0],
                "t3": topic3[0],
                "p": place,
                "y": year,
                "y0": year - r.randint(1, 4),
                "n": r.randint(1, 80),
            }
            title = r.choice(TITLES[kind]).format(**slots)[:300]
            sentences = [SENTENCES[0], *r.sample(SENTENCES[1:], r.randint(2, 4))]
            abstract = " ".join(s.format(**slots) for s in sentences)
            labels = list(dict.fromkeys(topic[1] + (topic2[1] if r.random() < 0.5 else [])))
            doc_descriptors = [descriptors[label] for label in labels if label in descriptors]
            doc_themes = [themes[s] for s in dict.fromkeys([topic[2], topic2[2]]) if s in themes][
                : r.randint(1, 2)
            ]
            doc_territories = [r.choice(territories)] if territories and r.random() < 0.8 else []
            authors = []
            for position in range(r.choices([1, 2, 3], [6, 3, 1])[0]):
                pick = r.random()
                if pick < 0.5 and organisations:
                    pk, label = r.choice(organisations)
                    authors.append((position, "organisation", pk, label))
                elif pick < 0.8 and people:
                    pk, first, last, consent = r.choice(people)
                    authors.append((position, "person", pk, f"{first} {last}" if consent else ""))
                else:
                    name = f"{r.choice(['Observatoire', 'Cabinet', 'Université'])} {place}"
                    authors.append((position, "name", None, name))
            publisher_id, publisher_label, publisher_name = None, "", ""
            pick = r.random()
            if pick < 0.4 and organisations:
                publisher_id, publisher_label = r.choice(organisations)
            elif pick < 0.6:
                publisher_name = publisher_label = r.choice(PUBLISHERS)
            paper = r.random() < 0.3
            published = r.random() < 0.95
            parts = [
                title,
                " ".join(label for d in doc_descriptors for label in d.labels()),
                " ".join(
                    filter(
                        None,
                        [a[3] for a in authors]
                        + [publisher_label]
                        + [t.name for t in doc_themes + doc_territories]
                        + [abstract],
                    )
                ),
            ]
            rows.append(
                Document(
                    title=title,
                    slug=f"{slugify(title)[:90]}-{token}-{i}",
                    kind=kind,
                    publisher_id=publisher_id,
                    publisher_name=publisher_name,
                    year=year,
                    abstract=f"<p>{abstract}</p>",
                    abstract_plain=abstract,
                    language="fr" if r.random() < 0.97 else "en",
                    pages=r.randint(4, 240),
                    external_url=f"https://ressources.exemple.org/{token}/{i}"
                    if r.random() < 0.15
                    else "",
                    has_paper_copy=paper,
                    status=Document.Status.PUBLISHED if published else Document.Status.DRAFT,
                    access=Document.Access.PUBLIC if r.random() < 0.9 else Document.Access.MEMBERS,
                    # Added to the catalogue in order, as save() stamps them.
                    published_at=since + datetime.timedelta(seconds=(i + r.random()) * step)
                    if published
                    else None,
                    search_text=normalize_search(" ".join(parts)),
                )
            )
            extras.append((doc_descriptors, doc_themes, doc_territories, authors, paper))
        rows = Document.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        first_pk = first_pk or rows[0].pk
        _relations(rows, extras, r)
        total += size
        created += len(rows)
    vectors = rebuild_search_vectors(first_pk) if connection.vendor == "postgresql" else 0
    catalogue_changed()
    stdout.write(
        f"  documentation: {created} documents, {len(descriptors)} descriptors"
        + (f", {vectors} search vectors built" if vectors else "")
    )


def _relations(documents, extras, r):
    DescriptorLink = Document.descriptors.through
    ThemeLink = Document.themes.through
    TerritoryLink = Document.territories.through
    descriptor_links, theme_links, territory_links, authors, copies = [], [], [], [], []
    for document, (descs, themes, places, people, paper) in zip(documents, extras, strict=True):
        descriptor_links += [DescriptorLink(document=document, descriptor=d) for d in descs]
        theme_links += [ThemeLink(document=document, theme=t) for t in themes]
        territory_links += [TerritoryLink(document=document, territory=t) for t in places]
        for position, kind, pk, label in people:
            authors.append(
                DocumentAuthor(
                    document=document,
                    position=position,
                    organisation_id=pk if kind == "organisation" else None,
                    person_id=pk if kind == "person" else None,
                    name=label if kind == "name" else "",
                )
            )
        if paper:
            copies.append(
                PaperCopy(
                    document=document,
                    call_number=f"{document.kind[:3].upper()} {document.year} {document.pk}",
                    location="Salle de documentation",
                    copies=r.randint(1, 3),
                    loanable=r.random() < 0.8,
                )
            )
    for model, objs in [
        (DescriptorLink, descriptor_links),
        (ThemeLink, theme_links),
        (TerritoryLink, territory_links),
        (DocumentAuthor, authors),
        (PaperCopy, copies),
    ]:
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE * 5)

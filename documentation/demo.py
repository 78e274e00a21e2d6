"""Demo data of the library, drawn from the 2008 activity report.

The documents the report names (comptes rendus and participants' packs of its
events, the newsletter, the directory, the CUCS documents, methodological guides
on evaluation), a starter thesaurus of the field, experience sheets, useful links
and a documentation request. Idempotent: records are keyed on their slug (or
preferred label, address), files are written once, counters are set, not added.
"""

import datetime

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from annuaire.models import Organisation
from documentation.models import (
    Descriptor,
    Document,
    DocumentationRequest,
    DocumentAuthor,
    DownloadCount,
    ExperienceSheet,
    LinkCategory,
    PaperCopy,
    UsefulLink,
)
from documentation.services.indexing import deferred, extract_file_text, reindex
from documentation.services.pdf import simple_pdf
from villecaraibe.models import Territory, Theme

CENTRE = ("Centre de ressources Ville caraïbe", "")

# (preferred label, synonyms, broader, scope note)
THESAURUS = [
    (
        "Politique de la ville",
        ["Développement social urbain", "DSU"],
        None,
        "Politique publique en faveur des quartiers en difficulté et de leurs habitants.",
    ),
    (
        "Contrat urbain de cohésion sociale",
        ["CUCS", "Contrat de ville"],
        "Politique de la ville",
        "Contrat entre l'État et les collectivités (2007-2014) ; remplacé par le contrat de ville.",
    ),
    (
        "Géographie prioritaire",
        ["ZUS", "QPV", "Quartier prioritaire", "Zone urbaine sensible"],
        "Politique de la ville",
        "",
    ),
    ("Rénovation urbaine", ["Renouvellement urbain", "ANRU", "PRU"], "Politique de la ville", ""),
    ("Plan Espoir banlieues", ["Dynamique Espoir banlieues"], "Politique de la ville", ""),
    ("Droit commun", ["Politiques de droit commun"], "Politique de la ville", ""),
    (
        "Évaluation",
        ["Bilan", "Appréciation des effets"],
        None,
        "Démarche qui apprécie les effets d'une politique ou d'une action au regard de ses objectifs.",
    ),
    ("Indicateur", ["Tableau de bord", "Indicateurs de performance"], "Évaluation", ""),
    (
        "Observation territoriale",
        ["Observation des territoires", "Diagnostic territorial"],
        "Évaluation",
        "",
    ),
    (
        "Prévention de la délinquance",
        ["Sécurité publique", "CLSPD", "CLS", "Tranquillité publique"],
        None,
        "",
    ),
    (
        "Prévention de la récidive",
        ["Sortie de prison", "Réinsertion des détenus"],
        "Prévention de la délinquance",
        "",
    ),
    ("Parentalité", ["Soutien à la parentalité"], "Prévention de la délinquance", ""),
    ("Réussite éducative", ["Accompagnement à la scolarité", "CLAS", "PRE"], None, ""),
    ("Insertion et emploi", ["Insertion professionnelle", "PLIE"], None, ""),
    ("Développement économique", ["Commerce de proximité", "Pôle commercial"], None, ""),
    ("Participation des habitants", ["Démocratie participative", "Bokantaj"], None, ""),
    ("Vie associative", ["Utilité sociale", "DLA"], None, ""),
    ("Ingénierie de projet", ["Conduite de projet", "Méthodologie de projet"], None, ""),
    (
        "Capitalisation d'expériences",
        ["Fiche d'expérience", "Échange de pratiques"],
        "Ingénierie de projet",
        "",
    ),
    (
        "Qualification des acteurs",
        ["Formation-action", "Cycle de qualification"],
        "Ingénierie de projet",
        "",
    ),
]
RELATED = [
    ("Évaluation", "Contrat urbain de cohésion sociale"),
    ("Évaluation", "Observation territoriale"),
    ("Prévention de la délinquance", "Réussite éducative"),
    ("Rénovation urbaine", "Développement économique"),
]

# slug: fields. "authors" are (name, acronym) looked up in the directory, else typed in.
DOCUMENTS = {
    "cr-journee-information-clas-2008": {
        "title": "Journée d'information collective CLAS",
        "subtitle": "compte rendu de la journée du 2 avril 2008",
        "kind": Document.Kind.MINUTES,
        "date": datetime.date(2008, 4, 2),
        "abstract": "<p>Présentation du Contrat local d'accompagnement à la scolarité (CLAS) aux "
        "porteurs de projets, co-pilotée avec le bureau de la politique de la ville et la CAF, "
        "au restaurant <em>New World</em>. Échanges sur les projets en cours et la "
        "méthodologie attendue. 100 participants.</p>",
        "authors": [CENTRE, ("Caisse d'allocations familiales de la Martinique", "CAF")],
        "themes": ["reussite-educative"],
        "descriptors": ["Réussite éducative", "Parentalité"],
        "territories": ["martinique"],
        "paper": ("CR 2008-01", "Salle de réunion, présentoir", 2, True),
    },
    "dossier-participants-commerce-renouvellement-urbain": {
        "title": "Les enjeux du commerce dans les opérations de renouvellement urbain",
        "subtitle": "dossier de participants de la formation-action du 10 avril 2008",
        "kind": Document.Kind.PARTICIPANTS_PACK,
        "date": datetime.date(2008, 4, 10),
        "abstract": "<p>Contexte, conditions de succès, acteurs et partenariats des pôles "
        "commerciaux dans les quartiers en renouvellement urbain. Intervention de F. Kossman, "
        "expert ANRU, au Squash Hôtel ; 20 participants (CACEM, Caisse des dépôts, CCIM, "
        "bailleurs sociaux…).</p>",
        "authors": [CENTRE, ("F. Kossman", "")],
        "themes": ["renovation-urbaine", "developpement-economique"],
        "descriptors": [
            "Rénovation urbaine",
            "Développement économique",
            "Qualification des acteurs",
        ],
        "territories": ["cacem"],
        "paper": ("DP 2008-02", "Armoire documentation", 3, False),
    },
    "cr-rencontre-territoires-outils-acteurs-2008": {
        "title": "Rencontre « Territoires, outils et acteurs de la politique de la ville »",
        "subtitle": "compte rendu de la rencontre du 16 mai 2008",
        "kind": Document.Kind.MINUTES,
        "date": datetime.date(2008, 5, 16),
        "abstract": "<p>Présentation du Centre de ressources, de son bureau et de ses missions ; "
        "retour sur les rencontres territoriales et les premières mesures du Plan Espoir "
        "banlieues ; présentations d'acteurs (ACSé, CACEM, PLIE de la CCNM, bailleur social, "
        "chefs de projet CUCS, MOUS, GIP-GPV). 61 participants, à l'AFPA de la Batelière.</p>",
        "authors": [CENTRE],
        "themes": ["contrat-de-ville"],
        "descriptors": [
            "Politique de la ville",
            "Plan Espoir banlieues",
            "Contrat urbain de cohésion sociale",
        ],
        "territories": ["martinique"],
        "file": True,
    },
    "dossier-participants-rencontre-territoires-2008": {
        "title": "Rencontre « Territoires, outils et acteurs de la politique de la ville »",
        "subtitle": "dossier de participants",
        "kind": Document.Kind.PARTICIPANTS_PACK,
        "date": datetime.date(2008, 5, 16),
        "abstract": "<p>Le dossier remis aux participants de la rencontre du 16 mai 2008 : "
        "programme, présentation des dispositifs et des acteurs de la politique de la ville en "
        "Martinique.</p>",
        "authors": [CENTRE],
        "themes": ["contrat-de-ville"],
        "descriptors": ["Politique de la ville", "Géographie prioritaire"],
        "territories": ["martinique"],
        "paper": ("DP 2008-03", "Armoire documentation", 5, True),
    },
    "cr-cycle-prevention-delinquance-2008": {
        "title": "Cycle de qualification prévention de la délinquance",
        "subtitle": "comptes rendus des journées des 24, 25 et 26 juin 2008",
        "kind": Document.Kind.MINUTES,
        "date": datetime.date(2008, 6, 26),
        "abstract": "<p>Le nouveau cadre réglementaire (loi de 2007) ; école, parentalité et "
        "prévention de la délinquance ; le partenariat police, ville, justice. Journées "
        "co-animées avec la sociologue Nicole Chambron, au Lamentin et à Saint-Joseph, pour "
        "les chefs de projet prévention de la délinquance, CLS et CLSPD ; une trentaine de "
        "participants par jour.</p>",
        "authors": [CENTRE, ("Nicole Chambron", "")],
        "themes": ["prevention-delinquance"],
        "descriptors": ["Prévention de la délinquance", "Parentalité", "Qualification des acteurs"],
        "territories": ["le-lamentin", "saint-joseph"],
        "file": True,
    },
    "cr-cycle-qualification-evaluation-2008": {
        "title": "Cycle de qualification Évaluation",
        "subtitle": "comptes rendus de la semaine du 22 au 26 septembre 2008",
        "kind": Document.Kind.MINUTES,
        "date": datetime.date(2008, 9, 26),
        "abstract": "<p>Techniques et théorie de l'évaluation ; vingt-cinq ans d'évaluation de la "
        "politique de la ville ; échanges d'expériences entre les deux CUCS ; prévention de la "
        "délinquance ; conseils méthodologiques aux porteurs de projets. Intervenant : "
        "R. Epstein, sociologue. Une cinquantaine de participants, au CNFPT et au foyer des "
        "jeunes travailleurs.</p>",
        "authors": [CENTRE, ("R. Epstein", "")],
        "themes": ["evaluation", "contrat-de-ville"],
        "descriptors": [
            "Évaluation",
            "Contrat urbain de cohésion sociale",
            "Qualification des acteurs",
        ],
        "territories": ["fort-de-france", "le-lamentin"],
        "file": True,
        "downloads": {(2008, 10): 61, (2008, 11): 42, (2008, 12): 24},
    },
    "dossier-participants-cycle-evaluation-2008": {
        "title": "Cycle de qualification Évaluation",
        "subtitle": "dossier de participants et diaporama de l'intervenant",
        "kind": Document.Kind.PARTICIPANTS_PACK,
        "date": datetime.date(2008, 9, 22),
        "abstract": "<p>Documents de travail du cycle : cahier des charges, grilles "
        "d'évaluation, diaporama de l'intervenant. Vingt demandes de ces documents ont suivi "
        "le cycle.</p>",
        "authors": [CENTRE],
        "themes": ["evaluation"],
        "descriptors": ["Évaluation", "Indicateur"],
        "territories": ["martinique"],
        "access": Document.Access.MEMBERS,
        "file": True,
        "paper": ("DP 2008-05", "Armoire documentation", 4, True),
    },
    "cr-prevention-recidive-2008": {
        "title": "Journée de qualification collective sur la prévention de la récidive",
        "subtitle": "compte rendu de la journée du 6 novembre 2008",
        "kind": Document.Kind.MINUTES,
        "date": datetime.date(2008, 11, 6),
        "abstract": "<p>Échange de pratiques entre les acteurs de la préparation à la sortie des "
        "détenus et les chefs de projet prévention de la récidive, en partenariat avec le "
        "Service pénitentiaire d'insertion et de probation (SPIP). Une trentaine "
        "d'acteurs.</p>",
        "authors": [CENTRE, ("Service pénitentiaire d'insertion et de probation", "SPIP")],
        "themes": ["prevention-delinquance"],
        "descriptors": ["Prévention de la récidive", "Échange de pratiques"],
        "territories": ["martinique"],
        "file": True,
    },
    "annuaire-politique-de-la-ville-martinique-2008": {
        "title": "Annuaire des acteurs de la politique de la ville en Martinique",
        "kind": Document.Kind.OTHER,
        "year": 2008,
        "abstract": "<p>Les acteurs de la politique de la ville recensés par thématique par le "
        "Centre de ressources lors de sa première année.</p>",
        "authors": [CENTRE],
        "themes": ["contrat-de-ville"],
        "descriptors": ["Politique de la ville"],
        "territories": ["martinique"],
        "file": True,
        "downloads": {(2008, 11): 35, (2008, 12): 28},
    },
    "cucs-fort-de-france": {
        "title": "Contrat urbain de cohésion sociale de Fort-de-France",
        "kind": Document.Kind.REGULATION,
        "year": 2007,
        "abstract": "<p>Le CUCS de Fort-de-France : quartiers prioritaires, programme d'actions "
        "par thématique et engagements des signataires.</p>",
        "authors": [("Ville de Fort-de-France", "")],
        "themes": ["contrat-de-ville"],
        "descriptors": ["Contrat urbain de cohésion sociale", "Géographie prioritaire"],
        "territories": ["fort-de-france"],
        "file": True,
        "paper": ("CUCS 1", "Armoire documentation", 1, False),
        "downloads": {(2008, 6): 40, (2008, 9): 55, (2008, 11): 71},
    },
    "cucs-le-lamentin": {
        "title": "Contrat urbain de cohésion sociale du Lamentin",
        "kind": Document.Kind.REGULATION,
        "year": 2007,
        "abstract": "<p>Le CUCS du Lamentin : diagnostic, sites prioritaires et programme "
        "d'actions.</p>",
        "authors": [("Ville du Lamentin", "")],
        "themes": ["contrat-de-ville"],
        "descriptors": ["Contrat urbain de cohésion sociale", "Géographie prioritaire"],
        "territories": ["le-lamentin"],
        "file": True,
        "downloads": {(2008, 6): 22, (2008, 10): 38},
    },
    "guide-evaluation-cucs": {
        "title": "Guide méthodologique pour l'évaluation des CUCS",
        "kind": Document.Kind.GUIDE,
        "year": 2007,
        "abstract": "<p>Démarche, questions évaluatives, indicateurs et tableaux de bord pour "
        "évaluer un contrat urbain de cohésion sociale.</p>",
        "authors": [("Délégation interministérielle à la ville", "DIV")],
        "publisher_name": "Délégation interministérielle à la ville",
        "themes": ["evaluation", "contrat-de-ville"],
        "descriptors": ["Évaluation", "Indicateur", "Contrat urbain de cohésion sociale"],
        "paper": ("GUI EVA 1", "Rayonnage guides", 2, True),
    },
    "documents-methodologiques-evaluation-cucs-cls": {
        "title": "Évaluation des CUCS et des CLS/CLSPD",
        "subtitle": "documents méthodologiques",
        "kind": Document.Kind.TOOL,
        "year": 2008,
        "abstract": "<p>Les documents méthodologiques mis à disposition des équipes CUCS et CLS "
        "pour leurs évaluations : référentiels, grilles, exemples d'indicateurs.</p>",
        "authors": [CENTRE],
        "themes": ["evaluation", "prevention-delinquance"],
        "descriptors": ["Évaluation", "Prévention de la délinquance", "Indicateur"],
        "territories": ["fort-de-france", "le-lamentin"],
        "file": True,
    },
    "rapport-activite-2008": {
        "title": "Rapport d'activité 2008",
        "subtitle": "première année d'exercice du Centre de ressources",
        "kind": Document.Kind.REPORT,
        "year": 2009,
        "abstract": "<p>Les activités ponctuelles et permanentes de 2008, l'évaluation de chaque "
        "objectif (enjeux, objectifs, effectivité, indicateurs, limites, aspects positifs, "
        "opportunités) et les perspectives pour 2009.</p>",
        "authors": [CENTRE],
        "themes": ["evaluation"],
        "descriptors": ["Évaluation", "Capitalisation d'expériences"],
        "territories": ["martinique"],
        "file": True,
    },
    "note-synthese-evaluation": {
        "title": "Note de synthèse sur l'évaluation",
        "kind": Document.Kind.SUMMARY_NOTE,
        "year": 2009,
        "abstract": "<p>En cours de rédaction.</p>",
        "authors": [CENTRE],
        "themes": ["evaluation"],
        "descriptors": ["Évaluation"],
        "status": Document.Status.DRAFT,
    },
    "dossier-thematique-politiques-jeunesse": {
        "title": "Les politiques de jeunesse",
        "subtitle": "dossier thématique",
        "kind": Document.Kind.THEMATIC_FILE,
        "year": 2009,
        "abstract": "<p>En cours de constitution.</p>",
        "authors": [CENTRE],
        "themes": ["reussite-educative"],
        "status": Document.Status.DRAFT,
    },
}
NEWSLETTERS = [
    (1, datetime.date(2008, 9, 15), 48),
    (2, datetime.date(2008, 10, 1), 53),
    (3, datetime.date(2008, 10, 15), 44),
    (4, datetime.date(2008, 11, 1), 57),
    (5, datetime.date(2008, 11, 15), 61),
    (6, datetime.date(2008, 12, 1), 66),
]

SHEETS = [
    {
        "slug": "accompagnement-porteurs-projets-clas",
        "title": "Accompagner les porteurs de projets CLAS",
        "territory": "martinique",
        "themes": ["reussite-educative"],
        "period": "2008",
        "actors": "Centre de ressources Ville caraïbe, bureau de la politique de la ville, CAF de "
        "la Martinique, associations porteuses de projets CLAS.",
        "context": "<p>Les porteurs de projets d'accompagnement à la scolarité demandaient un "
        "appui sur la méthodologie attendue par les financeurs.</p>",
        "actions": "<p>Journée d'information collective le 2 avril 2008 ; accompagnement "
        "méthodologique individualisé ; diffusion de fiches d'expérience sur des projets "
        "CLAS.</p>",
        "results": "<p>100 participants à la journée ; des dossiers de demande mieux construits ; "
        "un réseau de porteurs de projets identifié.</p>",
        "contact": "Centre de ressources Ville caraïbe — 0596 68 64 52",
    },
    {
        "slug": "mutualisation-evaluation-deux-cucs",
        "title": "Mutualiser les outils d'évaluation entre les deux CUCS",
        "territory": "cacem",
        "themes": ["evaluation", "contrat-de-ville"],
        "period": "2008-2009",
        "actors": "Équipes des CUCS de Fort-de-France et du Lamentin, Centre de ressources.",
        "context": "<p>Les deux CUCS de Martinique préparaient leurs évaluations attendues en "
        "2009, avec des calendriers chargés et des outils différents.</p>",
        "actions": "<p>Cycle de qualification sur l'évaluation (septembre 2008), séances de "
        "travail communes, réflexion sur un tableau de bord par quartier.</p>",
        "results": "<p>Amorce d'un travail de mutualisation entre les deux CUCS ; 127 "
        "téléchargements du compte rendu du cycle.</p>",
        "contact": "Centre de ressources Ville caraïbe — contact@villecaraibe.com",
    },
]

LINKS = [
    (
        "Institutions et agences",
        0,
        [
            ("Agence nationale pour la rénovation urbaine (ANRU)", "https://www.anru.fr/", ""),
            (
                "Agence nationale de la cohésion des territoires",
                "https://agence-cohesion-territoires.gouv.fr/",
                "",
            ),
            (
                "Système d'information géographique de la politique de la ville",
                "https://sig.ville.gouv.fr/",
                "Cartes et données des quartiers prioritaires.",
            ),
        ],
    ),
    (
        "Données et textes",
        1,
        [
            ("Légifrance", "https://www.legifrance.gouv.fr/", "Textes réglementaires."),
            ("Insee", "https://www.insee.fr/", "Statistiques et recensement."),
        ],
    ),
    (
        "Partenaires en Martinique",
        2,
        [
            ("Caisse d'allocations familiales de la Martinique", "https://www.caf.fr/", ""),
        ],
    ),
]


def _organisation(name, acronym):
    lookup = Q(name__iexact=name)
    if acronym:
        lookup |= Q(acronym__iexact=acronym)
    return Organisation.objects.filter(lookup).order_by("pk").first()


def load_thesaurus():
    by_label = {}
    for label, synonyms, _broader, note in THESAURUS:
        descriptor, _ = Descriptor.objects.update_or_create(
            pref_label=label, defaults={"alt_labels": "\n".join(synonyms), "scope_note": note}
        )
        by_label[label] = descriptor
    for label, _synonyms, broader, _note in THESAURUS:
        descriptor = by_label[label]
        parent = by_label.get(broader)
        if descriptor.broader_id != (parent.pk if parent else None):
            descriptor.broader = parent
            descriptor.save()
    for a, b in RELATED:
        by_label[a].related.add(by_label[b])
    return by_label


def _load_document(slug, spec, descriptors, themes, territories):
    spec = dict(spec)
    author_specs = spec.pop("authors", [])
    theme_slugs = spec.pop("themes", [])
    descriptor_labels = spec.pop("descriptors", [])
    territory_slugs = spec.pop("territories", [])
    paper = spec.pop("paper", None)
    with_file = spec.pop("file", False)
    downloads = spec.pop("downloads", {})
    spec.setdefault("status", Document.Status.PUBLISHED)
    date = spec.get("date")
    if date and spec["status"] == Document.Status.PUBLISHED:
        spec.setdefault(
            "published_at",
            timezone.make_aware(
                datetime.datetime.combine(date + datetime.timedelta(days=7), datetime.time(9))
            ),
        )
    document, _ = Document.objects.update_or_create(slug=slug, defaults=spec)
    document.authors.all().delete()
    for position, (name, acronym) in enumerate(author_specs):
        organisation = _organisation(name, acronym)
        DocumentAuthor.objects.create(
            document=document,
            position=position,
            organisation=organisation,
            name="" if organisation else name,
        )
    document.themes.set([themes[s] for s in theme_slugs if s in themes])
    document.descriptors.set(
        [descriptors[label] for label in descriptor_labels if label in descriptors]
    )
    document.territories.set([territories[s] for s in territory_slugs if s in territories])
    if paper:
        call_number, location, copies, loanable = paper
        PaperCopy.objects.update_or_create(
            document=document,
            call_number=call_number,
            defaults={"location": location, "copies": copies, "loanable": loanable},
        )
    if with_file and not document.file:
        lines = [document.subtitle] if document.subtitle else []
        lines.append(document.abstract_text[:110])
        content = simple_pdf(document.title, lines)
        document.file.save(f"{slug}.pdf", ContentFile(content, name=f"{slug}.pdf"), save=False)
        document.file_name = f"{slug}.pdf"
        document.file_size = len(content)
        document.file_type = "application/pdf"
        document.save()
        extract_file_text(document)
    for (year, month), count in downloads.items():
        DownloadCount.objects.update_or_create(
            document=document, month=datetime.date(year, month, 1), defaults={"count": count}
        )
    return document


def load_documents(descriptors):
    themes = {t.slug: t for t in Theme.objects.all()}
    territories = {t.slug: t for t in Territory.objects.all()}
    documents = []
    for slug, spec in DOCUMENTS.items():
        documents.append(_load_document(slug, spec, descriptors, themes, territories))
    for number, date, downloads in NEWSLETTERS:
        spec = {
            "title": f"La cohésion se construit n° {number}",
            "subtitle": "lettre d'information du Centre de ressources Ville caraïbe",
            "kind": Document.Kind.NEWSLETTER,
            "date": date,
            "issn": "",
            "abstract": "<p>Actualité locale et nationale de la politique de la ville, veille "
            "réglementaire, appels à projets et agenda des manifestations.</p>",
            "authors": [CENTRE],
            "themes": ["contrat-de-ville"],
            "descriptors": ["Politique de la ville"],
            "territories": ["martinique"],
            "file": True,
            "downloads": {(date.year, date.month): downloads},
        }
        documents.append(
            _load_document(
                f"la-cohesion-se-construit-{number}", spec, descriptors, themes, territories
            )
        )
    reindex(Document.objects.values_list("pk", flat=True))
    return documents


def load_sheets():
    themes = {t.slug: t for t in Theme.objects.all()}
    territories = {t.slug: t for t in Territory.objects.all()}
    for spec in SHEETS:
        spec = dict(spec)
        slug = spec.pop("slug")
        theme_slugs = spec.pop("themes")
        spec["territory"] = territories.get(spec.pop("territory"))
        spec["status"] = ExperienceSheet.Status.PUBLISHED
        sheet, _ = ExperienceSheet.objects.update_or_create(slug=slug, defaults=spec)
        sheet.themes.set([themes[s] for s in theme_slugs if s in themes])


def load_links():
    for name, position, links in LINKS:
        category, _ = LinkCategory.objects.update_or_create(
            name=name, defaults={"position": position}
        )
        for index, (title, url, description) in enumerate(links):
            UsefulLink.objects.update_or_create(
                url=url,
                defaults={
                    "category": category,
                    "title": title,
                    "description": description,
                    "position": index,
                },
            )


def load_requests():
    DocumentationRequest.objects.update_or_create(
        email="cheffe.projet.clas@example.org",
        subject="Fiches d'expérience sur des projets CLAS",
        defaults={
            "name": "Cheffe de projet réussite éducative",
            "organisation": "Ville du Lamentin",
            "message": "Bonjour, auriez-vous des fiches d'expérience sur des projets CLAS "
            "menés dans d'autres départements ? Merci.",
        },
    )


def load(stdout):
    with deferred():
        descriptors = load_thesaurus()
        documents = load_documents(descriptors)
    load_sheets()
    load_links()
    load_requests()
    stdout.write(f"    {len(descriptors)} descriptors, {len(documents)} documents")

"""Demo programmes drawn from the sources: the full 2014 provisional programme and the
2008 programme with its evaluation grids and budget. Idempotent: records are found by
natural keys (year, number, objective) and saved only when something differs, so a
second run writes nothing, not even a history entry."""

from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.utils.text import slugify

from actions.models import Action, Axis, BudgetLine, Evaluation, Orientation, Programme
from annuaire.models import Organisation
from villecaraibe.models import Territory, Theme

M = Action.Mode
K = Organisation.Kind

# (acronym, name, kind): partners and funders named in the sources.
ORGANISATIONS = {
    "FDF": ("", "Ville de Fort-de-France", K.COMMUNE),
    "LAMENTIN": ("", "Ville du Lamentin", K.COMMUNE),
    "PREFECTURE": ("", "Préfecture de la Martinique", K.STATE),
    "GIP": ("GIP-GPV", "GIP Grand projet de ville de Fort-de-France", K.PUBLIC_BODY),
    "CACEM": ("CACEM", "Communauté d'agglomération du Centre de la Martinique", K.INTERCOMMUNALITY),
    "CAESM": ("CAESM", "Communauté d'agglomération de l'Espace Sud Martinique", K.INTERCOMMUNALITY),
    "CCNM": ("CCNM", "Communauté de communes du Nord de la Martinique", K.INTERCOMMUNALITY),
    "REGION": ("", "Conseil régional de la Martinique", K.REGION),
    "DEPARTEMENT": ("", "Conseil général de la Martinique", K.DEPARTMENT),
    "PJJ": ("PJJ", "Protection judiciaire de la jeunesse", K.STATE),
    "PN": ("PN", "Police nationale", K.STATE),
    "GN": ("GN", "Gendarmerie nationale", K.STATE),
    "IFMES": ("IFMES", "Institut de formation aux métiers éducatifs et sociaux", K.ASSOCIATION),
    "RECTORAT": ("", "Rectorat de la Martinique", K.STATE),
    "DJSCS": ("DJSCS", "Direction de la jeunesse, des sports et de la cohésion sociale", K.STATE),
    "DIECCT": (
        "DIECCTE",
        "Direction des entreprises, de la concurrence, de la consommation, du travail et de l'emploi",
        K.STATE,
    ),
    "E2C": ("E2C", "École de la deuxième chance de Martinique", K.ASSOCIATION),
    "MISSION_LOCALE": ("", "Mission locale", K.ASSOCIATION),
    "CFA": ("CFA", "Centre de formation d'apprentis", K.PUBLIC_BODY),
    "CCIM": ("CCIM", "Chambre de commerce et d'industrie de la Martinique", K.COMPANY),
    "CA": ("", "Chambre d'agriculture de la Martinique", K.COMPANY),
    "CGPME": ("CGPME", "Confédération générale des petites et moyennes entreprises", K.COMPANY),
    "MI": ("", "Martinique Initiative", K.ASSOCIATION),
    "ADIE": ("ADIE", "Association pour le droit à l'initiative économique", K.ASSOCIATION),
    "FACE": ("FACE", "Fondation Agir contre l'exclusion", K.ASSOCIATION),
    "CRESS": ("CRESS", "Chambre régionale de l'économie sociale et solidaire", K.COMPANY),
    "AFD": ("AFD", "Agence française de développement", K.PUBLIC_BODY),
    "CDC": ("CDC", "Caisse des dépôts", K.PUBLIC_BODY),
    "DIV": ("DIV", "Délégation interministérielle à la ville", K.STATE),
    "CAF": ("CAF", "Caisse d'allocations familiales de la Martinique", K.PUBLIC_BODY),
    "AFPA": (
        "AFPA",
        "Association nationale pour la formation professionnelle des adultes",
        K.PUBLIC_BODY,
    ),
    "CNFPT": ("CNFPT", "Centre national de la fonction publique territoriale", K.PUBLIC_BODY),
    "SPIP": ("SPIP", "Service pénitentiaire d'insertion et de probation", K.STATE),
}


def organisation(key):
    """The directory's organisation for ``key``: matched on acronym, slug or name (the
    directory's own demo runs first and may hold it already), else created."""
    acronym, name, kind = ORGANISATIONS[key]
    slug = slugify(acronym or name)
    match = Q(slug=slug) | Q(name__iexact=name)
    if acronym:
        match |= Q(acronym__iexact=acronym)
    found = Organisation.objects.filter(match).order_by("pk").first()
    if found:
        return found
    return Organisation.objects.create(name=name, acronym=acronym, slug=slug, kind=kind)


def upsert(model, lookup, values):
    """update_or_create that saves only when a value differs (no empty history rows)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


def build(programme_values, orientations, axes, actions):
    programme = upsert(Programme, {"year": programme_values.pop("year")}, programme_values)
    by_number = {}
    for number, title in orientations:
        by_number[number] = upsert(
            Orientation, {"programme": programme, "number": number}, {"title": title}
        )
    axis_by_number = {}
    for number, title, orientation in axes:
        axis_by_number[number] = upsert(
            Axis,
            {"programme": programme, "number": number},
            {"title": title, "orientation": by_number.get(orientation)},
        )
    themes = {t.slug: t for t in Theme.objects.all()}
    territories = {t.slug: t for t in Territory.objects.all()}
    made = {}
    for spec in actions:
        spec = dict(spec)
        number = spec.pop("number")
        partners = spec.pop("partners", [])
        theme_slugs = spec.pop("themes", [])
        territory_slugs = spec.pop("territories", [])
        spec["axis"] = axis_by_number.get(spec.pop("axis", None))
        for name in ("start_month", "end_month", "start_date", "end_date"):
            spec.setdefault(name, None)
        spec.setdefault("deliverables", "")
        spec.setdefault("lead", "Centre de ressources Ville caraïbe")
        action = upsert(Action, {"programme": programme, "number": number}, spec)
        action.partners.set([organisation(key) for key in partners])
        action.themes.set([themes[s] for s in theme_slugs if s in themes])
        action.territories.set([territories[s] for s in territory_slugs if s in territories])
        made[number] = action
    return programme, made


def load_programmes(stdout):
    load_2014()
    load_2008()
    stdout.write("  Programmes 2008 (évaluation, budget) et 2014 chargés.")


# 2014 -----------------------------------------------------------------------------------

INTRO_2014 = """<p>La réforme de la politique de la ville initiée en 2012 sera mise en œuvre en 2014 à travers les nouveaux contrats de ville. Le Centre de ressources, conformément aux orientations du Gouvernement, va continuer comme depuis 2012 à accompagner les acteurs à se préparer au nouveau cadre opérationnel de cette nouvelle étape 2014-2020.</p>
<p>Cette dernière permettra d'articuler les schémas stratégiques tels que le Contrat de plan État-Région, le SAR, les programmes opérationnels européens, les projets de mandats municipaux, le renouvellement des équipes avec le nouveau cadre opérationnel de la politique de la ville qu'est le contrat de ville.</p>
<p>Conformément à la note stratégique validée en assemblée générale le 18 juillet 2013, trois orientations majeures sont proposées pour le programme d'activités 2014.</p>
<p>Les actions proposées sont en lien avec le travail en cours sur les orientations nationales de la réforme, le travail de préfiguration du contrat de ville de Fort-de-France et les problématiques repérées. Elles seront forcément impactées par le choix des territoires retenus par le Gouvernement, la nécessaire mobilisation du droit commun, mais aussi par les orientations des équipes municipales et de leur projet de mandat.</p>"""

ACTIONS_2014 = [
    {
        "number": 1,
        "axis": 1,
        "title": "Accompagnement de la préfiguration du contrat de ville de Fort-de-France et des communes en contrat de ville",
        "start_month": 1,
        "end_month": 12,
        "description": """<p><strong>Janvier à juin 2014 — préfiguration du contrat de ville de Fort-de-France.</strong> Action commencée en septembre 2013, pilotée par la Ville en partenariat avec l'État et les autres collectivités et organismes concernés. Elle s'inscrit dans le cadre des orientations nationales, de la démarche initiée par la Ville, du comité de pilotage Ville–État et partenaires, et de la convention « Portrait de quartier » (GIP et Ville de Fort-de-France).</p>
<p>Deux étapes : décembre 2013, les orientations et conditions de mise en œuvre (préfiguration, programmation 2014 du CUCS) ; juin 2014, la mise en opérationnalité et les engagements du contrat. Deux outils majeurs : les portraits de quartiers prioritaires et les groupes de travail par panels « entrées prioritaires ».</p>
<p><strong>Septembre à décembre 2014 — les communes en contrat de ville.</strong> Les autres territoires inscrits dans la géographie prioritaire arrêtée par le Gouvernement seront accompagnés, en capitalisant sur la préfiguration de Fort-de-France et les retours d'expériences.</p>
<ul><li>Ville du Lamentin et CACEM : portraits de quartiers prioritaires, groupes de travail « panels » par entrées prioritaires, identification et mobilisation du droit commun des acteurs, formalisation des engagements, accompagnement et qualification des acteurs.</li>
<li>Autres communes (CCNM, CAESM) : appui méthodologique, transfert de compétences, cycle de qualification.</li></ul>""",
        "modes": [M.WORKING_GROUP, M.INDIVIDUAL_SUPPORT, M.SEMINAR, M.CYCLE],
        "deliverables": "Portraits de quartiers prioritaires ; groupes de travail par panels « entrées prioritaires » (note méthodologique) ; séminaire de restitution en juin 2014.",
        "partners": ["FDF", "PREFECTURE", "GIP", "LAMENTIN", "CACEM", "CCNM", "CAESM"],
        "themes": ["contrat-de-ville"],
        "territories": ["fort-de-france", "le-lamentin", "cacem", "ccnm", "caesm"],
    },
    {
        "number": 2,
        "axis": 1,
        "title": "Participation à l'élaboration du CPER sur le volet « politique de la ville » : territoires prioritaires hors géographie prioritaire de l'État",
        "description": """<p>Animation d'un travail à l'échelle régionale sur la priorisation des interventions dans un objectif d'égalité territoriale : comité régional sur l'égalité des territoires, en anticipation de la Collectivité de Martinique.</p>
<ul><li>Compréhension des problématiques de dégradation sociale et urbaine à l'échelle de la Collectivité de Martinique</li><li>Repérage des institutions et acteurs à mobiliser</li><li>Orientations</li></ul>""",
        "modes": [M.WORKING_GROUP],
        "deliverables": "Tableau de bord.",
        "themes": ["observation-territoriale", "contrat-de-ville"],
        "territories": ["martinique"],
    },
    {
        "number": 3,
        "axis": 1,
        "title": "Séminaire des acteurs de la politique de la ville en Martinique",
        "description": """<p>Séminaire de présentation des enjeux et problématiques, de la nouvelle géographie prioritaire et des nouveaux contrats de ville.</p>
<p>Séminaire de restitution en fin d'année aux nouvelles équipes des travaux et des orientations pour 2015.</p>""",
        "modes": [M.SEMINAR],
        "deliverables": "Compte rendu du séminaire ; orientations pour 2015.",
        "themes": ["contrat-de-ville"],
    },
    {
        "number": 4,
        "axis": 2,
        "title": "Les rassemblements de jeunes dans l'espace public",
        "start_month": 2,
        "end_month": 9,
        "description": """<p>Groupe de travail durant l'année : rencontre mensuelle de personnes ressources, production d'un document de référence, propositions d'actions.</p>
<p>Une journée de qualification collective et de capitalisation des expériences à destination de tous les acteurs concernés, mobilisant une expertise. Avec l'État, le Conseil régional, le Conseil général, les intercommunalités, les villes, les associations, la PJJ, la police et la gendarmerie nationales, l'IFMES et les travailleurs sociaux.</p>""",
        "modes": [M.WORKING_GROUP, M.QUALIFICATION_DAY],
        "deliverables": "Document de référence ; propositions d'actions ; journée de qualification collective.",
        "partners": [
            "PREFECTURE",
            "REGION",
            "DEPARTEMENT",
            "CACEM",
            "CAESM",
            "CCNM",
            "PJJ",
            "PN",
            "GN",
            "IFMES",
        ],
        "themes": ["prevention-delinquance"],
    },
    {
        "number": 5,
        "axis": 2,
        "title": "Le décrochage éducatif et social et la parentalité",
        "start_month": 4,
        "end_month": 7,
        "description": "<p>Groupe de travail pour repérer les interventions et les acteurs, journée de qualification, mobilisation d'expertises.</p>",
        "modes": [M.WORKING_GROUP, M.QUALIFICATION_DAY],
        "deliverables": "Repérage des interventions et des acteurs ; journée de qualification.",
        "partners": [
            "RECTORAT",
            "REGION",
            "PREFECTURE",
            "DJSCS",
            "DIECCT",
            "E2C",
            "CACEM",
            "MISSION_LOCALE",
            "CFA",
        ],
        "themes": ["reussite-educative"],
    },
    {
        "number": 6,
        "axis": 2,
        "title": "Le développement économique et la création d'emploi dans les quartiers cumulant des problématiques de dégradation sociale et urbaine",
        "start_month": 1,
        "end_month": 12,
        "description": """<p>Forum trimestriel de mobilisation et de qualification collective, à destination des institutions et surtout des entreprises et chambres consulaires : identification des problématiques, repérage des réponses et des acteurs qui interviennent, orientations et propositions. Un groupe de travail le prépare.</p>
<p>« Bokantaj » de l'économie solidaire : présentation d'initiatives et d'expériences.</p>""",
        "modes": [M.FORUM, M.WORKING_GROUP, M.CAFE_DEBATE],
        "deliverables": "Quatre forums ; orientations et propositions.",
        "partners": [
            "REGION",
            "CCIM",
            "CACEM",
            "CA",
            "CGPME",
            "MI",
            "ADIE",
            "FACE",
            "CRESS",
            "AFD",
            "CDC",
        ],
        "themes": ["developpement-economique", "insertion-emploi"],
    },
    {
        "number": 7,
        "axis": 2,
        "title": "Ateliers d'échanges de pratiques des adultes-relais dans le cadre du plan de professionnalisation",
        "description": "<p>Trois ateliers d'échanges de pratiques, sur des cas pratiques, avec des intervenants.</p>",
        "modes": [M.WORKSHOP],
        "deliverables": "Trois ateliers.",
        "themes": ["lien-social-culture"],
    },
    {
        "number": 8,
        "axis": 2,
        "title": "La prévention de la délinquance et la sécurité",
        "description": """<ul><li>Cycle de qualification des coordinateurs, à la demande de la préfecture.</li>
<li>Trois rencontres annuelles d'acteurs : diagnostic, pilotage, partenariat, plan d'actions.</li>
<li>Accompagnement de la cellule de veille du Nord Caraïbe et du FIPD.</li></ul>""",
        "modes": [M.CYCLE, M.NETWORK_MEETING, M.INDIVIDUAL_SUPPORT],
        "deliverables": "Cycle de qualification ; trois rencontres d'acteurs.",
        "partners": ["PREFECTURE"],
        "themes": ["prevention-delinquance"],
    },
    {
        "number": 9,
        "axis": 2,
        "title": "L'approche intégrée des projets urbains (du quartier à la ville)",
        "description": """<p><strong>Cycle de qualification sur l'approche intégrée des projets urbains</strong> : des quartiers à la ville, les expériences transférables, les étapes de construction des projets, les financements et partenaires, le pilotage, la mobilisation du droit commun, les évaluations.</p>
<p><strong>Atelier permanent « approche intégrée / quartiers durables »</strong> renforcé : suite du cycle de qualification 2013, échanges d'informations, recueil d'expériences, référentiel écoquartier caribéen.</p>
<p><strong>Atelier dédié aux bailleurs sociaux</strong> dans le cadre des contrats de ville : constats, orientations, priorités, partenariats.</p>""",
        "modes": [M.CYCLE, M.WORKSHOP, M.PUBLICATION],
        "deliverables": "Recueil d'expériences ; référentiel écoquartier caribéen.",
        "themes": ["renovation-urbaine", "developpement-durable", "habitat-logement"],
    },
    {
        "number": 10,
        "axis": 2,
        "title": "Groupe de travail sur l'implication des habitants dans les nouveaux contrats de ville",
        "description": """<p>En lien avec la réflexion sur la mémoire des quartiers : groupe de travail sur l'implication des habitants dans les nouveaux contrats, des orientations à l'opérationnalisation.</p>
<p>« Bokantaj » de 17 h à 19 h : une série de rencontres-débats.</p>""",
        "modes": [M.WORKING_GROUP, M.PUBLICATION, M.CAFE_DEBATE],
        "deliverables": "Recueil de « bonnes pratiques » et orientations.",
        "themes": ["participation-habitants"],
    },
    {
        "number": 11,
        "axis": 2,
        "title": "Bokantaj K'fèt : café-débat",
        "description": """<p>Des échanges dans un cadre moins formel, sur des quartiers et sur des problématiques prioritaires pour leur développement, en débat ouvert aux habitants :</p>
<ul><li>l'implication des habitants dans la politique de la ville et les projets de quartier ;</li><li>les initiatives économiques dans le quartier ;</li><li>la mémoire du quartier ;</li><li>la culture dans les quartiers ;</li><li>la relation intergénérationnelle.</li></ul>""",
        "modes": [M.CAFE_DEBATE],
        "themes": ["participation-habitants", "lien-social-culture"],
    },
    {
        "number": 12,
        "axis": 2,
        "title": "Rencontres du réseau national des centres de ressources (CRPV)",
        "start_month": 1,
        "end_month": 12,
        "description": "<p>Quatre déplacements dans l'année aux rencontres du réseau national.</p>",
        "modes": [M.NETWORK_MEETING],
    },
]


def load_2014():
    build(
        {
            "year": 2014,
            "title": "Programme prévisionnel d'actions 2014",
            "status": Programme.Status.VALIDATED,
            "introduction": INTRO_2014,
        },
        orientations=[
            (1, "Connaître, repérer et comprendre les logiques de dégradation sociale et urbaine"),
            (
                2,
                "Rechercher collectivement les meilleures solutions : l'adaptation et la "
                "mobilisation des compétences et des interventions de chacun",
            ),
            (3, "Accompagner les dynamiques de changement"),
        ],
        axes=[
            (
                1,
                "Accompagnement de la géographie prioritaire et des territoires cumulant les "
                "problématiques de dégradation sociale et urbaine",
                1,
            ),
            (
                2,
                "Accompagnement collectif et qualification collective sur des entrées "
                "prioritaires des territoires cumulant les problématiques de dégradation "
                "sociale et urbaine (géographie prioritaire de l'État et territoires "
                "prioritaires des collectivités)",
                2,
            ),
        ],
        actions=ACTIONS_2014,
    )


# 2008 -----------------------------------------------------------------------------------

DONE = Action.Status.DONE

ACTIONS_2008 = [
    {
        "number": 1,
        "axis": 1,
        "title": "Journée d'information collective sur le CLAS",
        "start_date": date(2008, 4, 2),
        "description": "<p>Copilotée avec le bureau de la politique de la ville et la CAF, au restaurant <em>New World</em> : présentation du dispositif CLAS aux porteurs de projets, échanges sur les projets en cours et la méthodologie attendue.</p>",
        "modes": [M.QUALIFICATION_DAY],
        "deliverables": "Compte rendu.",
        "partners": ["CAF"],
        "themes": ["reussite-educative"],
    },
    {
        "number": 2,
        "axis": 1,
        "title": "Formation-action : les enjeux du commerce dans les opérations de renouvellement urbain",
        "start_date": date(2008, 4, 10),
        "description": "<p>Au <em>Squash Hôtel</em>, avec F. Kossman, expert de l'ANRU : contexte, conditions de succès, acteurs et partenariats des pôles commerciaux, puis échanges sur les opérations en cours.</p>",
        "modes": [M.QUALIFICATION_DAY],
        "deliverables": "Dossier de participants ; programme.",
        "partners": ["CACEM", "CDC", "CCIM"],
        "themes": ["renovation-urbaine", "developpement-economique"],
    },
    {
        "number": 3,
        "axis": 1,
        "title": "Rencontre « Territoires, outils et acteurs de la politique de la ville »",
        "start_date": date(2008, 5, 16),
        "description": "<p>À l'école hôtelière de l'AFPA (Batelière) : présentation du Centre de ressources, de son bureau et de ses missions ; retour sur les rencontres territoriales du plan Espoir banlieues ; présentations d'acteurs et d'expériences.</p>",
        "modes": [M.SEMINAR],
        "deliverables": "Compte rendu ; programme ; dossier de participants.",
        "partners": ["AFPA", "CACEM", "CCNM"],
        "themes": ["contrat-de-ville"],
    },
    {
        "number": 4,
        "axis": 1,
        "title": "Cycle de qualification : prévention de la délinquance",
        "start_date": date(2008, 6, 24),
        "end_date": date(2008, 6, 26),
        "description": "<p>Trois journées coanimées avec la sociologue Nicole Chambron, au Lamentin et à Saint-Joseph : le nouveau cadre réglementaire (loi de 2007) ; école, parentalité et prévention ; le partenariat police, ville, justice.</p>",
        "modes": [M.CYCLE],
        "deliverables": "Comptes rendus.",
        "themes": ["prevention-delinquance"],
        "territories": ["le-lamentin", "saint-joseph"],
    },
    {
        "number": 5,
        "axis": 1,
        "title": "Cycle de qualification : l'évaluation",
        "start_date": date(2008, 9, 22),
        "end_date": date(2008, 9, 26),
        "description": "<p>Une semaine au CNFPT et au foyer des jeunes travailleurs avec R. Epstein, sociologue expert de la politique de la ville : théorie et techniques de l'évaluation, échanges entre les deux CUCS, prévention de la délinquance, conseils aux porteurs de projets, accompagnement individualisé des équipes CUCS.</p>",
        "modes": [M.CYCLE, M.INDIVIDUAL_SUPPORT],
        "deliverables": "Dossier de participants ; comptes rendus.",
        "partners": ["CNFPT"],
        "themes": ["evaluation"],
    },
    {
        "number": 6,
        "axis": 1,
        "title": "Journée de qualification collective sur la prévention de la récidive",
        "start_date": date(2008, 11, 6),
        "description": "<p>Avec le SPIP : échange de pratiques entre les acteurs de la préparation à la sortie des détenus et les chefs de projets ; identification des acteurs de l'accompagnement à la sortie de prison.</p>",
        "modes": [M.QUALIFICATION_DAY],
        "deliverables": "Compte rendu.",
        "partners": ["SPIP"],
        "themes": ["prevention-delinquance"],
    },
    {
        "number": 7,
        "axis": 2,
        "title": "Accompagnement individualisé",
        "start_month": 4,
        "end_month": 12,
        "description": "<p>Conseils méthodologiques, mise à disposition de documentation, mise en relation avec des référents et des initiatives ; accompagnement méthodologique des porteurs de projet CLAS.</p>",
        "modes": [M.INDIVIDUAL_SUPPORT],
        "themes": ["reussite-educative", "prevention-delinquance"],
    },
    {
        "number": 8,
        "axis": 2,
        "title": "Animation et mise en réseau, documentation et publications",
        "start_month": 1,
        "end_month": 12,
        "description": "<p>Recensement des acteurs par thématique et annuaire de la politique de la ville ; lettre d'information « La cohésion se construit » tous les quinze jours ; site Internet ; fiches d'expérience.</p>",
        "modes": [M.PUBLICATION, M.WORKING_GROUP],
    },
    {
        "number": 9,
        "axis": 2,
        "title": "Participation au réseau national des centres de ressources",
        "start_month": 1,
        "end_month": 12,
        "description": "<p>Regroupements bimestriels du réseau ; rencontres avec la DIV ; association des directeurs de centres de ressources.</p>",
        "modes": [M.NETWORK_MEETING],
    },
]

EVALUATIONS_2008 = [
    {
        "objective": "Qualification sur l'évaluation",
        "action": 5,
        "stakes": "La démarche d'évaluation permet le débat entre acteurs et les interroge sur leurs pratiques. Le cycle de qualification répondait aux attentes nationales et aux préoccupations pratiques des acteurs sur leurs évaluations en cours ou futures, notamment les équipes CUCS.",
        "objectives": "Qualifier les acteurs de la politique de la ville sur l'évaluation et leur permettre d'échanger leurs pratiques.",
        "effectiveness": "Une semaine de formation-action sur l'évaluation de la politique de la ville : recensement des attentes, cahier des charges, logistique et organisation des journées par thématique. Prestation d'un sociologue expert, mis à disposition des acteurs (CUCS et CLS) avec un suivi. Diffusion de documents méthodologiques sur l'évaluation des CUCS et des CLS/CLSPD. Comptes rendus du cycle. Participation à la coconstruction du référentiel sur l'utilité sociale des associations avec le DLA.",
        "indicators": "Participants aux journées, enquête de satisfaction, demandes des documents et téléchargements du compte rendu (voir les chiffres calculés). Amorce d'un travail de mutualisation entre les acteurs, notamment entre les deux CUCS.",
        "limits": "Formation trop longue. Manque de volonté d'échanges et de mutualisation de certains acteurs. Calendriers trop chargés pour l'accompagnement pendant l'évaluation des CUCS. Pas de travail en groupe continu sur l'évaluation. Attentes plus spécialisées d'une partie des acteurs, sur la prévention de la délinquance par exemple.",
        "strengths": "Partage d'expériences sur l'évaluation. Visions partagées d'un projet entre acteurs d'un même territoire. Apport sur l'actualité du plan Espoir banlieues. Diversité des acteurs (associations, chefs de projets, État) et des territoires.",
        "opportunities": "Travail continu en groupes avec les CUCS et les CLS à mettre en place pour 2009, en lien avec l'observation.",
    },
    {
        "objective": "Qualification sur l'observation",
        "stakes": "Rationaliser les projets (diagnostic, évaluation). Mutualiser les outils d'observation des territoires de la politique de la ville. Produire des informations et des données sur ses différents domaines.",
        "objectives": "Qualifier les acteurs sur la démarche d'observation. Proposer des formations, la mutualisation des ressources, des outils et des données. Adopter une démarche collective face aux enjeux.",
        "effectiveness": "Documentation mise à disposition, notamment des guides méthodologiques. Recensement des études sur les thématiques connexes. Interpellation des acteurs sur la mutualisation des outils entre les deux CUCS (séances de travail communes en vue des évaluations de 2009), sur des tableaux de bord par quartier, sur l'interpellation commune des producteurs de données et sur le croisement des données à l'échelle infracommunale. Le Centre de ressources est membre de la plateforme d'observation sociale et sanitaire initiée par la DSDS.",
        "limits": "Disponibilité des acteurs sur la question. Difficulté à joindre la coordinatrice de l'observatoire de Fort-de-France. Plusieurs démarches d'observatoires en gestation. Besoins en information et en données non exprimés. Difficulté du travail en commun.",
        "opportunities": "En 2009 : formation sur l'observation des territoires et des dispositifs de la politique de la ville ; recensement de la population par l'INSEE ; collecte et analyse des données brutes et production de données en partenariat ; mise en commun pour les deux CUCS ; participation aux travaux de la plateforme d'observation sociale et sanitaire.",
    },
    {
        "objective": "Qualification sur la rénovation urbaine",
        "stakes": "Un projet de rénovation urbaine à Fort-de-France et plusieurs en Guyane et en Guadeloupe, à des niveaux d'avancement différents mais dans un contexte géographique et culturel proche ; plusieurs projets d'aménagement urbain dans le département. Articuler l'aménagement urbain avec les volets social, humain, économique et environnemental.",
        "objectives": "Qualifier les acteurs de la rénovation urbaine. Permettre l'échange et l'articulation d'un projet intégré.",
        "effectiveness": "Recensement des besoins en qualification et en échanges des acteurs de la rénovation urbaine. Mise en réseau et démarche partagée avec la Guadeloupe et la Guyane. Recherche de financements. Documentation. Interpellation sur l'articulation entre rénovation urbaine et CUCS. Journée de formation sur les enjeux du commerce dans le renouvellement urbain, animée par un expert de l'ANRU.",
        "limits": "Calendriers difficiles et manque de disponibilité des acteurs.",
        "opportunities": "En 2009, un cycle de qualification commun avec les Antilles et la Guyane, attendu par les acteurs, notamment sur l'aménagement durable, la gestion des espaces urbains et plus largement le management de projet intégré.",
    },
    {
        "objective": "Veille sur le plan Espoir banlieues",
        "stakes": "Prendre en compte les difficultés spécifiques de l'outre-mer dans l'élaboration du plan Espoir banlieues.",
        "objectives": "Informer sur des règles qui vont bientôt s'appliquer localement. Veille juridique et informative.",
        "effectiveness": "Diffusion des éléments des rencontres territoriales départementales. Recensement des mesures du plan. Interpellation des acteurs sur leur adaptation au contexte martiniquais. Présentation des mesures lors de la rencontre « Territoires, outils et acteurs ». Veille juridique diffusée par la lettre d'information et par courriel. Éclairage de R. Epstein sur les réformes en cours. Suivi des avancées juridiques et pratiques. Avis sur les délégués de l'État.",
        "opportunities": "En 2009, application des mesures dans les deux CUCS, avec un accompagnement possible du Centre de ressources.",
    },
    {
        "objective": "Appui et mise en réseau des acteurs et des territoires",
        "stakes": "Faire connaître et expliquer la démarche du Centre de ressources : coproduction, intervenants, publications, mise en réseau, capitalisation d'expériences.",
        "objectives": "Repérer les acteurs, favoriser la mutualisation des outils et des ressources, accompagner les acteurs du développement social urbain. Capitaliser les expériences, animer le réseau et valoriser les projets innovants.",
        "effectiveness": "Cycles de qualification et d'échanges de pratiques. Annuaire, rencontres et entretiens avec les acteurs, mises en relation. Accompagnement individualisé et information collective. Fiches d'expériences et présentations de projets et de structures. Lettre d'information. Groupes de travail. Thématiques : réussite éducative, prévention de la délinquance, rénovation urbaine, insertion et développement économique, addictions, lutte contre l'exclusion…",
        "indicators": "Une quinzaine de demandes de documentation sur ces thématiques, des invitations à des réunions de travail, des partenariats. Participation aux activités (voir les chiffres des rencontres et des cycles).",
        "limits": "Au départ, les missions du Centre de ressources étaient mal comprises (mise en réseau ? capitalisation ? politique de la ville ?). Nombreux acteurs dans l'accompagnement des associations et la réussite éducative : positionnement difficile. Forte technicité de la rénovation urbaine à Fort-de-France par rapport aux autres territoires. Accompagnement individuel limité à quelques opérateurs.",
        "opportunities": "Adhésion des chefs de projets prévention de la délinquance et des chargés de mission CUCS. Forte attente sur la réussite éducative et de la part des associations professionnelles de la politique de la ville.",
    },
]


def load_2008():
    programme, actions = build(
        {
            "year": 2008,
            "title": "Programme d'actions 2008",
            "status": Programme.Status.VALIDATED,
            "validated_on": date(2008, 2, 29),
            "introduction": "<p>Première année d'exercice du Centre de ressources. Pour 2008, le Centre a privilégié la qualification des acteurs sur l'évaluation, notamment des chefs de projets CUCS, l'accompagnement du plan Espoir banlieues et plus généralement l'appui aux acteurs et aux territoires de la politique de la ville.</p>",
            "total_budget": Decimal("200000.00"),
        },
        orientations=[
            (1, "L'observation et l'évaluation"),
            (2, "La rénovation urbaine et le développement local"),
            (3, "La veille sur le plan Espoir banlieues"),
            (4, "L'appui méthodologique aux projets et aux territoires"),
        ],
        axes=[
            (1, "Les activités ponctuelles", None),
            (2, "Les activités permanentes", None),
        ],
        actions=[{**spec, "status": DONE} for spec in ACTIONS_2008],
    )
    for position, spec in enumerate(EVALUATIONS_2008, start=1):
        spec = dict(spec)
        action_number = spec.pop("action", None)
        values = {name: spec.get(name, "") for name in Evaluation.GRID}
        values["position"] = position
        values["action"] = actions[action_number] if action_number else None
        upsert(Evaluation, {"programme": programme, "objective": spec["objective"]}, values)
    budget = [
        (BudgetLine.Kind.INCOME, "DIV", "", "", "100000"),
        (BudgetLine.Kind.INCOME, "CDC", "", "", "40000"),
        (BudgetLine.Kind.INCOME, "CACEM", "", "", "60000"),
        (BudgetLine.Kind.EXPENSE, None, BudgetLine.Category.STAFF, "", "90000"),
        (BudgetLine.Kind.EXPENSE, None, BudgetLine.Category.EXTERNAL_SERVICES, "", "60000"),
        (BudgetLine.Kind.EXPENSE, None, BudgetLine.Category.OPERATIONS, "", "50000"),
    ]
    for position, (kind, funder, category, label, amount) in enumerate(budget, start=1):
        upsert(
            BudgetLine,
            {"programme": programme, "kind": kind, "position": position},
            {
                "funder": organisation(funder) if funder else None,
                "category": category,
                "label": label,
                "amount": Decimal(amount),
            },
        )

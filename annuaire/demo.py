"""Demo data of the directory: the partners named in the 2008 report and the 2014 programme.

Idempotent: organisations are keyed on their slug, people on their e-mail,
positions on (person, organisation, function), support entries on
(date, person or organisation, kind). People are fictional.
"""

import datetime

from annuaire.models import Organisation, Person, Position, SupportEntry
from villecaraibe.models import Territory, Theme

K = Organisation.Kind

# (slug, name, acronym, kind, commune slug, territory slugs, theme slugs, parent slug)
ORGANISATIONS = [
    ("ville-caraibe", "Centre de ressources Ville caraïbe", "", K.RESOURCE_CENTRE, "fort-de-france", ["martinique"], ["evaluation", "contrat-de-ville", "observation-territoriale"], None),
    ("cacem", "Communauté d'agglomération du Centre de la Martinique", "CACEM", K.INTERCOMMUNALITY, "fort-de-france", ["cacem"], ["contrat-de-ville", "developpement-economique", "prevention-delinquance"], None),
    ("caesm", "Communauté d'agglomération de l'Espace Sud Martinique", "CAESM", K.INTERCOMMUNALITY, "le-marin", ["caesm"], ["developpement-economique"], None),
    ("ccnm", "Communauté de communes du Nord de la Martinique (Cap Nord)", "CCNM", K.INTERCOMMUNALITY, "le-robert", ["ccnm"], ["developpement-economique"], None),
    ("ville-de-fort-de-france", "Ville de Fort-de-France", "", K.COMMUNE, "fort-de-france", ["fort-de-france"], ["contrat-de-ville", "renovation-urbaine", "reussite-educative", "prevention-delinquance"], None),
    ("ville-du-lamentin", "Ville du Lamentin", "", K.COMMUNE, "le-lamentin", ["le-lamentin"], ["contrat-de-ville", "reussite-educative", "prevention-delinquance"], None),
    ("prefecture", "Préfecture de la Martinique", "", K.STATE, "fort-de-france", ["martinique"], ["contrat-de-ville", "prevention-delinquance"], None),
    ("conseil-regional", "Conseil régional de la Martinique", "", K.REGION, "fort-de-france", ["martinique"], ["insertion-emploi", "developpement-economique"], None),
    ("conseil-general", "Conseil général de la Martinique", "", K.DEPARTMENT, "fort-de-france", ["martinique"], ["sante", "lien-social-culture"], None),
    ("rectorat", "Rectorat de l'académie de la Martinique", "", K.STATE, "schoelcher", ["martinique"], ["reussite-educative"], None),
    ("caf", "Caisse d'allocations familiales de la Martinique", "CAF", K.PUBLIC_BODY, "fort-de-france", ["martinique"], ["lien-social-culture", "reussite-educative"], None),
    ("spip", "Service pénitentiaire d'insertion et de probation", "SPIP", K.STATE, "fort-de-france", ["martinique"], ["prevention-delinquance"], None),
    ("pjj", "Protection judiciaire de la jeunesse", "PJJ", K.STATE, "fort-de-france", ["martinique"], ["prevention-delinquance"], None),
    ("djscs", "Direction de la jeunesse, des sports et de la cohésion sociale", "DJSCS", K.STATE, "fort-de-france", ["martinique"], ["contrat-de-ville", "vie-associative"], "prefecture"),
    ("dieccte", "Direction des entreprises, de la concurrence, de la consommation, du travail et de l'emploi", "DIECCT", K.STATE, "fort-de-france", ["martinique"], ["insertion-emploi", "developpement-economique"], "prefecture"),
    ("cnfpt", "Centre national de la fonction publique territoriale", "CNFPT", K.PUBLIC_BODY, "fort-de-france", ["martinique"], ["evaluation"], None),
    ("afpa", "Association pour la formation professionnelle des adultes", "AFPA", K.PUBLIC_BODY, "le-lamentin", ["martinique"], ["insertion-emploi"], None),
    ("uag", "Université des Antilles et de la Guyane", "UAG", K.PUBLIC_BODY, "schoelcher", ["martinique"], ["observation-territoriale", "evaluation"], None),
    ("e2c", "École de la deuxième chance de la Martinique", "E2C", K.ASSOCIATION, "le-lamentin", ["martinique"], ["insertion-emploi"], None),
    ("mission-locale", "Mission locale du Centre", "", K.ASSOCIATION, "fort-de-france", ["cacem"], ["insertion-emploi"], None),
    ("cfa", "Centre de formation d'apprentis", "CFA", K.PUBLIC_BODY, "le-lamentin", ["martinique"], ["insertion-emploi"], None),
    ("ccim", "Chambre de commerce et d'industrie de la Martinique", "CCIM", K.COMPANY, "fort-de-france", ["martinique"], ["developpement-economique"], None),
    ("cgpme", "Confédération générale des petites et moyennes entreprises", "CGPME", K.COMPANY, "fort-de-france", ["martinique"], ["developpement-economique"], None),
    ("adie", "Association pour le droit à l'initiative économique", "ADIE", K.ASSOCIATION, "fort-de-france", ["martinique"], ["developpement-economique", "insertion-emploi"], None),
    ("face", "Fondation agir contre l'exclusion", "FACE", K.ASSOCIATION, "fort-de-france", ["martinique"], ["insertion-emploi"], None),
    ("cress", "Chambre régionale de l'économie sociale et solidaire", "CRESS", K.COMPANY, "fort-de-france", ["martinique"], ["developpement-economique", "vie-associative"], None),
    ("afd", "Agence française de développement", "AFD", K.PUBLIC_BODY, "fort-de-france", ["martinique"], ["developpement-economique"], None),
    ("cdc", "Caisse des dépôts", "CDC", K.PUBLIC_BODY, "fort-de-france", ["martinique"], ["renovation-urbaine", "developpement-economique"], None),
    ("irdsu", "Inter-réseaux des professionnels du développement social urbain", "IRDSU", K.ASSOCIATION, "", [], ["contrat-de-ville"], None),
    ("acse", "Agence nationale pour la cohésion sociale et l'égalité des chances", "ACSé", K.PUBLIC_BODY, "", ["martinique"], ["contrat-de-ville"], None),
    ("div", "Délégation interministérielle à la ville", "DIV", K.STATE, "", ["martinique"], ["contrat-de-ville", "renovation-urbaine"], None),
    ("martinique-initiatives", "Martinique Initiatives", "", K.ASSOCIATION, "fort-de-france", ["martinique"], ["developpement-economique"], None),
]  # fmt: skip

# Contact details of the centre itself (the others are left for staff to fill in).
CONTACTS = {
    "ville-caraibe": {
        "address": "Immeuble La Varangue\n36, boulevard Amilcar Cabral",
        "phone": "0596 68 64 52",
        "email": "contact@villecaraibe.com",
        "description": "<p>Centre de ressources pour les acteurs de la politique de la ville et du "
        "développement social urbain de Martinique, créé le 6 mars 2007.</p>",
    },
}

# (e-mail, civility, first, last, phone, consent, show e-mail, show phone, themes,
#  [(organisation slug, function, start)])
PEOPLE = [
    ("mj.laventure@example.org", "mme", "Marie-José", "Laventure", "0596 60 00 01", True, True, True, ["contrat-de-ville", "evaluation"],
     [("ville-de-fort-de-france", "Cheffe de projet CUCS", datetime.date(2007, 9, 1))]),
    ("jc.sainte-rose@example.org", "m", "Jean-Claude", "Sainte-Rose", "0596 60 00 02", True, True, False, ["prevention-delinquance"],
     [("ville-du-lamentin", "Coordinateur CLSPD", datetime.date(2008, 1, 15))]),
    ("l.desir@example.org", "mme", "Lucienne", "Désir", "", True, False, False, ["insertion-emploi"],
     [("cacem", "Chargée de mission politique de la ville", datetime.date(2006, 3, 1))]),
    ("p.rosier@example.org", "mme", "Paulette", "Rosier", "0696 10 20 30", False, False, False, ["participation-habitants"],
     [("ville-de-fort-de-france", "Adulte relais, Volga-Plage", datetime.date(2008, 5, 1))]),
    ("h.bellay@example.org", "m", "Hervé", "Bellay", "", False, False, False, ["reussite-educative"],
     [("ville-du-lamentin", "Élu délégué à la politique de la ville", datetime.date(2008, 3, 20))]),
]  # fmt: skip

CONSENT_TEXT = Person.STANDARD_CONSENT_TEXT

# (date, person e-mail or None, organisation slug or None, kind, theme slug, notes, follow-up)
SUPPORT = [
    (datetime.date(2008, 6, 26), None, "ville-de-fort-de-france", "methodologie", "evaluation",
     "Mise à disposition de l'intervenant pour l'évaluation du CUCS.", None),
    (datetime.date(2008, 10, 7), "jc.sainte-rose@example.org", "ville-du-lamentin", "mise-en-relation", "prevention-delinquance",
     "Mise en relation avec le SPIP et la PJJ pour le diagnostic local de sécurité.", datetime.date(2008, 11, 15)),
    (datetime.date(2008, 11, 18), "l.desir@example.org", "cacem", "documentation", "insertion-emploi",
     "Envoi de documents méthodologiques sur les PLIE.", None),
    (datetime.date(2008, 12, 2), "p.rosier@example.org", None, "projet", "participation-habitants",
     "Appui au montage d'un projet de jardin partagé.", datetime.date(2009, 1, 20)),
]  # fmt: skip


def load(stdout):
    territories = {t.slug: t for t in Territory.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    orgs = {}
    for slug, name, acronym, kind, commune, places, theme_slugs, _parent in ORGANISATIONS:
        org, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "acronym": acronym,
                "kind": kind,
                "commune": territories.get(commune),
                **CONTACTS.get(slug, {}),
            },
        )
        org.territories.set([territories[s] for s in places if s in territories])
        org.themes.set([themes[s] for s in theme_slugs if s in themes])
        orgs[slug] = org
    for slug, *_rest, parent in ORGANISATIONS:
        if parent and orgs[slug].parent_id != orgs[parent].pk:
            orgs[slug].parent = orgs[parent]
            orgs[slug].save()

    people = {}
    for (
        email,
        civ,
        first,
        last,
        phone,
        consent,
        show_email,
        show_phone,
        theme_slugs,
        positions,
    ) in PEOPLE:
        person, _ = Person.objects.update_or_create(
            email=email,
            defaults={
                "civility": civ,
                "first_name": first,
                "last_name": last,
                "phone": phone,
                "public_consent": consent,
                "consent_text": CONSENT_TEXT if consent else "",
                "show_email": show_email,
                "show_phone": show_phone,
            },
        )
        person.themes.set([themes[s] for s in theme_slugs if s in themes])
        for org_slug, function, start in positions:
            Position.objects.update_or_create(
                person=person,
                organisation=orgs[org_slug],
                function=function,
                defaults={"start_date": start},
            )
        people[email] = person

    for date, email, org_slug, kind, theme, notes, follow_up in SUPPORT:
        SupportEntry.objects.update_or_create(
            date=date,
            person=people.get(email),
            organisation=orgs.get(org_slug),
            kind=kind,
            defaults={
                "theme": themes.get(theme),
                "notes": notes,
                "follow_up_date": follow_up,
                # The 2008 follow-ups were done; the last one is left open for the dashboard.
                "follow_up_done": follow_up is not None and follow_up.year == 2008,
            },
        )
    stdout.write(
        f"  Directory: {len(orgs)} organisations, {len(people)} people, "
        f"{len(SUPPORT)} support entries"
    )

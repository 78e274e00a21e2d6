"""The shared vocabulary's reference lists: themes and the territories of Martinique.

This is the one place where the list of themes and the territorial tree are
written down; the demo loader (and any fresh installation) creates them from
here. Staff then edit them in the admin (Site and shared vocabulary).
"""

THEMES = [
    # (slug, name)
    ("evaluation", "Évaluation"),
    ("prevention-delinquance", "Prévention de la délinquance"),
    ("reussite-educative", "Réussite éducative"),
    ("renovation-urbaine", "Rénovation urbaine"),
    ("habitat-logement", "Habitat et logement"),
    ("insertion-emploi", "Insertion et emploi"),
    ("developpement-economique", "Développement économique"),
    ("participation-habitants", "Participation des habitants"),
    ("sante", "Santé"),
    ("lien-social-culture", "Lien social et culture"),
    ("developpement-durable", "Développement durable des quartiers"),
    ("vie-associative", "Vie associative"),
    ("contrat-de-ville", "Contrat de ville et CUCS"),
    ("observation-territoriale", "Observation territoriale"),
]

REGION = ("martinique", "Martinique", "972")

# Intercommunal bodies and their communes: (INSEE code, name, postal code).
INTERCOMMUNALITIES = [
    (
        "cacem",
        "CACEM — Communauté d'agglomération du Centre de la Martinique",
        [
            ("97209", "Fort-de-France", "97200"),
            ("97213", "Le Lamentin", "97232"),
            ("97229", "Schœlcher", "97233"),
            ("97224", "Saint-Joseph", "97212"),
        ],
    ),
    (
        "caesm",
        "CAESM — Communauté d'agglomération de l'Espace Sud Martinique",
        [
            ("97202", "Les Anses-d'Arlet", "97217"),
            ("97206", "Le Diamant", "97223"),
            ("97207", "Ducos", "97224"),
            ("97210", "Le François", "97240"),
            ("97217", "Le Marin", "97290"),
            ("97220", "Rivière-Pilote", "97211"),
            ("97221", "Rivière-Salée", "97215"),
            ("97223", "Saint-Esprit", "97270"),
            ("97226", "Sainte-Anne", "97227"),
            ("97227", "Sainte-Luce", "97228"),
            ("97231", "Les Trois-Îlets", "97229"),
            ("97232", "Le Vauclin", "97280"),
        ],
    ),
    (
        "ccnm",
        "CCNM (Cap Nord) — Communauté de communes du Nord de la Martinique",
        [
            ("97201", "L'Ajoupa-Bouillon", "97216"),
            ("97203", "Basse-Pointe", "97218"),
            ("97234", "Bellefontaine", "97222"),
            ("97204", "Le Carbet", "97221"),
            ("97205", "Case-Pilote", "97222"),
            ("97208", "Fonds-Saint-Denis", "97250"),
            ("97211", "Grand'Rivière", "97218"),
            ("97212", "Gros-Morne", "97213"),
            ("97214", "Le Lorrain", "97214"),
            ("97215", "Macouba", "97218"),
            ("97216", "Le Marigot", "97225"),
            ("97218", "Le Morne-Rouge", "97260"),
            ("97233", "Le Morne-Vert", "97226"),
            ("97219", "Le Prêcheur", "97250"),
            ("97222", "Le Robert", "97231"),
            ("97225", "Saint-Pierre", "97250"),
            ("97228", "Sainte-Marie", "97230"),
            ("97230", "La Trinité", "97220"),
        ],
    ),
]

# A few priority neighbourhoods of the two CUCS (Fort-de-France, Le Lamentin):
# (commune INSEE code, name, CUCS site, ZUS, QPV).
NEIGHBOURHOODS = [
    ("97209", "Trénelle-Citron", True, True, True),
    ("97209", "Volga-Plage", True, True, True),
    ("97209", "Sainte-Thérèse", True, True, True),
    ("97209", "Texaco", True, False, True),
    ("97209", "Dillon", True, True, True),
    ("97209", "Terres-Sainville", True, True, True),
    ("97213", "Place d'Armes", True, False, True),
    ("97213", "Bois-Carré", True, False, False),
]

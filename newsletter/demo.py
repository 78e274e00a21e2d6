"""Demo data of the newsletter: 2008 news, a few issues of "La cohésion se construit"
and demo subscribers (example.org addresses). Idempotent: natural keys throughout."""

from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from newsletter.models import Delivery, Issue, NewsItem, Subscriber
from newsletter.services.rendering import render_issue

NEWS = [
    # slug, category, title, summary, body, published (y, m, d), deadline
    (
        "plan-espoir-banlieues-premieres-mesures",
        NewsItem.Category.NATIONAL,
        "Plan « Espoir banlieues » : les premières mesures",
        "Le Gouvernement présente la dynamique « Espoir banlieues » : emploi des jeunes, "
        "désenclavement, réussite éducative.",
        "<p>Le plan « Espoir banlieues » a été présenté le 8 février 2008. Le Centre de "
        "ressources recense ses mesures et interroge leur adaptation au contexte martiniquais."
        "</p><p>Une présentation en sera faite lors de la rencontre « Territoires, outils et "
        "acteurs de la politique de la ville ».</p>",
        (2008, 2, 15),
        None,
    ),
    (
        "rencontre-territoires-outils-acteurs",
        NewsItem.Category.CENTRE,
        "Rencontre « Territoires, outils et acteurs de la politique de la ville »",
        "Le 16 mai à l'école hôtelière de l'AFPA Batelière : 61 participants pour présenter "
        "le Centre de ressources et fédérer les acteurs.",
        "<p>La chargée de mission ACSé, la CACEM, le PLIE de la CCNM, un bailleur social, un "
        "chef de projet CUCS, une MOUS et le GIP-GPV ont présenté leurs expériences.</p>",
        (2008, 5, 20),
        None,
    ),
    (
        "loi-prevention-delinquance-decrets",
        NewsItem.Category.NEW_TEXTS,
        "Prévention de la délinquance : les textes d'application de la loi de 2007",
        "Le nouveau cadre réglementaire des CLSPD, présenté lors du cycle de qualification "
        "du 24 juin.",
        "<p>Retour sur la loi du 5 mars 2007 relative à la prévention de la délinquance et "
        "ses décrets d'application : rôle du maire, conseil local de sécurité et de "
        "prévention de la délinquance, FIPD.</p>",
        (2008, 6, 16),
        None,
    ),
    (
        "evaluation-des-cucs-cycle-de-qualification",
        NewsItem.Category.CENTRE,
        "Évaluation des CUCS : un cycle de qualification du 22 au 26 septembre",
        "Une semaine de formation-action avec R. Epstein, sociologue, pour les équipes des "
        "CUCS de Fort-de-France et du Lamentin.",
        "<p>Techniques et théorie de l'évaluation, 25 ans d'évaluation de la politique de la "
        "ville, échanges entre les deux CUCS, conseils méthodologiques aux porteurs de "
        "projets.</p>",
        (2008, 9, 1),
        None,
    ),
    (
        "veille-evaluation-cucs-circulaire",
        NewsItem.Category.REGULATORY_WATCH,
        "Veille : l'évaluation à mi-parcours des contrats urbains de cohésion sociale",
        "Ce que demandent les services de l'État pour l'évaluation des CUCS en 2008-2009.",
        "<p>Calendrier, indicateurs, place des habitants : les points à retenir pour les "
        "chefs de projet CUCS.</p>",
        (2008, 10, 6),
        None,
    ),
    (
        "appel-a-projets-clas-2008-2009",
        NewsItem.Category.CALL_FOR_PROJECTS,
        "Appel à projets CLAS 2008-2009",
        "Contrats locaux d'accompagnement à la scolarité : dossiers à déposer auprès de la CAF.",
        "<p>Les porteurs de projets d'accompagnement à la scolarité peuvent déposer leur "
        "dossier. Des fiches d'expérience CLAS sont disponibles au Centre de ressources.</p>",
        (2008, 10, 13),
        (2008, 11, 28),
    ),
    (
        "appel-a-projets-fipd-2009",
        NewsItem.Category.CALL_FOR_PROJECTS,
        "Appel à projets FIPD 2009",
        "Le fonds interministériel de prévention de la délinquance finance les actions des CLSPD.",
        "<p>Les dossiers sont instruits par la préfecture ; le Centre de ressources aide les "
        "porteurs à formuler leur projet.</p>",
        (2008, 11, 3),
        (2009, 1, 16),
    ),
    (
        "prevention-recidive-journee-spip",
        NewsItem.Category.AGENDA,
        "Journée « Prévention de la récidive » avec le SPIP, le 6 novembre",
        "Échange de pratiques entre les acteurs de la préparation à la sortie des détenus et "
        "les chefs de projet.",
        "<p>Une journée de qualification collective organisée avec le Service pénitentiaire "
        "d'insertion et de probation.</p>",
        (2008, 10, 27),
        None,
    ),
    (
        "elections-municipales-nouvelles-equipes",
        NewsItem.Category.LOCAL,
        "Après les municipales, les nouvelles équipes de la politique de la ville",
        "Élus et chefs de projet : le Centre de ressources met à jour son annuaire des acteurs.",
        "<p>Les élections municipales et communautaires de mars 2008 ont renouvelé une partie "
        "des interlocuteurs des CUCS.</p>",
        (2008, 4, 7),
        None,
    ),
]

ISSUES = [
    # number, date, subject, introduction, news slugs
    (
        1,
        (2008, 2, 22),
        "Le plan « Espoir banlieues » et la Martinique",
        "<p>Bienvenue dans le premier numéro de « La cohésion se construit », la lettre du "
        "Centre de ressources Ville caraïbe.</p>",
        ["plan-espoir-banlieues-premieres-mesures"],
    ),
    (
        2,
        (2008, 6, 20),
        "Territoires, outils et acteurs : retour sur la rencontre du 16 mai",
        "<p>Soixante et un acteurs réunis à l'AFPA Batelière : merci à toutes et à tous.</p>",
        ["rencontre-territoires-outils-acteurs", "loi-prevention-delinquance-decrets"],
    ),
    (
        3,
        (2008, 10, 17),
        "L'évaluation des CUCS",
        "<p>Ce numéro revient sur la semaine d'évaluation et fait le point sur la veille "
        "réglementaire.</p>",
        ["evaluation-des-cucs-cycle-de-qualification", "veille-evaluation-cucs-circulaire"],
    ),
    (
        4,
        (2008, 11, 7),
        "Prévention de la récidive et appels à projets",
        "<p>Deux appels à projets ouverts et le compte rendu de la journée du 6 novembre.</p>",
        ["prevention-recidive-journee-spip"],
    ),
]

FIRST_NAMES = ["Marie", "Jean", "Josiane", "Patrick", "Sandrine", "Max", "Nadia", "Serge"]
ORGANISATIONS = ["CACEM", "Ville de Fort-de-France", "Ville du Lamentin", "CAF", "ACSé", "PLIE"]


def _aware(parts):
    return timezone.make_aware(datetime(*parts, 9, 0))


def load(stdout):
    items = {}
    for slug, category, title, summary, body, published, deadline in NEWS:
        items[slug], _ = NewsItem.objects.update_or_create(
            slug=slug,
            defaults={
                "category": category,
                "title": title,
                "summary": summary,
                "body": body,
                "is_published": True,
                "published_at": _aware(published),
                "deadline": date(*deadline) if deadline else None,
            },
        )
    for i in range(40):
        email = f"abonne{i:02d}@example.org"
        status = Subscriber.Status.CONFIRMED
        if i % 13 == 5:
            status = Subscriber.Status.PENDING
        elif i % 17 == 3:
            status = Subscriber.Status.UNSUBSCRIBED
        Subscriber.objects.update_or_create(
            email=email,
            defaults={
                "name": f"{FIRST_NAMES[i % len(FIRST_NAMES)]} Démo {i}",
                "organisation": ORGANISATIONS[i % len(ORGANISATIONS)],
                "status": status,
                "source": Subscriber.Source.IMPORT if i < 30 else Subscriber.Source.FORM,
                "legal_basis": (
                    Subscriber.LegalBasis.PRIOR_CONSENT if i < 30 else Subscriber.LegalBasis.CONSENT
                ),
                "created_at": _aware((2008, 1, 15)) + timedelta(days=7 * i),
                "confirmed_at": (
                    _aware((2008, 1, 15)) + timedelta(days=7 * i + 1)
                    if status != Subscriber.Status.PENDING
                    else None
                ),
                "unsubscribed_at": (
                    _aware((2008, 11, 10)) if status == Subscriber.Status.UNSUBSCRIBED else None
                ),
                "consent_text": "Bulletin d'adhésion papier, rencontre du 16 mai 2008"
                if i < 30
                else "Formulaire du site",
            },
        )
    confirmed = list(Subscriber.objects.confirmed().filter(email__endswith="@example.org"))
    for number, day, subject, intro, slugs in ISSUES:
        issue, _ = Issue.objects.update_or_create(
            number=number,
            defaults={"date": date(*day), "subject": subject, "introduction": intro},
        )
        issue.news_items.set([items[s] for s in slugs])
        if issue.status != Issue.Status.SENT:
            # Past issues: recorded as sent, with their deliveries, without mailing anyone.
            issue.html_snapshot, issue.text_snapshot = render_issue(issue)
            issue.status = Issue.Status.SENT
            issue.started_at = issue.sent_at = _aware(day)
            issue.save()
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        issue=issue,
                        subscriber=s,
                        status=Delivery.Status.SENT,
                        sent_at=issue.sent_at,
                        attempts=1,
                        smtp_code=250,
                    )
                    for s in confirmed
                ],
                ignore_conflicts=True,
            )
        issue.recipients_count = issue.deliveries.count()
        issue.save(update_fields=["recipients_count"])
    # A draft for staff to edit, as prepare_next_issue makes every fortnight.
    draft, _ = Issue.objects.update_or_create(
        number=5,
        defaults={
            "date": date(2008, 11, 21),
            "subject": "Appels à projets CLAS et FIPD",
            "introduction": "<p>Brouillon : à compléter avant l'envoi.</p>",
        },
    )
    if draft.is_editable:
        draft.news_items.set([items["appel-a-projets-fipd-2009"]])
    counts = Subscriber.objects.aggregate(
        total=Count("id"), confirmed=Count("id", filter=Q(status="confirmed"))
    )
    stdout.write(
        f"  Newsletter: {len(NEWS)} news items, {len(ISSUES)} sent issues and a draft, "
        f"{counts['confirmed']} confirmed subscribers of {counts['total']}."
    )

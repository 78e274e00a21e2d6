"""Demo data of the shared layer: themes, territories, editorial pages, demo admin."""

from html import unescape

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.html import strip_tags
from django.utils.text import slugify

from villecaraibe.models import Page, Territory, Theme
from villecaraibe.roles import DIRECTION
from villecaraibe.vocabulary import INTERCOMMUNALITIES, NEIGHBOURHOODS, REGION, THEMES

PAGES = {
    Page.Slot.PRESENTATION: (
        "Présentation du Centre de ressources",
        "Un lieu d'échanges, d'appui technique et de qualification pour les acteurs "
        "de la politique de la ville en Martinique.",
        """
<h2>Historique</h2>
<p>Le Centre de ressources Ville caraïbe a été créé le 6 mars 2007, au terme d'un long
processus engagé en 1999 par l'Association martiniquaise pour le développement social
urbain. Sa création doit beaucoup à la mobilisation des acteurs locaux, notamment de la
CACEM, et de la Délégation interministérielle à la ville.</p>
<h2>Nos missions</h2>
<p>Proposer des lieux d'échanges, de l'appui technique, de l'aide à l'ingénierie de projet
et de la capitalisation d'expériences ; animer et qualifier le réseau des acteurs de la
politique de la ville et du développement social urbain de Martinique.</p>
<h2>Nos modes d'intervention</h2>
<ol>
<li><strong>Accompagnement individuel et collectif</strong> : entretiens autour du projet
d'acteur, mise en relation, recherche de ressources, groupes de travail.</li>
<li><strong>Qualification collective</strong> : journées de qualification et d'échanges de
pratiques, rencontres des acteurs.</li>
<li><strong>Formations-actions</strong> : intervention de formateurs, approches et cas
pratiques.</li>
<li><strong>Documentation, production et information</strong> : veille juridique et
méthodologique, lettre d'information « La cohésion se construit ».</li>
</ol>
<h2>Le statut</h2>
<p>Le Centre est une association administrée par un conseil d'administration de trois
collèges : les professionnels de la politique de la ville et les utilisateurs, les
personnes qualifiées, et les financeurs.</p>
""",
    ),
    Page.Slot.LEGAL: (
        "Mentions légales",
        "",
        """
<h2>Éditeur</h2>
<p>Centre de ressources Ville caraïbe, association loi 1901, Immeuble La Varangue,
36 boulevard Amilcar Cabral, 97200 Fort-de-France. Téléphone : 0596 68 64 52.
Courriel : contact@villecaraibe.com.</p>
<h2>Directeur de la publication</h2>
<p>Le directeur du Centre de ressources.</p>
<h2>Hébergement</h2>
<p>Les coordonnées de l'hébergeur sont tenues à disposition sur simple demande.</p>
<h2>Propriété intellectuelle</h2>
<p>Les documents publiés restent la propriété de leurs auteurs ; leur reproduction est
autorisée pour un usage non commercial, avec mention de la source.</p>
""",
    ),
    Page.Slot.ACCESSIBILITY: (
        "Déclaration d'accessibilité",
        "État de conformité du portail au RGAA 4.1.2, contrôles réalisés, contenus non "
        "accessibles, et comment obtenir de l'aide.",
        """
<p>Le Centre de ressources Ville caraïbe s'engage à rendre son site internet accessible
conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<p>Cette déclaration d'accessibilité s'applique au portail du Centre de ressources Ville
caraïbe (www.villecaraibe.com).</p>
<h2>État de conformité</h2>
<p>Le portail est <strong>non conforme</strong> avec le référentiel général d'amélioration
de l'accessibilité (RGAA), version 4.1.2, qui reprend les critères de niveau A et AA des
règles WCAG 2.1 : aucun audit complet des 106 critères du RGAA n'a encore été réalisé, et
sans audit le RGAA impose cette mention. Les contrôles décrits ci-dessous, refaits à chaque
modification du site, n'ont relevé aucun défaut bloquant sur les règles qu'ils vérifient ;
seul un audit complet permettra de mesurer un taux de conformité.</p>
<h2>Résultats des contrôles</h2>
<p>Contrôle automatisé : l'outil axe-core 4.14 (règles WCAG 2.1 A et AA) est passé sur
57 types de pages publiques, chacun à deux largeurs d'écran (1 280 pixels et 375 pixels) :
aucune erreur d'impact « grave » ou « critique » n'a été relevée. Les formulaires sont
contrôlés vides et après un envoi erroné, avec leurs messages d'erreur.</p>
<p>Contrôle au clavier : le lien d'évitement mène au contenu ; sur la page d'accueil, le
formulaire d'inscription à un événement et la recherche documentaire, chaque lien et chaque
champ est atteint à la touche Tab avec un focus visible, sans piège ; la mise en page tient
sur un écran de 320 pixels de large.</p>
<p>Parcours complets vérifiés dans un vrai navigateur : consulter l'agenda et s'inscrire
à un événement (aussi sur mobile), annuler depuis le courriel reçu ; s'abonner à la lettre
d'information, confirmer et se désinscrire ; chercher un document (avec ou sans accents),
affiner la recherche et le télécharger.</p>
<p>Ces contrôles couvrent une partie seulement des critères du RGAA : l'outil ne juge ni la
pertinence des textes de remplacement, ni celle des intitulés de liens, ni l'ordre de
lecture, que seul un audit humain peut évaluer.</p>
<h2>Contenus non accessibles</h2>
<h3>Non-conformités connues</h3>
<ul>
<li>Les documents PDF produits par le site (feuilles d'émargement, attestations de
présence, programme annuel) ne sont pas balisés : un lecteur d'écran n'en restitue ni la
structure ni les tableaux. Leur contenu est disponible sur les pages du site ou sur
demande.</li>
<li>Les textes saisis par l'équipe dans l'éditeur (actualités, pages, descriptions
d'événements et de documents) ne sont pas contrôlés au moment de leur saisie : niveaux de
titres et intitulés de liens peuvent y être imparfaits.</li>
<li>L'interface d'administration réservée à l'équipe n'a pas été évaluée.</li>
</ul>
<h3>Contenus non soumis à l'obligation d'accessibilité</h3>
<ul>
<li>Les fichiers bureautiques de la documentation publiés avant le 23 septembre 2018
(rapports, comptes rendus et dossiers des années 2008 à 2014).</li>
<li>Les documents produits par des tiers et les sites vers lesquels pointent les liens
utiles.</li>
</ul>
<h2>Établissement de cette déclaration</h2>
<p>Cette déclaration a été établie le 25 novembre 2026.</p>
<h3>Technologies utilisées</h3>
<p>HTML5, CSS, JavaScript (quelques améliorations facultatives : le site reste utilisable
sans).</p>
<h3>Environnement de test</h3>
<p>Navigateur Chromium (distribution Debian), piloté par Playwright, aux largeurs de
1 280, 375 et 320 pixels ; outil axe-core 4.14.1.</p>
<h3>Pages ayant fait l'objet de la vérification</h3>
<p>Accueil (en français et en anglais) ; Présentation ; Mentions légales ; Déclaration
d'accessibilité ; Données personnelles ; Agenda (liste, filtres, événement à venir et passé,
formulaire d'inscription, annulation, questionnaire de satisfaction) ; Programme et fiche
d'action ; Annuaire (recherche, organisation, personne) ; Documentation (recherche, filtres,
aucun résultat, document, nouveautés, les plus téléchargés, thésaurus, descripteur,
demande de document, connexion des adhérents) ; Capitalisation et fiche d'expérience ;
Liens utiles ; Actualités et actualité ; Lettre d'information (archive, numéro,
inscription, confirmation, désinscription) ; pages d'erreur (400, 403, 404, 429, 500).</p>
<h2>Retour d'information et contact</h2>
<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez-nous : nous
vous orienterons vers une alternative accessible ou vous fournirons le contenu sous une
autre forme.</p>
<ul>
<li>Courriel : <a href="mailto:contact@villecaraibe.com">contact@villecaraibe.com</a></li>
<li>Téléphone : <a href="tel:+596596686452">0596 68 64 52</a></li>
<li>Formulaire : <a href="/documentation/demande/">demander un document</a> (précisez le
format qui vous convient)</li>
<li>Courrier : Centre de ressources Ville caraïbe, Immeuble La Varangue,
36 boulevard Amilcar Cabral, 97200 Fort-de-France</li>
</ul>
<h2>Voies de recours</h2>
<p>Si vous avez signalé au Centre un défaut d'accessibilité qui vous empêche d'accéder à un
contenu ou à un service du portail, et que vous n'avez pas obtenu de réponse satisfaisante,
vous pouvez :</p>
<ul>
<li>écrire un message au Défenseur des droits
(<a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a>) ;</li>
<li>contacter le délégué du Défenseur des droits en Martinique
(<a href="https://www.defenseurdesdroits.fr/carte-des-delegues">liste des délégués</a>) ;</li>
<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des
droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
</ul>
""",
    ),
    Page.Slot.PRIVACY: (
        "Données personnelles",
        "",
        """
<p>Le Centre de ressources Ville caraïbe ne collecte que les données nécessaires à ses
missions : inscriptions aux événements, abonnements à la lettre d'information, annuaire
des acteurs (avec leur consentement), demandes de documentation.</p>
<h2>Vos droits</h2>
<p>Vous pouvez accéder à vos données, les faire rectifier ou effacer en écrivant à
contact@villecaraibe.com. Chaque lettre d'information contient un lien de
désinscription.</p>
<h2>Mesure d'audience</h2>
<p>Le site ne dépose aucun cookie de mesure d'audience et ne fait appel à aucun service
tiers.</p>
""",
    ),
}


def load_vocabulary():
    """Create or update the themes and the territorial tree (idempotent)."""
    for position, (slug, name) in enumerate(THEMES):
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})

    region_slug, region_name, region_code = REGION
    region, _ = Territory.objects.update_or_create(
        slug=region_slug,
        defaults={"name": region_name, "kind": Territory.Kind.REGION, "insee_code": region_code},
    )
    communes = {}
    for slug, name, members in INTERCOMMUNALITIES:
        epci, _ = Territory.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "kind": Territory.Kind.INTERCOMMUNALITY, "parent": region},
        )
        for insee, commune_name, postal in members:
            communes[insee], _ = Territory.objects.update_or_create(
                slug=slugify(commune_name),
                defaults={
                    "name": commune_name,
                    "kind": Territory.Kind.COMMUNE,
                    "parent": epci,
                    "insee_code": insee,
                    "postal_code": postal,
                },
            )
    for insee, name, cucs, zus, qpv in NEIGHBOURHOODS:
        commune = communes[insee]
        Territory.objects.update_or_create(
            slug=f"{slugify(commune.name)}-{slugify(name)}",
            defaults={
                "name": name,
                "kind": Territory.Kind.NEIGHBOURHOOD,
                "parent": commune,
                "is_cucs_site": cucs,
                "is_zus": zus,
                "is_qpv": qpv,
            },
        )


# Bodies this module once loaded: a page still holding one of them was never
# edited by staff, so load_pages() may bring it up to date.
PREVIOUS_BODIES = {
    Page.Slot.ACCESSIBILITY: [
        "Le Centre de ressources Ville caraïbe s'engage à rendre son site accessible "
        "conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005. État de "
        "conformité Le site est partiellement conforme avec le référentiel général "
        "d'amélioration de l'accessibilité (RGAA 4.1), en cours d'audit.",
    ],
}


def _text(body):
    return " ".join(unescape(strip_tags(body)).split())


def load_pages():
    """Create the editorial pages once; never overwrite what staff have written.

    A page still showing a text an earlier version of this module loaded (see
    ``PREVIOUS_BODIES``) gets the current one.
    """
    for slug, (title, summary, body) in PAGES.items():
        page, created = Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "summary": summary, "body": body}
        )
        if created:
            continue
        current = _text(page.body)
        if any(current.startswith(old) for old in PREVIOUS_BODIES.get(slug, [])):
            page.title, page.summary, page.body = title, summary, body
            page.save()


def ensure_demo_admin(stdout):
    """With DEBUG on only: a superuser a newcomer can log in with, as the README says."""
    if not settings.DEBUG:
        stdout.write(
            "  DEBUG is off: no demo account. Create one with: python manage.py createsuperuser"
        )
        return
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=settings.DEMO_ADMIN_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@example.org"},
    )
    if created:
        user.set_password(settings.DEMO_ADMIN_PASSWORD)
        user.save()
    group = Group.objects.filter(name=DIRECTION).first()
    if group:
        user.groups.add(group)
    stdout.write(
        f"  Admin: http://127.0.0.1:8000/{settings.ADMIN_URL} — user "
        f"{settings.DEMO_ADMIN_USERNAME!r}, password {settings.DEMO_ADMIN_PASSWORD!r}"
    )


def load(stdout):
    load_vocabulary()
    load_pages()
    ensure_demo_admin(stdout)

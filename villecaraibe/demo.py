"""Demo data of the shared layer: themes, territories, editorial pages, demo admin."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
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
        "",
        """
<p>Le Centre de ressources Ville caraïbe s'engage à rendre son site accessible
conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.</p>
<h2>État de conformité</h2>
<p>Le site est <strong>partiellement conforme</strong> avec le référentiel général
d'amélioration de l'accessibilité (RGAA 4.1), en cours d'audit.</p>
<h2>Établissement de cette déclaration</h2>
<p>Cette déclaration sera mise à jour à l'issue des contrôles automatisés et manuels
réalisés sur chaque type de page du site.</p>
<h2>Retour d'information et contact</h2>
<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez à
contact@villecaraibe.com ou appelez le 0596 68 64 52 : nous vous répondrons et vous
fournirons l'information sous une autre forme.</p>
<h2>Voies de recours</h2>
<p>Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu, que
vous nous l'avez signalé et que vous n'avez pas obtenu de réponse satisfaisante, vous
pouvez saisir le Défenseur des droits.</p>
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


def load_pages():
    """Create the editorial pages once; never overwrite what staff have written."""
    for slug, (title, summary, body) in PAGES.items():
        Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "summary": summary, "body": body}
        )


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

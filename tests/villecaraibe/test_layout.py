"""The public layout: French, accessible landmarks, navigation, footer, error pages."""

import re
from html import escape

import pytest
from django.test import override_settings
from django.urls import reverse

from villecaraibe.demo import load_pages
from villecaraibe.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(db):
    load_pages()


def test_home_is_french_with_landmarks_and_skip_link(client, pages):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert '<a class="skip-link" href="#contenu">Aller au contenu</a>' in html
    assert '<main id="contenu"' in html
    for landmark in [
        '<header class="site-header" role="banner">',
        "<nav",
        '<footer class="site-footer" role="contentinfo">',
    ]:
        assert landmark in html
    assert "Centre de ressources Ville caraïbe" in html


@pytest.mark.parametrize(
    "label",
    [
        "Actualités",
        "Agenda",
        "Programme",
        "Documentation",
        "Capitalisation",
        "Annuaire",
        "Lettre d’information",
        "Présentation",
    ],
)
def test_navigation_links_lead_to_living_pages(client, pages, label):
    html = client.get("/").content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    match = re.search(r'<a href="([^"]+)"[^>]*>' + re.escape(label) + "</a>", nav)
    assert match, f"{label} missing from the menu"
    assert client.get(match.group(1)).status_code == 200


def test_footer_has_address_contact_and_legal_links(client, pages):
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer"')[1]
    assert "36, boulevard Amilcar Cabral" in footer
    assert "contact@villecaraibe.com" in footer
    assert "0596 68 64 52" in footer
    for slug, label in [
        ("mentions-legales", "Mentions légales"),
        ("accessibilite", "Accessibilité : non conforme"),
        ("donnees-personnelles", "Données personnelles"),
    ]:
        assert f'href="/{slug}/"' in footer
        assert label in footer


@pytest.mark.parametrize("slug", [s for s, _ in Page.Slot.choices])
def test_editorial_pages_render(client, pages, slug):
    response = client.get(reverse("page", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert escape(Page.objects.get(slug=slug).title) in response.content.decode()


def test_page_body_is_sanitised_when_saved(pages):
    page = Page.objects.get(slug="presentation")
    page.body = (
        '<p onclick="steal()">Bonjour<script>alert(1)</script></p><img src=x onerror=alert(1)>'
    )
    page.full_clean()
    assert "<script" not in page.body
    assert "onclick" not in page.body
    assert "onerror" not in page.body
    assert "Bonjour" in page.body


def test_unknown_page_is_a_french_404(client, pages):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert "Retour à l’accueil" in html


@override_settings(DEBUG=False)
def test_500_page_is_french_and_standalone(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Erreur du serveur" in html
    assert 'lang="fr"' in html


def test_403_and_400_templates_are_french(rf):
    from django.template.loader import render_to_string

    request = rf.get("/")
    assert "Accès refusé" in render_to_string("403.html", request=request)
    assert "Requête incorrecte" in render_to_string("400.html", request=request)


def test_language_switcher_links_to_the_same_page_in_english(client, pages):
    html = client.get("/presentation/").content.decode()
    assert '<a href="/en/presentation/" lang="en" hreflang="en">English</a>' in html
    response = client.get("/en/presentation/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert '<a href="/presentation/" lang="fr" hreflang="fr">Français</a>' in html
    # Unprefixed addresses stay French whatever the browser prefers.
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="fr">' in html


def test_pages_without_forms_set_no_cookie(client, pages):
    response = client.get("/presentation/")
    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_security_headers_on_public_pages(client, pages):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_inline_script_or_style_in_base_layout(client, pages):
    html = client.get("/").content.decode()
    assert "<script>" not in html and "<style" not in html
    assert " style=" not in html


def test_admin_is_titled_in_french(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/").content.decode()
    assert "Ville caraïbe — administration" in html

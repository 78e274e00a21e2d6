"""axe-core on every public page type, at desktop and mobile widths, with the CSP on.

Zero violations of impact "serious" or "critical" (WCAG 2.1 A and AA rules).
Add each page type here as its app lands.
"""

import pytest
from django.core.management import call_command

from tests.browser.conftest import WIDTHS, open_page, run_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = {
    "home": "/",
    "presentation": "/presentation/",
    "mentions-legales": "/mentions-legales/",
    "accessibilite": "/accessibilite/",
    "donnees-personnelles": "/donnees-personnelles/",
    "404": "/page-qui-n-existe-pas/",
}


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def demo_object_url(name):
    """Detail pages of the demo data, looked up when the test runs."""
    from actions.models import Action, Event
    from annuaire.models import Organisation
    from documentation.models import Document
    from newsletter.models import NewsItem

    return {
        "event": lambda: Event.objects.filter(status="published").order_by("pk").first(),
        "action": lambda: Action.objects.filter(programme__year=2014).order_by("number").first(),
        "organisation": lambda: Organisation.objects.order_by("pk").first(),
        "document": lambda: Document.objects.public().order_by("pk").first(),
        "news-item": lambda: NewsItem.objects.order_by("pk").first(),
    }[name]().get_absolute_url()


PUBLIC_PAGES.update(
    {
        "agenda": "/agenda/",
        "programme": "/programme/2014/",
        "annuaire": "/annuaire/?q=fort+de+france",
        "documentation-search": "/documentation/?q=evaluation",
        "capitalisation": "/capitalisation/",
        "liens-utiles": "/liens-utiles/",
        "actualites": "/actualites/",
        "lettre": "/lettre/",
        "event": demo_object_url,
        "action": demo_object_url,
        "organisation": demo_object_url,
        "document": demo_object_url,
        "news-item": demo_object_url,
    }
)


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_page_has_no_serious_accessibility_violation(browser, live_server, demo, name):
    path = PUBLIC_PAGES[name]
    if callable(path):
        path = path(name)
    for width_name in WIDTHS:
        page = open_page(browser, width_name)
        response = page.goto(live_server.url + path)
        assert response.status == (404 if name == "404" else 200)
        violations = run_axe(page)
        screenshot(page, name)
        page.context.close()
        assert violations == [], (width_name, violations)
        assert page.csp_violations == [], width_name


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server, demo):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Aller au contenu"
    # The focused skip link is visible (it slides into view) and outlined.
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_every_control_is_reachable_by_keyboard_without_trap(page, live_server, demo):
    page.goto(live_server.url + "/")
    focusable = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea')]
               .filter(e => e.offsetParent !== null || e.classList.contains('skip-link')).length"""
    )
    seen = []
    for _ in range(focusable + 2):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.boxShadow; })()"
        )
        if page.evaluate("document.activeElement !== document.body"):
            assert "none none" not in style, f"no visible focus on {seen[-1]}"
    # Tabbing went through every control and came back to the top: no trap.
    assert len(set(seen)) >= focusable


def test_layout_fits_320_pixels(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0


def test_the_checker_fails_on_a_fault_added_on_purpose(page, live_server, demo):
    """Proof that the axe check can fail: an unlabelled field and a low-contrast text."""
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => {
            const input = document.createElement('input');
            input.type = 'text';
            document.querySelector('main').appendChild(input);
            const img = document.createElement('img');
            img.src = '/static/img/logo.svg';
            document.querySelector('main').appendChild(img);
        }"""
    )
    ids = {v["id"] for v in run_axe(page)}
    assert {"label", "image-alt"} <= ids

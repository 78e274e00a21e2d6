"""axe-core on every public page type, at desktop and mobile widths, with the CSP on.

Zero violations of impact "serious" or "critical" (WCAG 2.1 A and AA rules).
Add each page type here as its app lands.
"""

import pytest
from django.core.management import call_command

from tests.browser.conftest import run_axe, screenshot

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


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_page_has_no_serious_accessibility_violation(page, live_server, demo, name):
    response = page.goto(live_server.url + PUBLIC_PAGES[name])
    assert response.status == (404 if name == "404" else 200)
    violations = run_axe(page)
    screenshot(page, name)
    assert violations == [], violations
    assert page.csp_violations == []


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

"""axe-core on every public page type, at desktop and mobile widths, with the CSP on.

Zero violations of impact "serious" or "critical" (WCAG 2.1 A and AA rules).
Add each page type here as its app lands.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import WIDTHS, csp_violations, reset_page, run_axe, screenshot

# Not transactional: the demo is loaded once for the module (``demo_site``), and
# what a test changes (a cancelled registration…) is rolled back after it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@dataclass(frozen=True)
class PageType:
    """One public page type: where it is, what status it answers, and for a form
    shown with its errors, the form to send empty."""

    path: str | Callable[[dict, str], str]
    status: int = 200
    submit_empty: str = ""


def _obj(key):
    """A path known once the demo is loaded: ``extra[key]``, or ``extra[key][width]``
    for links that work once (each width gets its own)."""

    def path(extra, width_name):
        value = extra[key]
        return value[width_name] if isinstance(value, dict) else value

    return path


# Every public page type of the site; a new one is added here when it lands.
PUBLIC_PAGES = {
    # Shared layout and editorial pages
    "home": PageType("/"),
    "home-en": PageType("/en/"),
    "presentation": PageType("/presentation/"),
    "mentions-legales": PageType("/mentions-legales/"),
    "accessibilite": PageType("/accessibilite/"),
    "donnees-personnelles": PageType("/donnees-personnelles/"),
    # Agenda
    "agenda": PageType("/agenda/"),
    "agenda-filtered": PageType("/agenda/?theme=evaluation&month=2099-13"),
    "event-upcoming": PageType(_obj("event_upcoming")),
    "event-registration-errors": PageType(
        _obj("event_upcoming"), submit_empty="main form[method=post]"
    ),
    "event-past": PageType(_obj("event_past")),
    "registration-cancel": PageType(_obj("cancel_url")),
    "registration-cancelled": PageType(
        _obj("cancel_done_url"), submit_empty="main form[method=post]"
    ),
    "registration-bad-link": PageType("/agenda/annulation/lien-falsifie/", status=400),
    "satisfaction": PageType(_obj("satisfaction_url")),
    "satisfaction-errors": PageType(
        _obj("satisfaction_url"), submit_empty="main form[method=post]"
    ),
    # Programme
    "programme": PageType("/programme/"),
    "programme-2014": PageType("/programme/2014/"),
    "action": PageType(_obj("action")),
    # Directory
    "annuaire": PageType("/annuaire/"),
    "annuaire-search": PageType("/annuaire/?q=fort+de+france"),
    "annuaire-no-result": PageType("/annuaire/?q=zzzzzz"),
    "organisation": PageType(_obj("organisation")),
    "person": PageType(_obj("person")),
    # Documentation
    "documentation": PageType("/documentation/"),
    "documentation-search": PageType("/documentation/?q=evaluation"),
    "documentation-facet": PageType(_obj("documentation_facet")),
    "documentation-no-result": PageType("/documentation/?q=zzzzzzqqq"),
    "document": PageType(_obj("document")),
    "new-acquisitions": PageType("/documentation/nouveautes/"),
    "most-downloaded": PageType("/documentation/les-plus-telecharges/"),
    "thesaurus": PageType("/documentation/thesaurus/"),
    "descriptor": PageType(_obj("descriptor")),
    "documentation-request": PageType("/documentation/demande/"),
    "documentation-request-errors": PageType(
        "/documentation/demande/", submit_empty="main form[method=post]"
    ),
    "member-login": PageType("/documentation/connexion/"),
    "member-login-errors": PageType(
        "/documentation/connexion/", submit_empty="main form[method=post]"
    ),
    "capitalisation": PageType("/capitalisation/"),
    "experience": PageType(_obj("experience")),
    "liens-utiles": PageType("/liens-utiles/"),
    # News and newsletter
    "actualites": PageType("/actualites/"),
    "news-item": PageType(_obj("news_item")),
    "lettre": PageType("/lettre/"),
    "issue": PageType(_obj("issue")),
    "subscribe": PageType("/lettre/inscription/"),
    "subscribe-errors": PageType("/lettre/inscription/", submit_empty="main form.subscribe-form"),
    "subscribed": PageType("/lettre/inscription/merci/"),
    "subscription-confirm": PageType(_obj("confirm_url")),
    "subscription-confirmed": PageType(_obj("confirm_url"), submit_empty="main form[method=post]"),
    "subscription-bad-link": PageType("/lettre/confirmer/lien-falsifie/", status=400),
    "unsubscribe": PageType(_obj("unsubscribe_url")),
    "unsubscribed": PageType(_obj("unsubscribe_url"), submit_empty="main form[method=post]"),
    # Error pages, through Django's handlers (tests/browser/urls.py)
    "404": PageType("/page-qui-n-existe-pas/", status=404),
    "400": PageType("/_test/erreur/400/", status=400),
    "403": PageType("/_test/erreur/403/", status=403),
    "429": PageType("/_test/erreur/429/", status=429),
    "500": PageType("/_test/erreur/500/", status=500),
}


def prepare_demo_site():
    """The demo objects behind the detail pages, and the signed links people get by
    e-mail (cancel, questionnaire, confirm, unsubscribe); called once per module."""
    from actions.models import Action, Event, Registration
    from actions.services.registrations import cancel_token
    from actions.services.satisfaction import questionnaire_token
    from annuaire.models import Organisation, Person
    from documentation.models import Descriptor, Document, ExperienceSheet
    from newsletter.models import Issue, NewsItem, Subscriber
    from newsletter.services import tokens

    today = timezone.localdate()
    upcoming = (
        Event.objects.public()
        .filter(start_date__gt=today, registration_open=True)
        .order_by("start_date")
        .first()
    )
    # A past event with its documents, figures and a participant (for the questionnaire).
    past = Event.objects.public().filter(end_date__lt=today, event_documents__isnull=False)
    past = past.distinct().order_by("-start_date").first()

    def register(event, email):
        return Registration.objects.create(
            event=event, first_name="Line", last_name="Test", email=email, consent=True
        )

    def subscriber(email, status):
        return Subscriber.objects.create(email=email, status=status)

    descriptor = Descriptor.objects.filter(documents__isnull=False).order_by("pk").first()
    # Enough events, far ahead, for the agenda ("agenda") to show its pagination.
    Event.objects.bulk_create(
        [
            Event(
                title=f"Bokantaj de l'année prochaine {i}",
                slug=f"bokantaj-annee-prochaine-{i}",
                kind=Event.Kind.BOKANTAJ,
                status=Event.Status.PUBLISHED,
                start_date=today + datetime.timedelta(days=400 + i),
                end_date=today + datetime.timedelta(days=400 + i),
                registration_open=False,
            )
            for i in range(25)
        ]
    )
    return {
        "event_upcoming": upcoming.get_absolute_url(),
        "event_past": past.get_absolute_url(),
        "cancel_url": reverse(
            "actions:registration_cancel",
            kwargs={"token": cancel_token(register(upcoming, "annulation.axe@example.org"))},
        ),
        "cancel_done_url": {
            width: reverse(
                "actions:registration_cancel",
                kwargs={"token": cancel_token(register(upcoming, f"annule.{width}@example.org"))},
            )
            for width in WIDTHS
        },
        "satisfaction_url": reverse(
            "actions:satisfaction",
            kwargs={"token": questionnaire_token(register(past, "participant.axe@example.org"))},
        ),
        "action": Action.objects.filter(programme__year=2014)
        .order_by("number")
        .first()
        .get_absolute_url(),
        "organisation": Organisation.objects.order_by("pk").first().get_absolute_url(),
        "person": Person.objects.public().order_by("pk").first().get_absolute_url(),
        "document": Document.objects.public()
        .filter(file__gt="")
        .order_by("pk")
        .first()
        .get_absolute_url(),
        "documentation_facet": "/documentation/?q=evaluation&kind="
        + Document.objects.public().order_by("pk").first().kind,
        "descriptor": descriptor.get_absolute_url(),
        "experience": ExperienceSheet.objects.published().order_by("pk").first().get_absolute_url(),
        "news_item": NewsItem.objects.published().order_by("pk").first().get_absolute_url(),
        "issue": Issue.objects.sent().order_by("number").first().get_absolute_url(),
        "confirm_url": {
            width: reverse(
                "newsletter:confirm",
                kwargs={
                    "token": tokens.make_confirmation_token(
                        subscriber(f"lecteur.{width}@example.org", "pending")
                    )
                },
            )
            for width in WIDTHS
        },
        "unsubscribe_url": {
            width: reverse(
                "newsletter:unsubscribe",
                kwargs={
                    "token": tokens.make_unsubscribe_token(
                        subscriber(f"partant.{width}@example.org", "confirmed")
                    )
                },
            )
            for width in WIDTHS
        },
    }


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_page_has_no_serious_accessibility_violation(demo_pages, demo_site, settings, name):
    """axe-core at both widths; forms are also checked once sent empty, with their errors."""
    settings.ROOT_URLCONF = "tests.browser.urls"
    base_url, extra = demo_site
    spec = PUBLIC_PAGES[name]
    for width_name in WIDTHS:
        path = spec.path(extra, width_name) if callable(spec.path) else spec.path
        page = reset_page(demo_pages[width_name])
        response = page.goto(base_url + path)
        if spec.submit_empty:
            assert response.status == 200, (width_name, response.status)
            form = page.locator(spec.submit_empty).first
            # Skip the browser's own checks: the point is the server's error messages.
            form.evaluate("f => f.setAttribute('novalidate', '')")
            with page.expect_navigation() as navigation:
                form.locator("[type=submit]").first.click()
            response = navigation.value
        assert response.status == spec.status, (width_name, response.status)
        violations = run_axe(page)
        screenshot(page, name)
        assert violations == [], (width_name, violations)
        assert csp_violations(page) == [], width_name


def test_skip_link_is_first_and_moves_focus_to_main(page, demo_site):
    page.goto(demo_site[0] + "/")
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


KEYBOARD_PAGES = {
    "home": lambda extra: "/",
    "registration-form": lambda extra: extra["event_upcoming"],
    "documentation-search": lambda extra: "/documentation/?q=evaluation",
}


@pytest.mark.parametrize("name", list(KEYBOARD_PAGES))
def test_every_control_is_reachable_by_keyboard_without_trap(page, demo_site, name):
    """Tab alone reaches every link, button and field, each with a visible focus, and
    comes back round to the skip link: no control left out, no trap."""
    base_url, extra = demo_site
    page.goto(base_url + KEYBOARD_PAGES[name](extra))
    controls = page.evaluate(
        """() => {
            const all = [...document.querySelectorAll(
                'a[href], button, input:not([type=hidden]), select, textarea, [tabindex="0"]')]
              .filter(e => !e.disabled && e.tabIndex >= 0
                           && (e.offsetParent !== null || e.classList.contains('skip-link')));
            all.forEach((e, i) => { e.dataset.kbd = String(i); });
            return all.length;
        }"""
    )
    assert controls > 5
    reached = []
    for _ in range(controls + 3):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                       return {kbd: e.dataset ? e.dataset.kbd : undefined,
                               html: e.outerHTML.slice(0, 100),
                               focus: s.outlineStyle + ' ' + s.boxShadow}; }"""
        )
        if state["kbd"] is None:
            continue  # the document itself, between the last control and the first
        assert "none none" not in state["focus"], f"no visible focus on {state['html']}"
        reached.append(int(state["kbd"]))
    assert set(range(controls)) <= set(reached), sorted(set(range(controls)) - set(reached))
    # After the last control, Tab comes back round to the first: the skip link.
    assert reached[controls:][:1] == [0], reached


def test_layout_fits_320_pixels(browser, demo_site):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(demo_site[0] + "/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0


def test_the_checker_fails_on_a_fault_added_on_purpose(page, demo_site):
    """Proof that the axe check can fail: an unlabelled field and a low-contrast text."""
    page.goto(demo_site[0] + "/")
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


def test_the_statement_counts_the_page_types_checked_here():
    """The accessibility statement says how many page types axe checks: keep it true."""
    from villecaraibe.demo import PAGES
    from villecaraibe.models import Page

    body = PAGES[Page.Slot.ACCESSIBILITY][2]
    assert f"{len(PUBLIC_PAGES)} types de pages publiques" in body

"""What people do on the portal, end to end, in a real browser against a live server.

E-mails are really sent and captured: the agenda's through Django's in-memory
backend (the live server runs in this process, so ``mail.outbox`` sees them), the
letter's through a real SMTP server on loopback (tests/newsletter/smtp_sink.py).
Background tasks run at once (immediate backend), as a worker would run them.
Every page visited is checked for CSP violations and script errors; screenshots
of the key steps land in var/screenshots/.
"""

import datetime
import email
import email.policy
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import DESKTOP_USER_AGENT, csp_violations, open_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMEDIATE_TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "newsletter"],
    }
}


@pytest.fixture
def site(settings, live_server):
    """Links in e-mails point at the live server; tasks run during the request."""
    settings.SITE_URL = live_server.url
    settings.TASKS = IMMEDIATE_TASKS
    return live_server


def link_in(text, path_part):
    """The first URL of ``text`` whose path contains ``path_part``."""
    for url in re.findall(r"https?://[^\s<>\"]+", text):
        if path_part in url:
            return url
    raise AssertionError(f"no link containing {path_part!r} in:\n{text}")


class Visit:
    """A browser page that checks the CSP of every document it leaves."""

    def __init__(self, page):
        self.page = page
        self.violations = []

    def collect(self):
        self.violations += csp_violations(self.page)
        self.page.csp_violations.clear()

    def assert_clean(self):
        self.collect()
        assert self.violations == [], self.violations


@pytest.fixture
def visit_factory(browser):
    visits = []

    def make(width_name="desktop", **options):
        visit = Visit(open_page(browser, width_name, **options))
        visits.append(visit)
        return visit

    yield make
    for visit in visits:
        visit.page.context.close()


# --------------------------------------------------------------------------- agenda


@pytest.fixture
def full_workshop(db):
    """A published workshop in three weeks, one seat, two sessions, and a venue."""
    from actions.models import Event, Session, Venue
    from villecaraibe.demo import load_vocabulary
    from villecaraibe.models import Territory

    load_vocabulary()
    start = timezone.localdate() + datetime.timedelta(days=21)
    event = Event.objects.create(
        title="Atelier mémoire des quartiers",
        kind=Event.Kind.PRACTICE_WORKSHOP,
        summary="Recueillir la parole des habitants.",
        description="<p>Un atelier pour apprendre à recueillir la mémoire d'un quartier.</p>",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        capacity=1,
        status=Event.Status.PUBLISHED,
    )
    venue = Venue.objects.create(
        name="Salle de la Varangue",
        address="36, boulevard Amilcar Cabral",
        commune=Territory.objects.get(slug="fort-de-france"),
    )
    for offset in (0, 1):
        Session.objects.create(
            event=event,
            date=start + datetime.timedelta(days=offset),
            start_time=datetime.time(9),
            end_time=datetime.time(12, 30),
            venue=venue,
        )
    return event


def register_in_browser(page, first_name, last_name, email_address):
    """Fill the registration form through its labels and the keyboard only."""
    page.get_by_label("Prénom").fill(first_name)
    page.get_by_label(re.compile(r"^Nom")).fill(last_name)
    page.get_by_label("Courriel").fill(email_address)
    page.get_by_label("Commune où vous travaillez").select_option(label="Le Lamentin")
    consent = page.get_by_label(re.compile(r"^J.accepte"))
    consent.focus()
    page.keyboard.press("Space")
    assert consent.is_checked()
    page.get_by_role("button", name=re.compile(r"S.inscrire|liste d.attente")).press("Enter")
    page.wait_for_load_state()


@pytest.mark.parametrize("width_name", ["desktop", "mobile"])
def test_register_open_the_mail_cancel_and_the_waitlist_moves_up(
    site, visit_factory, full_workshop, width_name
):
    from actions.models import Registration
    from actions.services import registrations as registration_service

    event = full_workshop
    visit = visit_factory(width_name)
    page = visit.page

    # Browse the agenda and open the event.
    page.goto(site.url + "/agenda/")
    screenshot(page, "journey-agenda")
    page.get_by_role("link", name=event.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == event.title
    assert "1 place restante" in page.content()

    # Register: the only seat is ours.
    register_in_browser(page, "Léa", "Bellay", "lea.bellay@example.org")
    screenshot(page, "journey-registered")
    assert "Votre inscription est confirmée" in page.inner_text("main")
    mine = Registration.objects.get(event=event, email="lea.bellay@example.org")
    assert mine.status == Registration.Status.CONFIRMED
    assert mine.commune.name == "Le Lamentin"
    assert [m.to for m in mail.outbox] == [["lea.bellay@example.org"]]
    confirmation = mail.outbox[0]
    assert confirmation.subject.startswith("Inscription confirmée")

    # Someone else comes too late: the waiting list.
    waiting = registration_service.register(
        event,
        {"first_name": "Marc", "last_name": "Joseph", "email": "marc.joseph@example.org"},
    )
    assert waiting.status == Registration.Status.WAITLISTED
    assert len(mail.outbox) == 2

    # The confirmation e-mail's link, opened in the browser, cancels.
    page.goto(link_in(confirmation.body, "/agenda/annulation/"))
    assert "Annuler mon inscription" in page.inner_text("h1")
    screenshot(page, "journey-cancel-confirm")
    page.get_by_role("button", name="Oui, annuler mon inscription").click()
    page.wait_for_load_state()
    screenshot(page, "journey-cancelled")
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert waiting.promoted_at is not None

    # The cancellation is confirmed to us, the seat announced to the next person.
    sent = {m.to[0]: m for m in mail.outbox[2:]}
    assert set(sent) == {"lea.bellay@example.org", "marc.joseph@example.org"}
    assert sent["lea.bellay@example.org"].subject.startswith("Inscription annulée")
    assert sent["marc.joseph@example.org"].subject.startswith("Une place s'est libérée")
    assert "confirmée" in sent["marc.joseph@example.org"].body

    # The event page now counts the seat as taken again, by Marc.
    page.goto(site.url + event.get_absolute_url())
    assert "1 place restante" not in page.content()
    visit.assert_clean()


# ----------------------------------------------------------------------- newsletter


@pytest.fixture
def smtp_sink(site, settings, tmp_path):
    """A real SMTP server on loopback that keeps the first two messages verbatim."""
    from tests.newsletter.conftest import Sink

    settings.NEWSLETTER_JOURNAL_DIR = str(tmp_path / "journal")
    settings.NEWSLETTER_RETRY_DELAY = 0
    server = Sink(tmp_path)
    settings.MAILERS = server.mailers()
    yield server
    server.stop()


def received(sink, number):
    sink.wait(number)
    raw = (sink.samples / f"msg{number}.eml").read_bytes()
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_subscribe_confirm_receive_an_issue_and_unsubscribe_in_one_click(
    site, smtp_sink, visit_factory
):
    from newsletter.models import Delivery, Issue, Subscriber
    from newsletter.services import sending

    visit = visit_factory()
    page = visit.page

    # Sign up from the public form.
    page.goto(site.url + "/lettre/")
    form = page.locator("main form.subscribe-form")
    form.get_by_label("Adresse électronique").fill("Mireille.Daniel@example.org")
    form.get_by_label("Nom (facultatif)").fill("Mireille Daniel")
    form.get_by_label("J'accepte").check()
    screenshot(page, "journey-letter-signup")
    form.get_by_role("button", name="S'abonner").click()
    page.wait_for_load_state()
    assert page.url.endswith("/lettre/inscription/merci/")
    subscriber = Subscriber.objects.get(email="mireille.daniel@example.org")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.consent_text and subscriber.consent_at

    # Confirm from the e-mail.
    confirmation = received(smtp_sink, 1)
    assert confirmation["To"] == "mireille.daniel@example.org"
    page.goto(link_in(confirmation.get_body(("plain",)).get_content(), "/lettre/confirmer/"))
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    page.wait_for_load_state()
    screenshot(page, "journey-letter-confirmed")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    # Staff send an issue; the worker (immediate tasks) hands it to the SMTP server.
    issue = Issue.objects.create(
        number=42,
        date=timezone.localdate(),
        subject="La cohésion se construit n° 42",
        introduction="<p>Bonne lecture à toutes et à tous.</p>",
    )
    assert sending.start_sending(issue) == 1
    letter = received(smtp_sink, 2)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert Delivery.objects.get(issue=issue, subscriber=subscriber).status == "sent"
    assert letter["Subject"] == "La cohésion se construit n° 42"
    assert "Mireille Daniel" in str(letter["To"])
    html = letter.get_body(("html",)).get_content()
    assert "Bonne lecture à toutes et à tous." in html

    # One click: the personal link (List-Unsubscribe and the footer of the letter).
    unsubscribe_url = letter["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith(site.url + "/u/")
    assert f'href="{unsubscribe_url}"' in html
    page.goto(unsubscribe_url)
    screenshot(page, "journey-letter-unsubscribe")
    page.get_by_role("button", name="Se désinscrire").click()
    page.wait_for_load_state()
    assert "Vous êtes désinscrit" in page.inner_text("h1")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_from_id == issue.pk
    visit.assert_clean()


# -------------------------------------------------------------------- documentation


def result_titles(page):
    return page.locator(".doc-results .doc-title a").all_inner_texts()


def test_search_with_and_without_accents_narrow_by_facet_and_download(site, visit_factory):
    from documentation.models import Document, DownloadCount

    call_command("load_demo", verbosity=0)
    target = (
        Document.objects.public()
        .filter(file__gt="", access=Document.Access.PUBLIC, title__icontains="valuation")
        .order_by("pk")
        .first()
    )
    downloads_before = sum(
        DownloadCount.objects.filter(document=target).values_list("count", flat=True)
    )
    visit = visit_factory(user_agent=DESKTOP_USER_AGENT)
    page = visit.page

    # Without accents, from the search box.
    page.goto(site.url + "/documentation/")
    page.get_by_label("Mots à rechercher").fill("evaluation")
    page.get_by_label("Mots à rechercher").press("Enter")
    page.wait_for_load_state()
    plain = result_titles(page)
    screenshot(page, "journey-documentation-search")
    assert any("Évaluation" in t or "évaluation" in t for t in plain), plain

    # With accents (and capitals): the same documents.
    page.get_by_label("Mots à rechercher").fill("Évaluation")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    assert sorted(result_titles(page)) == sorted(plain)

    # Narrow by a facet: the kind of the document we are after.
    facets = page.locator(".doc-facets")
    facets.get_by_role(
        "link", name=target.get_kind_display().capitalize(), exact=False
    ).first.click()
    page.wait_for_load_state()
    narrowed = result_titles(page)
    screenshot(page, "journey-documentation-facet")
    assert "kind=" + target.kind in page.url and "q=" in page.url
    assert 0 < len(narrowed) <= len(plain)
    assert set(narrowed) <= set(plain)
    assert "Retirer le filtre" in facets.inner_text()

    # Open the document and download its file.
    page.locator(f'.doc-results a[href="{target.get_absolute_url()}"]').click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith(target.title)
    screenshot(page, "journey-documentation-document")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Télécharger")).click()
    download = download_info.value
    with target.file.open("rb") as stored:
        assert Path(download.path()).read_bytes() == stored.read()
    assert download.suggested_filename.endswith(target.file_extension)
    downloads_after = sum(
        DownloadCount.objects.filter(document=target).values_list("count", flat=True)
    )
    assert downloads_after == downloads_before + 1
    visit.assert_clean()


# ------------------------------------------------------------------------ staff


# django-prose-editor's bundle (Tiptap) adds its base stylesheet as a <style>
# element, which the CSP refuses; the editor works without it (its own editor.css
# is a file). Every other refusal — any script above all — fails the journey.
def _prose_editor_style(entry):
    return "style-src" in entry and ("django_prose_editor" in entry or "inline style" in entry)


def test_staff_create_an_event_mark_attendance_and_print_the_sheet(
    site, visit_factory, direction_user
):
    from actions.models import Attendance, Event, Registration
    from tests.conftest import STAFF_PASSWORD

    visit = visit_factory()
    page = visit.page
    first_day = timezone.localdate() + datetime.timedelta(days=30)
    second_day = first_day + datetime.timedelta(days=1)

    # Log in through the admin's login page.
    page.goto(site.url + "/admin/")
    page.get_by_label("Nom d’utilisateur").fill(direction_user.username)
    page.get_by_label("Mot de passe").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()
    assert page.url == site.url + "/admin/"

    # A new event with two sessions (inline rows added with the admin's button).
    page.goto(site.url + "/admin/actions/event/add/")
    page.get_by_label("Titre").fill("Journée de qualification Évaluation")
    page.get_by_label("Type").select_option(Event.Kind.QUALIFICATION_DAY)
    page.get_by_label("Statut").select_option(Event.Status.PUBLISHED)
    editor = page.locator(".field-description [contenteditable=true]")
    editor.click()
    page.keyboard.type("Deux demi-journées pour évaluer les actions du contrat de ville.")
    page.get_by_label("Premier jour").fill(first_day.strftime("%d/%m/%Y"))
    page.get_by_label("Dernier jour").fill(second_day.strftime("%d/%m/%Y"))
    page.get_by_label("Capacité").fill("30")
    sessions = page.locator("#sessions-group")
    for index, day in enumerate((first_day, second_day)):
        sessions.get_by_role("button", name=re.compile("Ajouter un objet Session")).click()
        row = f"#id_sessions-{index}-"
        page.locator(row + "date").fill(day.strftime("%d/%m/%Y"))
        page.locator(row + "start_time").fill("08:30")
        page.locator(row + "end_time").fill("12:30")
        page.locator(row + "theme").fill(f"Atelier {index + 1}")
    screenshot(page, "journey-admin-event-form")
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").count() == 0, page.locator("#content-main").inner_text()
    event = Event.objects.get(title="Journée de qualification Évaluation")
    assert list(event.sessions.values_list("date", "theme")) == [
        (first_day, "Atelier 1"),
        (second_day, "Atelier 2"),
    ]
    assert "évaluer les actions" in event.description

    # The attendance grid, from the event's page: a walk-in, then both sessions ticked.
    page.get_by_role("link", name="grille, feuilles, exports").first.click()
    page.wait_for_load_state()
    walk_in = page.locator("form.walk-in")
    walk_in.get_by_label("Prénom").fill("Rose")
    walk_in.get_by_label(re.compile(r"^Nom")).fill("Lapierre")
    walk_in.get_by_role("button", name="Ajouter à la liste").click()
    page.wait_for_load_state()
    registration = Registration.objects.get(event=event, last_name="Lapierre")
    assert registration.walk_in and registration.status == Registration.Status.CONFIRMED
    boxes = page.get_by_label(re.compile(r"^Rose Lapierre présent"))
    assert boxes.count() == 2
    for index in range(2):
        boxes.nth(index).check()
    screenshot(page, "journey-admin-attendance")
    page.get_by_role("button", name="Enregistrer les présences").click()
    page.wait_for_load_state()
    assert Attendance.objects.filter(registration=registration).count() == 2

    # The printed attendance sheet of the first session.
    sheet = page.get_by_role("link", name=re.compile(r"^Feuille du")).first
    response = page.request.get(site.url + sheet.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    visit.collect()
    assert [v for v in visit.violations if not _prose_editor_style(v)] == []

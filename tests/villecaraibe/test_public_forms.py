"""Every public form: CSRF where it changes state, bounded lengths, the honeypot,
a per-address rate limit answering 429 in French, and nothing typed ever comes
back unescaped — on the public pages, in the admin, in e-mails."""

import datetime

import pytest
from django import forms
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.agenda_filters import EventFilter
from actions.agenda_forms import RegistrationForm, SatisfactionForm
from actions.models import Event, Registration, SatisfactionResponse, Session
from actions.services import registrations as registration_service
from actions.services import satisfaction as satisfaction_service
from annuaire.filters import OrganisationFilter
from documentation.forms import DocumentationRequestForm, DocumentSearchForm
from documentation.models import DocumentationRequest
from newsletter.forms import NewsFilterForm, SubscribeForm
from newsletter.models import Subscriber
from newsletter.services import tokens
from villecaraibe.forms import HoneypotMixin

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
RAW_MARKERS = ["<script>alert(1)", "<img src=x onerror"]


@pytest.fixture(autouse=True)
def _immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = "https://villecaraibe.test"


@pytest.fixture
def event(db):
    day = timezone.localdate() + datetime.timedelta(days=15)
    event = Event.objects.create(
        title="Journée d'information CUCS", kind="information_day", start_date=day,
        end_date=day, status="published", description="<p>Programme</p>", capacity=50,
    )  # fmt: skip
    Session.objects.create(
        event=event, date=day, start_time=datetime.time(9), end_time=datetime.time(16)
    )
    return event


@pytest.fixture
def registration(event):
    return registration_service.register(
        event,
        {"first_name": "Line", "last_name": "Éloi", "email": "line@example.org", "consent": True},
    )


def registration_data(**overrides):
    data = {
        "first_name": "Line",
        "last_name": "Éloi",
        "email": "line.eloi@example.org",
        "organisation_name": "Ville du Lamentin",
        "function": "Cheffe de projet",
        "accessibility_needs": "",
        "consent": "on",
    }
    data.update(overrides)
    return data


def counts():
    return (
        Registration.objects.count(),
        SatisfactionResponse.objects.count(),
        Subscriber.objects.count(),
        DocumentationRequest.objects.count(),
    )


# (name, url builder, valid POST data builder) for each public POST form.
def _forms(event, registration):
    satisfaction_url = reverse(
        "actions:satisfaction",
        kwargs={"token": satisfaction_service.questionnaire_token(registration)},
    )
    return {
        "registration": (event.get_absolute_url(), registration_data()),
        "satisfaction": (satisfaction_url, {"rating": "4", "comments": "Très bien"}),
        "subscribe": (
            reverse("newsletter:subscribe"),
            {"email": "abonne@example.org", "name": "Abonné", "consent": "on"},
        ),
        "request": (
            reverse("documentation:request"),
            {
                "name": "Marie",
                "email": "marie@example.org",
                "subject": "Guide des CLAS",
                "message": "Je cherche le guide des CLAS de 2008.",
            },
        ),
    }


FORM_NAMES = ["registration", "satisfaction", "subscribe", "request"]


# ----- CSRF -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", FORM_NAMES)
def test_csrf_is_required_on_every_state_changing_form(event, registration, name):
    url, data = _forms(event, registration)[name]
    client = Client(enforce_csrf_checks=True)
    before = counts()
    response = client.post(url, data)
    assert response.status_code == 403
    assert counts() == before
    # The page itself carries the token, so people are not affected.
    assert 'name="csrfmiddlewaretoken"' in client.get(url).content.decode()


def test_csrf_on_the_token_links(event, registration):
    client = Client(enforce_csrf_checks=True)
    cancel = reverse(
        "actions:registration_cancel",
        kwargs={"token": registration_service.cancel_token(registration)},
    )
    assert client.post(cancel).status_code == 403
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    subscriber = Subscriber.objects.create(email="p@example.org", source="form")
    confirm = reverse(
        "newsletter:confirm", kwargs={"token": tokens.make_confirmation_token(subscriber)}
    )
    assert client.post(confirm).status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING


# ----- Bounded lengths ------------------------------------------------------------------


def _all_forms(event):
    return {
        "registration": RegistrationForm(event=event),
        "satisfaction": SatisfactionForm(),
        "subscribe": SubscribeForm(),
        "request": DocumentationRequestForm(),
        "document search": DocumentSearchForm(),
        "news filter": NewsFilterForm(),
        "agenda filter": EventFilter().form,
        "directory search": OrganisationFilter().form,
    }


def test_every_text_field_of_every_public_form_is_bounded(event):
    for name, form in _all_forms(event).items():
        for field_name, field in form.fields.items():
            if isinstance(field, forms.CharField):
                assert field.max_length, f"{name}.{field_name} has no max_length"
                assert field.max_length <= 5000, f"{name}.{field_name}"


@pytest.mark.parametrize("name", FORM_NAMES)
def test_a_100_kb_field_is_refused_cleanly(client, event, registration, name):
    url, data = _forms(event, registration)[name]
    field = {"registration": "function", "satisfaction": "comments", "subscribe": "name"}.get(
        name, "message"
    )
    before = counts()
    response = client.post(url, {**data, field: "x" * 100_000})
    assert response.status_code == 200
    assert "caractères" in response.content.decode()  # "… au plus N caractères"
    assert counts() == before


# ----- Honeypot -------------------------------------------------------------------------


def test_every_public_post_form_has_the_honeypot(event):
    for name, form in _all_forms(event).items():
        if name in ("registration", "satisfaction", "subscribe", "request"):
            assert isinstance(form, HoneypotMixin), name
            assert "website_url" in form.fields, name


@pytest.mark.parametrize("name", FORM_NAMES)
def test_a_filled_honeypot_stores_nothing(client, event, registration, name):
    url, data = _forms(event, registration)[name]
    page = client.get(url).content.decode()
    assert 'name="website_url"' in page and 'class="honeypot" aria-hidden="true"' in page
    before = counts()
    mail.outbox.clear()
    response = client.post(url, {**data, "website_url": "http://spam.example"})
    assert response.status_code == 200
    assert "Votre envoi n’a pas pu être accepté." in response.content.decode()
    assert counts() == before
    assert mail.outbox == []


# ----- Rate limit -----------------------------------------------------------------------


@pytest.mark.parametrize("name", FORM_NAMES)
def test_rate_limit_per_address_answers_429_in_french(client, event, registration, settings, name):
    settings.PUBLIC_FORM_RATE = "2/m"
    url, data = _forms(event, registration)[name]
    bad = {**data, "website_url": "robot"}  # refused anyway: only the counting matters
    for _ in range(2):
        assert client.post(url, bad, REMOTE_ADDR="203.0.113.7").status_code == 200
    response = client.post(url, data, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert "Trop de requêtes" in response.content.decode()
    # Another address is served; reading the page is never limited.
    assert client.post(url, bad, REMOTE_ADDR="203.0.113.8").status_code == 200
    assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_rate_limit_on_the_token_links(client, registration, settings):
    settings.PUBLIC_FORM_RATE = "1/m"
    url = reverse(
        "actions:registration_cancel",
        kwargs={"token": registration_service.cancel_token(registration)},
    )
    forged = url.replace("/annulation/", "/annulation/x")
    client.post(forged)
    assert client.post(url).status_code == 429
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


# ----- Nothing typed comes back unescaped -----------------------------------------------


def assert_escaped(text, where):
    for marker in RAW_MARKERS:
        assert marker not in text, f"{marker!r} unescaped in {where}"


def html_parts(message):
    return [body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"]


@pytest.mark.parametrize("payload", [SCRIPT, IMG])
@pytest.mark.allow_lazy_fetch  # admin change pages of a single object
def test_payloads_in_every_field_never_come_back_unescaped(
    client, superuser, event, registration, payload, django_capture_on_commit_callbacks
):
    forms_ = _forms(event, registration)
    pages = []
    with django_capture_on_commit_callbacks(execute=True):
        # Registration: every text field carries the payload.
        url, data = forms_["registration"]
        text_fields = ["first_name", "last_name", "organisation_name", "function"]
        poisoned = {**data, **dict.fromkeys(text_fields, payload[:90])}
        poisoned["accessibility_needs"] = payload
        # First with an error (no consent): the form is shown again with what was typed.
        pages.append(("registration form again", client.post(url, {**poisoned, "consent": ""})))
        pages.append(("registration done", client.post(url, poisoned, follow=True)))
        # Satisfaction.
        url, data = forms_["satisfaction"]
        pages.append(("satisfaction error", client.post(url, {"comments": payload})))
        pages.append(
            ("satisfaction", client.post(url, {"rating": "3", "comments": payload}, follow=True))
        )
        # Newsletter.
        url, data = forms_["subscribe"]
        poisoned_sub = {**data, "name": payload, "organisation": payload}
        pages.append(("subscribe error", client.post(url, {**poisoned_sub, "email": payload})))
        pages.append(("subscribe", client.post(url, poisoned_sub, follow=True)))
        # Documentation request.
        url, data = forms_["request"]
        poisoned_req = {
            **data,
            **dict.fromkeys(["name", "organisation", "subject", "message"], payload),
        }
        pages.append(("request error", client.post(url, {**poisoned_req, "email": payload})))
        pages.append(("request", client.post(url, poisoned_req, follow=True)))
    # What was stored is the text as typed (escaping happens on output).
    stored = Registration.objects.exclude(pk=registration.pk).get()
    assert stored.function == payload[:90]
    assert SatisfactionResponse.objects.get().comments == payload
    assert Subscriber.objects.get(email="abonne@example.org").name == payload
    assert DocumentationRequest.objects.get().message == payload
    # Every later page: public and admin, lists and records.
    client.force_login(superuser)
    subscriber = Subscriber.objects.get(email="abonne@example.org")
    request = DocumentationRequest.objects.get()
    answer = SatisfactionResponse.objects.get()
    for url in [
        event.get_absolute_url(),
        "/admin/actions/registration/",
        f"/admin/actions/registration/{stored.pk}/change/",
        f"/admin/actions/registration/{stored.pk}/history/",
        f"/admin/actions/event/{event.pk}/presences/",
        "/admin/actions/satisfactionresponse/",
        f"/admin/actions/satisfactionresponse/{answer.pk}/change/",
        "/admin/newsletter/subscriber/",
        f"/admin/newsletter/subscriber/{subscriber.pk}/change/",
        "/admin/documentation/documentationrequest/",
        f"/admin/documentation/documentationrequest/{request.pk}/change/",
        "/admin/actions/registration/?q=" + payload,
    ]:
        pages.append((url, client.get(url)))
    for where, response in pages:
        assert response.status_code in (200, 302), where
        assert_escaped(response.content.decode(), where)
    # E-mails: HTML parts escaped; no header carries a line break.
    assert mail.outbox
    for message in mail.outbox:
        for html in html_parts(message):
            assert_escaped(html, f"e-mail {message.subject}")
        assert "\n" not in message.subject and "\r" not in message.subject


def test_admin_search_with_the_payload_is_escaped(client, superuser, registration):
    client.force_login(superuser)
    for url in [
        "/admin/annuaire/person/",
        "/admin/documentation/document/",
        "/admin/actions/event/",
    ]:
        response = client.get(url, {"q": SCRIPT + IMG})
        assert response.status_code == 200
        assert_escaped(response.content.decode(), url)

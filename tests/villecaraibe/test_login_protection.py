"""Staff login: lockout after repeated failures, per account and per address."""

import pytest
from django.test import override_settings
from django.urls import path

from tests.conftest import STAFF_PASSWORD
from villecaraibe import urls as site_urls
from villecaraibe.forms import HoneypotMixin
from villecaraibe.security import client_ip, rate_limited

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_lockout_after_repeated_failures_per_account(client, settings, direction_user):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        response = attempt(client, "directeur", "wrong")
        assert response.status_code == 200  # the login form again, with its error
    response = attempt(client, "directeur", "wrong")
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    # Even the right password is refused now, from this address…
    assert attempt(client, "directeur", STAFF_PASSWORD).status_code == 429
    # …and from another address: the account itself is locked.
    assert attempt(client, "directeur", STAFF_PASSWORD, ip="198.51.100.9").status_code == 429


def test_lockout_per_address_across_accounts(client, settings, direction_user):
    settings.AXES_FAILURE_LIMIT = 3
    for name in ["alice", "bob", "carol"]:
        attempt(client, name, "wrong", ip="192.0.2.50")
    assert attempt(client, "directeur", STAFF_PASSWORD, ip="192.0.2.50").status_code == 429
    # The same account from an honest address still logs in.
    response = attempt(client, "directeur", STAFF_PASSWORD, ip="192.0.2.51")
    assert response.status_code == 302


def test_successful_login_resets_the_counter(client, settings, direction_user):
    settings.AXES_FAILURE_LIMIT = 3
    attempt(client, "directeur", "wrong")
    attempt(client, "directeur", "wrong")
    assert attempt(client, "directeur", STAFF_PASSWORD).status_code == 302
    client.logout()
    attempt(client, "directeur", "wrong")
    attempt(client, "directeur", "wrong")
    assert attempt(client, "directeur", STAFF_PASSWORD).status_code == 302


def test_client_ip_trusts_forwarded_for_only_behind_configured_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.5"


# A tiny public form to exercise the shared protections.
class ContactForm(HoneypotMixin):
    pass


@rate_limited("test-form", rate="3/m")
def form_view(request):
    from django.http import HttpResponse

    if request.method != "POST":
        return HttpResponse("form")
    form = ContactForm(request.POST)
    if form.is_valid():
        return HttpResponse("ok")
    return HttpResponse(str(form.errors), status=400)


urlpatterns = [path("form/", form_view), *site_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_public_form_rate_limit_answers_429_in_french(client):
    from django.core.cache import cache

    cache.clear()
    for _ in range(3):
        assert client.post("/form/", {}, REMOTE_ADDR="198.51.100.1").status_code == 200
    response = client.post("/form/", {}, REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert "Trop de requêtes" in response.content.decode()
    # Another address is not affected; GETs are never limited.
    assert client.post("/form/", {}, REMOTE_ADDR="198.51.100.2").status_code == 200
    assert client.get("/form/", REMOTE_ADDR="198.51.100.1").status_code == 200


@override_settings(ROOT_URLCONF=__name__)
def test_honeypot_refuses_robots(client):
    from django.core.cache import cache

    cache.clear()
    response = client.post(
        "/form/", {"website_url": "http://spam.example"}, REMOTE_ADDR="198.51.100.3"
    )
    assert response.status_code == 400
    assert "Votre envoi n’a pas pu être accepté." in response.content.decode()

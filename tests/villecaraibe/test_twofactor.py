"""Optional two-factor authentication (TOTP) for staff, on the admin login."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import STAFF_PASSWORD
from villecaraibe.roles import DIRECTION

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
ENROLL = "/admin/double-authentification/"


def current_code(device, offset=0):
    """The code an authentication app shows now (or ``offset`` steps away)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


@pytest.fixture
def enrolled(direction_user):
    device = TOTPDevice.objects.create(user=direction_user, name="téléphone", confirmed=True)
    return direction_user, device


def login(client, username, token=None, password=STAFF_PASSWORD):
    data = {"username": username, "password": password}
    if token is not None:
        data["otp_token"] = token
    return client.post(LOGIN, data, REMOTE_ADDR="192.0.2.10")


def test_staff_without_device_logs_in_with_password_alone(client, direction_user):
    response = login(client, direction_user.username)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_login_page_offers_the_code_field(client):
    body = client.get(LOGIN).content.decode()
    assert 'name="otp_token"' in body
    assert 'autocomplete="one-time-code"' in body


def test_enrolled_user_without_token_is_refused(client, enrolled):
    user, _device = enrolled
    response = login(client, user.username)
    assert response.status_code == 200
    assert "code" in response.content.decode().lower()
    assert SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302


def test_enrolled_user_with_valid_token_is_accepted(client, enrolled):
    user, device = enrolled
    response = login(client, user.username, current_code(device))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.session["otp_device_id"] == device.persistent_id


@pytest.mark.parametrize("forged", ["000000", "12345", "abcdef", "1" * 10, "' OR 1=1 --"])
def test_forged_token_is_refused(client, enrolled, forged):
    user, device = enrolled
    if forged == current_code(device):
        forged = "999999" if forged != "999999" else "888888"
    response = login(client, user.username, forged)
    assert response.status_code == 200
    assert "Le code de l’application d’authentification" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_code_with_wrong_password_is_refused(client, enrolled):
    user, device = enrolled
    response = login(client, user.username, current_code(device), password="wrong-password-1")
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_count_towards_the_lockout(client, enrolled, settings):
    user, device = enrolled
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        login(client, user.username, "000001")
    response = login(client, user.username, current_code(device))
    assert response.status_code == 429 or "bloqué" in response.content.decode().lower()
    assert client.get("/admin/").status_code == 302


def test_a_session_opened_without_the_code_does_not_reach_the_admin(client, enrolled):
    """The library's member login checks the password only: not enough for the admin."""
    user, _device = enrolled
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/annuaire/person/").status_code == 302


def test_enrollment_shows_the_secret_then_confirms_with_a_code(client, direction_user, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong code below would delay the right one
    client.force_login(direction_user)
    body = client.get(ENROLL).content.decode()
    secret = re.search(r'<code id="otp-secret">([A-Z2-7=]+)</code>', body).group(1)
    assert "otpauth://totp/" in body
    device = TOTPDevice.objects.get(user=direction_user)
    assert not device.confirmed
    # A wrong code leaves the device unconfirmed.
    response = client.post(ENROLL, {"token": "000000" if current_code(device) != "000000" else "1"})
    assert response.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    assert secret.rstrip("=")  # what the person types into the app
    response = client.post(ENROLL, {"token": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # This session was verified by the enrollment; a new one needs the code.
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert login(client, direction_user.username).status_code == 200
    assert "a déjà" not in client.get(ENROLL).content.decode()


def test_enrollment_page_is_for_staff_only(client, db):
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.create_user("adherent", password=STAFF_PASSWORD)
    assert client.get(ENROLL).status_code == 302  # anonymous: to the login
    client.force_login(member)
    assert client.get(ENROLL).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_required_otp_sends_staff_without_device_to_enrollment(client, direction_user, settings):
    settings.OTP_REQUIRED_FOR_STAFF = True
    response = login(client, direction_user.username)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302
    response = client.get("/admin/login/")
    assert response.status_code == 302 and response["Location"] == ENROLL
    assert client.get(ENROLL).status_code == 200


def test_admin_url_is_configurable(settings):
    """ADMIN_URL moves the admin; /admin/ then answers 404."""
    import importlib

    from django.test import Client
    from django.urls import clear_url_caches

    import villecaraibe.urls as site_urls

    settings.ADMIN_URL = "gestion-interne/"
    try:
        importlib.reload(site_urls)
        clear_url_caches()
        client = Client()
        assert client.get("/gestion-interne/login/").status_code == 200
        assert client.get("/admin/login/").status_code == 404
    finally:
        settings.ADMIN_URL = "admin/"
        importlib.reload(site_urls)
        clear_url_caches()


def test_direction_group_is_real(direction_user):
    assert direction_user.groups.filter(name=DIRECTION).exists()


def test_a_device_added_later_closes_sessions_opened_without_the_code(client, direction_user):
    client.force_login(direction_user)
    assert client.get("/admin/").status_code == 200  # no device yet: allowed (and cached)
    device = TOTPDevice.objects.create(user=direction_user, name="téléphone", confirmed=True)
    assert client.get("/admin/").status_code == 302
    device.delete()
    assert client.get("/admin/").status_code == 200

"""Signing up (double opt-in, no disclosure), confirming, unsubscribing (RFC 8058)."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Subscriber
from newsletter.services import subscriptions, tokens

pytestmark = pytest.mark.django_db


def sign_up(client, email, **extra):
    data = {"email": email, "name": "", "organisation": "", "consent": "on", **extra}
    return client.post(
        reverse("newsletter:subscribe"), data, HTTP_REFERER="https://www.villecaraibe.com/lettre/"
    )


def without_csrf(html):
    """The page minus its CSRF token, which is masked differently on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def link_in(message, name):
    match = re.search(r"https?://\S+/" + name + r"/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def test_visitor_subscribes_confirms_and_unsubscribes(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://www.villecaraibe.com"
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "Marie.Joseph@Example.org", name="Marie Joseph")
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:subscribed")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "marie.joseph@example.org"
    assert subscriber.status == "pending" and subscriber.source == "form"
    assert subscriber.consent_ip == "127.0.0.1"
    assert subscriber.consent_page == "https://www.villecaraibe.com/lettre/"
    assert "La cohésion se construit" in subscriber.consent_text
    assert len(mail.outbox) == 1
    url = link_in(mail.outbox[0], "lettre/confirmer")
    path = url.removeprefix("https://www.villecaraibe.com")
    # A GET (mail scanner) only shows a button.
    page = client.get(path)
    assert page.status_code == 200 and "marie.joseph@example.org" in page.text
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"
    response = client.post(path)
    assert "Inscription confirmée" in response.text or response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.confirmed_at

    unsubscribe = subscriptions.unsubscribe_url(subscriber)
    response = client.get(unsubscribe.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"  # GET changes nothing


def test_identical_answer_whether_address_known_or_not(client, django_capture_on_commit_callbacks):
    Subscriber.objects.create(email="connu@example.org", status="confirmed", source="admin")
    with django_capture_on_commit_callbacks(execute=True):
        known = sign_up(client, "connu@example.org")
        unknown = sign_up(client, "inconnu@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert known.content == unknown.content
    page_known = client.get(known["Location"])
    page_unknown = client.get(unknown["Location"])
    assert without_csrf(page_known.text) == without_csrf(page_unknown.text)
    # The mails differ sensibly: the new address gets a confirmation link, the known
    # one a notice that it is already subscribed, with a way out.
    to = {m.to[0]: m for m in mail.outbox}
    assert "lettre/confirmer" in to["inconnu@example.org"].body
    assert "lettre/confirmer" not in to["connu@example.org"].body
    assert "/u/" in to["connu@example.org"].body
    assert Subscriber.objects.get(email="connu@example.org").status == "confirmed"


def test_no_second_mail_within_ten_minutes(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "a@example.org")
        sign_up(client, "a@example.org")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": ""}, "Veuillez saisir votre adresse"),
        ({"email": "pas-une-adresse"}, "Veuillez saisir une adresse électronique valide"),
        ({"email": "x@example.org", "consent": ""}, "cocher la case"),
        ({"email": "x" * 250 + "@example.org"}, "254"),
    ],
)
def test_bad_input_answered_in_french(client, data, message):
    payload = {"email": "", "consent": "on", **data}
    response = client.post(reverse("newsletter:subscribe"), payload)
    assert response.status_code == 200
    assert message in response.text
    assert not Subscriber.objects.exists()


def test_honeypot_rejects_robots(client):
    response = client.post(
        reverse("newsletter:subscribe"),
        {"email": "bot@example.org", "consent": "on", "website_url": "http://spam"},
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_forged_and_expired_confirmation_tokens_refused(client, settings):
    subscriber = Subscriber.objects.create(email="p@example.org", source="form")
    token = tokens.make_confirmation_token(subscriber)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.post(reverse("newsletter:confirm", args=[forged]))
    assert response.status_code == 400
    other = signing.dumps([subscriber.pk, "autre@example.org"], salt=tokens.CONFIRM_SALT)
    assert client.post(reverse("newsletter:confirm", args=[other])).status_code == 400
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1  # every token is now too old
    response = client.post(reverse("newsletter:confirm", args=[token]))
    assert response.status_code == 400 and "expiré" in response.text
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"


def test_one_click_unsubscribe_by_post_without_cookie_or_csrf(settings):
    from django.test import Client

    settings.SITE_URL = "https://www.villecaraibe.com"
    subscriber = Subscriber.objects.create(email="q@example.org", status="confirmed", source="form")
    url = subscriptions.unsubscribe_url(subscriber, issue_id=None)
    assert len(url) <= 74, url
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url.removeprefix(settings.SITE_URL),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and subscriber.unsubscribed_at
    # The way back: the page offers the sign-up form again, pre-filled.
    assert 'value="q@example.org"' in response.text


def test_unsubscribe_url_fits_74_characters_for_large_ids(settings):
    settings.SITE_URL = "https://www.villecaraibe.com"
    subscriber = Subscriber(pk=2_000_000_000, email="x" * 60 + "@example.org")
    assert len(subscriptions.unsubscribe_url(subscriber, issue_id=99_999)) <= 74


def test_forged_unsubscribe_token_refused(client):
    subscriber = Subscriber.objects.create(email="r@example.org", status="confirmed", source="form")
    token = tokens.make_unsubscribe_token(subscriber)
    sid, iid, mac = token.split(".")
    other = Subscriber.objects.create(email="s@example.org", status="confirmed", source="form")
    for bad in [
        f"{sid}.{iid}.{mac[:-2]}xx",
        f"{other.pk:x}.{iid}.{mac}",
        "abc",
        "1.2.3.4",
        "zz.0.",
    ]:
        response = client.post(reverse("newsletter:unsubscribe", args=[bad]))
        assert response.status_code == 400, bad
    assert Subscriber.objects.filter(status="confirmed").count() == 2


def test_resubscribe_after_unsubscribing_redoes_double_opt_in(
    client, django_capture_on_commit_callbacks
):
    subscriber = Subscriber.objects.create(
        email="t@example.org", status="unsubscribed", source="form", unsubscribed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "t@example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"  # not back before the link is followed
    path = link_in(mail.outbox[0], "lettre/confirmer").split("villecaraibe.com", 1)[-1]
    path = path[path.index("/lettre/") :]
    client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.unsubscribed_at is None


def test_purge_unconfirmed_after_30_days(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    old = timezone.now() - timedelta(days=31)
    Subscriber.objects.create(email="vieux@example.org", source="form", created_at=old)
    Subscriber.objects.create(email="recent@example.org", source="form")
    Subscriber.objects.create(
        email="fidele@example.org", source="form", status="confirmed", created_at=old
    )
    call_command("purge_unconfirmed_subscribers")
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "recent@example.org",
        "fidele@example.org",
    }


def test_html_in_name_is_escaped_in_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "h@example.org", name="<script>alert(1)</script>")
    html = mail.outbox[0].alternatives[0].content
    assert "<script>" not in html


def test_errors_are_linked_to_their_fields(client):
    response = client.post(reverse("newsletter:subscribe"), {"email": "bad"})
    html = response.text
    assert 'aria-describedby="subscribe-email_error"' in html
    assert 'id="subscribe-email_error"' in html
    assert 'id="subscribe-consent_error"' in html
    assert 'aria-describedby="subscribe-consent-text subscribe-consent_error"' in html

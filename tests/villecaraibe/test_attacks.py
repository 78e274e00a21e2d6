"""Attacks: each ends in a clear refusal, never a 500, and nothing stored wrongly.

Script and HTML in rich text; forged and expired tokens everywhere tokens exist;
path traversal and direct object access on downloads, members-only files, drafts
and certificates; HTML/SVG/polyglot files disguised as documents or images;
absurd lengths and broken encodings; SQL-looking search input.
"""

import datetime
import time
from urllib.parse import quote_plus

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from actions.models import Event, Registration, SatisfactionResponse, Session
from actions.services import registrations as registration_service
from actions.services import satisfaction as satisfaction_service
from documentation.models import Document, DocumentationRequest, DownloadCount
from documentation.services.uploads import check_upload
from newsletter.models import NewsItem, Subscriber
from newsletter.services import tokens
from tests.documentation.conftest import _pdf_bytes, png_bytes
from villecaraibe.fields import sanitize_rich_text_on_save
from villecaraibe.models import Page

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"
RICH_PAYLOAD = (
    "<p>Texte utile</p><script>alert(1)</script><img src=x onerror=alert(1)>"
    '<a href="javascript:alert(1)">lien</a><p onclick="alert(1)">clic</p>'
    '<iframe src="https://evil.example"></iframe><svg onload=alert(1)></svg>'
    '<style>body{display:none}</style><p style="position:fixed">style</p>'
)
DANGEROUS = [
    "<script",
    "onerror",
    "javascript:",
    "onclick",
    "<iframe",
    "<svg",
    "onload",
    "<style",
    "style=",
]


def assert_clean(html, where):
    for marker in DANGEROUS:
        assert marker not in html, f"{marker!r} in {where}"


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.DOCUMENTATION_FILES_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOCUMENTATION_X_ACCEL_PREFIX = ""


# ----- Rich text --------------------------------------------------------------------


def rich_text_fields():
    for app in django_settings.PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.concrete_fields:
                if isinstance(field, ProseEditorField) and not model.__name__.startswith(
                    "Historical"
                ):
                    yield model, field


@pytest.mark.parametrize(
    ("model", "field"),
    list(rich_text_fields()),
    ids=lambda x: getattr(x, "name", getattr(x, "__name__", "")),
)
def test_every_rich_text_field_is_sanitised_on_save(model, field):
    instance = model()
    setattr(instance, field.attname, RICH_PAYLOAD)
    sanitize_rich_text_on_save(sender=model, instance=instance)
    value = getattr(instance, field.attname)
    assert_clean(value, f"{model.__name__}.{field.name}")
    assert "Texte utile" in value


def test_rich_text_fields_cover_every_app():
    models = {m._meta.label for m, _f in rich_text_fields()}
    assert {"villecaraibe.Page", "actions.Event", "documentation.Document", "newsletter.NewsItem",
            "newsletter.Issue", "actions.Programme", "annuaire.Organisation"} <= models  # fmt: skip


def _event(**fields):
    day = timezone.localdate() + datetime.timedelta(days=10)
    fields.setdefault("title", "Forum")
    event = Event.objects.create(
        kind="forum", start_date=day, end_date=day, status="published", **fields
    )
    Session.objects.create(
        event=event, date=day, start_time=datetime.time(9), end_time=datetime.time(12)
    )
    return event


def test_rich_text_saved_through_the_orm_is_sanitised_and_shown_clean(client):
    page = Page.objects.create(slug="essai", title="Essai", body=RICH_PAYLOAD)
    event = _event(description=RICH_PAYLOAD)
    news = NewsItem.objects.create(
        title="Appel", category="locale", body=RICH_PAYLOAD, is_published=True
    )
    document = Document.objects.create(
        title="Guide", slug="guide", abstract=RICH_PAYLOAD, status="published"
    )
    for obj, field in [
        (page, "body"),
        (event, "description"),
        (news, "body"),
        (document, "abstract"),
    ]:
        obj.refresh_from_db()
        assert_clean(getattr(obj, field), type(obj).__name__)
    for url in [
        "/essai/",
        event.get_absolute_url(),
        news.get_absolute_url(),
        document.get_absolute_url(),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Texte utile" in body
        assert "alert(1)" not in body, url


def test_rich_text_slipped_into_the_database_is_sanitised_when_shown(client):
    """Even a row written behind the portal's back (SQL, a restore) is shown clean."""
    page = Page.objects.create(slug="essai", title="Essai", body="<p>ok</p>")
    Page.objects.filter(pk=page.pk).update(body=RICH_PAYLOAD)
    event = _event()
    Event.objects.filter(pk=event.pk).update(description=RICH_PAYLOAD)
    for url in ["/essai/", event.get_absolute_url()]:
        body = client.get(url).content.decode()
        assert "Texte utile" in body
        assert "alert(1)" not in body and "<iframe" not in body, url


def test_admin_form_sanitises_rich_text(client, superuser):
    client.force_login(superuser)
    slug = Page.Slot.values[0]
    response = client.post(
        "/admin/villecaraibe/page/add/", {"slug": slug, "title": "Piège", "body": RICH_PAYLOAD}
    )
    assert response.status_code == 302
    assert_clean(Page.objects.get(slug=slug).body, "admin page")


# ----- Forged and expired tokens ------------------------------------------------------


def _in_the_past(monkeypatch, days):
    real = time.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real() - days * 86400)


@pytest.fixture
def registration():
    event = _event(capacity=10)
    return registration_service.register(
        event,
        {"first_name": "Line", "last_name": "Éloi", "email": "line@example.org", "consent": True},
    )


def forge(token):
    return token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")


def test_newsletter_confirmation_tokens(client, monkeypatch, settings):
    subscriber = Subscriber.objects.create(email="p@example.org", source="form")
    good = tokens.make_confirmation_token(subscriber)
    other = Subscriber.objects.create(email="q@example.org", source="form")
    bad_tokens = [forge(good), "x", "a" * 5000, good.replace(":", ":x", 1),
                  good.split(":")[0] + ":" + tokens.make_confirmation_token(other).split(":", 1)[1]]  # fmt: skip
    _in_the_past(monkeypatch, 30)
    expired = tokens.make_confirmation_token(subscriber)
    monkeypatch.undo()
    for token in [*bad_tokens, expired]:
        url = reverse("newsletter:confirm", kwargs={"token": token})
        assert client.get(url).status_code == 400, token
        assert client.post(url).status_code == 400, token
    subscriber.refresh_from_db()
    other.refresh_from_db()
    assert subscriber.status == other.status == Subscriber.Status.PENDING
    assert (
        "expiré"
        in client.get(reverse("newsletter:confirm", kwargs={"token": expired})).content.decode()
    )


def test_newsletter_unsubscribe_tokens(client):
    alice = Subscriber.objects.create(email="alice@example.org", source="form", status="confirmed")
    bob = Subscriber.objects.create(email="bob@example.org", source="form", status="confirmed")
    good = tokens.make_unsubscribe_token(alice)
    sid, iid, mac = good.split(".")
    bob_mac = tokens.make_unsubscribe_token(bob).split(".")[2]
    for token in [f"{sid}.{iid}.{bob_mac}", f"{sid}.{iid}.{mac[:-2]}xx", "zzzzzzzzzzzzzz.0.x",
                  "1.2", "....", f"{sid}.{iid}.{mac}.extra"]:  # fmt: skip
        url = reverse("newsletter:unsubscribe", kwargs={"token": token})
        assert client.post(url).status_code == 400, token
    assert set(Subscriber.objects.values_list("status", flat=True)) == {"confirmed"}
    assert client.post(reverse("newsletter:unsubscribe", kwargs={"token": good})).status_code == 200
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert alice.status == "unsubscribed" and bob.status == "confirmed"


def test_registration_cancel_tokens(client, registration, monkeypatch, settings):
    good = registration_service.cancel_token(registration)
    _in_the_past(monkeypatch, settings.AGENDA_CANCEL_LINK_MAX_AGE_DAYS + 1)
    expired = registration_service.cancel_token(registration)
    monkeypatch.undo()
    satisfaction_token = satisfaction_service.questionnaire_token(registration)  # other salt
    for token, status in [(forge(good), 400), (satisfaction_token, 400), (expired, 410),
                          ("1:abc:def", 400), ("9999:" + good.split(":", 1)[1], 400)]:  # fmt: skip
        url = reverse("actions:registration_cancel", kwargs={"token": token})
        assert client.get(url).status_code == status, token
        assert client.post(url).status_code == status, token
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_satisfaction_tokens(client, registration, monkeypatch, settings):
    good = satisfaction_service.questionnaire_token(registration)
    _in_the_past(monkeypatch, settings.AGENDA_SATISFACTION_LINK_MAX_AGE_DAYS + 1)
    expired = satisfaction_service.questionnaire_token(registration)
    monkeypatch.undo()
    cancel_token = registration_service.cancel_token(registration)
    for token, status in [(forge(good), 400), (cancel_token, 400), (expired, 410)]:
        url = reverse("actions:satisfaction", kwargs={"token": token})
        assert client.post(url, {"rating": "4", "comments": "x"}).status_code == status
    assert not SatisfactionResponse.objects.exists()


def test_certificates_are_staff_only_and_tied_to_their_event(
    client, registration, secretariat_user
):
    event = registration.event
    other_event = _event(title="Autre")
    url = reverse("admin:actions_event_certificate", args=[event.pk, registration.pk])
    wrong = reverse("admin:actions_event_certificate", args=[other_event.pk, registration.pk])
    assert client.get(url).status_code == 302  # anonymous: to the admin login
    member = get_user_model().objects.create_user("membre", password="x-Secret-123456")
    client.force_login(member)
    assert client.get(url).status_code == 302
    client.force_login(secretariat_user)
    assert client.get(wrong).status_code == 404
    assert (
        client.get(reverse("admin:actions_event_certificate", args=[event.pk, 999999])).status_code
        == 404
    )


# ----- Downloads: traversal and direct object access ------------------------------------


def with_file(document, name="rapport.pdf"):
    document.file.save(name, ContentFile(_pdf_bytes(), name=name))
    return document


@pytest.mark.parametrize(
    "path",
    [
        "/documentation/../../villecaraibe/settings.py/telecharger/",
        "/documentation/..%2F..%2Fvillecaraibe%2Fsettings.py/telecharger/",
        "/documentation/%2e%2e/%2e%2e/settings.py/telecharger/",
        "/documentation/guide/telecharger/../../../../etc/passwd",
        "/documentation/guide%00.pdf/telecharger/",
        "/documentation/guide/telecharger/?file=../../settings.py",
        "/media/../villecaraibe/settings.py",
        "/media/documents/../../villecaraibe/settings.py",
    ],
)
def test_path_traversal_on_downloads(client, path):
    with_file(Document.objects.create(title="Guide", slug="guide", status="published"))
    response = client.get(path, headers={"user-agent": BROWSER})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"SECRET_KEY" not in body and b"root:" not in body
    if "?file=" in path:
        assert body.startswith(b"%PDF")  # the parameter is ignored: the document itself
    else:
        assert response.status_code in (400, 404), path


def test_a_stored_path_outside_the_private_root_is_never_served(client, settings):
    document = Document.objects.create(title="Guide", slug="guide", status="published")
    Document.objects.filter(pk=document.pk).update(file="../../villecaraibe/settings.py")
    response = client.get(document.get_download_url(), headers={"user-agent": BROWSER})
    assert response.status_code in (400, 404)
    settings.DOCUMENTATION_X_ACCEL_PREFIX = "/protected/"
    response = client.get(document.get_download_url(), headers={"user-agent": BROWSER})
    assert response.status_code in (400, 404)
    assert "X-Accel-Redirect" not in response
    assert not DownloadCount.objects.exists()


def test_direct_access_to_drafts_and_members_only_files(client):
    draft = with_file(Document.objects.create(title="Brouillon", slug="brouillon", status="draft"))
    members = with_file(
        Document.objects.create(
            title="Réservé", slug="reserve", status="published", access="members"
        )
    )
    no_file = Document.objects.create(title="Sans fichier", slug="sans-fichier", status="published")
    assert client.get(draft.get_download_url(), headers={"user-agent": BROWSER}).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = client.get(members.get_download_url(), headers={"user-agent": BROWSER})
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    assert client.get(no_file.get_download_url()).status_code == 404
    assert client.get("/documentation/n-existe-pas/telecharger/").status_code == 404
    # A member reaches the members-only file, never a draft.
    member = get_user_model().objects.create_user("membre", password="x-Secret-123456")
    client.force_login(member)
    assert (
        client.get(members.get_download_url(), headers={"user-agent": BROWSER}).status_code == 200
    )
    assert client.get(draft.get_download_url(), headers={"user-agent": BROWSER}).status_code == 404
    assert not DownloadCount.objects.filter(document=draft).exists()


def test_downloaded_files_can_never_run_in_the_browser(client):
    document = with_file(Document.objects.create(title="Guide", slug="guide", status="published"))
    response = client.get(document.get_download_url(), headers={"user-agent": BROWSER})
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith("attachment")


# ----- Disguised files --------------------------------------------------------------


GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("rapport.pdf", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("rapport.pdf", _pdf_bytes()[:200] + b"<script>alert(1)</script>" + _pdf_bytes()[200:]),
        ("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
        ("photo.png", png_bytes() + b"<html><body><script>alert(1)</script>"),
        ("photo.jpg", png_bytes()),  # a PNG calling itself JPEG
        ("photo.gif", GIF + b"<script>alert(1)</script>"),
        ("photo.gif", GIF[:10] + b"<iframe src=javascript:alert(1)>"),
        ("page.html", b"<html></html>"),
        ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("rapport.pdf.html", _pdf_bytes()),
        ("rapport.PDF", b"%PDF-1.4 not really a pdf"),
        ("fichier.odt", b"PK\x03\x04<script>alert(1)</script>"),
        ("vide.pdf", b""),
    ],
)
def test_disguised_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile(name, content))


def test_admin_upload_of_a_disguised_file_stores_nothing(client, superuser, settings):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:documentation_document_add"),
        {
            "title": "Piège", "slug": "piege", "kind": "guide", "status": "published",
            "access": "public", "language": "fr",
            "file": SimpleUploadedFile("rapport.pdf", b"%PDF-1.4\n<html><script>alert(1)</script>"),
            "authors-TOTAL_FORMS": "0", "authors-INITIAL_FORMS": "0",
            "paper_copies-TOTAL_FORMS": "0", "paper_copies-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert not Document.objects.exists()
    root = settings.DOCUMENTATION_FILES_ROOT
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


# ----- Absurd lengths, broken encodings, SQL-looking input ------------------------------

SEARCH_PAGES = ["/documentation/", "/annuaire/", "/agenda/", "/actualites/"]
PARAMS = {
    "/documentation/": "q",
    "/annuaire/": "q",
    "/agenda/": "month",
    "/actualites/": "category",
}


@pytest.mark.parametrize("path", SEARCH_PAGES)
@pytest.mark.parametrize(
    "query",
    [
        "x" * 100_000,
        "%00",
        "abc%00def",
        "%ff%fe%fd",
        "%c3%28",
        "%ed%a0%80",
        "' OR 1=1 --",
        "'; DROP TABLE documentation_document; --",
        '" OR ""="',
        "%25%27%22%3C%3E",
        "ｓｅｌｅｃｔ＊",
    ],
)
def test_search_never_fails(client, path, query):
    Document.objects.create(title="Guide des CLAS", slug="guide-clas", status="published")
    before = Document.objects.count()
    param = PARAMS[path]
    raw = query if "%" in query else quote_plus(query)
    response = client.get(path, QUERY_STRING=f"{param}={raw}")
    assert response.status_code in (200, 400), (path, query)
    assert Document.objects.count() == before
    body = response.content.decode("utf-8", errors="replace")
    assert "<script>alert" not in body


def test_sql_looking_search_returns_normal_results(client):
    for i in range(3):
        Document.objects.create(
            title=f"Rapport d'activité {2008 + i}", slug=f"rapport-{i}", status="published"
        )
    everything = client.get("/documentation/")
    assert everything.status_code == 200
    response = client.get("/documentation/", {"q": "' OR 1=1 --"})
    assert response.status_code == 200
    body = response.content.decode()
    # The input is words like any other: it matches nothing here, and lists nothing.
    assert not all(f"Rapport d&#x27;activité {2008 + i}" in body for i in range(3))
    assert Document.objects.count() == 3


def test_nul_bytes_and_long_input_in_the_request_form(client):
    Document.objects.create(title="Guide", slug="guide", status="published")
    response = client.get("/documentation/demande/", QUERY_STRING="document=gui%00de")
    assert response.status_code == 200
    response = client.get("/documentation/demande/", {"document": "x" * 100_000})
    assert response.status_code == 200
    data = {"name": "A\x00B", "email": "a@example.org", "subject": "Sujet correct",
            "message": "Un message assez long pour passer.", "document_slug": "gui\x00de"}  # fmt: skip
    response = client.post("/documentation/demande/", data)
    assert response.status_code == 200
    assert not DocumentationRequest.objects.exists()
    response = client.post(
        "/documentation/demande/", {**data, "name": "Anne", "document_slug": "x" * 100_000}
    )
    assert response.status_code == 302
    assert DocumentationRequest.objects.get().document is None


def test_nul_bytes_in_public_posts_are_refused(client, registration):
    event = registration.event
    before = Registration.objects.count()
    response = client.post(
        event.get_absolute_url(),
        {
            "first_name": "Li\x00ne",
            "last_name": "Éloi",
            "email": "nul@example.org",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    response = client.post(
        "/lettre/inscription/", {"email": "a\x00@example.org", "name": "x", "consent": "on"}
    )
    assert response.status_code == 200
    assert Registration.objects.count() == before
    assert not Subscriber.objects.exists()


def test_invalid_utf8_in_a_post_body_is_handled(client, registration):
    before = Registration.objects.count()
    response = client.generic(
        "POST",
        registration.event.get_absolute_url(),
        b"first_name=%ff%fe&last_name=%c3%28&email=x%40example.org&consent=on",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 302, 400)
    assert Registration.objects.count() - before <= 1

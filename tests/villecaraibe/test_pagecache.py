"""Anonymous visitors get cached pages; a staff edit shows at once."""

from pathlib import Path

import pytest
from django.core.cache import cache

from villecaraibe.demo import load_pages
from villecaraibe.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    load_pages()


def test_second_anonymous_visit_is_served_from_cache(client, django_assert_num_queries):
    first = client.get("/presentation/")
    assert first.headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/presentation/")
    assert second.headers["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_a_staff_edit_invalidates_the_cache(client):
    client.get("/presentation/")
    page = Page.objects.get(slug="presentation")
    page.title = "Nouvelle présentation"
    page.save()
    response = client.get("/presentation/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Nouvelle présentation" in response.content.decode()


def test_languages_are_cached_apart(client):
    client.get("/presentation/")
    html = client.get("/en/presentation/").content.decode()
    assert '<html lang="en">' in html


def test_logged_in_users_get_live_pages(client, direction_user):
    client.get("/presentation/")
    client.force_login(direction_user)
    response = client.get("/presentation/")
    assert "X-Page-Cache" not in response.headers


def test_errors_are_not_cached(client):
    client.get("/inconnue/")
    response = client.get("/inconnue/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response.headers


def test_listed_public_views_are_cached_by_the_middleware(client, django_assert_num_queries):
    first = client.get("/annuaire/")
    assert first.status_code == 200 and first.headers["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/annuaire/")
    assert second.headers["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The query string is part of the key: another search is another page.
    assert client.get("/annuaire/?q=ville").headers["X-Page-Cache"] == "miss"


def test_pages_with_a_form_are_cached_with_each_visitor_own_token():
    import re

    from django.test import Client

    token = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one = first.get("/lettre/")
    assert one.status_code == 200 and one.headers["X-Page-Cache"] == "miss"
    two = second.get("/lettre/")
    assert two.headers["X-Page-Cache"] == "hit"
    # Each visitor gets a token of their own cookie, not the first visitor's.
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    tokens = token.findall(two.content.decode())
    assert tokens and "\x00" not in two.content.decode()
    assert token.sub("", one.content.decode()) == token.sub("", two.content.decode())
    # And it is accepted: the form posts without a CSRF failure.
    response = second.post(
        "/lettre/inscription/",
        {"csrfmiddlewaretoken": tokens[0], "email": "lectrice@example.org", "consent": "on"},
    )
    assert response.status_code != 403
    # A forged token is still refused.
    forged = Client(enforce_csrf_checks=True)
    forged.get("/lettre/")
    response = forged.post(
        "/lettre/inscription/",
        {"csrfmiddlewaretoken": tokens[0], "email": "lectrice@example.org", "consent": "on"},
    )
    assert response.status_code == 403


def test_visitors_with_a_session_get_live_pages(client, settings):
    client.get("/annuaire/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    assert "X-Page-Cache" not in client.get("/annuaire/").headers


def test_views_off_the_list_are_not_cached(client):
    client.get("/sante/")
    assert "X-Page-Cache" not in client.get("/sante/").headers


def test_version_file_is_seen_by_every_worker(client, settings, tmp_path):
    """With the local-memory cache each gunicorn worker has its own pages; the content
    version lives in a stamp file, so an edit made through one worker reaches all."""
    from villecaraibe import pagecache

    settings.PAGE_CACHE_VERSION_FILE = str(tmp_path / "stamp" / "pagecache.version")
    before = pagecache.content_version()
    assert client.get("/presentation/").headers["X-Page-Cache"] == "miss"
    assert client.get("/presentation/").headers["X-Page-Cache"] == "hit"
    # Another worker's save: only the file changes, not this process's cache.
    page = Page.objects.get(slug="presentation")
    page.title = "Modifiée ailleurs"
    page.save()
    assert pagecache.content_version() != before
    response = client.get("/presentation/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "Modifiée ailleurs" in response.content.decode()
    assert client.get("/presentation/").headers["X-Page-Cache"] == "hit"
    # A bump made by another process (appending to the file) is seen at the next request.
    with open(settings.PAGE_CACHE_VERSION_FILE, "ab") as stamp:
        stamp.write(b".")
    assert client.get("/presentation/").headers["X-Page-Cache"] == "miss"
    # The stamp stays small: past its limit it is replaced, and the version still moves.
    Path(settings.PAGE_CACHE_VERSION_FILE).write_bytes(b"." * pagecache.STAMP_MAX_BYTES)
    full = pagecache.content_version()
    pagecache.bump_content_version()
    assert pagecache.content_version() != full
    assert Path(settings.PAGE_CACHE_VERSION_FILE).stat().st_size == 1


def test_ignored_apps_do_not_empty_the_cache(settings):
    """The statistiques app saves a row on every page view: it must not invalidate."""
    from django.db.models.signals import post_save

    from villecaraibe import pagecache

    original = list(settings.PAGE_CACHE_IGNORED_APPS)
    settings.PAGE_CACHE_IGNORED_APPS = [*original, "villecaraibe"]
    try:
        pagecache.connect_invalidation_reset()
        pagecache.connect_invalidation()
        before = pagecache.content_version()
        page = Page.objects.get(slug="presentation")
        page.title = "Sans effet sur le cache"
        page.save()
        assert pagecache.content_version() == before
    finally:
        settings.PAGE_CACHE_IGNORED_APPS = original
        pagecache.connect_invalidation_reset()
        pagecache.connect_invalidation()
    assert post_save.has_listeners(Page)
    page.save()
    assert pagecache.content_version() != before

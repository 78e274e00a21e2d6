"""Anonymous visitors get cached pages; a staff edit shows at once."""

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

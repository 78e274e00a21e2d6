"""The security headers on EVERY public page type, rendered live and served from the
page cache (issue #9, item 4: "the response headers of every public page carry the
policy"). One URL per page type comes from the query-budget module's list.
"""

import io

import pytest
from django.core.management import call_command

from tests.budgets.test_query_budgets import public_urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())


def assert_policy(url, response):
    assert response.status_code == 200, (url, response.status_code)
    csp = response.headers.get("Content-Security-Policy", "")
    assert "default-src 'self'" in csp or "script-src 'self'" in csp, (url, csp)
    assert "unsafe-inline" not in csp, (url, csp)
    assert "unsafe-eval" not in csp, (url, csp)
    assert "frame-ancestors 'none'" in csp, (url, csp)
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert response.headers.get("Referrer-Policy") == "same-origin", url
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), url
    assert response.headers.get("X-Frame-Options") == "DENY", url
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", url


def test_every_public_page_carries_the_policy_live_and_from_the_cache(
    client, demo, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    urls = public_urls()
    assert len(urls) >= 20
    for url in urls:
        assert_policy(url, client.get(url))  # rendered (the cache is filled)
        with django_assert_num_queries(0):  # served from the page cache
            response = client.get(url)
        assert_policy(url, response)


def test_hsts_in_production(client, demo, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/", secure=True)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")

"""The directory's organisation list is paginated: the page runs the same statements and
stays about the same size however many organisations there are (issue #11)."""

import html

import pytest
from django.core.cache import cache
from django.urls import reverse

from annuaire.models import Organisation
from annuaire.views import ORGANISATIONS_PER_PAGE

pytestmark = pytest.mark.django_db

INDEX = reverse("annuaire:index")


def add_organisations(count, start=0, kind="association"):
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Association {i:05}",
                slug=f"association-{kind}-{i}",
                kind=kind,
                search_text=f"association {i:05}",
            )
            for i in range(start, start + count)
        ]
    )


def names(response):
    return [o.name for o in response.context["page_obj"].object_list]


def test_first_page_holds_a_page_and_links_to_the_next(client, vocabulary):
    add_organisations(ORGANISATIONS_PER_PAGE + 4)
    first = client.get(INDEX)
    page = html.unescape(first.content.decode())
    assert (
        page.count('<li>\n          <h3><a href="/annuaire/organisations/')
        == ORGANISATIONS_PER_PAGE
    )
    assert '<span aria-current="page">Page 1 sur 2</span>' in page
    assert 'href="?page=2" rel="next">Page suivante</a>' in page
    second = client.get(INDEX, {"page": 2})
    assert names(second) == [
        f"Association {i:05}" for i in range(ORGANISATIONS_PER_PAGE, ORGANISATIONS_PER_PAGE + 4)
    ]
    assert 'href="?page=1" rel="prev"' in second.content.decode()


@pytest.mark.parametrize(
    "page, expected", [("abc", 1), ("-1", 2), ("0", 2), ("99999", 2), ("", 1), ("1e3", 1)]
)
def test_junk_page_numbers_give_a_valid_page(client, vocabulary, page, expected):
    add_organisations(ORGANISATIONS_PER_PAGE + 1)
    response = client.get(INDEX, {"kind": "association", "page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected


def test_statements_and_size_stay_the_same_when_organisations_grow_tenfold(
    client, vocabulary, django_assert_max_num_queries
):
    add_organisations(100)
    with django_assert_max_num_queries(12) as small_queries:
        small = client.get(INDEX, {"kind": "association", "page": 2})
    add_organisations(900, start=100)
    with django_assert_max_num_queries(12) as large_queries:
        large = client.get(INDEX, {"kind": "association", "page": 2})
    assert len(large_queries) == len(small_queries)
    assert "Page 2 sur 50" in large.content.decode()
    assert abs(len(large.content) - len(small.content)) < 100


def test_directory_pages_are_cached_apart(client, vocabulary, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    add_organisations(ORGANISATIONS_PER_PAGE + 1)
    first = client.get(INDEX)
    second = client.get(INDEX, {"page": 2})
    assert second.headers["X-Page-Cache"] == "miss"
    assert f"Association {ORGANISATIONS_PER_PAGE:05}" in second.content.decode()
    again = client.get(INDEX, {"page": 2})
    assert again.headers["X-Page-Cache"] == "hit"
    assert again.content == second.content != first.content

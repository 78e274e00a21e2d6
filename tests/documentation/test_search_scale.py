"""The catalogue search at scale: fixed queries, exact facets, ranking window pages."""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from documentation.models import Document
from documentation.services import search as search_service
from tests.documentation.conftest import make_document

pytestmark = pytest.mark.django_db

URL = reverse("documentation:index")
SEARCHES = [
    {"q": "évaluation"},
    {"q": "prevention delinquance", "page": 2},
    {"q": "rénovation urbaine", "theme": "renovation-urbaine", "sort": "year"},
    {"q": "habitat", "territory": "cacem", "page": 3},
    {"kind": "rapport", "holding": "paper"},
    {},
]


def seed(factor):
    call_command("seed_scale", "--factor", str(factor), "--force", stdout=io.StringIO())


def statements(client, django_assert_num_queries, params, expected):
    with django_assert_num_queries(expected):
        response = client.get(URL, params)
    assert response.status_code == 200
    return response


def test_the_search_page_runs_the_same_queries_whatever_the_number_of_rows(
    client, django_assert_num_queries
):
    """Cold (facets counted): the latest change, facets and total in one statement, the
    page, its authors = 4. Warm (facets cached): 3. At 300 and at 3,000 documents."""
    from django.core.cache import cache

    for factor in (0.003, 0.03):
        seed(factor)
        cache.clear()
        for params in SEARCHES:
            cold = statements(client, django_assert_num_queries, params, 4)
            warm = statements(client, django_assert_num_queries, params, 3)
            assert cold.context["result"].total == warm.context["result"].total
        assert Document.objects.count() > 3000 if factor == 0.03 else True
    assert client.get(URL, {"q": "évaluation"}).context["result"].total > 500


def _brute_force_facets(qs):
    ids = list(qs.values_list("pk", flat=True))
    docs = Document.objects.filter(pk__in=ids)
    themes = Counter(
        Document.themes.through.objects.filter(document__in=ids).values_list(
            "theme__slug", flat=True
        )
    )
    places = Counter(
        Document.territories.through.objects.filter(document__in=ids).values_list(
            "territory__slug", flat=True
        )
    )
    return {
        "kind": Counter(docs.values_list("kind", flat=True)),
        "year": Counter(docs.exclude(year=None).values_list("year", flat=True)),
        "theme": themes,
        "territory": places,
        "holding": {
            "paper": docs.filter(has_paper_copy=True).count(),
            "file": docs.exclude(file="").count(),
            "link": docs.exclude(external_url="").count(),
        },
    }, len(ids)


def test_facet_counts_of_the_single_statement_equal_a_brute_force_count():
    seed(0.005)
    for params in SEARCHES:
        matches = search_service._text_filter(
            search_service._filtered(params),
            params.get("q", ""),
            search_service._text_query(params.get("q", "")),
        )
        facets, total = search_service._facets(matches)
        expected, expected_total = _brute_force_facets(matches)
        assert total == expected_total
        for name in ("kind", "year", "theme", "territory"):
            assert {value: n for value, _label, n in facets[name]} == dict(expected[name])
        assert {value: n for value, _label, n in facets["holding"]} == {
            k: n for k, n in expected["holding"].items() if n
        }


@pytest.mark.postgres
def test_relevance_ranks_the_newest_matches_then_lists_the_older_ones_once(client, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("relevance ranking is PostgreSQL full text")
    monkeypatch.setattr(search_service, "RANKED_WINDOW", 40)
    monkeypatch.setattr(search_service, "EXACT_RANK_LIMIT", 60)
    for i in range(100):
        # Every third document has the word in its title: ranked higher.
        title = f"Guide {i} de l'évaluation" if i % 3 == 0 else f"Guide {i}"
        make_document(title, abstract="Une démarche d'évaluation partagée.")
    make_document("Sans rapport", abstract="Rien à voir.")
    seen = []
    for page in range(1, 6):
        response = client.get(URL, {"q": "evaluation", "page": page})
        seen += [doc for doc, _excerpt in response.context["rows"]]
        if page == 1:
            body = response.content.decode()
            assert "parmi les 40 documents correspondants ajoutés le plus récemment" in body
    assert len(seen) == 100 and len({d.pk for d in seen}) == 100
    newest = Document.objects.exclude(title="Sans rapport").order_by("-published_at", "-pk")
    window = list(newest[:40])
    assert {d.pk for d in seen[:40]} == {d.pk for d in window}
    # Inside the window the title matches come first, newest first among equals.
    in_title = [d.pk for d in window if "évaluation" in d.title]
    assert [d.pk for d in seen[: len(in_title)]] == in_title
    # After the window: the older matches, newest first.
    assert [d.pk for d in seen[40:]] == [d.pk for d in newest[40:]]
    # Up to EXACT_RANK_LIMIT matches, all are ranked, and no note.
    best = make_document("Évaluation de l'évaluation", abstract="Rien à voir.")
    Document.objects.filter(pk=best.pk).update(
        published_at=datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)
    )
    monkeypatch.setattr(search_service, "EXACT_RANK_LIMIT", 200)
    response = client.get(URL, {"q": "evaluation"})
    assert "ajoutés le plus récemment" not in response.content.decode()
    first, _excerpt = response.context["rows"][0]
    assert first.title == "Évaluation de l'évaluation"  # oldest, but the best match
    assert response.context["page"].paginator.count == 101

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.urls import reverse

from documentation.models import Document
from documentation.services.indexing import reindex
from tests.documentation.conftest import make_descriptor, make_document
from villecaraibe.models import Territory, Theme

pytestmark = pytest.mark.django_db

URL = reverse("documentation:index")


def titles(response):
    return [doc.title for doc, _excerpt in response.context["rows"]]


FACET_LINK = re.compile(
    r'<li><a href="([^"]+)" rel="nofollow">([^<]*)</a> <span class="facet-count">\((\d+)'
)


def facets(response):
    """The facet links the page shows: {name: [(value, label, count, url)]}."""
    body = response.content.decode()
    shown = {}
    for name in ("kind", "theme", "year", "territory", "holding"):
        block = re.search(rf'<ul class="facet" aria-labelledby="facet-{name}">(.*?)</ul>', body)
        shown[name] = []
        for url, label, count in FACET_LINK.findall(block.group(1) if block else ""):
            value = parse_qs(urlsplit(html.unescape(url)).query)[name][-1]
            shown[name].append((value, html.unescape(label), int(count), html.unescape(url)))
    return shown


def test_accents_and_case_are_ignored(client):
    make_document("Évaluation des CUCS", abstract="Bilan à mi-parcours.")
    make_document("Rénovation urbaine")
    response = client.get(URL, {"q": "evaluation"})
    assert titles(response) == ["Évaluation des CUCS"]
    assert titles(client.get(URL, {"q": "ÉVALUATION cucs"})) == ["Évaluation des CUCS"]


def test_words_of_a_phrase_are_all_required(client):
    make_document("Guide de la prévention de la délinquance")
    make_document("La prévention santé")
    response = client.get(URL, {"q": "prevention delinquance"})
    assert titles(response) == ["Guide de la prévention de la délinquance"]


def test_a_synonym_finds_documents_indexed_under_the_preferred_term(client):
    descriptor = make_descriptor("Prévention de la délinquance", alt=["Sécurité publique"])
    make_document("Compte rendu du cycle de juin", descriptors=[descriptor])
    make_document("Autre chose")
    assert titles(client.get(URL, {"q": "securite publique"})) == ["Compte rendu du cycle de juin"]


def test_adding_a_synonym_later_reindexes_the_documents(client):
    descriptor = make_descriptor("Contrat urbain de cohésion sociale")
    make_document("Programme 2008", descriptors=[descriptor])
    assert titles(client.get(URL, {"q": "cucs"})) == []
    descriptor.alt_labels = "CUCS"
    descriptor.save()
    assert titles(client.get(URL, {"q": "cucs"})) == ["Programme 2008"]


def test_authors_and_pdf_text_are_searched(client):
    from documentation.models import DocumentAuthor

    document = make_document("Actes de la rencontre")
    DocumentAuthor.objects.create(document=document, name="Nicole Chambron")
    Document.objects.filter(pk=document.pk).update(file_text="parentalité et école")
    reindex([document.pk])
    assert titles(client.get(URL, {"q": "chambron"})) == ["Actes de la rencontre"]
    assert titles(client.get(URL, {"q": "parentalite"})) == ["Actes de la rencontre"]


def test_drafts_are_never_found(client):
    make_document("Évaluation brouillon", status=Document.Status.DRAFT)
    assert titles(client.get(URL, {"q": "evaluation"})) == []


@pytest.mark.postgres
def test_french_stemming_on_postgresql(client):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    make_document("Les évaluations des contrats", abstract="Nous avons évalué les actions.")
    assert titles(client.get(URL, {"q": "évaluation contrat"})) == ["Les évaluations des contrats"]
    response = client.get(URL, {"q": "evaluation"})
    assert "<mark>" in response.content.decode()


def test_facet_counts_and_filters(client, vocabulary):
    evaluation = Theme.objects.get(slug="evaluation")
    prevention = Theme.objects.get(slug="prevention-delinquance")
    fdf = Territory.objects.get(name="Fort-de-France")
    make_document("A", kind="guide", year=2008, themes=[evaluation], territories=[fdf])
    make_document("B", kind="guide", year=2008, themes=[evaluation, prevention])
    make_document("C", kind="rapport", year=2007, external_url="https://example.org/c")
    response = client.get(URL)
    shown = facets(response)
    assert [(v, c) for v, _l, c, _u in shown["kind"]] == [("guide", 2), ("rapport", 1)]
    assert [(v, c) for v, _l, c, _u in shown["year"]] == [("2008", 2), ("2007", 1)]
    assert [(v, c) for v, _l, c, _u in shown["theme"]] == [
        ("evaluation", 2),
        ("prevention-delinquance", 1),
    ]
    assert [(v, c) for v, _l, c, _u in shown["territory"]] == [(fdf.slug, 1)]
    assert [(v, c) for v, _l, c, _u in shown["holding"]] == [("link", 1)]
    assert [label for _v, label, _c, _u in shown["kind"]] == ["guide méthodologique", "rapport"]

    response = client.get(URL, {"theme": "evaluation", "kind": "guide"})
    assert sorted(titles(response)) == ["A", "B"]
    assert [(v, c) for v, _l, c, _u in facets(response)["theme"]] == [
        ("evaluation", 2),
        ("prevention-delinquance", 1),
    ]
    # The facet links keep the query and the other filters in the URL.
    url = facets(response)["year"][0][3]
    assert "theme=evaluation" in url and "kind=guide" in url and "year=2008" in url
    assert response.context["result"].total == 2


def test_the_cached_facet_block_follows_the_catalogue_the_address_and_the_language(
    client, vocabulary, django_assert_max_num_queries
):
    evaluation = Theme.objects.get(slug="evaluation")
    make_document("A", kind="guide", year=2008, themes=[evaluation])
    first = client.get(URL, {"q": "", "sort": "title"})
    with django_assert_max_num_queries(3):  # facets and their block cached
        again = client.get(URL, {"q": "", "sort": "title", "page": 1})
    assert facets(again) == facets(first)
    assert [(v, c) for v, _l, c, _u in facets(first)["kind"]] == [("guide", 1)]
    # Each link keeps the page's own parameters (here the sort), never the page number.
    assert all("sort=title" in u and "page=" not in u for *_x, u in facets(again)["year"])
    # Another address: its own links.
    other = facets(client.get(URL, {"sort": "year"}))
    assert all("sort=year" in u for *_x, u in other["year"])
    # A new document changes the catalogue: the counts shown follow at once.
    make_document("B", kind="rapport", year=2007, themes=[evaluation])
    after = facets(client.get(URL, {"q": "", "sort": "title"}))
    assert [(v, c) for v, _l, c, _u in after["kind"]] == [("guide", 1), ("rapport", 1)]
    assert [(v, c) for v, _l, c, _u in after["theme"]] == [("evaluation", 2)]
    # The same search in English after the French one: English labels, English links.
    english = facets(client.get("/en" + URL, {"q": "", "sort": "title"}))
    assert [label for _v, label, _c, _u in english["kind"]] == ["methodological guide", "report"]
    assert all(u.startswith("/en" + URL) for *_x, u in english["kind"])
    french = facets(client.get(URL, {"q": "", "sort": "title"}))
    assert [label for _v, label, _c, _u in french["kind"]] == ["guide méthodologique", "rapport"]


def test_a_hostile_address_is_escaped_in_the_cached_facet_links(client):
    make_document("A", kind="guide", year=2008)
    payload = '"><script>alert(1)</script>'
    for _ in range(2):  # rendered, then from the cache
        body = client.get(URL, {"sort": "title", "x": payload}).content.decode()
        assert "<script>alert(1)" not in body
        assert "x=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E" in body


def test_bad_filters_are_ignored_with_a_message(client):
    make_document("A")
    response = client.get(URL, {"year": "deux mille", "kind": "nope"})
    assert response.status_code == 200
    assert "ignorés" in response.content.decode()


def test_query_is_escaped(client):
    make_document("<script>alert(1)</script> guide", abstract="<b>x</b>")
    response = client.get(URL, {"q": "<script>alert(1)</script>"})
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_sorting_and_pagination(client):
    Document.objects.bulk_create(
        Document(title=f"Doc {i:02d}", slug=f"doc-{i}", status="published", year=1990 + i)
        for i in range(45)
    )
    response = client.get(URL, {"sort": "title", "page": 2})
    assert titles(response)[0] == "Doc 20"
    assert response.context["page"].paginator.num_pages == 3
    assert 'href="?sort=title&amp;page=3"' in response.content.decode()
    response = client.get(URL, {"sort": "oldest"})
    assert titles(response)[0] == "Doc 00"


def test_search_page_runs_a_fixed_number_of_queries(
    client, vocabulary, django_assert_max_num_queries
):
    themes = list(Theme.objects.all()[:3])
    territory = Territory.objects.get(name="Fort-de-France")
    documents = Document.objects.bulk_create(
        Document(
            title=f"Évaluation numéro {i}",
            slug=f"evaluation-{i}",
            status="published",
            kind=Document.Kind.values[i % 13],
            year=2000 + i % 20,
            search_text=f"evaluation numero {i}",
        )
        for i in range(1200)
    )
    Through = Document.themes.through
    Through.objects.bulk_create(
        Through(document=d, theme=themes[i % 3]) for i, d in enumerate(documents)
    )
    Document.territories.through.objects.bulk_create(
        Document.territories.through(document=d, territory=territory) for d in documents[:500]
    )
    if connection.vendor == "postgresql":
        reindex([d.pk for d in documents])
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"q": "evaluation", "theme": themes[0].slug, "page": 3})
    assert response.status_code == 200
    assert response.context["result"].total == 400


def test_extracts_mark_the_words_found(client):
    make_document("Guide", abstract="Une démarche d'<em>évaluation</em> partagée entre les CUCS.")
    body = client.get(URL, {"q": "evaluation"}).content.decode()
    assert "<mark>" in body and "valuation</mark>" in body


def test_a_territory_covers_the_places_under_it(client, vocabulary):
    fdf = Territory.objects.get(name="Fort-de-France")
    volga = Territory.objects.get(name="Volga-Plage")
    make_document("Commune", territories=[fdf])
    make_document("Quartier", territories=[volga])
    make_document("Ailleurs", territories=[Territory.objects.get(name="Le Robert")])
    assert sorted(titles(client.get(URL, {"territory": "cacem"}))) == ["Commune", "Quartier"]
    assert titles(client.get(URL, {"territory": volga.slug})) == ["Quartier"]

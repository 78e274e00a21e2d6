"""The public directory: search variants, filters, pagination, query budgets."""

import pytest
from django.urls import reverse

from annuaire.models import Organisation, Person, Position
from tests.annuaire.conftest import make_organisation, make_person
from villecaraibe.models import Territory, Theme

pytestmark = pytest.mark.django_db

INDEX = reverse("annuaire:index")


def names(response):
    return [o.name for o in response.context["page_obj"].object_list]


@pytest.fixture
def directory(vocabulary):
    make_organisation("Ville de Fort-de-France", "Fort-de-France", kind="commune")
    make_organisation("Ville du Lamentin", "Le Lamentin", kind="commune")
    make_organisation(
        "Association des Écoles de Trénelle", "Fort-de-France", acronym="AET", kind="association"
    )
    make_organisation("Office du Sud", "Sainte-Luce", kind="etablissement")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("fort de france", "Ville de Fort-de-France"),
        ("FORT-DE-FRANCE", "Ville de Fort-de-France"),
        ("Fort  de   France", "Ville de Fort-de-France"),
        ("lamentin", "Ville du Lamentin"),
        ("Le Lamentin", "Ville du Lamentin"),
        ("ecoles", "Association des Écoles de Trénelle"),
        ("TRENELLE", "Association des Écoles de Trénelle"),
        ("aet", "Association des Écoles de Trénelle"),
        ("sainte luce", "Office du Sud"),
    ],
)
def test_search_ignores_case_accents_and_hyphens(client, directory, query, expected):
    response = client.get(INDEX, {"q": query})
    assert response.status_code == 200
    assert expected in names(response)


def test_every_word_must_match(client, directory):
    assert names(client.get(INDEX, {"q": "ville lamentin"})) == ["Ville du Lamentin"]
    assert names(client.get(INDEX, {"q": "zzz"})) == []
    assert "Aucune structure ne correspond" in client.get(INDEX, {"q": "zzz"}).content.decode()


def test_filters_by_kind_theme_and_territory(client, directory):
    assert names(client.get(INDEX, {"kind": "commune"})) == [
        "Ville de Fort-de-France",
        "Ville du Lamentin",
    ]
    theme = Theme.objects.get(slug="sante")
    Organisation.objects.get(name="Office du Sud").themes.add(theme)
    assert names(client.get(INDEX, {"theme": "sante"})) == ["Office du Sud"]
    # A territory finds the organisations based in it or in any place below it…
    assert names(client.get(INDEX, {"territory": "caesm"})) == ["Office du Sud"]
    assert set(names(client.get(INDEX, {"territory": "cacem"}))) == {
        "Ville de Fort-de-France",
        "Ville du Lamentin",
        "Association des Écoles de Trénelle",
    }
    # …and those acting there.
    lamentin = Organisation.objects.get(name="Ville du Lamentin")
    lamentin.territories.add(Territory.objects.get(slug="caesm"))
    assert set(names(client.get(INDEX, {"territory": "caesm"}))) == {
        "Office du Sud",
        "Ville du Lamentin",
    }
    assert names(client.get(INDEX, {"territory": "caesm", "kind": "etablissement"})) == [
        "Office du Sud"
    ]


def test_unknown_filter_value_gets_a_french_message(client, directory):
    response = client.get(INDEX, {"theme": "n-existe-pas", "kind": "martien"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sélectionnez un choix valide" in html
    assert names(response) == []


def test_html_in_query_comes_back_escaped(client, directory):
    response = client.get(INDEX, {"q": "<script>alert(1)</script>"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_pagination_keeps_the_filters(client, vocabulary):
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Association {i:03}",
                slug=f"a-{i}",
                kind="association",
                search_text=f"association {i:03}",
            )
            for i in range(45)
        ]
    )
    response = client.get(INDEX, {"kind": "association"})
    assert len(names(response)) == 20
    assert "kind=association&amp;page=2" in response.content.decode()
    page3 = client.get(INDEX, {"kind": "association", "page": 3})
    assert names(page3) == [f"Association {i:03}" for i in range(40, 45)]
    # Out-of-range and junk pages fall back to a valid page.
    assert client.get(INDEX, {"page": "999"}).status_code == 200
    assert client.get(INDEX, {"page": "abc"}).status_code == 200


def test_people_search_finds_consenting_people_by_name(client, directory):
    org = Organisation.objects.get(name="Ville du Lamentin")
    make_person(
        "Jean-Claude", "Sainte-Rose", consent=True, organisation=org, function="Coordinateur CLSPD"
    )
    response = client.get(INDEX, {"q": "jean claude sainte rose"})
    assert [p.full_name for p in response.context["people"]] == ["Jean-Claude Sainte-Rose"]
    assert "Coordinateur CLSPD" in response.content.decode()


def test_people_search_within_a_territory_or_kind(client, directory):
    lamentin = Organisation.objects.get(name="Ville du Lamentin")
    sud = Organisation.objects.get(name="Office du Sud")
    make_person("Jean-Claude", "Sainte-Rose", consent=True, organisation=lamentin)
    make_person("Jeanne", "Sainte-Rose", consent=True, organisation=sud)

    def people(**params):
        response = client.get(INDEX, {"q": "sainte rose", **params})
        return sorted(p.first_name for p in response.context["people"])

    assert people() == ["Jean-Claude", "Jeanne"]
    assert people(territory="cacem") == ["Jean-Claude"]
    assert people(territory="sainte-luce") == ["Jeanne"]
    assert people(kind="commune") == ["Jean-Claude"]
    assert people(territory="caesm", kind="commune") == []


def bulk_directory(n_orgs, n_people):
    themes = list(Theme.objects.all()[:3])
    communes = list(Territory.objects.communes()[:5])
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Structure {i}",
                slug=f"structure-{i}",
                kind="association",
                commune=communes[i % 5],
                search_text=f"structure {i} ville",
            )
            for i in range(n_orgs)
        ]
    )
    Through = Organisation.themes.through
    Through.objects.bulk_create([Through(organisation=o, theme=t) for o in orgs for t in themes])
    people = Person.objects.bulk_create(
        [
            Person(
                first_name="Prénom",
                last_name=f"Nom{i}",
                slug=f"p-{i}",
                email=f"p{i}@example.org",
                public_consent=i % 2 == 0,
                search_text=f"prenom nom{i} ville",
            )
            for i in range(n_people)
        ]
    )
    Position.objects.bulk_create(
        [Position(person=p, organisation=orgs[0], function="Agent") for p in people]
        + [
            Position(person=p, organisation=orgs[i % n_orgs], function="Élu")
            for i, p in enumerate(people)
        ]
    )
    return orgs, people


def test_query_counts_do_not_grow_with_rows(client, vocabulary, django_assert_max_num_queries):
    orgs, people = bulk_directory(2000, 1200)
    with django_assert_max_num_queries(7):
        response = client.get(INDEX, {"q": "ville"})
    assert response.status_code == 200
    assert len(response.context["people"]) == 30
    assert all(p.public_consent for p in response.context["people"])
    with django_assert_max_num_queries(7):
        response = client.get(INDEX, {"q": "ville", "theme": "evaluation", "kind": "association"})
    assert len(response.context["page_obj"].object_list) == 20
    with django_assert_max_num_queries(7):
        assert client.get(INDEX, {"territory": "cacem", "page": 3}).status_code == 200
    with django_assert_max_num_queries(5):
        response = client.get(orgs[0].get_absolute_url())
    # Person 0 holds two positions there; odd-numbered people did not consent.
    assert len(response.context["organisation"].public_positions) == 601
    public = next(p for p in people if p.public_consent)
    with django_assert_max_num_queries(3):
        assert client.get(public.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("annuaire:person_vcard", args=[public.slug])).status_code == 200

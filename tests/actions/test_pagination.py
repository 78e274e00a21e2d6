"""The agenda and the programme pages are paginated: a page holds a fixed number of rows,
runs the same statements and stays about the same size however many rows there are
(issue #11). Filters stay in the page links; junk page numbers give a valid page."""

import datetime
import html
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from actions.models import Action, Evaluation, Event, Session
from actions.views.agenda import EVENTS_PER_PAGE
from actions.views.programme import ACTIONS_PER_PAGE
from annuaire.models import Organisation
from tests.actions.programme_factories import make_programme, make_structure
from villecaraibe.models import Theme

pytestmark = pytest.mark.django_db

UPCOMING = re.compile(r'<section aria-labelledby="upcoming-title">(.*?)</section>', re.S)
PAST = re.compile(r'<section aria-labelledby="past-title">(.*?)</section>', re.S)
TITLE = re.compile(r'<h3><a href="/agenda/[^"]+/">(Événement [^<]+)</a>')


def add_events(venue, count, *, past=False, start=0, theme=None, kind=Event.Kind.SEMINAR):
    """``count`` published events, one a day from tomorrow on (or back from yesterday)."""
    today = timezone.localdate()
    sign = -1 if past else 1
    events = Event.objects.bulk_create(
        [
            Event(
                title=f"Événement {'passé' if past else 'futur'} {i:05}",
                slug=f"evenement-{'p' if past else 'f'}-{kind}-{i}",
                kind=kind,
                status=Event.Status.PUBLISHED,
                start_date=today + datetime.timedelta(days=sign * (i + 1)),
                end_date=today + datetime.timedelta(days=sign * (i + 1)),
                capacity=30,
                summary="Une journée d'échanges sur la politique de la ville. " * 3,
            )
            for i in range(start, start + count)
        ]
    )
    Session.objects.bulk_create(
        [
            Session(
                event=e,
                date=e.start_date,
                start_time=datetime.time(9),
                end_time=datetime.time(12),
                venue=venue,
            )
            for e in events
        ]
    )
    if theme is not None:
        Event.themes.through.objects.bulk_create(
            [Event.themes.through(event=e, theme=theme) for e in events]
        )
    return events


def section(pattern, response):
    return pattern.search(response.content.decode()).group(1)


def titles(pattern, response):
    return TITLE.findall(html.unescape(section(pattern, response)))


# The agenda ---------------------------------------------------------------------------


def test_agenda_pages_the_upcoming_and_the_past_events_apart(client, venue):
    add_events(venue, EVENTS_PER_PAGE + 5)
    add_events(venue, EVENTS_PER_PAGE + 3, past=True)
    first = client.get("/agenda/")
    assert first.status_code == 200
    upcoming = titles(UPCOMING, first)
    assert upcoming == [f"Événement futur {i:05}" for i in range(EVENTS_PER_PAGE)]  # soonest first
    assert titles(PAST, first) == [f"Événement passé {i:05}" for i in range(EVENTS_PER_PAGE)]
    up_nav = section(UPCOMING, first)
    assert '<nav aria-label="Pages des événements à venir">' in up_nav
    assert '<span aria-current="page">Page 1 sur 2</span>' in up_nav
    assert 'href="?page=2" rel="next">Page suivante</a>' in up_nav
    assert 'href="?past=2" rel="next">Page suivante</a>' in section(PAST, first)

    second = client.get("/agenda/?page=2")
    assert titles(UPCOMING, second) == [
        f"Événement futur {i:05}" for i in range(EVENTS_PER_PAGE, EVENTS_PER_PAGE + 5)
    ]
    assert 'href="?page=1" rel="prev">Page précédente</a>' in section(UPCOMING, second)
    assert "Page suivante" not in section(UPCOMING, second)
    # The past list keeps its own page while the upcoming one turns, and the other way.
    both = client.get("/agenda/?page=2&past=2")
    assert len(titles(UPCOMING, both)) == 5
    assert titles(PAST, both) == [
        f"Événement passé {i:05}" for i in range(EVENTS_PER_PAGE, EVENTS_PER_PAGE + 3)
    ]
    assert 'href="?page=1&amp;past=2" rel="prev"' in section(UPCOMING, both)
    assert 'href="?page=2&amp;past=1" rel="prev"' in section(PAST, both)


def test_agenda_pagination_keeps_the_filters(client, venue):
    theme = Theme.objects.create(name="Évaluation", slug="evaluation")
    add_events(venue, EVENTS_PER_PAGE + 2, theme=theme, kind=Event.Kind.BOKANTAJ)
    add_events(venue, 50, start=1000)  # neither the theme nor the kind
    first = client.get("/agenda/", {"theme": "evaluation", "kind": "bokantaj"})
    assert len(titles(UPCOMING, first)) == EVENTS_PER_PAGE
    assert "Page 1 sur 2" in section(UPCOMING, first)
    assert 'href="?theme=evaluation&amp;kind=bokantaj&amp;page=2"' in section(UPCOMING, first)
    second = client.get("/agenda/", {"theme": "evaluation", "kind": "bokantaj", "page": 2})
    assert titles(UPCOMING, second) == [
        f"Événement futur {i:05}" for i in range(EVENTS_PER_PAGE, EVENTS_PER_PAGE + 2)
    ]
    assert 'href="?theme=evaluation&amp;kind=bokantaj&amp;page=1"' in section(UPCOMING, second)


@pytest.mark.parametrize(
    "query, upcoming_number, past_number",
    [
        ("?page=abc", 1, 1),
        ("?page=-1", 3, 1),  # out of range either way: Paginator.get_page gives the last
        ("?page=0", 3, 1),
        ("?page=99999", 3, 1),
        ("?past=99999&page=2", 2, 2),
        ("?past=1.5", 1, 1),
        ("?page=" + "9" * 400, 3, 1),
        ("?page=2&page=abc", 1, 1),
    ],
)
def test_agenda_junk_page_numbers_give_a_valid_page(
    client, venue, query, upcoming_number, past_number
):
    add_events(venue, 2 * EVENTS_PER_PAGE + 1)
    add_events(venue, EVENTS_PER_PAGE + 1, past=True)
    response = client.get("/agenda/" + query)
    assert response.status_code == 200
    assert response.context["upcoming_page"].number == upcoming_number
    assert response.context["past_page"].number == past_number


def test_agenda_with_few_events_shows_no_pagination(client, venue):
    add_events(venue, 3)
    response = client.get("/agenda/")
    assert len(titles(UPCOMING, response)) == 3
    assert "Page suivante" not in response.content.decode()
    assert 'aria-label="Pages des' not in response.content.decode()


def test_agenda_statements_and_size_stay_the_same_when_events_grow_tenfold(
    client, venue, django_assert_max_num_queries
):
    add_events(venue, 60)
    add_events(venue, 60, past=True)
    with django_assert_max_num_queries(12) as small_queries:
        small = client.get("/agenda/")
    with django_assert_max_num_queries(12) as small_second:
        client.get("/agenda/?page=2&past=2")
    add_events(venue, 540, start=60)
    add_events(venue, 540, past=True, start=60)
    with django_assert_max_num_queries(12) as large_queries:
        large = client.get("/agenda/")
    with django_assert_max_num_queries(12) as large_second:
        client.get("/agenda/?page=2&past=2")
    assert len(large_queries) == len(small_queries)
    assert len(large_second) == len(small_second)
    assert "Page 1 sur 30" in large.content.decode()
    # Same rows on the page; only the page counts in the navigation differ.
    assert abs(len(large.content) - len(small.content)) < 100


def test_agenda_pages_are_cached_apart(client, venue, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    add_events(venue, EVENTS_PER_PAGE + 1)
    first = client.get("/agenda/")
    second = client.get("/agenda/?page=2")
    assert second.headers["X-Page-Cache"] == "miss"
    assert titles(UPCOMING, second) == [f"Événement futur {EVENTS_PER_PAGE:05}"]
    again = client.get("/agenda/?page=2")
    assert again.headers["X-Page-Cache"] == "hit"
    assert again.content == second.content != first.content
    assert client.get("/agenda/").headers["X-Page-Cache"] == "hit"


# The programme ------------------------------------------------------------------------


def add_actions(programme, axis, count, start=3):
    partners = list(Organisation.objects.all()[:3]) or Organisation.objects.bulk_create(
        [Organisation(name=f"Partenaire {n}", slug=f"partenaire-{n}") for n in range(3)]
    )
    actions = Action.objects.bulk_create(
        [
            Action(
                programme=programme,
                number=n,
                title=f"Action de test {n:04}",
                axis=axis if n % 2 else None,
                start_month=n % 12 + 1,
                end_month=12,
                deliverables="Un compte rendu diffusé aux partenaires.",
            )
            for n in range(start, start + count)
        ]
    )
    Through = Action.partners.through
    Through.objects.bulk_create(
        [Through(action=a, organisation=p) for a in actions for p in partners]
    )
    return actions


def action_numbers(response):
    page = response.content.decode()
    return [
        int(n) for n in re.findall(r'<article class="programme-action" id="action-(\d+)">', page)
    ]


def test_programme_page_shows_its_actions_a_page_at_a_time(client):
    programme = make_programme(2014)
    _, axis, _, _ = make_structure(programme)  # actions 1 and 2
    add_actions(programme, axis, ACTIONS_PER_PAGE + 5)  # 3 .. 37
    first = client.get("/programme/2014/")
    assert first.status_code == 200
    shown = action_numbers(first)
    assert len(shown) == ACTIONS_PER_PAGE
    page = first.content.decode()
    assert '<nav aria-label="Pages des actions">' in page
    assert '<span aria-current="page">Page 1 sur 2</span>' in page
    assert 'href="?page=2" rel="next">Page suivante</a>' in page
    second = client.get("/programme/2014/?page=2")
    rest = action_numbers(second)
    assert len(rest) == 7
    assert sorted(shown + rest) == list(range(1, ACTIONS_PER_PAGE + 8))
    assert 'href="?page=1" rel="prev">Page précédente</a>' in second.content.decode()
    # The timeline draws the actions of the page.
    assert "7 actions dessinées sur les douze mois de 2014" in second.content.decode()


def test_programme_evaluations_follow_their_actions(client):
    programme = make_programme(2014)
    _, axis, _, _ = make_structure(programme)
    actions = add_actions(programme, axis, ACTIONS_PER_PAGE + 5)
    Evaluation.objects.create(programme=programme, objective="Bilan du programme")
    Evaluation.objects.create(
        programme=programme, action=actions[-1], objective="Bilan de la dernière action"
    )
    first = html.unescape(client.get("/programme/2014/").content.decode())
    second = html.unescape(client.get("/programme/2014/?page=2").content.decode())
    assert "Bilan du programme" in first and "Bilan du programme" not in second
    assert "Bilan de la dernière action" in second and "Bilan de la dernière action" not in first


@pytest.mark.parametrize(
    "page, expected", [("abc", 1), ("-1", 2), ("0", 2), ("99999", 2), ("2.0", 1)]
)
def test_programme_junk_page_numbers_give_a_valid_page(client, page, expected):
    programme = make_programme(2014)
    _, axis, _, _ = make_structure(programme)
    add_actions(programme, axis, ACTIONS_PER_PAGE)
    response = client.get("/programme/2014/", {"page": page})
    assert response.status_code == 200
    assert response.context["actions_page"].number == expected
    assert len(action_numbers(response)) == (ACTIONS_PER_PAGE if expected == 1 else 2)
    assert client.get("/programme/", {"page": page}).status_code == 200


def test_programme_statements_and_size_stay_the_same_when_actions_grow_tenfold(
    client, django_assert_max_num_queries
):
    programme = make_programme(2014)
    _, axis, _, _ = make_structure(programme)
    add_actions(programme, axis, 58)  # 60 actions
    with django_assert_max_num_queries(12) as small_queries:
        small = client.get("/programme/2014/")
    add_actions(programme, axis, 540, start=61)  # 600 actions
    with django_assert_max_num_queries(12) as large_queries:
        large = client.get("/programme/2014/")
    assert len(large_queries) == len(small_queries)
    assert "Page 1 sur 20" in large.content.decode()
    assert abs(len(large.content) - len(small.content)) < 100


def test_programme_pdf_still_holds_every_action(client):
    programme = make_programme(2014)
    _, axis, _, _ = make_structure(programme)
    add_actions(programme, axis, ACTIONS_PER_PAGE + 5)
    from actions.views.programme import programme_context

    context = programme_context(programme)
    assert len(context["actions"]) == ACTIONS_PER_PAGE + 7
    assert context["actions_page"] is None

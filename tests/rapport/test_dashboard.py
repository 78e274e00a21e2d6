"""The staff dashboard: figures that match the database, links to the right lists,
accessible SVG charts, a flat query count, and only for staff who may view reports."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from rapport.services.dashboard import subscriber_counts
from tests.conftest import make_staff

from .conftest import YEAR, make_event, register

URL = reverse("admin:rapport_dashboard")


def dashboard(client, user, year=YEAR):
    client.force_login(user)
    return client.get(URL, {"year": year})


def figures(response):
    return {figure.label: figure for figure in response.context["figures"]}


def charts(response):
    return {chart.id: chart for chart in response.context["charts"]}


def test_figures_match_the_database(client, direction_user, known_year):
    response = dashboard(client, direction_user)
    assert response.status_code == 200
    shown = {label: figure.value for label, figure in figures(response).items()}
    assert shown == {
        "Événements tenus": 2,
        "Participants": 17,  # 12 present at the cycle, 5 at the journée (1 absent)
        "Inscriptions confirmées": 18,  # cancelled ones and 2024 left out
        "Accompagnements": 2,
        "Demandes de documentation": 1,
        "Documents publiés": 12,
        "Téléchargements": 198,  # 1+…+12 in February, 12×10 in March; 2024 left out
        "Lettres envoyées": 1,
        "Abonnés confirmés": 3,
    }
    html = response.content.decode()
    assert re.search(
        r'rapport-figure-value">198</span>\s*<span class="rapport-figure-label">Téléchargements',
        html,
    )


def test_charts_match_the_database(client, direction_user, known_year):
    response = dashboard(client, direction_user)
    found = charts(response)
    bars = {cid: {bar.label: bar.value for bar in chart.bars} for cid, chart in found.items()}
    assert bars["chart-participants"] == {
        "10/03/2025 Cycle évaluation 2025": 12,
        "05/06/2025 Journée récidive 2025": 5,
    }
    assert bars["chart-territories"] == {"Fort-de-France": 8, "Le Lamentin": 8, "non renseigné": 2}
    assert (
        bars["chart-kinds"] == {"Association": 7, "EPCI": 8, "hors annuaire": 3}
        or bars["chart-kinds"].get("hors annuaire") == 3
    )
    downloads = found["chart-downloads"].bars
    assert [bar.label for bar in downloads] == [f"Document {i}" for i in range(11, 1, -1)]
    assert downloads[0].value == 22
    assert [bar.value for bar in found["chart-subscribers"].bars] == [
        3,
        3,
        4,
        4,
        4,
        4,
        3,
        3,
        3,
        3,
        3,
        3,
    ]
    # No visitor statistics recorded for 2025: twelve empty months.
    assert [bar.value for bar in found["chart-visits"].bars] == [0] * 12


def test_kind_chart_counts_each_kind(client, direction_user, known_year):
    from annuaire.models import Organisation

    labels = dict(Organisation.Kind.choices)
    response = dashboard(client, direction_user)
    kinds = {bar.label: bar.value for bar in charts(response)["chart-kinds"].bars}
    assert kinds == {str(labels["association"]): 7, str(labels["epci"]): 8, "hors annuaire": 3}


def admin_list_count(client, href):
    response = client.get(href)
    assert response.status_code == 200, href
    return response.context["cl"].result_count


def test_figure_links_open_the_lists_behind_them(client, direction_user, known_year):
    response = dashboard(client, direction_user)
    for label, figure in figures(response).items():
        path = urlsplit(figure.href).path
        assert path.startswith("/admin/") and path.endswith("/"), label
        assert figure.href in response.content.decode().replace("&amp;", "&")
    shown = figures(response)
    # Lists whose row count is the figure itself.
    for label in [
        "Événements tenus",
        "Inscriptions confirmées",
        "Accompagnements",
        "Demandes de documentation",
        "Documents publiés",
        "Lettres envoyées",
        "Abonnés confirmés",
    ]:
        assert admin_list_count(client, shown[label].href) == shown[label].value, label
    assert urlsplit(shown["Téléchargements"].href).path == reverse(
        "admin:documentation_downloadcount_changelist"
    )
    assert parse_qs(urlsplit(shown["Téléchargements"].href).query) == {"month__year": [str(YEAR)]}
    assert admin_list_count(client, shown["Téléchargements"].href) == 24


def test_chart_links_open_the_filtered_registrations(client, direction_user, known_year):
    response = dashboard(client, direction_user)
    found = charts(response)
    for chart_id in ("chart-territories", "chart-kinds"):
        for bar in found[chart_id].bars:
            assert urlsplit(bar.href).path == reverse("admin:actions_registration_changelist")
            assert admin_list_count(client, bar.href) == bar.value, (chart_id, bar.label)
    for bar in found["chart-downloads"].bars[:3]:
        # The document's monthly downloads in the admin: two months of 2025, one of 2024.
        assert admin_list_count(client, bar.href) == 3
    cycle = known_year["cycle"]
    first = found["chart-participants"].bars[0]
    assert first.href == reverse("admin:actions_event_change", args=[cycle.pk])


def test_charts_are_accessible_svg_with_a_data_table(client, direction_user, known_year):
    html = dashboard(client, direction_user).content.decode()
    svgs = re.findall(r'<svg class="chart-svg[^>]*>.*?</svg>', html, flags=re.S)
    assert len(svgs) >= 5
    for svg in svgs:
        assert 'role="group"' in svg  # its bars are links: a group, not an image
        labelled = re.search(r'aria-labelledby="([^"]+) ([^"]+)"', svg)
        assert f'<title id="{labelled[1]}">' in svg
        assert f'<desc id="{labelled[2]}">' in svg
        assert "style=" not in svg  # CSP: presentation attributes only
    assert html.count('<table class="chart-table">') == len(svgs)
    assert "<script" not in html.split("<body", 1)[1].replace('<script src="', "")
    assert "Participants par événement, 2025" in html


@pytest.mark.parametrize("fixture", ["direction_user", "secretariat_user", "bureau_user"])
def test_every_staff_group_may_view(client, request, fixture, known_year):
    user = request.getfixturevalue(fixture)
    assert dashboard(client, user).status_code == 200
    client.force_login(user)
    index = client.get(reverse("admin:index"))
    assert URL in index.content.decode()


def test_anonymous_and_non_staff_are_refused(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    from django.contrib.auth import get_user_model

    visitor = get_user_model().objects.create_user("visiteur", password="x-Long-passw0rd")
    client.force_login(visitor)
    response = client.get(URL)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_staff_without_the_permission_is_refused(client, db):
    user = make_staff("stagiaire")  # staff, in no group
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert URL not in client.get(reverse("admin:index")).content.decode()


def test_a_bad_year_shows_a_message_and_the_current_year(client, direction_user):
    client.force_login(direction_user)
    response = client.get(URL, {"year": "abcd"})
    assert response.status_code == 200
    assert "Saisissez une année" in response.content.decode()
    assert response.context["year"] == datetime.date.today().year
    response = client.get(URL, {"year": "99999"})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()


def test_an_empty_year_shows_zeros(client, direction_user):
    response = dashboard(client, direction_user, year=2003)
    assert response.status_code == 200
    assert all(figure.value == 0 for figure in response.context["figures"])
    assert "Aucune donnée à afficher." in response.content.decode()


def test_query_count_does_not_grow_with_the_data(
    client, direction_user, known_year, django_assert_max_num_queries
):
    client.force_login(direction_user)
    with django_assert_max_num_queries(22):
        client.get(URL, {"year": YEAR})
    venue = known_year["cycle"].sessions.first().venue
    for i in range(25):
        event = make_event(f"Journée {i}", datetime.date(YEAR, 7, 1 + i), venue)
        register(event, 3, organisation=known_year["assoc"], commune=known_year["fdf"])
    with django_assert_max_num_queries(22):
        response = client.get(URL, {"year": YEAR})
    assert figures(response)["Événements tenus"].value == 27


def test_subscriber_counts_follow_arrivals_and_departures(known_year):
    counts = dict(subscriber_counts(YEAR))
    assert counts[datetime.date(YEAR, 2, 1)] == 3
    assert counts[datetime.date(YEAR, 3, 1)] == 4
    assert counts[datetime.date(YEAR, 7, 1)] == 3  # left on 10 July
    assert counts[datetime.date(YEAR, 6, 1)] == 4

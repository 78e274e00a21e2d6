"""Public pages of the programme: the current year, a year, an action, the PDF."""

import html
import re
from datetime import date

import pytest
from django.utils import timezone

from actions.demo_programme import load_programmes
from actions.models import Action, Programme
from annuaire.models import Organisation
from tests.actions.programme_factories import make_action, make_programme, make_structure
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(vocabulary):
    load_programmes(stdout=type("Out", (), {"write": lambda self, text: None})())


def text(response):
    """The page with entities decoded (apostrophes come escaped) and spaces folded."""
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def test_programme_2014_reads_like_the_source(client, demo):
    response = client.get("/programme/2014/")
    assert response.status_code == 200
    page = text(response)
    assert "<h1>Programme prévisionnel d'actions 2014</h1>" in page
    assert "Accompagner les dynamiques de changement" in page  # third orientation
    assert page.count('class="programme-action"') == 12
    for number in range(1, 13):
        assert f'href="/programme/2014/action-{number}/"' in page
    # Orientation → axis → action, in that order.
    assert (
        page.index('"kicker">Orientation 1</span>')
        < page.index('"kicker">Axe 1</span>')
        < page.index('"action-number">Action 1</span>')
        < page.index('"kicker">Axe 2</span>')
        < page.index('"action-number">Action 4</span> Les rassemblements de jeunes')
    )
    assert "Février – septembre" in page and "Avril – juillet" in page
    assert "Toute l'année" in page
    # The timeline and its text alternative.
    assert '<svg class="timeline-svg" role="img"' in page
    assert '<title id="timeline-title-2014">Calendrier des actions 2014</title>' in page
    assert "<caption>Actions de 2014 : période et statut</caption>" in page
    # CSP: no inline style or script.
    assert not re.search(r"\sstyle=", page) and "<script" not in page


def test_programme_2008_shows_evaluations_and_budget(client, demo):
    page = text(client.get("/programme/2008/"))
    assert "Validé par le conseil d'administration le 29 février 2008." in page
    assert "Qualification sur l'évaluation" in page
    assert "Limites et points négatifs" in page
    assert "Délégation interministérielle à la ville" in page
    assert re.search(r"\(DIV\)</th><td class=\"num\">100\W000</td><td class=\"num\">50 %", page)
    assert re.search(
        r"Frais de personnel</th><td class=\"num\">90\W000</td><td class=\"num\">45 %", page
    )
    assert "24 juin 2008" in page


def test_current_programme_is_this_year_or_the_latest(client):
    year = timezone.localdate().year
    make_programme(year - 3, title="Ancien")
    make_programme(year - 1, title="Dernier validé")
    make_programme(year + 1, status=Programme.Status.DRAFT, title="Brouillon à venir")
    assert "Dernier validé" in text(client.get("/programme/"))
    make_programme(year, title="Cette année")
    assert "<h1>Cette année</h1>" in text(client.get("/programme/"))


def test_no_programme_yet(client):
    response = client.get("/programme/")
    assert response.status_code == 200
    assert "Aucun programme n'a encore été publié." in text(response)


def test_drafts_are_for_staff_only(client, secretariat_user):
    programme = make_programme(2015, status=Programme.Status.DRAFT)
    make_action(programme, 1)
    assert client.get("/programme/2015/").status_code == 404
    assert client.get("/programme/2015/action-1/").status_code == 404
    assert client.get("/programme/2015/pdf/").status_code == 404
    client.login(username=secretariat_user.username, password=STAFF_PASSWORD)
    page = text(client.get("/programme/2015/"))
    assert "Brouillon" in page


def test_unknown_year_and_action(client):
    make_programme(2014)
    assert client.get("/programme/2013/").status_code == 404
    assert client.get("/programme/2014/action-99/").status_code == 404


def test_action_page_with_partners(client, demo):
    page = text(client.get("/programme/2014/action-5/"))
    assert "Le décrochage éducatif et social et la parentalité" in page
    assert "Avril – juillet" in page
    assert "École de la deuxième chance de Martinique" in page
    assert "Groupe de travail, journée de qualification" in page
    assert "Axe 2" in page


def test_action_page_of_2008_with_its_evaluation(client, demo):
    page = text(client.get("/programme/2008/action-5/"))
    assert "du 22 septembre 2008 au 26 septembre 2008" in page
    assert "Formation trop longue." in page


def test_text_is_escaped(client):
    programme = make_programme(2014)
    make_action(programme, 1, title="<script>alert(1)</script>", deliverables="<b>gras</b>")
    page = client.get("/programme/2014/").content.decode()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;gras&lt;/b&gt;" in page


def test_pdf(client):
    make_structure(make_programme(2014))
    response = client.get("/programme/2014/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="programme-2014.pdf"' in response["Content-Disposition"]


def test_print_stylesheet_is_linked(client, demo):
    page = text(client.get("/programme/2014/"))
    assert "css/programme.css" in page
    assert 'href="/programme/2014/pdf/"' in page


def test_programme_page_query_budget(client, django_assert_max_num_queries):
    programme = make_programme(2014)
    _, axis, _, _ = make_structure(programme)
    partners = Organisation.objects.bulk_create(
        [Organisation(name=f"Partenaire {n}", slug=f"partenaire-{n}") for n in range(20)]
    )
    actions = Action.objects.bulk_create(
        [
            Action(
                programme=programme,
                number=n,
                title=f"Action {n}",
                axis=axis if n % 2 else None,
                start_month=n % 12 + 1,
                end_month=12,
            )
            for n in range(3, 303)
        ]
    )
    Through = Action.partners.through
    Through.objects.bulk_create(
        [Through(action=a, organisation=p) for a in actions for p in partners[:3]]
    )
    with django_assert_max_num_queries(12):
        response = client.get("/programme/2014/")
    # 302 actions, 30 a page (issue #11: the page does not grow with the rows).
    assert text(response).count('class="programme-action"') == 30
    with django_assert_max_num_queries(12):
        response = client.get("/programme/2014/?page=11")
    assert text(response).count('class="programme-action"') == 2
    with django_assert_max_num_queries(12):
        client.get("/programme/2014/action-7/")


def test_programme_in_the_nav(client, demo):
    response = client.get("/programme/")
    assert 'aria-current="page"' in response.content.decode()


def test_timeline_marks_exact_dates_by_month(client):
    programme = make_programme(2008)
    make_action(programme, 1, start_date=date(2008, 6, 24), end_date=date(2008, 6, 26))
    page = text(client.get("/programme/2008/"))
    assert "Du 24 juin 2008 au 26 juin 2008" in page or "du 24 juin 2008 au 26 juin 2008" in page

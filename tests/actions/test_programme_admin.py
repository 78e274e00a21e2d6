"""The staff's programme: one page per year, permissions per group, the board's
validation, "copy to next year", history."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from actions.models import Action, BudgetLine, Evaluation, Programme
from actions.services import programme as services
from annuaire.models import Organisation
from tests.actions.programme_factories import (
    add_inline_row,
    admin_post_data,
    make_programme,
    make_structure,
)
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=STAFF_PASSWORD)


@pytest.fixture
def programme():
    programme = make_programme(2014, status=Programme.Status.DRAFT)
    make_structure(programme)
    return programme


def test_direction_edits_a_whole_programme_on_one_page(client, direction_user, programme):
    login(client, direction_user)
    url = f"/admin/actions/programme/{programme.pk}/change/"
    page = client.get(url).content.decode()
    for heading in ["Orientations stratégiques", "Axes", "Actions", "Lignes budgétaires"]:
        assert heading in page
    assert "<svg" in page and "Calendrier des actions 2014" in page  # the timeline
    data = admin_post_data(programme, title="Programme prévisionnel d'actions 2014")
    add_inline_row(data, "axes", {"number": 2, "title": "Qualification collective"})
    add_inline_row(
        data, "actions", {"number": 3, "title": "Séminaire", "status": "planned", "start_month": 11}
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    programme.refresh_from_db()
    assert programme.title == "Programme prévisionnel d'actions 2014"
    assert programme.axes.count() == 2
    assert programme.actions.get(number=3).month_span == (11, 11)
    # History records who changed it.
    record = programme.history.latest()
    assert record.history_user == direction_user
    assert "Séminaire" in client.get(url).content.decode()


@pytest.mark.parametrize("user_fixture", ["secretariat_user", "bureau_user"])
def test_secretariat_and_bureau_cannot_edit_programmes_evaluations_budgets(
    client, request, user_fixture, programme
):
    user = request.getfixturevalue(user_fixture)
    login(client, user)
    evaluation = Evaluation.objects.create(programme=programme, objective="Qualifier")
    url = f"/admin/actions/programme/{programme.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200  # they read it…
    assert 'name="_save"' not in page.content.decode()
    response = client.post(url, admin_post_data(programme, title="Modifié"))
    assert response.status_code == 403  # …but cannot change it
    programme.refresh_from_db()
    assert programme.title == "Programme d'actions 2014"
    assert client.get("/admin/actions/programme/add/").status_code == 403
    assert (
        client.post(f"/admin/actions/programme/{programme.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert client.get("/admin/actions/evaluation/add/").status_code == 403
    response = client.post(
        f"/admin/actions/evaluation/{evaluation.pk}/change/",
        {"programme": programme.pk, "objective": "Autre", "position": 0},
    )
    assert response.status_code == 403
    assert Evaluation.objects.get().objective == "Qualifier"
    assert client.get("/admin/actions/action/add/").status_code == 403
    for model in [Programme, Action, Evaluation, BudgetLine]:
        opts = model._meta
        assert not user.has_perm(f"actions.change_{opts.model_name}")
        assert not user.has_perm(f"actions.add_{opts.model_name}")


@pytest.mark.parametrize("user_fixture", ["secretariat_user", "bureau_user"])
def test_only_holders_of_validate_programme_record_the_validation(
    client, request, user_fixture, programme
):
    login(client, request.getfixturevalue(user_fixture))
    url = f"/admin/actions/programme/{programme.pk}/validate/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"board_date": "2014-02-28"}).status_code == 403
    programme.refresh_from_db()
    assert programme.status == Programme.Status.DRAFT
    page = client.get(f"/admin/actions/programme/{programme.pk}/change/").content.decode()
    assert "/validate/" not in page


def test_direction_records_the_boards_validation(client, direction_user, programme):
    login(client, direction_user)
    change = client.get(f"/admin/actions/programme/{programme.pk}/change/").content.decode()
    assert f"/admin/actions/programme/{programme.pk}/validate/" in change
    url = f"/admin/actions/programme/{programme.pk}/validate/"
    response = client.post(url, {"board_date": ""})
    assert "Indiquez la date de la réunion du conseil." in response.content.decode()
    tomorrow = date.today() + timedelta(days=2)
    response = client.post(url, {"board_date": tomorrow.isoformat()})
    assert "La réunion du conseil ne peut pas être dans le futur." in response.content.decode()
    response = client.post(url, {"board_date": "2014-02-28"}, follow=True)
    assert "La validation par le conseil" in response.content.decode()
    programme.refresh_from_db()
    assert programme.status == Programme.Status.VALIDATED
    assert programme.validated_on == date(2014, 2, 28)
    assert programme.validated_by == direction_user
    assert programme.validation_recorded_at is not None
    assert programme.history.latest().history_change_reason == "validation"


def test_record_validation_checks_the_permission_itself(bureau_user, programme):
    with pytest.raises(PermissionError):
        services.record_validation(programme, bureau_user, date(2014, 2, 28))


def test_copy_to_next_year_from_the_admin(client, direction_user, programme):
    partner = Organisation.objects.create(name="Caisse des dépôts", acronym="CDC", slug="cdc")
    action = programme.actions.get(number=1)
    action.partners.add(partner)
    action.modes = ["forum"]
    action.status = Action.Status.DONE
    action.save()
    login(client, direction_user)
    confirm = client.post(
        "/admin/actions/programme/",
        {"action": "copy_to_next_year", "_selected_action": [programme.pk]},
    )
    assert "brouillon du programme 2015" in confirm.content.decode()
    assert not Programme.objects.filter(year=2015).exists()  # not before confirming
    response = client.post(
        "/admin/actions/programme/",
        {"action": "copy_to_next_year", "_selected_action": [programme.pk], "confirm": "yes"},
        follow=True,
    )
    assert "Brouillon du programme 2015 créé" in response.content.decode()
    copy = Programme.objects.get(year=2015)
    assert copy.status == Programme.Status.DRAFT
    assert copy.title == "Programme d'actions 2015"
    assert list(copy.orientations.values_list("number", "title")) == [(1, "Connaître")]
    axis = copy.axes.get()
    assert axis.orientation.programme == copy
    first, second = copy.actions.order_by("number")
    assert first.axis == axis and first.month_span == (2, 9)
    assert first.status == Action.Status.PLANNED and first.modes == ["forum"]
    assert list(first.partners.all()) == [partner]
    assert second.start_date == date(2015, 4, 2)
    # The source year is untouched.
    assert programme.actions.get(number=1).status == Action.Status.DONE
    # Twice: refused, nothing overwritten.
    confirm = client.post(
        "/admin/actions/programme/",
        {"action": "copy_to_next_year", "_selected_action": [programme.pk]},
    )
    assert "2015 a déjà un programme : il ne sera pas remplacé." in confirm.content.decode()
    response = client.post(
        "/admin/actions/programme/",
        {"action": "copy_to_next_year", "_selected_action": [programme.pk], "confirm": "yes"},
        follow=True,
    )
    assert "Il existe déjà un programme pour 2015" in response.content.decode()
    assert Programme.objects.filter(year=2015).count() == 1


def test_copy_to_next_year_is_all_or_nothing(programme, monkeypatch):
    calls = []
    original = Action.objects.create

    def failing_create(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(Action.objects, "create", failing_create)
    with pytest.raises(RuntimeError):
        services.copy_to_next_year(programme)
    assert not Programme.objects.filter(year=2015).exists()
    assert Action.objects.filter(programme__year=2015).count() == 0


def test_copy_moves_29_february():
    programme = make_programme(2008)
    Action.objects.create(programme=programme, number=1, title="A", start_date=date(2008, 2, 29))
    copy = services.copy_to_next_year(programme)
    assert copy.actions.get().start_date == date(2009, 2, 28)


def test_secretariat_cannot_copy(client, secretariat_user, programme):
    login(client, secretariat_user)
    client.post(
        "/admin/actions/programme/",
        {"action": "copy_to_next_year", "_selected_action": [programme.pk], "confirm": "yes"},
    )
    assert not Programme.objects.filter(year=2015).exists()


def test_evaluation_admin_shows_computed_figures(client, direction_user, programme):
    action = programme.actions.get(number=1)
    evaluation = Evaluation.objects.create(
        programme=programme, action=action, stakes="Qualifier les acteurs"
    )
    login(client, direction_user)
    page = client.get(f"/admin/actions/evaluation/{evaluation.pk}/change/").content.decode()
    assert "Chiffres calculés à partir des éléments liés" in page
    assert "Événements tenus" in page
    assert client.get("/admin/actions/evaluation/").status_code == 200


def test_admin_lists_with_many_rows(client, direction_user, django_assert_max_num_queries):
    programme = make_programme(2014)
    Action.objects.bulk_create(
        [Action(programme=programme, number=n, title=f"Action {n}") for n in range(1, 301)]
    )
    for year in range(2015, 2030):
        make_programme(year)
    login(client, direction_user)
    with django_assert_max_num_queries(15):
        assert client.get("/admin/actions/action/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/admin/actions/programme/").status_code == 200


def test_recent_changes_gathers_the_programme_history(direction_user, programme):
    BudgetLine.objects.create(programme=programme, kind="income", label="DIV", amount=Decimal(1))
    changes = services.recent_changes(programme)
    kinds = {str(change.kind) for change in changes}
    assert {"programme", "action", "ligne budgétaire"} <= kinds


def test_actions_filtered_by_mode_of_work(client, direction_user):
    programme = make_programme(2014)
    Action.objects.create(programme=programme, number=1, title="Forum éco", modes=["forum"])
    Action.objects.create(programme=programme, number=2, title="Bokantaj", modes=["cafe_debate"])
    login(client, direction_user)
    page = client.get("/admin/actions/action/?mode=forum").content.decode()
    assert "Forum éco" in page and "Bokantaj" not in page


def test_programme_change_page_query_budget(client, direction_user, django_assert_max_num_queries):
    programme = make_programme(2014)
    _, axis, _, _ = make_structure(programme)
    Action.objects.bulk_create(
        [
            Action(programme=programme, number=n, title=f"Action {n}", axis=axis)
            for n in range(3, 63)
        ]
    )
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(programme=programme, kind="expense", category="staff", amount=Decimal(n))
            for n in range(20)
        ]
    )
    login(client, direction_user)
    with django_assert_max_num_queries(25):
        response = client.get(f"/admin/actions/programme/{programme.pk}/change/")
    assert response.content.decode().count('name="actions-') > 60


def test_history_readable_but_not_revertible_by_the_secretariat(
    client, direction_user, secretariat_user, programme
):
    login(client, direction_user)
    client.post(
        f"/admin/actions/programme/{programme.pk}/change/",
        admin_post_data(programme, title="Programme révisé 2014"),
    )
    first = programme.history.earliest()
    client.logout()
    login(client, secretariat_user)
    history = client.get(f"/admin/actions/programme/{programme.pk}/history/")
    assert history.status_code == 200
    assert "directeur" in history.content.decode()
    url = f"/admin/actions/programme/{programme.pk}/history/{first.history_id}/"
    assert client.get(url).status_code == 200
    count = programme.history.count()
    assert client.post(url, admin_post_data(programme)).status_code == 403
    assert programme.history.count() == count
    programme.refresh_from_db()
    assert programme.title == "Programme révisé 2014"

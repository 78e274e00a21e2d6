"""Bad input on the programme: each rule answers with a clear French message, in the
admin (the staff's door) and in the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actions.models import Action, BudgetLine, Evaluation
from actions.services.programme import budget_errors
from tests.actions.programme_factories import (
    add_inline_row,
    admin_post_data,
    make_action,
    make_programme,
    make_structure,
)
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def errors_of(action):
    with pytest.raises(ValidationError) as caught:
        action.full_clean()
    return caught.value.message_dict


def test_exact_dates_outside_the_programme_year():
    programme = make_programme(2014)
    action = Action(programme=programme, number=1, title="Séminaire", start_date=date(2013, 12, 1))
    assert errors_of(action)["start_date"] == [
        "Une action du programme 2014 doit avoir lieu en 2014 ; le 1 décembre 2013 est en "
        "dehors de cette année."
    ]
    action.start_date, action.end_date = date(2014, 12, 1), date(2015, 1, 15)
    assert "end_date" in errors_of(action)


def test_period_ending_before_it_starts_months_and_dates():
    programme = make_programme(2014)
    by_months = Action(programme=programme, number=1, title="A", start_month=6, end_month=2)
    assert errors_of(by_months)["end_month"] == ["La période ne peut pas finir avant de commencer."]
    by_dates = Action(
        programme=programme,
        number=2,
        title="B",
        start_date=date(2014, 6, 2),
        end_date=date(2014, 6, 1),
    )
    assert errors_of(by_dates)["end_date"] == ["La période ne peut pas finir avant de commencer."]
    # The database refuses it too, whatever the door.
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(programme=programme, number=3, title="C", start_month=6, end_month=2)


def test_months_and_dates_together_are_refused():
    programme = make_programme(2014)
    action = Action(
        programme=programme, number=1, title="A", start_month=1, start_date=date(2014, 1, 5)
    )
    assert errors_of(action)["start_date"] == [
        "Indiquez la période soit en mois, soit en dates précises, pas les deux."
    ]


def test_unknown_mode_of_work():
    programme = make_programme(2014)
    action = Action(programme=programme, number=1, title="A", modes=["forum", "karaoke"])
    assert errors_of(action)["modes"] == ["Mode de travail inconnu : karaoke."]


def test_duplicate_action_number_model_and_database():
    programme = make_programme(2014)
    make_action(programme, 4)
    duplicate = Action(programme=programme, number=4, title="Doublon")
    assert errors_of(duplicate)["__all__"] == ["Ce programme a déjà une action portant ce numéro."]
    with pytest.raises(IntegrityError), transaction.atomic():
        make_action(programme, 4)


def test_duplicate_action_number_in_the_admin(client, direction_user):
    programme = make_programme(2014)
    make_structure(programme)
    client.login(username=direction_user.username, password=STAFF_PASSWORD)
    data = add_inline_row(
        admin_post_data(programme),
        "actions",
        {"number": 2, "title": "Doublon", "status": "planned"},
    )
    response = client.post(f"/admin/actions/programme/{programme.pk}/change/", data)
    assert response.status_code == 200
    assert "Ce programme a déjà une action portant ce numéro." in response.content.decode()
    assert programme.actions.count() == 2


def test_action_outside_year_in_the_admin(client, direction_user):
    programme = make_programme(2014)
    make_structure(programme)
    client.login(username=direction_user.username, password=STAFF_PASSWORD)
    data = add_inline_row(
        admin_post_data(programme),
        "actions",
        {"number": 3, "title": "Hors année", "status": "planned", "start_date": "2015-02-01"},
    )
    response = client.post(f"/admin/actions/programme/{programme.pk}/change/", data)
    assert response.status_code == 200
    assert "doit avoir lieu en 2014" in response.content.decode()
    assert not programme.actions.filter(number=3).exists()


def test_changing_the_year_checks_the_actions_dates(client, direction_user):
    programme = make_programme(2014)
    make_structure(programme)  # action 2 has exact dates in April 2014
    client.login(username=direction_user.username, password=STAFF_PASSWORD)
    response = client.post(
        f"/admin/actions/programme/{programme.pk}/change/", admin_post_data(programme, year=2016)
    )
    assert "doit avoir lieu en 2016" in response.content.decode()
    programme.refresh_from_db()
    assert programme.year == 2014


def test_budget_shares_must_add_up(client, direction_user):
    programme = make_programme(2008, total_budget=Decimal("200000"))
    client.login(username=direction_user.username, password=STAFF_PASSWORD)
    data = admin_post_data(programme)
    add_inline_row(
        data, "budget_lines", {"kind": "income", "label": "DIV", "amount": "100000", "position": 1}
    )
    add_inline_row(
        data, "budget_lines", {"kind": "income", "label": "CDC", "amount": "40000", "position": 2}
    )
    response = client.post(f"/admin/actions/programme/{programme.pk}/change/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Les parts des financeurs totalisent 70,0 % du total déclaré (140 000 € sur 200 000 €) : "
        "elles doivent faire exactement 100 %."
    ) in page.replace("\u202f", " ").replace("\xa0", " ")
    assert not BudgetLine.objects.exists()
    # Completed with the CACEM's 30 %, the same budget is saved.
    add_inline_row(
        data, "budget_lines", {"kind": "income", "label": "CACEM", "amount": "60000", "position": 3}
    )
    response = client.post(f"/admin/actions/programme/{programme.pk}/change/", data)
    assert response.status_code == 302
    assert BudgetLine.objects.count() == 3


def test_budget_errors_both_sides_and_no_total():
    income = BudgetLine.Kind.INCOME
    expense = BudgetLine.Kind.EXPENSE
    assert budget_errors(None, [(income, Decimal(5))]) == []
    assert budget_errors(Decimal(100), [(income, Decimal(100))]) == []
    messages = budget_errors(Decimal(100), [(income, Decimal(100)), (expense, Decimal(120))])
    assert len(messages) == 1
    assert messages[0].startswith("Les catégories de dépenses totalisent 120,0 %")


def test_budget_line_needs_a_funder_or_a_category():
    programme = make_programme(2008)
    line = BudgetLine(programme=programme, kind="income", amount=Decimal(10))
    with pytest.raises(ValidationError) as caught:
        line.full_clean()
    assert "Indiquez le financeur de cette recette." in str(caught.value)
    line = BudgetLine(programme=programme, kind="expense", amount=Decimal(-1), label="x")
    with pytest.raises(ValidationError) as caught:
        line.full_clean()
    assert "Un montant ne peut pas être négatif." in str(caught.value)


def test_evaluation_needs_an_action_or_objective_of_its_programme():
    programme = make_programme(2008)
    other = make_programme(2009)
    with pytest.raises(ValidationError) as caught:
        Evaluation(programme=programme).full_clean()
    assert "Choisissez l'action évaluée ou nommez l'objectif." in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        Evaluation(programme=programme, action=make_action(other)).full_clean()
    assert "Cette action appartient à un autre programme." in str(caught.value)

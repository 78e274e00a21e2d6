"""Services of the programme: figures, budget shares, timeline, demo data."""

from datetime import date
from decimal import Decimal

import pytest

from actions.demo_programme import load_programmes
from actions.models import Action, BudgetLine, Evaluation, Programme
from actions.services.programme import (
    ActionFigures,
    _event_figures,
    action_figures,
    budget_summary,
    timeline,
)
from tests.actions.programme_factories import make_action, make_programme

pytestmark = pytest.mark.django_db


class Silent:
    def write(self, text):
        pass


def test_figures_are_zero_when_nothing_is_linked():
    action = make_action(make_programme(2014))
    figures = action_figures(action)
    assert figures == ActionFigures()
    assert figures.is_empty


def test_figures_are_computed_from_the_linked_records(monkeypatch):
    """Whatever the agenda names its date field, held events are those before today.
    Actions stand in for events here: they have a ``start_date``."""
    programme = make_programme(2014)
    for n, day in enumerate([date(2014, 3, 1), date(2014, 5, 1), date(2014, 9, 1)], start=1):
        make_action(programme, n, start_date=day)
    figures = ActionFigures()
    _event_figures(Action.objects.filter(programme=programme), figures, date(2014, 6, 1))
    assert figures.events_planned == 3
    assert figures.events_held == 2
    # Through the public entry point, with a reverse relation named "events".
    action = make_action(make_programme(2015), 1)
    monkeypatch.setattr(Action, "events", Action.objects, raising=False)
    figures = action_figures(action, today=date(2014, 6, 1))
    assert figures.events_planned == 4 and figures.events_held == 2


def test_budget_shares_of_2008(vocabulary):
    load_programmes(Silent())
    summary = budget_summary(Programme.objects.get(year=2008))
    assert summary.errors == []
    assert [(row.name, row.share) for row in summary.income] == [
        ("Délégation interministérielle à la ville (DIV)", Decimal("50.0")),
        ("Caisse des dépôts (CDC)", Decimal("20.0")),
        ("Communauté d'agglomération du Centre de la Martinique (CACEM)", Decimal("30.0")),
    ]
    assert [row.share for row in summary.expenses] == [
        Decimal("45.0"),
        Decimal("30.0"),
        Decimal("25.0"),
    ]


def test_budget_without_declared_total_shares_each_side():
    programme = make_programme(2010)
    BudgetLine.objects.create(programme=programme, kind="income", label="A", amount=Decimal(30))
    BudgetLine.objects.create(programme=programme, kind="income", label="B", amount=Decimal(10))
    summary = budget_summary(programme)
    assert [row.share for row in summary.income] == [Decimal("75.0"), Decimal("25.0")]
    assert summary.errors == []


def test_timeline_geometry():
    programme = make_programme(2014)
    months = make_action(programme, 1, start_month=2, end_month=9)
    dates = make_action(programme, 2, start_date=date(2014, 4, 2), end_date=date(2014, 5, 3))
    unset = make_action(programme, 3)
    picture = timeline(programme, [months, dates, unset], today=date(2014, 7, 1))
    first, second, third = picture.bars
    assert first.width == 8 * 60 - 4
    assert first.x < second.x and second.width == 2 * 60 - 4
    assert third.x is None
    assert first.dashed and not second.crossed
    assert picture.today_x is not None
    assert timeline(programme, [], today=date(2020, 1, 1)).today_x is None


def test_demo_data_is_complete_and_idempotent(vocabulary):
    load_programmes(Silent())
    history = (Programme.history.count(), Action.history.count(), Evaluation.history.count())
    load_programmes(Silent())
    assert (
        Programme.history.count(),
        Action.history.count(),
        Evaluation.history.count(),
    ) == history
    p2014 = Programme.objects.get(year=2014)
    assert p2014.orientations.count() == 3
    assert p2014.axes.count() == 2
    assert p2014.actions.count() == 12
    assert p2014.actions.get(number=4).partners.filter(acronym="PJJ").exists()
    p2008 = Programme.objects.get(year=2008)
    assert p2008.evaluations.count() == 5
    assert p2008.evaluations.get(action__number=5).objective == "Qualification sur l'évaluation"
    assert p2008.budget_lines.count() == 6

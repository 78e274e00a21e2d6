"""Services of the programme: figures, budget shares, timeline, demo data."""

from datetime import date
from decimal import Decimal

import pytest

from actions.demo_programme import load_programmes
from actions.models import Action, BudgetLine, Evaluation, Programme
from actions.services.programme import (
    ActionFigures,
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


def test_figures_are_computed_from_the_linked_records(django_assert_max_num_queries):
    from actions.models import (
        Attendance,
        Event,
        EventDocument,
        PaperSatisfactionCount,
        Registration,
        SatisfactionResponse,
        Session,
    )
    from documentation.models import Document, DownloadCount

    action = make_action(make_programme(2008), 5)

    def event(title, day, status=Event.Status.PUBLISHED, reported=None):
        e = Event.objects.create(
            title=title,
            kind="qualification_cycle",
            start_date=day,
            end_date=day,
            status=status,
            action=action,
            reported_participants=reported,
        )
        return e, Session.objects.create(event=e, date=day, start_time="09:00", end_time="16:00")

    # Held before online registration: the reported count is used.
    old, _ = event("Cycle évaluation, jour 1", date(2008, 6, 24), reported=50)
    PaperSatisfactionCount.objects.create(event=old, rating=4, count=7)
    PaperSatisfactionCount.objects.create(event=old, rating=3, count=3)
    # Held with online registration: people marked present count, not the registered.
    marked, session = event("Cycle évaluation, jour 2", date(2008, 6, 25))
    people = [
        Registration.objects.create(
            event=marked, first_name=f"P{n}", last_name="X", email=f"p{n}@example.org"
        )
        for n in range(3)
    ]
    for person in people[:2]:
        Attendance.objects.create(registration=person, session=session)
    SatisfactionResponse.objects.create(event=marked, registration=people[0], rating=2)
    event("Restitution", date(2008, 12, 1))  # not held yet on the day below
    event("Brouillon", date(2008, 6, 1), status=Event.Status.DRAFT)  # never counted
    document = Document.objects.create(title="Compte rendu du cycle", status="published")
    EventDocument.objects.create(event=old, document=document)
    EventDocument.objects.create(event=marked, document=document)
    DownloadCount.objects.create(document=document, month=date(2008, 7, 1), count=100)
    DownloadCount.objects.create(document=document, month=date(2008, 8, 1), count=27)

    # A cycle with only a count per day: its busiest day counts.
    daily, day_session = event("Cycle prévention, jour 1", date(2008, 4, 1))
    Session.objects.filter(pk=day_session.pk).update(reported_attendance=30)
    Session.objects.create(
        event=daily,
        date=date(2008, 4, 1),
        start_time="14:00",
        end_time="17:00",
        reported_attendance=28,
    )

    with django_assert_max_num_queries(8):
        figures = action_figures(action, today=date(2008, 7, 1))
    assert figures.events_planned == 4
    assert figures.events_held == 3
    assert figures.participants == 50 + 2 + 30
    # (7×4 + 3×3 + 1×2) / 11 answers
    assert figures.satisfaction == Decimal("3.5") and figures.satisfaction_answers == 11
    assert figures.documents == 1
    assert figures.downloads == 127


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


def test_demo_2008_evaluation_figures_come_from_the_events(vocabulary, settings):
    from django.core.management import call_command

    from actions.services.programme import action_figures

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    cycle = Action.objects.get(programme__year=2008, number=5)
    figures = action_figures(cycle, today=date(2026, 11, 25))
    assert figures.events_held == 1
    assert figures.participants > 0
    assert figures.satisfaction_answers == 10  # the 7 + 3 paper questionnaires of the report

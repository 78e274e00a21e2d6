"""Workflows of the annual programme.

- ``copy_to_next_year(programme)``: a draft of the next year with the same orientations,
  axes and actions (atomic; refuses when that year already has a programme).
- ``record_validation(programme, user, board_date)``: the board's validation, with who
  recorded it and when (atomic, locks the programme row).
- ``budget_summary(programme)`` and ``budget_errors(total, lines)``: shares in percent,
  computed, never stored; the rule that both sides reach the declared total.
- ``action_figures(action)``: what the records linked to an action say (events held,
  participants, satisfaction, documents and their downloads); zeros for what is not
  installed yet. Nothing here is ever typed by hand.
- ``timeline(programme, actions)``: the geometry of the twelve-month picture.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from actions.models import Action, Axis, BudgetLine, Orientation, Programme
from actions.models.programme import MONTHS


class CopyError(ValidationError):
    pass


@transaction.atomic
def copy_to_next_year(programme):
    """Create the draft programme of ``programme.year + 1`` with the same orientations,
    axes and actions (partners, themes, territories and modes included), every action
    back to "planned". Exact dates move one year on (29 February becomes the 28th).
    Evaluations and budget lines stay with their year. All or nothing."""
    year = programme.year + 1
    if Programme.objects.select_for_update().filter(year=year).exists():
        raise CopyError(
            _("There is already a programme for %(year)s: it was not overwritten.") % {"year": year}
        )
    new = Programme.objects.create(
        year=year,
        title=programme.title.replace(str(programme.year), str(year)),
        status=Programme.Status.DRAFT,
        introduction=programme.introduction,
        total_budget=programme.total_budget,
    )
    orientation_map = {}
    for orientation in programme.orientations.all():
        orientation_map[orientation.pk] = Orientation.objects.create(
            programme=new,
            number=orientation.number,
            title=orientation.title,
            description=orientation.description,
        )
    axis_map = {}
    for axis in programme.axes.all():
        axis_map[axis.pk] = Axis.objects.create(
            programme=new,
            orientation=orientation_map.get(axis.orientation_id),
            number=axis.number,
            title=axis.title,
        )
    actions = programme.actions.prefetch_related("partners", "themes", "territories")
    for action in actions:
        copy = Action.objects.create(
            programme=new,
            axis=axis_map.get(action.axis_id),
            number=action.number,
            title=action.title,
            description=action.description,
            start_month=action.start_month,
            end_month=action.end_month,
            start_date=_next_year(action.start_date),
            end_date=_next_year(action.end_date),
            lead=action.lead,
            modes=list(action.modes or []),
            deliverables=action.deliverables,
            status=Action.Status.PLANNED,
            planned_budget=action.planned_budget,
        )
        copy.partners.set(action.partners.all())
        copy.themes.set(action.themes.all())
        copy.territories.set(action.territories.all())
    return new


def _next_year(day):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def record_validation(programme, user, board_date):
    """Mark ``programme`` validated by the board on ``board_date``, recording which user
    entered it and when. The caller checks ``actions.validate_programme``; this function
    checks it again so no other door can skip it."""
    if not user.has_perm("actions.validate_programme"):
        raise PermissionError("actions.validate_programme")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    programme.status = Programme.Status.VALIDATED
    programme.validated_on = board_date
    programme.validated_by = user
    programme.validation_recorded_at = timezone.now()
    programme._change_reason = "validation"
    programme.save()
    return programme


# Budget ---------------------------------------------------------------------------

CENT = Decimal("0.01")


def share(amount, total):
    """``amount`` as a percentage of ``total``, rounded to one decimal."""
    if not total:
        return None
    return (Decimal(amount) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def budget_errors(total, lines):
    """French messages for the rule "each side reaches the declared total".

    ``lines`` are (kind, amount) pairs; nothing to check when no total is declared or a
    side has no line yet."""
    if total is None:
        return []
    total = Decimal(total)
    errors = []
    sides = [
        (BudgetLine.Kind.INCOME, _("The funders' shares")),
        (BudgetLine.Kind.EXPENSE, _("The expense categories")),
    ]
    for kind, label in sides:
        amounts = [Decimal(amount) for line_kind, amount in lines if line_kind == kind]
        if not amounts:
            continue
        reached = sum(amounts, Decimal(0))
        if reached.quantize(CENT) != total.quantize(CENT):
            errors.append(
                _(
                    "%(side)s add up to %(share)s %% of the declared total (%(reached)s € "
                    "out of %(total)s €): they must make exactly 100 %%."
                )
                % {
                    "side": label,
                    "share": formats.number_format(share(reached, total), 1) if total else "—",
                    "reached": _money(reached),
                    "total": _money(total),
                }
            )
    return errors


def _money(value):
    from django.contrib.humanize.templatetags.humanize import intcomma

    value = Decimal(value).quantize(CENT)
    text = intcomma(int(value)) if value == value.to_integral() else intcomma(value)
    return str(text)


@dataclass
class BudgetRow:
    name: str
    amount: Decimal
    share: Decimal | None


@dataclass
class BudgetSummary:
    total: Decimal | None
    income: list = field(default_factory=list)
    expenses: list = field(default_factory=list)
    income_total: Decimal = Decimal(0)
    expense_total: Decimal = Decimal(0)
    errors: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not self.income and not self.expenses


def budget_summary(programme, lines=None):
    """Income and expenses with their shares of the declared total (or, without one, of
    each side's sum). ``lines`` may be passed when already fetched with the funder."""
    if lines is None:
        lines = programme.budget_lines.select_related("funder")
    lines = list(lines)
    summary = BudgetSummary(total=programme.total_budget)
    for kind, rows_attr, total_attr in [
        (BudgetLine.Kind.INCOME, "income", "income_total"),
        (BudgetLine.Kind.EXPENSE, "expenses", "expense_total"),
    ]:
        side = [line for line in lines if line.kind == kind]
        side_total = sum((line.amount for line in side), Decimal(0))
        base = programme.total_budget or side_total
        setattr(summary, total_attr, side_total)
        setattr(
            summary,
            rows_attr,
            [BudgetRow(line.name, line.amount, share(line.amount, base)) for line in side],
        )
    summary.errors = budget_errors(programme.total_budget, [(x.kind, x.amount) for x in lines])
    return summary


# Figures of an action -------------------------------------------------------------------


@dataclass
class ActionFigures:
    events_planned: int = 0
    events_held: int = 0
    participants: int = 0
    satisfaction: Decimal | None = None  # mean score when the agenda records one
    satisfaction_answers: int = 0
    documents: int = 0
    downloads: int = 0

    @property
    def is_empty(self):
        return not (self.events_planned or self.documents)


def action_figures(action, today=None):
    """Figures computed from what is linked to ``action``, never typed: its events
    (held = published and ended before ``today``), their participants (people marked
    present, or the count reported for events held before online registration), the
    satisfaction questionnaires (online and on paper, mean of the four-level scale),
    the documents attached to its events and their downloads. Eight queries."""
    from django.db.models import Count, F, Sum

    from actions.models import (
        Event,
        EventDocument,
        PaperSatisfactionCount,
        SatisfactionResponse,
    )
    from actions.services.attendance import participants_by_event
    from documentation.models import DownloadCount

    today = today or timezone.localdate()
    figures = ActionFigures()
    events = Event.objects.filter(action=action).exclude(status=Event.Status.DRAFT)
    figures.events_planned = events.count()
    held = dict(
        events.filter(status=Event.Status.PUBLISHED, end_date__lt=today).values_list(
            "pk", "reported_participants"
        )
    )
    figures.events_held = len(held)
    figures.participants = sum(participants_by_event(held).values())
    online = SatisfactionResponse.objects.filter(event__in=held).aggregate(
        points=Sum("rating"), answers=Count("pk")
    )
    paper = PaperSatisfactionCount.objects.filter(event__in=held).aggregate(
        points=Sum(F("rating") * F("count")), answers=Sum("count")
    )
    answers = (online["answers"] or 0) + (paper["answers"] or 0)
    if answers:
        points = (online["points"] or 0) + (paper["points"] or 0)
        figures.satisfaction = (Decimal(points) / answers).quantize(Decimal("0.1"))
        figures.satisfaction_answers = answers
    documents = EventDocument.objects.filter(event__action=action).values("document")
    figures.documents = documents.distinct().count()
    figures.downloads = (
        DownloadCount.objects.filter(document__in=documents).aggregate(n=Sum("count"))["n"] or 0
    )
    return figures


# Timeline -------------------------------------------------------------------------------

MONTH_WIDTH = 60
LABEL_WIDTH = 250
ROW_HEIGHT = 28
HEADER_HEIGHT = 30


# Status → (fill, stroke) as SVG presentation attributes (they also work in the PDF).
STATUS_FILLS = {
    Action.Status.PLANNED: ("#d7e9ed", "#0b5563"),
    Action.Status.IN_PROGRESS: ("#0b5563", "#073a44"),
    Action.Status.DONE: ("#1e6b35", "#123f20"),
    Action.Status.POSTPONED: ("#f6dcc8", "#9c3d10"),
    Action.Status.CANCELLED: ("#e4e4e4", "#4a4a4a"),
}


@dataclass
class TimelineBar:
    action: Action
    y: int
    x: int | None = None
    width: int | None = None
    label_y: int = 0

    @property
    def status_class(self):
        return f"tl-{self.action.status.replace('_', '-')}"

    @property
    def fill(self):
        return STATUS_FILLS[self.action.status][0]

    @property
    def stroke(self):
        return STATUS_FILLS[self.action.status][1]

    @property
    def dashed(self):
        """Planned and postponed bars are dashed: the status is not told by colour alone."""
        return self.action.status in (Action.Status.PLANNED, Action.Status.POSTPONED)

    @property
    def crossed(self):
        return self.action.status == Action.Status.CANCELLED


@dataclass
class Timeline:
    year: int
    bars: list
    months: list
    width: int
    height: int
    today_x: int | None = None

    @property
    def legend(self):
        return [
            {
                "status": label,
                "fill": STATUS_FILLS[value][0],
                "stroke": STATUS_FILLS[value][1],
                "dashed": value in (Action.Status.PLANNED, Action.Status.POSTPONED),
            }
            for value, label in Action.Status.choices
        ]


def timeline(programme, actions, today=None):
    """Geometry of the programme's picture: one row per action, a bar over the months of
    its period (within the year), none when the period is still to be set."""
    today = today or timezone.localdate()
    months = [
        {"x": LABEL_WIDTH + i * MONTH_WIDTH, "label": str(name)[:3], "name": str(name)}
        for i, (_, name) in enumerate(MONTHS)
    ]
    bars = []
    for row, action in enumerate(actions):
        y = HEADER_HEIGHT + row * ROW_HEIGHT
        bar = TimelineBar(action=action, y=y + 5, label_y=y + 18)
        span = action.month_span
        if span:
            first, last = span
            bar.x = LABEL_WIDTH + (first - 1) * MONTH_WIDTH + 2
            bar.width = (last - first + 1) * MONTH_WIDTH - 4
        bars.append(bar)
    today_x = None
    if today.year == programme.year:
        day_share = (today - date(today.year, today.month, 1)).days / 31
        today_x = int(LABEL_WIDTH + (today.month - 1 + day_share) * MONTH_WIDTH)
    return Timeline(
        year=programme.year,
        bars=bars,
        months=months,
        width=LABEL_WIDTH + 12 * MONTH_WIDTH + 4,
        height=HEADER_HEIGHT + max(len(bars), 1) * ROW_HEIGHT + 6,
        today_x=today_x,
    )


# History ------------------------------------------------------------------------------


def recent_changes(programme, limit=30):
    """The latest recorded changes to ``programme``, its actions, evaluations and budget
    lines, newest first (from django-simple-history; a fixed number of queries)."""
    from actions.models import Evaluation

    sources = [
        (Programme.history.filter(id=programme.pk), Programme._meta.verbose_name),
        (Action.history.filter(programme_id=programme.pk), Action._meta.verbose_name),
        (Evaluation.history.filter(programme_id=programme.pk), Evaluation._meta.verbose_name),
        (BudgetLine.history.filter(programme_id=programme.pk), BudgetLine._meta.verbose_name),
    ]
    changes = []
    for queryset, kind in sources:
        for record in queryset.select_related("history_user").order_by("-history_date")[:limit]:
            record.kind = kind
            record.label = _history_label(record)
            changes.append(record)
    changes.sort(key=lambda record: record.history_date, reverse=True)
    return changes[:limit]


def _history_label(record):
    for attribute in ("title", "objective", "label"):
        value = getattr(record, attribute, "")
        if value:
            number = getattr(record, "number", None)
            return (
                f"{number}. {value}"
                if number and attribute == "title" and hasattr(record, "axis_id")
                else value
            )
    return str(getattr(record, "amount", "")) or "—"

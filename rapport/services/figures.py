"""Figures several events at once, in a fixed number of queries whatever their number.

The rules are those of ``actions.services.programme.action_figures`` (one event at a
time there): participants are the people marked present, else the total reported for
events held before online registration, else the busiest day's reported attendance;
satisfaction adds online answers and paper questionnaires on the four-level scale.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from actions.models import (
    PaperSatisfactionCount,
    Rating,
    Registration,
    SatisfactionResponse,
)
from actions.services.attendance import participants_by_event as attendance_participants


def changelist_url(model, **params):
    """The admin list of ``model`` with ``params`` as its filters."""
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def participants_by_event(events):
    """{event pk: participants} for ``events`` (objects with ``reported_participants``);
    the rule is the agenda's own (``actions.services.attendance``). Two queries."""
    return attendance_participants({event.pk: event.reported_participants for event in events})


def registrations_by_event(ids):
    """{event pk: confirmed registrations}. One query."""
    if not ids:
        return {}
    return dict(
        Registration.objects.confirmed()
        .filter(event__in=ids)
        .values("event")
        .annotate(n=Count("pk"))
        .values_list("event", "n")
    )


@dataclass
class Satisfaction:
    counts: dict = field(default_factory=lambda: dict.fromkeys(Rating.values, 0))

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def mean(self):
        if not self.total:
            return None
        points = sum(value * n for value, n in self.counts.items())
        return (Decimal(points) / self.total).quantize(Decimal("0.1"))

    @property
    def levels(self):
        return [(Rating(value).label, self.counts[value]) for value in sorted(self.counts)[::-1]]

    @property
    def sentence(self):
        """E.g. "10 returned: 7 very satisfied, 3 fairly satisfied"."""
        if not self.total:
            return _("No questionnaire returned.")
        detail = ", ".join(f"{n} {label}" for label, n in self.levels if n)
        return _("%(total)d returned: %(detail)s") % {"total": self.total, "detail": detail}


def satisfaction_by_event(ids):
    """{event pk: Satisfaction}, online and paper answers added. Two queries."""
    result = defaultdict(Satisfaction)
    if not ids:
        return result
    online = (
        SatisfactionResponse.objects.filter(event__in=ids)
        .values("event", "rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in online:
        result[row["event"]].counts[row["rating"]] += row["n"]
    paper = (
        PaperSatisfactionCount.objects.filter(event__in=ids)
        .values("event", "rating")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in paper:
        result[row["event"]].counts[row["rating"]] += row["n"] or 0
    return result

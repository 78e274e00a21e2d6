"""Public API of the visitor statistics (read by the dashboard and the annual report).

Reading (all dates inclusive, ``datetime.date``):

- ``monthly_history(year)`` → ``MonthlyHistory``: a list of 12 ``MonthRow`` (January
  to December, zeros for months without data) with ``.total``, a ``MonthRow`` whose
  ``month`` is None. This is the table of the 2008 activity report.
- ``visits_by_month(start, end)`` → list of ``MonthRow``, one per month from the
  month of ``start`` to the month of ``end`` (for charts).
- ``top_pages(start, end, limit=10)`` → list of ``PathRow(path, views)``, most viewed first.
- ``top_downloads(start, end, limit=10)`` → list of ``PathRow(path, views)`` for downloads.
- ``top_referrers(start, end, limit=10)`` → list of ``ReferrerRow(host, count)``.
- ``period_total(start, end)`` → one ``MonthRow`` (month None) summing the days.

Writing:

- ``fold(today=None)`` folds the raw hits of the days before today into daily
  counts, recomputes the months it touched, deletes the folded hits and applies
  the retention (``purge_old``). Idempotent, safe to rerun or run concurrently.

The estimates, honestly:

- unique visitors of a day = distinct visitor hashes of the day (IP + user agent:
  people behind one address with the same browser count once, one person on two
  devices twice);
- a visit = a run of hits of one visitor hash with no gap of 30 minutes
  (``VISIT_GAP``); a visit across midnight counts on both days;
- unique visitors of a month or a year = the SUM of the daily unique visitors,
  because the salt changes daily and no hash can be followed across days: a person
  coming on three days counts three times. It is an upper bound, close to "visits"
  on a small site, and it is what the AWStats table of 2008 also added up for its
  total;
- monthly rows imported from an earlier tool (``MonthlyTotal.source = imported``)
  keep their own figures; their unknown downloads are None, never 0. A total adds
  the known values and is None only when no month knows it (``MonthRow.imported``
  tells that some month came from the earlier tool).
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from statistiques.models import (
    DailyPath,
    DailyReferrer,
    DailyTotal,
    Hit,
    Kind,
    MonthlyTotal,
)

VISIT_GAP = timedelta(minutes=30)


@dataclass(frozen=True)
class MonthRow:
    """One line of the monthly history; ``downloads`` / ``hits`` are None when unknown."""

    month: date | None
    unique_visitors: int = 0
    visits: int = 0
    pages: int = 0
    downloads: int | None = 0
    hits: int | None = None
    imported: bool = False


@dataclass(frozen=True)
class PathRow:
    path: str
    views: int


@dataclass(frozen=True)
class ReferrerRow:
    host: str
    count: int


class MonthlyHistory(list):
    """The 12 ``MonthRow`` of a year, with ``.year`` and ``.total`` (a ``MonthRow``)."""

    def __init__(self, year, rows):
        super().__init__(rows)
        self.year = year
        self.total = sum_rows(rows)

    @property
    def has_data(self):
        return any(row.pages or row.visits or row.unique_visitors for row in self)


def _add_optional(values):
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def sum_rows(rows):
    rows = list(rows)
    return MonthRow(
        month=None,
        unique_visitors=sum(r.unique_visitors for r in rows),
        visits=sum(r.visits for r in rows),
        pages=sum(r.pages for r in rows),
        downloads=_add_optional([r.downloads for r in rows]) if rows else 0,
        hits=_add_optional([r.hits for r in rows]),
        imported=any(r.imported for r in rows),
    )


def month_start(day):
    return day.replace(day=1)


def add_months(day, months):
    """``day`` moved by ``months`` (negative: back), the day clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _months(start, end):
    month = month_start(start)
    while month <= end:
        yield month
        month = add_months(month, 1)


def _row_of(monthly):
    return MonthRow(
        month=monthly.month,
        unique_visitors=monthly.unique_visitors,
        visits=monthly.visits,
        pages=monthly.pages,
        downloads=monthly.downloads,
        hits=monthly.hits,
        imported=monthly.source == MonthlyTotal.Source.IMPORTED,
    )


def visits_by_month(start, end):
    """One ``MonthRow`` per month from ``start``'s month to ``end``'s (zeros when no data)."""
    if end < start:
        return []
    stored = {
        m.month: m
        for m in MonthlyTotal.objects.filter(month__gte=month_start(start), month__lte=end)
    }
    return [
        _row_of(stored[month]) if month in stored else MonthRow(month=month)
        for month in _months(start, end)
    ]


def monthly_history(year):
    """The 12 months of ``year`` and their total (see ``MonthlyHistory``)."""
    year = int(year)
    return MonthlyHistory(year, visits_by_month(date(year, 1, 1), date(year, 12, 31)))


def period_total(start, end):
    """The sums of the daily counts between two days (inclusive), as a ``MonthRow``."""
    sums = DailyTotal.objects.filter(day__gte=start, day__lte=end).aggregate(
        unique_visitors=Sum("unique_visitors"),
        visits=Sum("visits"),
        pages=Sum("pages"),
        downloads=Sum("downloads"),
    )
    return MonthRow(month=None, **{k: v or 0 for k, v in sums.items()})


def _top_paths(start, end, kind, limit):
    rows = (
        DailyPath.objects.filter(day__gte=start, day__lte=end, kind=kind)
        .values("path")
        .annotate(total=Sum("views"))
        .order_by("-total", "path")[:limit]
    )
    return [PathRow(row["path"], row["total"]) for row in rows]


def top_pages(start, end, limit=10):
    """The most viewed pages between two days (inclusive): ``PathRow(path, views)``."""
    return _top_paths(start, end, Kind.PAGE, limit)


def top_downloads(start, end, limit=10):
    """The most downloaded files' addresses between two days: ``PathRow(path, views)``."""
    return _top_paths(start, end, Kind.DOWNLOAD, limit)


def top_referrers(start, end, limit=10):
    """The external sites visitors came from most: ``ReferrerRow(host, count)``."""
    rows = (
        DailyReferrer.objects.filter(day__gte=start, day__lte=end)
        .values("host")
        .annotate(total=Sum("count"))
        .order_by("-total", "host")[:limit]
    )
    return [ReferrerRow(row["host"], row["total"]) for row in rows]


def years_with_data():
    """The years that have monthly figures, most recent first."""
    return sorted(
        {m.year for m in MonthlyTotal.objects.values_list("month", flat=True)}, reverse=True
    )


# Folding ------------------------------------------------------------------


def count_visits(times):
    """Visits in a sorted list of hit times of one visitor: a new one after each 30-min gap."""
    visits = 0
    previous = None
    for moment in times:
        if previous is None or moment - previous >= VISIT_GAP:
            visits += 1
        previous = moment
    return visits


def _merge(model, lookup, field, amount):
    """Add ``amount`` to ``field`` of the row matching ``lookup`` (created if missing)."""
    if not model.objects.filter(**lookup).update(**{field: F(field) + amount}):
        model.objects.create(**lookup, **{field: amount})


def fold_day(day):
    """Fold the raw hits of one day into its daily counts and delete them.

    The hits are locked (SELECT … FOR UPDATE) so that two folds running at once
    cannot count the same hit twice; counts are ADDED to existing rows, so hits
    arriving late for a day already folded are merged, not lost.
    Returns the number of hits folded.
    """
    with transaction.atomic():
        hits = list(
            Hit.objects.select_for_update()
            .filter(day=day)
            .order_by("time")
            .values_list("pk", "time", "path", "kind", "visitor", "referrer_host")
        )
        if not hits:
            return 0
        times_by_visitor = defaultdict(list)
        paths = defaultdict(int)
        referrers = defaultdict(int)
        pages = downloads = 0
        for _pk, moment, path, kind, visitor, host in hits:
            times_by_visitor[visitor].append(moment)
            paths[(path, kind)] += 1
            if kind == Kind.DOWNLOAD:
                downloads += 1
            else:
                pages += 1
            if host:
                referrers[host] += 1
        visits = sum(count_visits(times) for times in times_by_visitor.values())
        total, _ = DailyTotal.objects.select_for_update().get_or_create(day=day)
        DailyTotal.objects.filter(pk=total.pk).update(
            unique_visitors=F("unique_visitors") + len(times_by_visitor),
            visits=F("visits") + visits,
            pages=F("pages") + pages,
            downloads=F("downloads") + downloads,
        )
        for (path, kind), views in paths.items():
            _merge(DailyPath, {"day": day, "path": path, "kind": kind}, "views", views)
        for host, count in referrers.items():
            _merge(DailyReferrer, {"day": day, "host": host}, "count", count)
        Hit.objects.filter(pk__in=[h[0] for h in hits]).delete()
    return len(hits)


def refresh_months(months):
    """Recompute the folded ``MonthlyTotal`` of the given months from the daily counts."""
    for month in sorted(set(months)):
        existing = MonthlyTotal.objects.filter(month=month).first()
        if existing is not None and existing.source == MonthlyTotal.Source.IMPORTED:
            continue
        end = add_months(month, 1) - timedelta(days=1)
        sums = DailyTotal.objects.filter(day__gte=month, day__lte=end).aggregate(
            unique_visitors=Sum("unique_visitors"),
            visits=Sum("visits"),
            pages=Sum("pages"),
            downloads=Sum("downloads"),
        )
        values = {k: v or 0 for k, v in sums.items()}
        MonthlyTotal.objects.update_or_create(
            month=month, defaults={**values, "source": MonthlyTotal.Source.FOLDED}
        )


def retention_cutoff(today):
    """The first day kept: today moved back ``STATISTICS_RETENTION_MONTHS`` months."""
    return add_months(today, -settings.STATISTICS_RETENTION_MONTHS)


def purge_old(today=None):
    """Delete the daily counts (and any raw hit) older than the retention period.

    Monthly rows (four counts, no path, no hash) are kept for the annual reports.
    Returns the number of rows deleted.
    """
    cutoff = retention_cutoff(today or timezone.localdate())
    deleted = 0
    for model in (DailyTotal, DailyPath, DailyReferrer, Hit):
        deleted += model.objects.filter(day__lt=cutoff).delete()[0]
    return deleted


@dataclass(frozen=True)
class FoldResult:
    days: int
    hits: int
    purged: int


def fold(today=None, purge=True):
    """Fold every complete day (before ``today``), refresh their months, apply retention
    (unless ``purge`` is false: the admin page folds lazily and leaves retention to the
    daily run).

    Today's hits stay raw until tomorrow, so that a visitor's hash is counted once
    for the whole day.
    """
    today = today or timezone.localdate()
    days = sorted(set(Hit.objects.filter(day__lt=today).values_list("day", flat=True)))
    folded = 0
    for day in days:
        folded += fold_day(day)
    refresh_months({month_start(day) for day in days})
    purged = purge_old(today) if purge else 0
    return FoldResult(days=len(days), hits=folded, purged=purged)

"""The public API read by the report: monthly history, tops, months for charts; the demo."""

from datetime import date

import pytest

from statistiques import demo, services
from statistiques.models import DailyPath, DailyReferrer, DailyTotal, MonthlyTotal

pytestmark = pytest.mark.django_db

# The 2008 activity report's "Monthly history" (unique visitors, visits, pages).
SOURCE_2008 = [
    (0, 0, 0), (0, 0, 0), (0, 0, 0), (0, 0, 0),
    (39, 53, 99), (92, 122, 191), (183, 237, 866), (98, 115, 334),
    (204, 255, 797), (303, 377, 1082), (514, 609, 1400), (157, 178, 376),
]  # fmt: skip


class Out:
    def __init__(self):
        self.lines = []

    def write(self, text):
        self.lines.append(text)


def test_monthly_history_2008_after_demo_equals_the_source_table():
    demo.load(Out())
    demo.load(Out())  # idempotent
    history = services.monthly_history(2008)
    assert len(history) == 12
    assert [row.month for row in history] == [date(2008, m, 1) for m in range(1, 13)]
    assert [(r.unique_visitors, r.visits, r.pages) for r in history] == SOURCE_2008
    total = history.total
    assert (total.unique_visitors, total.visits, total.pages, total.hits) == (
        1590,
        1946,
        5145,
        19247,
    )
    assert total.downloads is None  # not counted in 2008: unknown, not zero
    assert all(row.downloads is None and row.imported for row in history)
    assert history[10].hits == 5110
    assert MonthlyTotal.objects.count() == 12


def test_a_year_with_no_data_gives_twelve_zero_rows():
    history = services.monthly_history(1999)
    assert len(history) == 12
    assert all((r.unique_visitors, r.visits, r.pages, r.downloads) == (0, 0, 0, 0) for r in history)
    assert (history.total.pages, history.total.downloads) == (0, 0)
    assert not history.has_data
    assert services.top_pages(date(1999, 1, 1), date(1999, 12, 31)) == []
    assert services.top_referrers(date(1999, 1, 1), date(1999, 12, 31)) == []


def test_top_pages_downloads_and_referrers_sum_over_the_period_in_order():
    for day, views in ((date(2026, 1, 5), 3), (date(2026, 1, 6), 4), (date(2026, 2, 1), 100)):
        DailyPath.objects.create(day=day, path="/agenda/", views=views)
        DailyPath.objects.create(day=day, path="/", views=5)
        DailyPath.objects.create(day=day, path="/doc/telecharger/", kind="download", views=2)
        DailyReferrer.objects.create(day=day, host="www.google.com", count=views)
        DailyReferrer.objects.create(day=day, host="www.bing.com", count=1)
    january = (date(2026, 1, 1), date(2026, 1, 31))
    assert services.top_pages(*january) == [
        services.PathRow("/", 10),
        services.PathRow("/agenda/", 7),
    ]
    assert services.top_pages(*january, limit=1) == [services.PathRow("/", 10)]
    assert services.top_downloads(*january) == [services.PathRow("/doc/telecharger/", 4)]
    assert services.top_referrers(*january) == [
        services.ReferrerRow("www.google.com", 7),
        services.ReferrerRow("www.bing.com", 2),
    ]


def test_visits_by_month_fills_the_gaps_and_spans_years():
    MonthlyTotal.objects.create(month=date(2025, 12, 1), visits=40, unique_visitors=30, pages=90)
    MonthlyTotal.objects.create(month=date(2026, 2, 1), visits=50, unique_visitors=35, pages=99)
    rows = services.visits_by_month(date(2025, 11, 15), date(2026, 2, 3))
    assert [(r.month, r.visits) for r in rows] == [
        (date(2025, 11, 1), 0),
        (date(2025, 12, 1), 40),
        (date(2026, 1, 1), 0),
        (date(2026, 2, 1), 50),
    ]
    assert services.visits_by_month(date(2026, 2, 1), date(2026, 1, 1)) == []


def test_period_total_sums_the_days():
    DailyTotal.objects.create(
        day=date(2026, 1, 1), unique_visitors=3, visits=4, pages=9, downloads=1
    )
    DailyTotal.objects.create(
        day=date(2026, 1, 2), unique_visitors=2, visits=2, pages=5, downloads=0
    )
    total = services.period_total(date(2026, 1, 1), date(2026, 1, 31))
    assert (total.unique_visitors, total.visits, total.pages, total.downloads) == (5, 6, 14, 1)
    assert services.period_total(date(2020, 1, 1), date(2020, 1, 2)).pages == 0


def test_scale_seed_writes_two_years_fast_and_twice_adds_nothing():
    from statistiques import scale

    out = Out()
    first = scale.seed(0.2, out)
    assert first["days"] == 730
    assert DailyTotal.objects.count() == 730
    assert DailyPath.objects.filter(kind="page").values("path").distinct().count() == 10
    assert MonthlyTotal.objects.count() >= 24
    assert scale.seed(0.2, out)["days"] == 0
    assert DailyTotal.objects.count() == 730

"""Folding raw hits into daily and monthly counts; retention; the command."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from statistiques.models import DailyPath, DailyReferrer, DailyTotal, Hit, MonthlyTotal
from statistiques.services import count_visits, fold, purge_old, retention_cutoff

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)


def hit(visitor, hour, minute, path="/", kind="page", referrer="", day=DAY):
    return Hit.objects.create(
        day=day,
        time=datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC),
        path=path,
        kind=kind,
        visitor=visitor,
        referrer_host=referrer,
    )


@pytest.fixture
def day_of_hits():
    # Visitor a: two visits (a gap of 45 minutes), 3 pages, from Google.
    hit("a" * 64, 9, 0, "/", referrer="www.google.com")
    hit("a" * 64, 9, 10, "/agenda/")
    hit("a" * 64, 9, 55, "/agenda/")
    # Visitor b: one visit, 1 page and 1 download, from a partner's site.
    hit("b" * 64, 14, 0, "/documentation/", referrer="www.ville-fortdefrance.fr")
    hit("b" * 64, 14, 5, "/documentation/cucs/telecharger/", kind="download")
    # Visitor c: one visit at 23:50 the next hour too (gap < 30 min).
    hit("c" * 64, 22, 50, "/", referrer="www.google.com")
    hit("c" * 64, 23, 15, "/actualites/")


def test_fold_produces_the_daily_totals_and_deletes_the_raw_hits(day_of_hits):
    result = fold(today=DAY + timedelta(days=1))
    assert (result.days, result.hits) == (1, 7)
    assert not Hit.objects.exists()
    total = DailyTotal.objects.get(day=DAY)
    assert (total.unique_visitors, total.visits, total.pages, total.downloads) == (3, 4, 6, 1)
    paths = {(p.path, p.kind): p.views for p in DailyPath.objects.filter(day=DAY)}
    assert paths == {
        ("/", "page"): 2,
        ("/agenda/", "page"): 2,
        ("/documentation/", "page"): 1,
        ("/documentation/cucs/telecharger/", "download"): 1,
        ("/actualites/", "page"): 1,
    }
    referrers = {r.host: r.count for r in DailyReferrer.objects.filter(day=DAY)}
    assert referrers == {"www.google.com": 2, "www.ville-fortdefrance.fr": 1}
    month = MonthlyTotal.objects.get(month=date(2026, 3, 1))
    assert (month.unique_visitors, month.visits, month.pages, month.downloads) == (3, 4, 6, 1)
    assert month.source == MonthlyTotal.Source.FOLDED


def test_fold_is_idempotent_and_merges_late_hits(day_of_hits):
    tomorrow = DAY + timedelta(days=1)
    fold(today=tomorrow)
    again = fold(today=tomorrow)
    assert (again.days, again.hits) == (0, 0)
    assert DailyTotal.objects.get(day=DAY).pages == 6
    # A hit recorded for that day after the fold (request across midnight) is added.
    hit("d" * 64, 23, 59, "/agenda/")
    fold(today=tomorrow)
    total = DailyTotal.objects.get(day=DAY)
    assert (total.unique_visitors, total.visits, total.pages) == (4, 5, 7)
    assert DailyPath.objects.get(day=DAY, path="/agenda/").views == 3
    assert MonthlyTotal.objects.get(month=date(2026, 3, 1)).pages == 7


def test_todays_hits_stay_raw_until_tomorrow(day_of_hits):
    result = fold(today=DAY)
    assert result.hits == 0
    assert Hit.objects.count() == 7
    assert not DailyTotal.objects.exists()


def test_months_add_daily_unique_visitors():
    hit("a" * 64, 10, 0, day=date(2026, 3, 1))
    hit("a" * 64, 10, 0, day=date(2026, 3, 2))  # same hash text, other day: other person
    hit("b" * 64, 10, 0, day=date(2026, 4, 1))
    fold(today=date(2026, 4, 2))
    march = MonthlyTotal.objects.get(month=date(2026, 3, 1))
    assert march.unique_visitors == 2
    assert MonthlyTotal.objects.get(month=date(2026, 4, 1)).unique_visitors == 1


def test_count_visits_splits_on_thirty_minute_gaps():
    t0 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    minutes = [0, 29, 58, 88, 200]
    assert count_visits([t0 + timedelta(minutes=m) for m in minutes]) == 3
    assert count_visits([]) == 0


def test_retention_drops_daily_counts_older_than_25_months_and_keeps_monthly_rows():
    today = date(2026, 11, 25)
    assert retention_cutoff(today) == date(2024, 10, 25)
    old, kept = date(2024, 10, 24), date(2024, 10, 25)
    for day in (old, kept):
        DailyTotal.objects.create(day=day, pages=5)
        DailyPath.objects.create(day=day, path="/", views=5)
        DailyReferrer.objects.create(day=day, host="www.google.com", count=1)
    MonthlyTotal.objects.create(month=date(2024, 9, 1), pages=150)
    deleted = purge_old(today)
    assert deleted == 3
    assert list(DailyTotal.objects.values_list("day", flat=True)) == [kept]
    assert list(DailyPath.objects.values_list("day", flat=True)) == [kept]
    assert list(DailyReferrer.objects.values_list("day", flat=True)) == [kept]
    assert MonthlyTotal.objects.filter(month=date(2024, 9, 1)).exists()


def test_retention_follows_the_setting(settings):
    settings.STATISTICS_RETENTION_MONTHS = 13
    assert retention_cutoff(date(2026, 3, 31)) == date(2025, 2, 28)


def test_fold_never_overwrites_an_imported_month():
    MonthlyTotal.objects.create(
        month=date(2026, 3, 1), unique_visitors=99, visits=100, pages=300, source="imported"
    )
    hit("a" * 64, 10, 0)
    fold(today=DAY + timedelta(days=1))
    assert MonthlyTotal.objects.get(month=date(2026, 3, 1)).pages == 300
    assert DailyTotal.objects.get(day=DAY).pages == 1


def test_fold_command(day_of_hits, capsys):
    call_command("fold_statistics", "--today", "2026-03-11")
    assert "Folded 7 hit(s) of 1 day(s)" in capsys.readouterr().out
    assert not Hit.objects.exists()
    with pytest.raises(SystemExit):
        call_command("fold_statistics", "--today", "hier")


def test_a_download_is_recorded_then_folded(visitor, settings, tmp_path):
    from tests.documentation.conftest import _pdf_bytes, make_document

    settings.DOCUMENTATION_FILES_ROOT = tmp_path / "private"
    settings.DOCUMENTATION_X_ACCEL_PREFIX = ""
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "newsletter"],
        }
    }
    document = make_document("Compte rendu")
    document.file.save("rapport.pdf", ContentFile(_pdf_bytes(), name="rapport.pdf"))
    response = visitor.get(document.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # sent, then closed
    visitor.get(document.get_download_url(), HTTP_USER_AGENT="Googlebot/2.1")
    recorded = Hit.objects.get()
    assert recorded.kind == "download"
    assert recorded.path == document.get_download_url()
    fold(today=recorded.day + timedelta(days=1))
    assert DailyTotal.objects.get().downloads == 1

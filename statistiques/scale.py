"""Synthetic volume for load tests: two years of daily statistics.

``seed(factor, stdout)`` writes, for the 730 days before today, one ``DailyTotal``,
``DailyPath`` rows for ``50 × factor`` paths (pages and a few downloads) and
``DailyReferrer`` rows for ``20 × factor`` hosts, then the ``MonthlyTotal`` of each
month touched. Bulk inserts; days that already have counts are left alone (real
figures are never overwritten), so running it twice adds nothing. Deterministic
(fixed random seed). At factor 1: about 40,000 rows in a few seconds.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from statistiques.models import DailyPath, DailyReferrer, DailyTotal, Kind
from statistiques.services import month_start, refresh_months

DAYS = 730
BATCH = 2000


def _paths(count):
    sections = ["documentation", "agenda", "actualites", "annuaire", "programme", "capitalisation"]
    paths = ["/", "/presentation/", "/liens-utiles/", "/documentation/les-plus-telecharges/"]
    i = 0
    while len(paths) < count:
        section = sections[i % len(sections)]
        paths.append(f"/{section}/page-{i:04d}/")
        i += 1
    return paths[:count]


def seed(factor=1, stdout=None):
    factor = max(float(factor), 0.01)
    rng = random.Random(2008)  # noqa: S311 - synthetic figures, not security
    today = timezone.localdate()
    days = [today - timedelta(days=n) for n in range(DAYS, 0, -1)]
    taken = set(DailyTotal.objects.filter(day__in=days).values_list("day", flat=True))
    days = [d for d in days if d not in taken]
    paths = _paths(max(1, round(50 * factor)))
    downloads = [
        f"/documentation/document-{i:03d}/telecharger/" for i in range(max(1, round(10 * factor)))
    ]
    hosts = [f"site-{i:02d}.example.org" for i in range(max(1, round(20 * factor)))]
    hosts[:3] = ["www.google.com", "www.bing.com", "www.facebook.com"][: len(hosts[:3])]

    totals, path_rows, referrer_rows = [], [], []
    for day in days:
        weekday_factor = 0.5 if day.weekday() >= 5 else 1.0
        uniques = max(1, int(rng.gauss(60, 15) * factor * weekday_factor))
        visits = int(uniques * rng.uniform(1.1, 1.4))
        page_views = 0
        for rank, path in enumerate(paths, start=1):
            views = int(rng.paretovariate(1.5) * visits / (rank * 4)) + rng.randint(0, 1)
            if views:
                path_rows.append(DailyPath(day=day, path=path, kind=Kind.PAGE, views=views))
                page_views += views
        day_downloads = 0
        for path in downloads:
            n = rng.randint(0, 3)
            if n:
                path_rows.append(DailyPath(day=day, path=path, kind=Kind.DOWNLOAD, views=n))
                day_downloads += n
        for rank, host in enumerate(hosts, start=1):
            n = int(visits / (rank * 3))
            if n:
                referrer_rows.append(DailyReferrer(day=day, host=host, count=n))
        totals.append(
            DailyTotal(
                day=day,
                unique_visitors=uniques,
                visits=visits,
                pages=page_views,
                downloads=day_downloads,
            )
        )
    with transaction.atomic():
        DailyTotal.objects.bulk_create(totals, batch_size=BATCH)
        DailyPath.objects.bulk_create(path_rows, batch_size=BATCH, ignore_conflicts=True)
        DailyReferrer.objects.bulk_create(referrer_rows, batch_size=BATCH, ignore_conflicts=True)
        refresh_months({month_start(d) for d in days})
    if stdout is not None:
        stdout.write(
            f"    statistiques: {len(totals)} days, {len(path_rows)} path rows, "
            f"{len(referrer_rows)} referrer rows"
        )
    return {"days": len(totals), "paths": len(path_rows), "referrers": len(referrer_rows)}

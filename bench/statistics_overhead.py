"""What recording a hit costs a page: the statistics middleware on and off.

    createdb -h 127.0.0.1 -U postgres vc_bench   # or any migrated database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vc_bench .venv/bin/python bench/statistics_overhead.py

Two measures, in one process, on the configured database:

1. middleware alone: ``StatisticsMiddleware`` wrapped around a view that returns a
   ready HTML page, called N times with statistics on and off: the difference is
   what the visitor waits for (deciding, hashing). The INSERT runs when the server
   closes the response, after the page was sent: timed apart ("insert_after_response").
2. a real page through Django's test client (``/agenda/``; the client closes the
   response, so the INSERT is included), N requests with statistics on and off,
   interleaved so that machine noise falls on both.

Reports the median and p90 per request in microseconds; raw figures go to
bench/results/statistics-<timestamp>.json. The hits it records are deleted at the end.
"""

import argparse
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villecaraibe.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["STATISTICS_FOLD_ON_NEW_DAY"] = "0"
# Plain static storage (no collectstatic manifest needed); the bench sets STATISTICS_ENABLED itself.
os.environ.setdefault("TESTING", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402

from statistiques.models import Hit  # noqa: E402
from statistiques.recording import StatisticsMiddleware  # noqa: E402

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PAGE = "<!doctype html><html><body>" + "x" * 20000 + "</body></html>"


def summary(samples):
    samples = sorted(samples)
    return {
        "n": len(samples),
        "median_us": round(statistics.median(samples) * 1e6, 1),
        "p90_us": round(samples[int(len(samples) * 0.9)] * 1e6, 1),
    }


def middleware_alone(n):
    factory = RequestFactory()
    middleware = StatisticsMiddleware(lambda request: HttpResponse(PAGE))
    timings = {True: [], False: [], "close": []}
    for i in range(n):
        for enabled in (True, False):
            settings.STATISTICS_ENABLED = enabled
            request = factory.get(
                "/agenda/",
                HTTP_USER_AGENT=BROWSER,
                REMOTE_ADDR=f"198.51.100.{i % 250}",
                HTTP_REFERER="https://www.google.com/",
            )
            request.user = AnonymousUser()
            start = time.perf_counter()
            response = middleware(request)
            timings[enabled].append(time.perf_counter() - start)
            if enabled:  # what the worker does after the page was sent: the INSERT
                start = time.perf_counter()
                response.close()
                timings["close"].append(time.perf_counter() - start)
    return timings


def real_page(n, path):
    client = Client(HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.7")
    for _ in range(20):  # warm up templates, connections, salt
        client.get(path)
    timings = {True: [], False: []}
    for _ in range(n):
        for enabled in (True, False):
            settings.STATISTICS_ENABLED = enabled
            start = time.perf_counter()
            response = client.get(path)
            timings[enabled].append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
    return timings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000, help="calls of the middleware alone")
    parser.add_argument("--pages", type=int, default=300, help="requests of the real page")
    parser.add_argument("--path", default="/agenda/")
    args = parser.parse_args()
    before = Hit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    alone = middleware_alone(args.n)
    page = real_page(args.pages, args.path)
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "middleware_alone": {
            "on": summary(alone[True]),
            "off": summary(alone[False]),
            "insert_after_response": summary(alone["close"]),
        },
        "page": {"path": args.path, "on": summary(page[True]), "off": summary(page[False])},
    }
    for part in ("middleware_alone", "page"):
        on, off = result[part]["on"]["median_us"], result[part]["off"]["median_us"]
        result[part]["overhead_median_us"] = round(on - off, 1)
    deleted = Hit.objects.filter(pk__gt=before).delete()[0]
    result["hits_recorded_and_deleted"] = deleted

    out = ROOT / "bench" / "results" / f"statistics-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

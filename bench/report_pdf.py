"""Time of the annual activity report's PDF for a busy year (100 events by default).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vc_rapport
    DEBUG=1 .venv/bin/python manage.py migrate
    .venv/bin/python bench/report_pdf.py --events 100 --registrations 20 --runs 3

Makes up the year (``rapport.busy_year.seed_year``: a programme, the events with two
sessions each, registrations, presences, satisfaction answers) in an empty year if it
has no programme yet, then requests the report's web page and its PDF through
Django's test client, in-process, as a Direction user: the view, the queries, the
template and WeasyPrint. Prints the median time of each, the SQL statements, the
PDF's size and pages, and the process's CPU time beside the wall time (on a shared
machine the wall time mostly measures the other processes); writes bench/results/report-pdf-<timestamp>.json. Target: the
PDF in under 10 s.
"""

import argparse
import io
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
os.environ.setdefault("DEBUG", "1")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--registrations", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from pypdf import PdfReader

    from actions.models import Event, Programme
    from rapport.busy_year import seed_year

    settings.ALLOWED_HOSTS = ["*"]
    if not Programme.objects.filter(year=args.year).exists():
        started = time.perf_counter()
        seed_year(args.year, events=args.events, registrations=args.registrations)
        print(f"seeded {args.year} in {time.perf_counter() - started:.1f} s")
    events = Event.objects.filter(start_date__year=args.year).count()

    user, _ = get_user_model().objects.get_or_create(
        username="bench-report", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    results = {}
    for name, url in [
        ("web page", reverse("admin:rapport_annualreport_report", args=[args.year])),
        ("pdf", reverse("admin:rapport_annualreport_pdf", args=[args.year])),
    ]:
        times, cpu = [], []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            assert response.status_code == 200, response.status_code
        results[name] = {
            "median_s": round(statistics.median(times), 2),
            "max_s": round(max(times), 2),
            # CPU time of this process: what the work costs when the machine is shared.
            "median_cpu_s": round(statistics.median(cpu), 2),
            "queries": len(queries.captured_queries),
            "bytes": len(response.content),
        }
        if name == "pdf":
            results[name]["pages"] = len(PdfReader(io.BytesIO(response.content)).pages)
        print(name, results[name])
    record = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "year": args.year,
        "events": events,
        "registrations_per_event": args.registrations,
        "runs": args.runs,
        "database": connection.vendor,
        "load_average": os.getloadavg(),
        "cpus": os.cpu_count(),
        "results": results,
        "target_pdf_s": 10,
    }
    out = ROOT / "bench" / "results" / f"report-pdf-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Latency of the documentation search page for typical French queries.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vc_bench
    DEBUG=1 .venv/bin/python manage.py seed_documents --count 100000
    .venv/bin/python bench/search_latency.py --runs 20

Each query is requested through Django's test client in-process (view, search,
facets, template), first with the facet cache emptied before every request (cold),
then with the cache kept (warm). Prints p50 and p95 in milliseconds and the number
of SQL statements, and writes bench/results/search-<timestamp>.json.
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
os.environ.setdefault("DEBUG", "1")

QUERIES = [
    "evaluation",
    "prévention de la délinquance",
    "prevention delinquance",
    "réussite éducative",
    "rénovation urbaine",
    "insertion emploi",
    "contrat de ville",
    "habitat",
]


def percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from documentation.models import Document

    client = Client(HTTP_HOST="127.0.0.1")
    results = {
        "documents": Document.objects.published().count(),
        "vendor": connection.vendor,
        "queries": {},
    }
    for mode in ("cold", "warm"):
        for q in QUERIES:
            timings, statements = [], 0
            for _ in range(args.runs):
                if mode == "cold":
                    cache.clear()
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    response = client.get("/documentation/", {"q": q})
                    timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
                statements = len(ctx.captured_queries)
            results["queries"].setdefault(q, {})[mode] = {
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(percentile(timings, 95), 1),
                "sql_statements": statements,
            }
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = ROOT / "bench" / "results" / f"search-{stamp}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(f"{results['documents']} published documents on {results['vendor']}")
    print("| query | cold p50 | cold p95 | warm p50 | warm p95 | SQL |\n|---|---|---|---|---|---|")
    for q, r in results["queries"].items():
        print(
            f"| {q} | {r['cold']['p50_ms']} | {r['cold']['p95_ms']} | "
            f"{r['warm']['p50_ms']} | {r['warm']['p95_ms']} | {r['cold']['sql_statements']}/{r['warm']['sql_statements']} |"
        )
    print(f"\nraw: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

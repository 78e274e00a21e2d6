"""Latency of the documentation search page for typical French queries.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/vc_bench
    DEBUG=1 .venv/bin/python manage.py migrate
    DEBUG=1 .venv/bin/python manage.py seed_scale --factor 1   # 100,000 documents
    .venv/bin/python bench/search_latency.py --runs 20

Each query is requested through Django's test client in-process (view, search,
facets, template rendering), first with the cache emptied before every request
(cold), then with the cache kept (warm: one untimed request fills it first, so the
facet counts and their rendered block come from it). Prints p50 and p95 in milliseconds, the number of SQL statements and how
many documents match, and writes bench/results/search-<timestamp>.json with the
machine's load average before and after (the figures are only as quiet as the
machine was).
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
# Persistent database connections, as in production (DEBUG alone would reconnect on
# every request and pay PostgreSQL's backend start and dictionary loading each time).
os.environ.setdefault("CONN_MAX_AGE", "600")

QUERIES = [
    "evaluation",
    "prévention de la délinquance",
    "prevention delinquance",
    "réussite éducative",
    "rénovation urbaine",
    "insertion emploi",
    "contrat de ville",
    "habitat",
    "CLSPD",
    "parentalité",
]


def percentile(values, pct):
    values = sorted(values)
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", nargs="*", help="measure only these queries")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from documentation.models import Document
    from documentation.services import search as search_service

    client = Client(HTTP_HOST="127.0.0.1")
    results = {
        "documents": Document.objects.published().count(),
        "vendor": connection.vendor,
        "runs": args.runs,
        "ranked_window": search_service.RANKED_WINDOW,
        "exact_rank_limit": search_service.EXACT_RANK_LIMIT,
        # The measured checkout's commit (not the current directory's).
        "commit": os.popen(f"git -C '{ROOT}' rev-parse --short HEAD").read().strip(),  # noqa: S605
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "queries": {},
    }
    queries = args.only or QUERIES
    for mode in ("cold", "warm"):
        for q in queries:
            timings, cpu, sql, statements = [], [], [], 0
            if mode == "warm":
                client.get("/documentation/", {"q": q})  # fills the facet cache, untimed
            for _ in range(args.runs):
                if mode == "cold":
                    cache.clear()
                with CaptureQueriesContext(connection) as ctx:
                    start, start_cpu = time.perf_counter(), time.process_time()
                    response = client.get("/documentation/", {"q": q})
                    timings.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
                sql.append(sum(float(x["time"]) for x in ctx.captured_queries) * 1000)
                assert response.status_code == 200
                statements = len(ctx.captured_queries)
            matches = search_service.search({"q": q}).total
            results["queries"].setdefault(q, {})["matches"] = matches
            results["queries"][q][mode] = {
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(percentile(timings, 95), 1),
                "sql_statements": statements,
                # Where the time went (medians): waiting for the SQL statements, and
                # this process's own CPU (view, template) — less sensitive to other load.
                "sql_p50_ms": round(statistics.median(sql), 1),
                "python_cpu_p50_ms": round(statistics.median(cpu), 1),
            }
    results["load_after"] = [round(x, 2) for x in os.getloadavg()]
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = ROOT / "bench" / "results" / f"search-{stamp}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(
        f"{results['documents']} published documents on {results['vendor']}, "
        f"load {results['load_before']} -> {results['load_after']}"
    )
    print(
        "| query | matches | cold p50 | cold p95 | warm p50 | warm p95 "
        "| warm SQL p50 | warm CPU p50 | statements cold/warm |\n"
        "|---|---|---|---|---|---|---|---|---|"
    )
    for q, r in results["queries"].items():
        print(
            f"| {q} | {r['matches']} | {r['cold']['p50_ms']} | {r['cold']['p95_ms']} | "
            f"{r['warm']['p50_ms']} | {r['warm']['p95_ms']} | "
            f"{r['warm']['sql_p50_ms']} | {r['warm']['python_cpu_p50_ms']} | "
            f"{r['cold']['sql_statements']}/{r['warm']['sql_statements']} |"
        )
    print(f"\nraw: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""HTTP benchmark: each public page type under gunicorn and wrk, beside a bare view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vc_bench .venv/bin/python bench/http_pages.py

Starts gunicorn (2 workers, production settings, persistent connections) on a
loopback port, runs wrk against a bare Django view of the same project and then
against each page, and reports requests/s, p50 and p99 latency, and the ratio of
each page to the bare view measured in the same run. Results go to
bench/results/http-<timestamp>.json. Needs wrk (Debian package `wrk`).
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

# One URL per public page type; detail pages are demo records (load_demo).
DEFAULT_PAGES = {
    "bare view": "/_bench/bare/",
    "home": "/",
    "page (Présentation)": "/presentation/",
    "directory list": "/annuaire/",
    "organisation": "/annuaire/organisations/adem/",
    "documentation search": "/documentation/?q=evaluation",
    "document": "/documentation/cr-prevention-recidive-2008/",
    "thesaurus": "/documentation/thesaurus/",
    "agenda": "/agenda/",
    "event (with its form)": "/agenda/forum-developpement-economique-quartiers-2027/",
    "programme": "/programme/",
    "news": "/actualites/",
    "letter archive (with its form)": "/lettre/",
    "issue": "/lettre/4/",
}


def parse_wrk(output):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    lat = {}
    for pct, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M):
        factor = {"us": 0.001, "ms": 1, "s": 1000}[unit]
        lat[f"p{pct}_ms"] = round(float(value) * factor, 2)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {"requests_per_s": rps, **lat, "errors": int(non2xx.group(1)) if non2xx else 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--page-cache-seconds",
        type=int,
        default=None,
        help="PAGE_CACHE_SECONDS for the server (0: every page rendered live)",
    )
    parser.add_argument("--only", help="comma-separated page names (the bare view always runs)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt install wrk)")
    if not args.port:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            args.port = sock.getsockname()[1]

    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "BENCHMARK_VIEWS": "1",
        "LOG_LEVEL": "WARNING",
    }
    if args.page_cache_seconds is not None:
        env["PAGE_CACHE_SECONDS"] = str(args.page_cache_seconds)
    pages = DEFAULT_PAGES
    if args.only:
        wanted = {"bare view", *args.only.split(",")}
        pages = {k: v for k, v in DEFAULT_PAGES.items() if k in wanted}
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "villecaraibe.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/sante/", timeout=1)  # noqa: S310 - loopback only
                break
            except Exception:
                if server.poll() is not None:
                    sys.exit("gunicorn did not start")
                time.sleep(0.2)
        results = {}
        for name, path in pages.items():
            try:
                # Each gunicorn worker has its own page cache: fill both, then look.
                for _ in range(args.workers * 2):
                    urllib.request.urlopen(base + path, timeout=10)  # noqa: S310 - loopback
                reply = urllib.request.urlopen(base + path, timeout=10)  # noqa: S310
                status = reply.status
                cache = reply.headers.get("X-Page-Cache", "not cached")
            except Exception as exc:
                results[name] = {"path": path, "skipped": str(exc)}
                continue
            # Warm up, then measure.
            subprocess.run(
                ["wrk", "-t2", "-c4", "-d2s", base + path], capture_output=True, check=True
            )
            out = subprocess.run(
                [
                    "wrk",
                    "-t2",
                    f"-c{args.connections}",
                    f"-d{args.duration}s",
                    "--latency",
                    base + path,
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results[name] = {"path": path, "status": status, "page_cache": cache, **parse_wrk(out)}
        bare = results["bare view"]["requests_per_s"]
        for r in results.values():
            if "requests_per_s" in r:
                r["ratio_to_bare"] = round(r["requests_per_s"] / bare, 3)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out_file = ROOT / "bench" / "results" / f"http-{stamp}.json"
    meta = {
        "connections": args.connections,
        "duration_s": args.duration,
        "workers": args.workers,
        "database": os.environ.get("DATABASE_URL", "sqlite (default)").split("@")[-1],
        "page_cache_seconds": env.get("PAGE_CACHE_SECONDS", "600 (default)"),
        "load_avg_start": os.getloadavg(),
    }
    out_file.write_text(
        json.dumps({"meta": meta, "results": results}, indent=1, ensure_ascii=False)
    )
    print("| page | cache | req/s | p50 ms | p99 ms | ratio to bare |\n|---|---|---|---|---|---|")
    for name, r in results.items():
        if "requests_per_s" in r:
            print(
                f"| {name} | {r.get('page_cache', '')} | {r['requests_per_s']:.0f} | {r.get('p50_ms')}"
                f" | {r.get('p99_ms')} | {r['ratio_to_bare']:.2f} |"
            )
        else:
            print(f"| {name} | skipped: {r['skipped'][:40]} | | | |")
    print(f"\nraw: {out_file.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

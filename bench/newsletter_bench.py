"""Newsletter sending benchmark: this project beside django-newsletter, same sink, same run.

    .venv/bin/python bench/newsletter_bench.py                     # 1,000 / 10,000 / 50,000
    .venv/bin/python bench/newsletter_bench.py --sizes 1000 --scenario-size 2000

For each N, both senders send one issue to N confirmed subscribers through the
loopback SMTP sink (tests/newsletter/smtp_sink.py, a copy of
shared/bench/newsletter_sink.py), on PostgreSQL (databases ``vc_bench_nl`` and
``vc_bench_peer``, created if missing). Each send runs in a fresh worker process that
reports its wall time, its SQL statements (``connection.execute_wrapper``) and its peak
RSS (``ru_maxrss``); the sink counts messages, SMTP connections, recipients and
duplicates. Then the failure scenarios of this project's sender (worker killed with
KILL, TERM or INT half-way and restarted; two workers at once; a 451 answer from the
server) are run with real processes, and the sink says whether anybody was missed
or served twice.

The peer: ``bench/.peer-venv`` (gitignored, created here on first use) holds
django-newsletter and the Django it supports (5.2: it does not run on this project's
Django); a minimal peer project is generated into a temporary folder. Its code is not
part of this repository. Results: bench/results/newsletter-<timestamp>.json.
"""

import argparse
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SINK = ROOT / "tests" / "newsletter" / "smtp_sink.py"
PEER_VENV = ROOT / "bench" / ".peer-venv"
PEER_REQUIREMENTS = [
    "django-newsletter==1.2.1",
    "Django>=5.2,<5.3",
    "sorl-thumbnail",  # its image field needs a thumbnailer
    "psycopg2-binary",
]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
OURS_DB, PEER_DB = "vc_bench_nl", "vc_bench_peer"
BATCH = 100


# ----------------------------------------------------------------------------- helpers


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    """The counting SMTP sink in its own process, with a fresh count."""

    def __init__(self, workdir, *extra):
        self.port = free_port()
        self.stats_path = Path(workdir) / f"sink-{self.port}.json"
        self.samples = Path(workdir) / f"samples-{self.port}"
        ready = Path(workdir) / f"ready-{self.port}"
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, str(SINK), "--port", str(self.port), "--stats", str(self.stats_path)]
            + ["--samples", str(self.samples), "--ready-file", str(ready)]
            + ["--max-seconds", "1800", *extra]
        )
        deadline = time.monotonic() + 20
        while not ready.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the SMTP sink did not start")
            time.sleep(0.05)

    def stats(self):
        try:
            return json.loads(self.stats_path.read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return {"messages": 0}

    def stop(self):
        self.process.terminate()
        self.process.wait(30)
        stats = self.stats()
        stats.pop("samples", None)
        return stats

    def list_unsubscribe(self):
        try:
            return self.stats()["samples"][0]["headers"].get("List-Unsubscribe", "")
        except (KeyError, IndexError):
            return ""


def ensure_database(name):
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def ours_env(port, journal, **extra):
    return {
        **os.environ,
        "DATABASE_URL": f"{PG}/{OURS_DB}",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "SITE_URL": "https://www.villecaraibe.com",
        "NEWSLETTER_JOURNAL_DIR": str(journal),
        "NEWSLETTER_BATCH_SIZE": str(BATCH),
        "NEWSLETTER_RETRY_DELAY": "0",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def run_json(cmd, env, cwd=ROOT, timeout=3600):
    out = subprocess.run(  # noqa: S603
        cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    if out.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ this project's side


def _setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villecaraibe.settings")
    import django

    django.setup()


def ours_prepare(n, *, start=True):
    """(In this process.) Empty the newsletter tables, add n subscribers and one issue."""
    _setup_django()
    import datetime

    from django.db import connection

    from newsletter.models import Delivery, Issue, Subscriber
    from newsletter.services import sending

    with connection.cursor() as cursor:
        tables = ", ".join(m._meta.db_table for m in (Delivery, Issue, Subscriber))
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    Subscriber.objects.bulk_create(
        [
            Subscriber(email=f"lecteur{i}@example.org", status="confirmed", source="import")
            for i in range(n)
        ],
        batch_size=5000,
    )
    issue = Issue.objects.create(
        number=1,
        date=datetime.date(2008, 11, 14),
        subject="L'évaluation des CUCS",
        introduction="<p>Bonjour à toutes et à tous. " + "La cohésion se construit. " * 40 + "</p>",
    )
    if start:
        sending.start_sending(issue, enqueue=False)
    return issue


def ours_worker(issue_id, start=True):
    """(In a fresh worker process.) Freeze and send the issue; report time, SQL, RSS."""
    _setup_django()
    from django.db import connection

    from newsletter.models import Issue
    from newsletter.services import sending

    statements = [0]

    def count(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)

    issue = Issue.objects.get(pk=issue_id)
    with connection.execute_wrapper(count):
        cpu_before = cpu_seconds()
        began_at = time.time()
        began = time.perf_counter()
        recipients = sending.start_sending(issue, enqueue=False) if start else 0
        report = sending.send_pending(issue.pk)
        elapsed = time.perf_counter() - began
    print(
        json.dumps(
            {
                "recipients": recipients,
                "sent": report.sent,
                "finished": report.finished,
                "elapsed_s": round(elapsed, 3),
                "sql_statements": statements[0],
                "smtp_connections_reported": report.connections,
                "peak_rss_kb": peak_rss_kb(),
                "cpu_s": round(cpu_seconds() - cpu_before, 3),
                "began": began_at,
                "ended": time.time(),
            }
        )
    )


def peak_rss_kb():
    """This process's own peak RSS (VmHWM). Not ``ru_maxrss``: Linux carries that over
    exec from the forking parent, which here holds the N subscribers it just created."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def cpu_seconds():
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_ours(n, workdir, workers=1):
    """One worker freezes and sends; with ``workers`` > 1 the issue is frozen first and
    that many worker processes send it together (``NEWSLETTER_WORKERS``)."""
    issue = ours_prepare(n, start=False)
    start_statements = 0
    if workers > 1:
        from django.db import connection

        from newsletter.services import sending

        counted = []
        with connection.execute_wrapper(lambda execute, *a: counted.append(1) or execute(*a)):
            sending.start_sending(issue, enqueue=False)
        start_statements = len(counted)
    sink = Sink(workdir)
    env = ours_env(sink.port, Path(workdir) / "journal")
    try:
        processes = [
            subprocess.Popen(  # noqa: S603
                [sys.executable, __file__, "_ours_worker", str(issue.pk), str(int(workers == 1))],
                env=env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(workers)
        ]
        reports = [
            json.loads(p.communicate(timeout=3600)[0].strip().splitlines()[-1]) for p in processes
        ]
        unsubscribe = sink.list_unsubscribe()
    finally:
        stats = sink.stop()
    worker = {
        "workers": workers,
        "recipients": n,
        "sent": sum(r["sent"] for r in reports),
        "finished": any(r["finished"] for r in reports),
        "elapsed_s": round(max(r["ended"] for r in reports) - min(r["began"] for r in reports), 3),
        "sql_statements": sum(r["sql_statements"] for r in reports) + start_statements,
        "smtp_connections_reported": sum(r["smtp_connections_reported"] for r in reports),
        "peak_rss_kb": max(r["peak_rss_kb"] for r in reports),
        "cpu_s": round(sum(r["cpu_s"] for r in reports), 3),
    }
    return summarise(n, worker, stats, unsubscribe)


def summarise(n, worker, stats, unsubscribe=""):
    messages = stats.get("messages", 0)
    result = {
        "n": n,
        **worker,
        "messages_per_s": round(messages / worker["elapsed_s"], 1) if worker["elapsed_s"] else None,
        # Load on the shared machine changes wall time; CPU time of the worker much less.
        "messages_per_cpu_s": round(messages / worker["cpu_s"], 1) if worker["cpu_s"] else None,
        "sql_per_message": round(worker["sql_statements"] / max(messages, 1), 4),
        "sink": stats,
        "missing": n - stats.get("unique_recipients", 0),
        "duplicates": stats.get("dup_recipients", 0),
    }
    if unsubscribe:
        result["list_unsubscribe"] = unsubscribe
        result["list_unsubscribe_url_chars"] = len(unsubscribe.strip().strip("<>"))
    return result


# ------------------------------------------------------------------------ the scenarios


def scenario(kind, n, workdir):
    """KILL / TERM / INT half-way then a restart, two workers at once, or 451 answers."""
    ours_prepare(n)
    journal = Path(workdir) / f"journal-{kind}"
    sink = Sink(workdir, *(["--tempfail-every", "50"] if kind == "451" else []))
    env = ours_env(sink.port, journal)
    command = [sys.executable, str(ROOT / "manage.py"), "send_due_issues", "--issue", "1"]
    outputs = []
    began = time.perf_counter()
    try:
        if kind in ("KILL", "TERM", "INT"):
            worker = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE)  # noqa: S603
            deadline = time.monotonic() + 600
            while sink.stats().get("messages", 0) < n // 2 and time.monotonic() < deadline:
                time.sleep(0.02)
            at = sink.stats().get("messages", 0)
            worker.send_signal(getattr(signal, f"SIG{kind}"))
            outputs.append(worker.communicate(timeout=120)[0].decode())
            time.sleep(0.5)
            before_restart = sink.stats().get("messages", 0)
            restart = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=900)  # noqa: S603
            outputs.append(restart.stdout.decode() + restart.stderr.decode()[-2000:])
            extra = {"signalled_at_messages": at, "sent_before_restart": before_restart}
        elif kind == "two workers":
            workers = [
                subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE)  # noqa: S603
                for _ in range(2)
            ]
            outputs = [w.communicate(timeout=900)[0].decode() for w in workers]
            extra = {}
        else:  # 451: the first run defers them; the next run, once the delay passed, sends
            from newsletter.models import Delivery

            run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=900)  # noqa: S603
            outputs.append(run.stdout.decode() + run.stderr.decode()[-2000:])
            deferred = Delivery.objects.filter(status="queued", attempts=1, smtp_code=451)
            extra = {"deferred_after_first_run": deferred.count()}
            deferred.update(next_attempt_at=None)  # NEWSLETTER_RETRY_DELAY has passed
            run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=900)  # noqa: S603
            outputs.append(run.stdout.decode() + run.stderr.decode()[-2000:])
        time.sleep(0.5)
    finally:
        stats = sink.stop()
    from newsletter.models import Delivery

    return {
        "scenario": kind,
        "n": n,
        "elapsed_s": round(time.perf_counter() - began, 2),
        **extra,
        "missing": n - stats.get("unique_recipients", 0),
        "duplicates": stats.get("dup_recipients", 0),
        "tempfails_answered": stats.get("tempfails_sent", 0),
        "smtp_connections": stats.get("connections"),
        "db_sent": Delivery.objects.filter(status="sent").count(),
        "worker_output": [o.strip()[-300:] for o in outputs],
    }


# -------------------------------------------------------------------------- the peer


PEER_SETTINGS = """
import os
SECRET_KEY = "bench-peer-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
SITE_ID = 1
INSTALLED_APPS = [
    "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sites",
    "sorl.thumbnail", "newsletter",
]
DATABASES = {"default": {
    "ENGINE": "django.db.backends.postgresql", "NAME": os.environ["PEER_DB"],
    "HOST": "127.0.0.1", "PORT": 5432, "USER": "postgres",
}}
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
              "APP_DIRS": True, "OPTIONS": {}}]
ROOT_URLCONF = "peer_urls"
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("SINK_PORT", "25"))
DEFAULT_FROM_EMAIL = "lettre@villecaraibe.com"
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
LOGGING_CONFIG = None
"""

PEER_URLS = """
from django.urls import include, path
urlpatterns = [path("newsletter/", include("newsletter.urls"))]
"""

PEER_RUNNER = """
import json, os, resource, sys, time
import django
django.setup()
from django.db import connection
from django.utils import timezone
from datetime import timedelta
from newsletter.models import Article, Message, Newsletter, Submission, Subscription

action, n = sys.argv[1], int(sys.argv[2])

def peak_rss_kb():  # VmHWM: ru_maxrss would carry the parent's peak over exec
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0

if action == "prepare":
    with connection.cursor() as c:
        c.execute("TRUNCATE newsletter_submission, newsletter_submission_subscriptions,"
                  " newsletter_article, newsletter_message, newsletter_subscription,"
                  " newsletter_newsletter, newsletter_newsletter_site RESTART IDENTITY CASCADE")
    from django.contrib.sites.models import Site
    Site.objects.update_or_create(pk=1, defaults={"domain": "www.villecaraibe.com", "name": "VC"})
    letter = Newsletter.objects.create(title="La lettre", slug="lettre",
                                       email="lettre@villecaraibe.com", sender="Ville caraïbe")
    Subscription.objects.bulk_create([
        Subscription(newsletter=letter, email_field=f"lecteur{i}@example.org", subscribed=True,
                     subscribe_date=timezone.now())
        for i in range(n)], batch_size=5000)
    message = Message.objects.create(title="L'évaluation des CUCS", slug="n1", newsletter=letter)
    Article.objects.create(post=message, sortorder=10, title="Bonjour",
                           text="Bonjour à toutes et à tous. " + "La cohésion se construit. " * 40)
    print(json.dumps({"subscriptions": Subscription.objects.count()}))
else:
    statements = [0]
    def count(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)
    message = Message.objects.get()
    def cpu():
        u = resource.getrusage(resource.RUSAGE_SELF)
        return u.ru_utime + u.ru_stime
    with connection.execute_wrapper(count):
        cpu_before = cpu()
        began = time.perf_counter()
        submission = Submission.from_message(message)
        Submission.objects.filter(pk=submission.pk).update(
            prepared=True, publish_date=timezone.now() - timedelta(seconds=1))
        Submission.submit_queue()
        elapsed = time.perf_counter() - began
    print(json.dumps({"recipients": n, "elapsed_s": round(elapsed, 3),
                      "sql_statements": statements[0], "cpu_s": round(cpu() - cpu_before, 3),
                      "peak_rss_kb": peak_rss_kb()}))
"""


def peer_python():
    python = PEER_VENV / "bin" / "python"
    marker = PEER_VENV / "requirements.txt"
    if python.exists() and (
        not marker.exists() or marker.read_text() != "\n".join(PEER_REQUIREMENTS)
    ):
        subprocess.run(  # noqa: S603
            [str(PEER_VENV / "bin" / "pip"), "install", "-q", *PEER_REQUIREMENTS], check=True
        )
        marker.write_text("\n".join(PEER_REQUIREMENTS))
    if not python.exists():
        base = next(
            (
                p
                for p in ("python3.12", "python3.11")
                if subprocess.run(["which", p], capture_output=True).returncode == 0
            ),  # noqa: S603,S607
            None,
        )
        pyenv = sorted(Path("~/.pyenv/versions").expanduser().glob("3.1[12].*/bin/python3"))
        base = str(pyenv[-1]) if pyenv else base
        if not base:
            sys.exit("django-newsletter needs python3.11 or 3.12 for its venv")
        subprocess.run([base, "-m", "venv", str(PEER_VENV)], check=True)  # noqa: S603
        subprocess.run(  # noqa: S603
            [str(PEER_VENV / "bin" / "pip"), "install", "-q", *PEER_REQUIREMENTS], check=True
        )
    return str(python)


def peer_project(workdir):
    folder = Path(workdir) / "peer"
    folder.mkdir(exist_ok=True)
    (folder / "peer_settings.py").write_text(textwrap.dedent(PEER_SETTINGS))
    (folder / "peer_urls.py").write_text(textwrap.dedent(PEER_URLS))
    (folder / "peer_run.py").write_text(textwrap.dedent(PEER_RUNNER))
    return folder


def peer_env(folder, port=25):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "peer_settings",
        "PYTHONPATH": str(folder),
        "PEER_DB": PEER_DB,
        "SINK_PORT": str(port),
    }


def run_peer(n, workdir, python, folder):
    run_json([python, "peer_run.py", "prepare", str(n)], peer_env(folder), cwd=folder)
    sink = Sink(workdir)
    try:
        worker = run_json(
            [python, "peer_run.py", "send", str(n)], peer_env(folder, sink.port), cwd=folder
        )
        unsubscribe = sink.list_unsubscribe()
    finally:
        stats = sink.stop()
    return summarise(n, worker, stats, unsubscribe)


# ------------------------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument(
        "--peer-sizes", default=None, help="sizes for django-newsletter (default: --sizes)"
    )
    parser.add_argument("--scenario-size", type=int, default=10000)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument(
        "--parallel-sizes", default="10000", help="sizes also sent by 2 workers at once"
    )
    parser.add_argument("--no-scenarios", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    peer_sizes = {int(s) for s in (args.peer_sizes or args.sizes).split(",")}

    ensure_database(OURS_DB)
    env = ours_env(0, "/tmp")  # noqa: S108 - migrate only
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)  # noqa: S603
    os.environ.update({"DATABASE_URL": env["DATABASE_URL"], "DEBUG": "0"})
    os.environ.update({"SECRET_KEY": env["SECRET_KEY"], "SITE_URL": env["SITE_URL"]})
    results = {"ours": [], "peer": [], "scenarios": []}
    with tempfile.TemporaryDirectory(prefix="nl-bench-") as workdir:
        if not args.no_peer:
            ensure_database(PEER_DB)
            python = peer_python()
            folder = peer_project(workdir)
            subprocess.run(  # noqa: S603
                [python, "-m", "django", "migrate", "-v0"],
                env=peer_env(folder),
                cwd=folder,
                check=True,
            )
        for n in sizes:
            ours = run_ours(n, workdir)
            results["ours"].append(ours)
            print(
                f"ours  N={n}: {ours['messages_per_s']} msg/s, {ours['sql_per_message']} SQL/msg,"
                f" {ours['sink']['connections']} connections, RSS {ours['peak_rss_kb']} KB,"
                f" missing {ours['missing']}, duplicates {ours['duplicates']}",
                flush=True,
            )
            if not args.no_peer and n in peer_sizes:
                peer = run_peer(n, workdir, python, folder)
                results["peer"].append(peer)
                print(
                    f"peer  N={n}: {peer['messages_per_s']} msg/s, {peer['sql_per_message']} SQL/msg,"
                    f" {peer['sink']['connections']} connections, RSS {peer['peak_rss_kb']} KB,"
                    f" missing {peer['missing']}, duplicates {peer['duplicates']}",
                    flush=True,
                )
                ours["ratio_to_peer"] = round(ours["messages_per_s"] / peer["messages_per_s"], 1)
                ours["cpu_ratio_to_peer"] = round(
                    ours["messages_per_cpu_s"] / peer["messages_per_cpu_s"], 1
                )
        for n in [int(x) for x in args.parallel_sizes.split(",") if x]:
            two = run_ours(n, workdir, workers=2)
            peer = next((p for p in results["peer"] if p["n"] == n), None)
            if peer:
                two["ratio_to_peer"] = round(two["messages_per_s"] / peer["messages_per_s"], 1)
            results.setdefault("ours_two_workers", []).append(two)
            print(f"ours, 2 workers, N={n}: {two['messages_per_s']} msg/s", flush=True)
        if not args.no_scenarios:
            for kind in ("KILL", "TERM", "INT", "two workers", "451"):
                outcome = scenario(kind, args.scenario_size, workdir)
                results["scenarios"].append(outcome)
                print(
                    f"scenario {kind}: missing {outcome['missing']},"
                    f" duplicates {outcome['duplicates']}, 451s {outcome['tempfails_answered']}",
                    flush=True,
                )

    checks = {}
    ours = {r["n"]: r for r in results["ours"]}
    for n, r in ours.items():
        checks[f"N={n}: SQL per message <= 1"] = r["sql_per_message"] <= 1
        checks[f"N={n}: SMTP connections <= ceil(N/{BATCH})"] = r["sink"][
            "connections"
        ] <= math.ceil(n / BATCH)
        checks[f"N={n}: no missing, no duplicate"] = r["missing"] == 0 and r["duplicates"] == 0
        checks[f"N={n}: List-Unsubscribe URL <= 74 chars"] = (
            r.get("list_unsubscribe_url_chars", 99) <= 74
        )
        if "ratio_to_peer" in r:
            checks[f"N={n}: >= 5x django-newsletter"] = r["ratio_to_peer"] >= 5
    if min(ours) != max(ours):
        grow = (ours[max(ours)]["peak_rss_kb"] - ours[min(ours)]["peak_rss_kb"]) / 1024
        results["peak_rss_growth_mb"] = round(grow, 2)
        checks[f"peak RSS at N={max(ours)} within 10 MB of N={min(ours)}"] = grow <= 10
    for s in results["scenarios"]:
        checks[f"{s['scenario']}: no missing, no duplicate"] = (
            s["missing"] == 0 and s["duplicates"] == 0
        )
        if s["scenario"] == "451":
            checks["451 retried"] = s["tempfails_answered"] > 0 and s["missing"] == 0
    results["checks"] = checks
    results["meta"] = {
        "batch_size": BATCH,
        "database": "PostgreSQL",
        "peer": "django-newsletter 1.2.1 on Django 5.2 (bench/.peer-venv)",
        "cpus": os.cpu_count(),
        "load_avg_start": os.getloadavg(),
    }
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = ROOT / "bench" / "results" / f"newsletter-{stamp}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    for name, ok in checks.items():
        print(("PASS " if ok else "FAIL ") + name)
    print(f"\nraw: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_ours_worker":
        ours_worker(int(sys.argv[2]), start=sys.argv[3] == "1")
    else:
        main()

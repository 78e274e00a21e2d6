"""Real worker processes: killed half-way (SIGKILL, SIGTERM) and restarted, two at
once, and the RQ path with a real ``rqworker`` — against the loopback SMTP sink.

They need a database that another process can open: PostgreSQL (CI runs the suite on
it too). The RQ test also needs the Redis at 127.0.0.1:6379 and is skipped without it.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from newsletter.models import Delivery, Issue
from newsletter.services import sending

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("worker processes need a database they can share: PostgreSQL")


def child_env(sink, tmp_path, **extra):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
        "SITE_URL": "https://www.villecaraibe.com",
        "NEWSLETTER_JOURNAL_DIR": str(tmp_path / "journal"),
        "NEWSLETTER_BATCH_SIZE": "10",
        "DEBUG": "0",
        "SECRET_KEY": "tests-only-not-secret",
        "TESTING": "1",
    }
    env.update(extra)
    return env


def worker(env, issue):
    return subprocess.Popen(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "send_due_issues", "--issue", str(issue.number)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_worker_killed_half_way_then_restarted_sends_each_exactly_once(
    sig, sink, subscribers, issue, tmp_path
):
    subscribers(120)
    sending.start_sending(issue, enqueue=False)
    slow = child_env(sink, tmp_path, NEWSLETTER_RATE_LIMIT="40")
    process = worker(slow, issue)
    assert wait_for(lambda: sink.stats().get("messages", 0) >= 45), process.stdout.read()
    process.send_signal(sig)
    process.wait(30)
    accepted = sink.wait(0)["messages"]
    assert 0 < accepted < 120
    restarted = worker(child_env(sink, tmp_path), issue)
    output = restarted.communicate(timeout=60)[0].decode()
    assert restarted.returncode == 0, output
    stats = sink.wait(120)
    assert stats["unique_recipients"] == 120, (stats, output)
    assert stats["dup_recipients"] == 0, stats.get("dup_examples")
    assert Delivery.objects.filter(issue=issue, status="sent").count() == 120
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_two_worker_processes_at_once(sink, subscribers, issue, tmp_path):
    subscribers(200)
    sending.start_sending(issue, enqueue=False)
    env = child_env(sink, tmp_path, NEWSLETTER_BATCH_SIZE="5")
    processes = [worker(env, issue) for _ in range(2)]
    outputs = [p.communicate(timeout=90)[0].decode() for p in processes]
    stats = sink.wait(200)
    assert stats["unique_recipients"] == 200, outputs
    assert stats["dup_recipients"] == 0
    assert all(" sent" in out for out in outputs)


def redis_reachable():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def test_rq_backend_with_a_real_worker(sink, subscribers, issue, tmp_path, settings):
    if not redis_reachable():
        pytest.skip("no Redis at 127.0.0.1:6379")
    import django_rq

    # A Redis database of its own, emptied before and after.
    url = "redis://127.0.0.1:6379/11"
    queue_name = "newsletter"
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "django_rq", "django_tasks_rq"]
    settings.RQ_QUEUES = {queue_name: {"URL": url}, "default": {"URL": url}}
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name, "default"]}
    }
    django_rq.get_connection(queue_name).flushdb()
    subscribers(30)
    from newsletter.tasks import send_issue_task

    sending.start_sending(issue, enqueue=False)
    result = send_issue_task.enqueue(issue.pk)
    assert result.status == "READY"
    assert sink.stats()["messages"] == 0  # nothing sent by this process
    env = child_env(
        sink,
        tmp_path,
        TASKS_BACKEND="django_tasks_rq.RQBackend",
        RQ_URL=url,
    )
    process = subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "rqworker",
            queue_name,
            "--burst",
            "--job-class",
            "django_tasks_rq.Job",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    output = process.stdout.decode() + process.stderr.decode()
    stats = sink.wait(30)
    try:
        assert stats["unique_recipients"] == 30, output
        assert stats["dup_recipients"] == 0
        issue.refresh_from_db()
        assert issue.status == Issue.Status.SENT
    finally:
        django_rq.get_connection(queue_name).flushdb()

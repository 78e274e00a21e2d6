"""Fixtures of the newsletter tests: a real SMTP server on loopback (the vendored
counting sink, ``smtp_sink.py``, a copy of shared/bench/newsletter_sink.py) and mail
settings pointing at it."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

SINK = Path(__file__).with_name("smtp_sink.py")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    def __init__(self, tmp_path, *args):
        self.port = free_port()
        self.stats_path = tmp_path / f"sink-{self.port}.json"
        self.samples = tmp_path / f"samples-{self.port}"
        ready = tmp_path / f"ready-{self.port}"
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                str(SINK),
                "--port",
                str(self.port),
                "--stats",
                str(self.stats_path),
                "--samples",
                str(self.samples),
                "--ready-file",
                str(ready),
                "--max-seconds",
                "120",
                *args,
            ],
        )
        deadline = time.monotonic() + 15
        while not ready.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the SMTP sink did not start")
            time.sleep(0.05)

    def stats(self):
        try:
            return json.loads(self.stats_path.read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            return {"messages": 0, "unique_recipients": 0, "connections": 0}

    def wait(self, messages, timeout=10):
        """Stats once at least ``messages`` arrived and the file is fresh."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            stats = self.stats()
            if stats.get("messages", 0) >= messages:
                time.sleep(0.3)  # let a last write land
                return self.stats()
            time.sleep(0.05)
        return self.stats()

    def stop(self):
        self.process.terminate()
        self.process.wait(10)
        return self.stats()

    def mailers(self):
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 10},
            }
        }


@pytest.fixture
def newsletter_settings(settings, tmp_path):
    settings.NEWSLETTER_JOURNAL_DIR = str(tmp_path / "journal")
    settings.NEWSLETTER_RETRY_DELAY = 0
    settings.SITE_URL = "https://www.villecaraibe.com"
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "newsletter"],
        }
    }
    return settings


@pytest.fixture
def sink(tmp_path, newsletter_settings):
    server = Sink(tmp_path)
    newsletter_settings.MAILERS = server.mailers()
    yield server
    server.stop()


@pytest.fixture
def tempfail_sink(tmp_path, newsletter_settings):
    server = Sink(tmp_path, "--tempfail-every", "3")
    newsletter_settings.MAILERS = server.mailers()
    yield server
    server.stop()


@pytest.fixture
def subscribers(db):
    from newsletter.models import Subscriber

    def make(n, status="confirmed", prefix="lecteur"):
        return Subscriber.objects.bulk_create(
            [
                Subscriber(email=f"{prefix}{i}@example.org", status=status, source="import")
                for i in range(n)
            ]
        )

    return make


@pytest.fixture
def issue(db):
    import datetime

    from newsletter.models import Issue

    return Issue.objects.create(
        number=1,
        date=datetime.date(2008, 11, 14),
        subject="L'évaluation des CUCS",
        introduction="<p>Bonjour à toutes et à tous.</p>",
    )


@pytest.fixture(autouse=True)
def _no_env_leak(monkeypatch):
    monkeypatch.delenv("NEWSLETTER_TEST_CRASH_AFTER", raising=False)
    yield
    os.environ.pop("NEWSLETTER_TEST_CRASH_AFTER", None)

"""Settings come from the environment and fail loudly on production mistakes."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from villecaraibe.env import env_bool, parse_database_url, parse_email_url

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    """Run `manage.py check` in a clean environment with only ``env`` set."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "PYENV_VERSION"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_check(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_starts_without_secret_key_in_debug():
    result = run_check(DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_bad_database_url_is_refused_with_a_clear_message():
    result = run_check(DEBUG="1", DATABASE_URL="mysql2://nowhere/db")
    assert result.returncode != 0
    assert "DATABASE_URL: unsupported scheme 'mysql2'" in result.stderr


def test_garbage_boolean_is_refused():
    result = run_check(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


def test_check_deploy_is_silent_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            "PATH": os.environ["PATH"],
            "HOME": os.environ.get("HOME", "/tmp"),
            "DEBUG": "0",
            "SECRET_KEY": "x" * 20 + "production-grade-secret-key-with-enough-entropy-1234567890",
            "ALLOWED_HOSTS": "villecaraibe.example.org",
            "SITE_URL": "https://villecaraibe.example.org",
            "EMAIL_URL": "smtp+tls://portail:secret@smtp.example.org:587",
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/villecaraibe",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("sqlite:////tmp/x.sqlite3", "django.db.backends.sqlite3"),
        ("postgres://postgres@127.0.0.1:5432/villecaraibe", "django.db.backends.postgresql"),
    ],
)
def test_database_url_schemes(url, engine):
    assert parse_database_url(url)["ENGINE"] == engine


def test_postgres_pool_option():
    config = parse_database_url("postgres://u@h/db", pool=True)
    assert config["OPTIONS"]["pool"]["max_size"] == 10
    assert config["CONN_MAX_AGE"] == 0


def test_postgres_url_without_database_name_is_refused():
    with pytest.raises(ImproperlyConfigured, match="names no database"):
        parse_database_url("postgres://u@h:5432")


def test_email_urls():
    smtp = parse_email_url("smtp+tls://user%40x:p%3Ass@mail.example.org:2525")
    assert smtp["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    options = smtp["OPTIONS"]
    assert options["host"] == "mail.example.org"
    assert options["port"] == 2525
    assert options["username"] == "user@x"
    assert options["password"] == "p:ss"
    assert options["use_tls"] is True
    assert parse_email_url("smtp://localhost")["OPTIONS"]["port"] == 25
    assert parse_email_url("console:")["BACKEND"].endswith("console.EmailBackend")
    files = parse_email_url("file:///tmp/mails/")
    assert files["BACKEND"].endswith("filebased.EmailBackend")
    assert files["OPTIONS"]["file_path"] == "/tmp/mails"


def test_file_email_url_writes_eml_files(tmp_path):
    from django.core.mail import EmailMessage
    from django.core.mail.backends.filebased import EmailBackend

    config = parse_email_url(f"file://{tmp_path}/")
    backend = EmailBackend(alias="test", **config["OPTIONS"])
    backend.send_messages([EmailMessage("Objet", "Corps", "a@example.org", ["b@example.org"])])
    assert len(list(tmp_path.iterdir())) == 1


@pytest.mark.parametrize("url", ["pigeon://x", "smtp://", "smtp://host:notaport"])
def test_bad_email_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        parse_email_url(url)


def test_env_bool(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", default=True) is True

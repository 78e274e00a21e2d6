"""Reading configuration from the environment.

Small helpers used by ``settings.py`` only. Every value the portal needs comes
from an environment variable, with a safe default for development and a loud
failure for production mistakes.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_database_url(url, conn_max_age=0, pool=False):
    """Turn DATABASE_URL into a DATABASES entry; refuse what we cannot serve."""
    import dj_database_url

    scheme = urlsplit(url).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL: unsupported scheme {scheme!r}; use sqlite:///path or "
            "postgres://user:password@host:port/name."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    except Exception as exc:  # dj-database-url raises ValueError and friends
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {exc}") from None
    if config["ENGINE"] == "django.db.backends.postgresql":
        if not config.get("NAME"):
            raise ImproperlyConfigured("DATABASE_URL names no database (…/name at the end).")
        if pool:
            # psycopg 3's pool: connections are kept open between requests.
            config["CONN_MAX_AGE"] = 0
            config.setdefault("OPTIONS", {})["pool"] = {"min_size": 2, "max_size": 10}
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        if not config.get("NAME"):
            raise ImproperlyConfigured("DATABASE_URL: sqlite:///path/to/file.sqlite3 needs a path.")
        config.setdefault("OPTIONS", {}).update(
            {
                # WAL lets readers work while the tasks worker writes.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            }
        )
    return config


def parse_email_url(url):
    """Turn EMAIL_URL into the default entry of Django 6.1's ``MAILERS`` setting.

    Accepted: ``smtp://user:pass@host:port``, ``smtp+tls://…`` (STARTTLS),
    ``smtp+ssl://…`` (implicit TLS), ``console:``, ``file:///folder/`` (one .eml
    file per message), ``locmem:`` (tests) and ``dummy:``.
    """
    parts = urlsplit(url)
    scheme = parts.scheme
    backends = "django.core.mail.backends."
    if scheme in {"smtp", "smtp+tls", "smtp+ssl", "smtps"}:
        if not parts.hostname:
            raise ImproperlyConfigured("EMAIL_URL: smtp:// needs a host name.")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured("EMAIL_URL: the port is not a number.") from None
        query = parse_qs(parts.query)
        try:
            timeout = int(query.get("timeout", ["30"])[0])
        except ValueError:
            raise ImproperlyConfigured("EMAIL_URL: timeout= must be a number of seconds.") from None
        return {
            "BACKEND": backends + "smtp.EmailBackend",
            "OPTIONS": {
                "host": parts.hostname,
                "port": port or {"smtp": 25, "smtp+tls": 587}.get(scheme, 465),
                "username": unquote(parts.username or ""),
                "password": unquote(parts.password or ""),
                "use_tls": scheme == "smtp+tls",
                "use_ssl": scheme in {"smtp+ssl", "smtps"},
                "timeout": timeout,
            },
        }
    if scheme == "console":
        return {"BACKEND": backends + "console.EmailBackend"}
    if scheme == "file":
        path = unquote(parts.path)
        if not path:
            raise ImproperlyConfigured("EMAIL_URL: file:///folder/ needs a folder.")
        return {
            "BACKEND": backends + "filebased.EmailBackend",
            "OPTIONS": {"file_path": str(Path(path))},
        }
    if scheme == "locmem":
        return {"BACKEND": backends + "locmem.EmailBackend"}
    if scheme == "dummy":
        return {"BACKEND": backends + "dummy.EmailBackend"}
    raise ImproperlyConfigured(
        f"EMAIL_URL: unsupported scheme {scheme!r}; use smtp://, smtp+tls://, "
        "console:, or file:///folder/."
    )

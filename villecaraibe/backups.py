"""Back up and restore the whole portal: database content and uploaded files in one archive.

The database goes through Django's serialisers (``dumpdata`` with natural keys), so
an archive made on SQLite restores on PostgreSQL and the other way round. Media
files are stored as they are. A ``manifest.json`` records the row count per model
and the migration state, and is checked before anything is overwritten.
"""

import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

# Transient or rebuilt-by-migrate tables: not worth keeping.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "django_tasks_database",
]


class BackupError(Exception):
    pass


def model_counts():
    excluded_apps = {e for e in EXCLUDED if "." not in e}
    excluded_models = {e for e in EXCLUDED if "." in e}
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in excluded_apps or label in excluded_models:
            continue
        if not model._meta.managed or model._meta.proxy:
            continue
        counts[label] = model._default_manager.count()
    return counts


def migration_state():
    return sorted(
        f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
    )


def create_backup(output=None):
    """Write the database and the media folder to one .tar.gz; return its path."""
    output = Path(output) if output else None
    if output is None or output.is_dir():
        folder = output or Path(settings.VAR_DIR) / "backups"
        folder.mkdir(parents=True, exist_ok=True)
        output = folder / f"villecaraibe-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
    data = io.StringIO()
    call_command(
        "dumpdata",
        exclude=EXCLUDED,
        natural_foreign=True,
        natural_primary=True,
        stdout=data,
        verbosity=0,
    )
    manifest = {
        "created": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "counts": model_counts(),
        "migrations": migration_state(),
    }
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(output, "w:gz") as archive:
        for name, text in [
            ("manifest.json", json.dumps(manifest, indent=1)),
            ("data.json", data.getvalue()),
        ]:
            payload = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
        if media_root.exists():
            archive.add(media_root, arcname="media")
    return output


def read_manifest(path):
    try:
        with tarfile.open(path, "r:gz") as archive:
            return json.load(archive.extractfile("manifest.json"))
    except (tarfile.TarError, KeyError, OSError, ValueError) as exc:
        raise BackupError(f"{path} is not a portal backup: {exc}") from exc


def restore_backup(path):
    """Replace the database content and the media folder with an archive's.

    The database part runs in one transaction: if loading fails, nothing changed.
    Media files are unpacked to a temporary folder first, then swapped in.
    Returns the manifest's counts.
    """
    manifest = read_manifest(path)
    missing = set(manifest["migrations"]) - set(migration_state())
    if missing:
        raise BackupError(
            f"the archive comes from a newer schema ({len(missing)} migrations unknown here); "
            "update the code and migrate first"
        )
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with tarfile.open(path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, "..", links outside, devices.
            archive.extractall(tmp, filter="data")
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=False)
            call_command("loaddata", str(tmp / "data.json"), verbosity=0)
        if media_root.exists():
            shutil.rmtree(media_root)
        if (tmp / "media").exists():
            shutil.copytree(tmp / "media", media_root)
        else:
            media_root.mkdir(parents=True, exist_ok=True)
    return manifest["counts"]

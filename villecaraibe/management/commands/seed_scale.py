"""Fill the database with a large, realistic dataset to measure the portal at scale.

    python manage.py seed_scale --factor 1      # 100,000 documents, 20,000 people…
    python manage.py seed_scale --factor 0.01   # a hundredth, for tests

Each project app may offer a ``scale`` module with ``seed(factor, stdout)``; they run
in dependency order (PROJECT_APPS), like ``load_demo`` runs the ``demo`` modules, so
an app's rows can point to what the apps under it created. A module may also list
in ``SEEDED_MODELS`` the models it fills: the command refuses to run when any of them
already holds rows, unless ``--force`` is given, in which case it adds another
dataset on top (each module puts a fresh run token in its slugs and addresses, so
nothing clashes).
Rows are written with bulk_create in batches: no save() and no signal per row; the
apps rebuild derived columns (search vectors…) in one statement at the end. On
PostgreSQL the command then compacts the tables a module lists in ``COMPACT_MODELS``
(VACUUM FULL: rows written twice) and runs VACUUM ANALYZE, so plans and timings
measured afterwards are those of a settled database.
"""

import time
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction


def scale_modules():
    """(app label, module) for each project app that has a ``scale`` module, in order."""
    modules = []
    for app in settings.PROJECT_APPS:
        name = f"{app}.scale"
        if find_spec(name) is not None:
            modules.append((app, import_module(name)))
    return modules


class Command(BaseCommand):
    help = (
        "Create a large synthetic dataset (factor 1: 100,000 documents, 5,000 organisations, "
        "20,000 people, 5,000 events with 100,000 registrations, 50,000 subscribers). "
        "Refuses a database that already has such rows unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0, help="1 = full scale.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add a dataset even when the tables already hold rows.",
        )

    def handle(self, factor, force, **options):
        if not 0 < factor <= 10:
            raise CommandError("--factor must be above 0 and at most 10.")
        modules = scale_modules()
        if not force:
            filled = [
                f"{model._meta.label} ({model._default_manager.count()})"
                for _app, module in modules
                for model in getattr(module, "SEEDED_MODELS", ())
                if model._default_manager.exists()
            ]
            if filled:
                raise CommandError(
                    "The database already holds rows: "
                    + ", ".join(filled)
                    + ". Use --force to add a scale dataset on top of them."
                )
        started = time.monotonic()
        for app, module in modules:
            began = time.monotonic()
            with transaction.atomic():
                module.seed(factor, self.stdout)
            self.stdout.write(
                self.style.SUCCESS(f"  {app}: seeded in {time.monotonic() - began:.1f} s")
            )
        # VACUUM cannot run inside a transaction (a test, or a caller's atomic block).
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self._vacuum(modules)
        from villecaraibe.pagecache import bump_content_version

        bump_content_version()
        self.stdout.write(
            self.style.SUCCESS(f"Scale dataset created in {time.monotonic() - started:.1f} s.")
        )

    def _vacuum(self, modules):
        """Compact the tables a module rewrote (COMPACT_MODELS), then refresh statistics."""
        began = time.monotonic()
        with connection.cursor() as cursor:
            for _app, module in modules:
                for model in getattr(module, "COMPACT_MODELS", ()):
                    table = connection.ops.quote_name(model._meta.db_table)
                    cursor.execute(f"VACUUM (FULL, ANALYZE) {table}")
            cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"  tables compacted and analysed in {time.monotonic() - began:.1f} s")

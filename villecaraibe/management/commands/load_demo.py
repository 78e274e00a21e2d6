from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo data drawn from the 2008 activity report and the 2014 programme. "
        "Idempotent: running it again updates the same records and duplicates nothing."
    )

    def handle(self, *args, **options):
        # Each app may offer a ``demo`` module with a ``load(stdout)`` function;
        # they run in dependency order (PROJECT_APPS), so an app's demo data can
        # use what the apps under it loaded.
        for app in settings.PROJECT_APPS:
            module_name = f"{app}.demo"
            if find_spec(module_name) is None:
                continue
            with transaction.atomic():
                import_module(module_name).load(self.stdout)
            self.stdout.write(self.style.SUCCESS(f"  {app}: demo data loaded"))

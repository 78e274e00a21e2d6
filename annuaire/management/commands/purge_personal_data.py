"""Run the scheduled personal-data purges of every app (cron: once a day).

Deletes newsletter addresses never confirmed after 30 days; anonymises
registrations, support-log entries and documentation requests older than
PERSONAL_DATA_RETENTION_YEARS (3 by default), keeping their figures.
``--enqueue`` hands the work to the tasks worker instead of doing it here.
"""

from django.core.management.base import BaseCommand

from annuaire.services.personal_data import run_purges


class Command(BaseCommand):
    help = "Purge or anonymise personal data past its retention period (every app)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the purge as a background task."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from annuaire.tasks import purge_personal_data_task

            result = purge_personal_data_task.enqueue()
            self.stdout.write(f"Purge enqueued (task {result.id}).")
            return
        for key, count in run_purges().items():
            self.stdout.write(f"{key}: {count}")

from django.conf import settings
from django.core.management.base import BaseCommand

from actions.tasks import enqueue_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminder e-mail of every registration whose event starts within "
        "AGENDA_REMINDER_DAYS_BEFORE days. Idempotent: each registration is reminded once. "
        "Run it daily (cron)."
    )

    def handle(self, *args, **options):
        count = enqueue_due_reminders()
        self.stdout.write(
            f"{count} reminder(s) queued "
            f"(events starting within {settings.AGENDA_REMINDER_DAYS_BEFORE} days)."
        )

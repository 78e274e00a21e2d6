from django.core.management.base import BaseCommand

from newsletter.services.subscriptions import purge_unconfirmed


class Command(BaseCommand):
    help = "Delete sign-ups left unconfirmed for NEWSLETTER_PURGE_AFTER_DAYS days (run daily)."

    def handle(self, *args, **options):
        count = purge_unconfirmed()
        self.stdout.write(f"{count} unconfirmed subscriber(s) deleted.")

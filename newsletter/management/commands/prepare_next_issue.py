from django.core.management.base import BaseCommand

from newsletter.services.issues import prepare_next_issue


class Command(BaseCommand):
    help = "Prepare the next fortnightly draft issue if none is waiting (idempotent; run daily)."

    def handle(self, *args, **options):
        issue, created = prepare_next_issue()
        verb = "prepared" if created else "already waiting"
        self.stdout.write(f"Issue {issue.number} ({issue.date}): {verb}.")

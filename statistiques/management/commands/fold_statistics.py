from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_date

from statistiques.services import fold


class Command(BaseCommand):
    help = (
        "Fold the raw hits of the days before today into daily counts, delete them, and "
        "delete the daily counts older than STATISTICS_RETENTION_MONTHS. Idempotent: run "
        "it daily from cron (e.g. 10 0 * * * manage.py fold_statistics)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="Act as if today were this date (YYYY-MM-DD); the hits of that day stay raw.",
        )

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            day = parse_date(today)
            if day is None:
                self.stderr.write(self.style.ERROR(f"Not a date: {today!r} (YYYY-MM-DD)."))
                raise SystemExit(2)
        result = fold(today=day)
        self.stdout.write(
            f"Folded {result.hits} hit(s) of {result.days} day(s); "
            f"deleted {result.purged} row(s) past the retention period."
        )

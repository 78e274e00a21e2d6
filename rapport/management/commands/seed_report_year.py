from django.core.management.base import BaseCommand, CommandError

from rapport.busy_year import seed_year


class Command(BaseCommand):
    help = "Make up a busy year (events, registrations, presences) to try the activity report."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--events", type=int, default=100)
        parser.add_argument("--registrations", type=int, default=20)

    def handle(self, year, events, registrations, **options):
        from actions.models import Programme

        if Programme.objects.filter(year=year).exists():
            raise CommandError(f"{year} already has a programme: choose an empty year.")
        seed_year(year, events=events, registrations=registrations)
        self.stdout.write(f"{year}: {events} events, {events * registrations} registrations.")

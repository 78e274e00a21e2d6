from django.core.management.base import BaseCommand

from villecaraibe.backups import create_backup


class Command(BaseCommand):
    help = "Write the database and the uploaded files to one .tar.gz archive (var/backups/ by default)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="archive path or folder")

    def handle(self, *args, output=None, **options):
        path = create_backup(output)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))

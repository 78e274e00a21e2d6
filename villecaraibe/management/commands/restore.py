from django.core.management.base import BaseCommand, CommandError

from villecaraibe.backups import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Replace the database content and the uploaded files with those of a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, archive, yes=False, **options):
        try:
            manifest = read_manifest(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(manifest["counts"].values())
        if not yes:
            answer = input(
                f"Replace ALL current data with the backup of {manifest['created']} ({total} rows)? [y/N] "
            )
            if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
                raise CommandError("Restore cancelled.")
        try:
            counts = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Restored {sum(counts.values())} rows and the media files.")
        )

from django.core.management.base import BaseCommand

from documentation.models import Document
from documentation.services.indexing import reindex


class Command(BaseCommand):
    help = "Rebuild the search columns of every document (after a bulk import)."

    def handle(self, **options):
        ids = list(Document.objects.values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), 500):
            done += reindex(ids[start : start + 500])
        self.stdout.write(self.style.SUCCESS(f"{done} documents reindexed."))

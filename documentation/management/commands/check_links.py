from django.core.management.base import BaseCommand

from documentation.models import UsefulLink
from documentation.services.links import check_link


class Command(BaseCommand):
    help = "Check every useful link and flag the dead ones (hidden from the public page)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0)

    def handle(self, timeout, **options):
        dead = 0
        links = UsefulLink.objects.order_by("pk")
        for link in links:
            check_link(link, timeout=timeout)
            if link.is_dead:
                dead += 1
                self.stdout.write(f"DEAD {link.url} ({link.check_error})")
        self.stdout.write(self.style.SUCCESS(f"{links.count()} links checked, {dead} dead."))

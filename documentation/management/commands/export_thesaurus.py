from django.core.management.base import BaseCommand

from documentation.services import skos


class Command(BaseCommand):
    help = "Print the thesaurus in SKOS (Turtle or RDF/XML) or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(skos.FORMATS), default="ttl")

    def handle(self, format, **options):
        content, _type = skos.export(format)
        self.stdout.write(content, ending="")

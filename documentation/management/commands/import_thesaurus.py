from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documentation.services import skos


class Command(BaseCommand):
    help = (
        "Import a thesaurus in SKOS (Turtle .ttl, RDF/XML .rdf) or CSV; updates by preferred label."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=sorted(skos.FORMATS), default=None)

    def handle(self, path, format=None, **options):
        file = Path(path)
        if not file.exists():
            raise CommandError(f"No such file: {path}")
        fmt = format or {".ttl": "ttl", ".rdf": "rdf", ".xml": "rdf", ".csv": "csv"}.get(
            file.suffix.lower()
        )
        if fmt is None:
            raise CommandError("Cannot tell the format from the extension: use --format.")
        try:
            count = skos.import_(file.read_text(encoding="utf-8-sig"), fmt)
        except Exception as exc:  # rdflib raises many kinds of parse errors
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(f"{count} concepts imported."))

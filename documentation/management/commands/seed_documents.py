"""Create many synthetic published documents to measure the catalogue at scale.

    python manage.py seed_documents --count 100000

The documents are titled "Échantillon …", get a kind, a year, a theme and a
territory, and their search columns are built in bulk (one SQL UPDATE on
PostgreSQL). Remove them with --delete.
"""

import random

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from documentation.models import Document
from villecaraibe.models import Territory, Theme
from villecaraibe.text import normalize_search

WORDS = [
    "évaluation",
    "prévention",
    "délinquance",
    "réussite",
    "éducative",
    "rénovation",
    "urbaine",
    "insertion",
    "emploi",
    "habitat",
    "logement",
    "participation",
    "habitants",
    "santé",
    "jeunesse",
    "parentalité",
    "quartier",
    "contrat",
    "ville",
    "cohésion",
    "sociale",
    "diagnostic",
    "observation",
    "indicateurs",
    "partenariat",
    "association",
    "commerce",
]
PREFIX = "echantillon-"


class Command(BaseCommand):
    help = "Create N synthetic published documents (for load measurements)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10000)
        parser.add_argument("--delete", action="store_true")

    @transaction.atomic
    def handle(self, count, delete, **options):
        if delete:
            deleted, _ = Document.objects.filter(slug__startswith=PREFIX).delete()
            self.stdout.write(f"{deleted} rows deleted.")
            return
        rng = random.Random(2008)  # noqa: S311 - not for security
        themes = list(Theme.objects.all())
        territories = list(Territory.objects.all()[:40])
        start = Document.objects.filter(slug__startswith=PREFIX).count()
        kinds = Document.Kind.values
        batch = []
        for i in range(start, start + count):
            words = rng.sample(WORDS, 6)
            title = f"Échantillon {i} : " + " ".join(words[:4])
            abstract = "Document de mesure sur " + ", ".join(words) + "."
            batch.append(
                Document(
                    title=title,
                    slug=f"{PREFIX}{i}",
                    kind=rng.choice(kinds),
                    year=rng.randint(1990, 2014),
                    status=Document.Status.PUBLISHED,
                    abstract=f"<p>{abstract}</p>",
                    abstract_plain=abstract,
                    search_text=normalize_search(f"{title} {abstract}"),
                    has_paper_copy=rng.random() < 0.2,
                    external_url="https://example.org/" if rng.random() < 0.1 else "",
                )
            )
        created = Document.objects.bulk_create(batch, batch_size=2000)
        if themes:
            Through = Document.themes.through
            Through.objects.bulk_create(
                (Through(document=d, theme=rng.choice(themes)) for d in created), batch_size=5000
            )
        if territories:
            Through = Document.territories.through
            Through.objects.bulk_create(
                (Through(document=d, territory=rng.choice(territories)) for d in created),
                batch_size=5000,
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE documentation_document SET search_vector = "
                    "setweight(to_tsvector('fr_unaccent', title), 'A') || "
                    "setweight(to_tsvector('fr_unaccent', abstract_plain), 'C') "
                    "WHERE slug LIKE %s",
                    [PREFIX + "%"],
                )
        self.stdout.write(self.style.SUCCESS(f"{len(created)} documents created."))

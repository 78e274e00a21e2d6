"""PostgreSQL only: French full-text search that ignores accents.

Creates the unaccent extension, a text-search configuration ``fr_unaccent``
(the 'french' configuration with unaccent before the French stemmer) and a GIN
index on Document.search_vector. On SQLite nothing happens: search there uses
the folded ``search_text`` column.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'fr_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION fr_unaccent
          ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
      END IF;
    END
    $$
    """,
    "CREATE INDEX IF NOT EXISTS document_search_vector_gin "
    "ON documentation_document USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS document_search_vector_gin",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS fr_unaccent",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("documentation", "0002_library")]

    operations = [migrations.RunPython(forward, backward)]

"""PostgreSQL only: keep each document's search vector inside its row.

Rows of documents are wider than PostgreSQL's 2 kB TOAST threshold (abstract,
folded search text, plain abstract, vector), so the vector was often moved to the
TOAST table: ranking or matching a word then fetched it from there, several page
reads per document (EXPLAIN showed 350,000 buffers to rank the 39,000 matches of
"évaluation" at 100,000 documents). Storage MAIN keeps the (compressed) vector in
the row, and a row target of 256 bytes moves the long texts out instead, so the
heap the search reads is about half as large. Existing rows change layout when
they are next written (``reindex_documents``, or VACUUM FULL). SQLite: nothing.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE documentation_document ALTER COLUMN search_vector SET STORAGE MAIN",
    "ALTER TABLE documentation_document SET (toast_tuple_target = 256)",
]
BACKWARD = [
    "ALTER TABLE documentation_document RESET (toast_tuple_target)",
    "ALTER TABLE documentation_document ALTER COLUMN search_vector SET STORAGE EXTENDED",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("documentation", "0005_audit_history")]

    operations = [migrations.RunPython(forward, backward)]

"""Keeping the search columns of documents up to date.

``reindex(ids)`` rebuilds, for the given documents, the folded ``search_text``
(SQLite and the facets' holding flag) and, on PostgreSQL, the weighted
``search_vector`` (title A, descriptors and their synonyms B, authors, publisher,
themes, territories and abstract C, the file's text D) with the ``fr_unaccent``
configuration. It is idempotent and fires no signal; the signal handlers in
``documentation.signals`` call it whenever a document or what it points to changes.
"""

import threading
from contextlib import contextmanager

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import Prefetch, Value

from villecaraibe.text import normalize_search

SEARCH_CONFIG = "fr_unaccent"
_state = threading.local()


@contextmanager
def deferred():
    """Within this block signals don't reindex; the caller reindexes once at the end."""
    previous = getattr(_state, "deferred", False)
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = previous


def is_deferred():
    return getattr(_state, "deferred", False)


def _weighted_parts(document):
    descriptors = []
    for descriptor in document.descriptors.all():
        descriptors.extend(descriptor.labels())
    people = [a.display_name for a in document.authors.all()]
    people.append(document.publisher_label)
    context = [t.name for t in document.themes.all()] + [t.name for t in document.territories.all()]
    return {
        "A": " ".join(filter(None, [document.title, document.subtitle])),
        "B": " ".join(descriptors),
        "C": " ".join(filter(None, [*people, *context, document.abstract_text])),
        "D": document.file_text or "",
    }


def reindex(document_ids):
    """Rebuild the search columns of the documents whose ids are given."""
    from documentation.models import Document, DocumentAuthor

    ids = list(document_ids)
    if not ids:
        return 0
    documents = list(
        Document.objects.filter(pk__in=ids)
        .select_related("publisher")
        .prefetch_related(
            "descriptors",
            "themes",
            "territories",
            "paper_copies",
            Prefetch(
                "authors", queryset=DocumentAuthor.objects.select_related("organisation", "person")
            ),
        )
    )
    on_postgresql = connection.vendor == "postgresql"
    for document in documents:
        parts = _weighted_parts(document)
        document.search_text = normalize_search(" ".join(parts.values()))
        document.has_paper_copy = bool(document.paper_copies.all())
        document.abstract_plain = document.abstract_text
        if on_postgresql:
            vector = None
            for weight, text in parts.items():
                piece = SearchVector(Value(text), weight=weight, config=SEARCH_CONFIG)
                vector = piece if vector is None else vector + piece
            Document.objects.filter(pk=document.pk).update(search_vector=vector)
    Document.objects.bulk_update(
        documents, ["search_text", "abstract_plain", "has_paper_copy"], batch_size=500
    )
    from documentation.services.search import catalogue_changed

    catalogue_changed()
    return len(documents)


def extract_file_text(document):
    """Store the text of the document's PDF (empty for other files) and reindex it."""
    from documentation.models import Document
    from documentation.services.uploads import extract_pdf_text

    text = ""
    if document.file and document.file_extension == "pdf":
        with document.file.open("rb") as handle:
            text = extract_pdf_text(handle)
    Document.objects.filter(pk=document.pk).update(file_text=text)
    document.file_text = text
    if not is_deferred():
        reindex([document.pk])


def rebuild_search_vectors(min_pk=None):
    """PostgreSQL: rebuild ``search_vector`` of every document (from ``min_pk`` on) in one UPDATE.

    The set-based twin of ``reindex()`` for bulk loads (``seed_scale``, large imports):
    the same four weighted parts, computed by the database from the joined tables
    instead of one UPDATE per document. ``search_text``, ``abstract_plain`` and
    ``has_paper_copy`` must already be filled. Returns the number of rows updated.
    """
    from annuaire.models import Organisation, Person
    from documentation.models import Descriptor, Document, DocumentAuthor
    from villecaraibe.models import Territory, Theme

    if connection.vendor != "postgresql":
        raise RuntimeError("rebuild_search_vectors() is for PostgreSQL; use reindex() elsewhere.")
    doc = Document._meta.db_table
    t = {
        "doc": doc,
        "descriptors": Document.descriptors.through._meta.db_table,
        "descriptor": Descriptor._meta.db_table,
        "themes": Document.themes.through._meta.db_table,
        "theme": Theme._meta.db_table,
        "territories": Document.territories.through._meta.db_table,
        "territory": Territory._meta.db_table,
        "author": DocumentAuthor._meta.db_table,
        "org": Organisation._meta.db_table,
        "person": Person._meta.db_table,
        "config": SEARCH_CONFIG,
    }
    # An organisation reads "Name (ACRONYM)"; a person only with public consent.
    org_label = "o.name || CASE WHEN o.acronym <> '' THEN ' (' || o.acronym || ')' ELSE '' END"
    sql = f"""
        UPDATE {t["doc"]} AS d SET search_vector =
          setweight(to_tsvector('{t["config"]}', concat_ws(' ', d.title, d.subtitle)), 'A')
          || setweight(to_tsvector('{t["config"]}', coalesce((
               SELECT string_agg(x.pref_label || ' ' || replace(x.alt_labels, E'\\n', ' '), ' '
                 ORDER BY x.pref_label)
               FROM {t["descriptors"]} dd JOIN {t["descriptor"]} x ON x.id = dd.descriptor_id
               WHERE dd.document_id = d.id), '')), 'B')
          || setweight(to_tsvector('{t["config"]}', concat_ws(' ',
               (SELECT string_agg(CASE
                   WHEN a.organisation_id IS NOT NULL THEN {org_label}
                   WHEN a.person_id IS NOT NULL THEN
                     CASE WHEN p.public_consent THEN p.first_name || ' ' || p.last_name END
                   ELSE a.name END, ' ' ORDER BY a.position, a.id)
                FROM {t["author"]} a
                LEFT JOIN {t["org"]} o ON o.id = a.organisation_id
                LEFT JOIN {t["person"]} p ON p.id = a.person_id
                WHERE a.document_id = d.id),
               (SELECT {org_label} FROM {t["org"]} o WHERE o.id = d.publisher_id),
               d.publisher_name,
               (SELECT string_agg(x.name, ' ' ORDER BY x.position, x.name) FROM {t["themes"]} dt
                JOIN {t["theme"]} x ON x.id = dt.theme_id WHERE dt.document_id = d.id),
               (SELECT string_agg(x.name, ' ' ORDER BY x.name) FROM {t["territories"]} dt
                JOIN {t["territory"]} x ON x.id = dt.territory_id WHERE dt.document_id = d.id),
               d.abstract_plain)), 'C')
          || setweight(to_tsvector('{t["config"]}', d.file_text), 'D')
        WHERE d.id >= %s
    """  # noqa: S608 - table names from the models, no user input
    with connection.cursor() as cursor:
        cursor.execute(sql, [min_pk or 0])
        updated = cursor.rowcount
    from documentation.services.search import catalogue_changed

    catalogue_changed()
    return updated

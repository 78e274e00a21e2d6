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

"""Background work of the library (django.tasks)."""

from django.tasks import task


@task
def extract_document_text(document_id):
    """Read the text of a document's PDF into the search index (slow for big files).

    Enqueued when a file is uploaded; with the database backend the task becomes
    visible to the worker only once the upload's transaction is committed.
    """
    from documentation.models import Document
    from documentation.services.indexing import extract_file_text

    document = Document.objects.filter(pk=document_id).first()
    if document is not None and document.file:
        extract_file_text(document)

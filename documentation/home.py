"""The home page block "latest documents"."""

from documentation.models import Document

HOME_BLOCK_SIZE = 5


def latest_documents_context(request):
    documents = list(
        Document.objects.public().only("title", "slug", "kind", "year")[:HOME_BLOCK_SIZE]
    )
    if not documents:
        return None
    return {"documents": documents}

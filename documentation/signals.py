"""Keep the search columns in step with what a document points to."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from documentation.models import Descriptor, Document, DocumentAuthor, PaperCopy
from documentation.services.indexing import is_deferred, reindex
from documentation.services.search import catalogue_changed
from documentation.tasks import extract_document_text


@receiver(post_save, sender=Document)
def document_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if getattr(instance, "_file_changed", False):
        instance._file_changed = False
        # Reading a large PDF is slow: a worker does it (see documentation.tasks).
        extract_document_text.enqueue(instance.pk)
    if not is_deferred():
        reindex([instance.pk])


def _m2m_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"} or is_deferred():
        return
    if isinstance(instance, Document):
        reindex([instance.pk])
    elif pk_set:
        reindex(pk_set)


for _field in ("descriptors", "themes", "territories"):
    m2m_changed.connect(
        _m2m_changed, sender=getattr(Document, _field).through, dispatch_uid=f"doc-{_field}"
    )


@receiver(post_delete, sender=Document)
def document_deleted(sender, instance, **kwargs):
    catalogue_changed()


@receiver(post_save, sender=DocumentAuthor)
@receiver(post_delete, sender=DocumentAuthor)
@receiver(post_save, sender=PaperCopy)
@receiver(post_delete, sender=PaperCopy)
def holding_or_author_changed(sender, instance, raw=False, **kwargs):
    if raw or is_deferred():
        return
    if Document.objects.filter(pk=instance.document_id).exists():
        reindex([instance.document_id])


@receiver(post_save, sender=Descriptor)
def descriptor_saved(sender, instance, raw=False, **kwargs):
    """A new synonym must make every document indexed under the descriptor findable."""
    if raw or is_deferred():
        return
    reindex(instance.documents.values_list("pk", flat=True))

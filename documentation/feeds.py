from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from documentation.models import Document


class NewDocumentsFeed(Feed):
    title = _("Ville caraïbe — new documents")
    link = reverse_lazy("documentation:new")
    description = _(
        "The latest documents added to the library of the Centre de ressources Ville caraïbe."
    )

    def items(self):
        return Document.objects.published().select_related("publisher")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return Truncator(item.abstract_text).words(80)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [str(Document.Kind(item.kind).label)]

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsletter.models import Issue, NewsItem


class NewsFeed(Feed):
    title = _("Ville caraïbe — news")
    description = _("News of the Centre de ressources Ville caraïbe")

    def link(self):
        return reverse("newsletter:news")

    def items(self):
        return NewsItem.objects.published()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.get_category_display()]


class IssueFeed(Feed):
    title = "La cohésion se construit"
    description = _("The fortnightly letter of the Centre de ressources Ville caraïbe")

    def link(self):
        return reverse("newsletter:letter")

    def items(self):
        return Issue.objects.sent().only("number", "subject", "date", "sent_at")[:30]

    def item_title(self, issue):
        return f"n° {issue.number} — {issue.subject}"

    def item_description(self, issue):
        return issue.subject

    def item_link(self, issue):
        return settings.SITE_URL + issue.get_absolute_url()

    def item_pubdate(self, issue):
        return issue.sent_at

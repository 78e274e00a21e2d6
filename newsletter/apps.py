from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def latest_news_block(request):
    from newsletter.models import NewsItem

    items = list(NewsItem.objects.published().only("title", "slug", "category", "published_at")[:4])
    return {"items": items} if items else None


def signup_block(request):
    from newsletter.forms import SubscribeForm

    return {"form": SubscribeForm()}


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("News and newsletter")

    def ready(self):
        # Personal data held by this app: export, erasure, register, purges.
        from newsletter import personal_data

        personal_data.setup()

        from villecaraibe.home import register_block

        register_block("news", "newsletter/home_news.html", latest_news_block, order=20)
        register_block("newsletter", "newsletter/home_signup.html", signup_block, order=40)

        from anymail.signals import tracking

        from newsletter.webhooks import on_tracking

        tracking.connect(on_tracking, dispatch_uid="newsletter.webhooks.on_tracking")

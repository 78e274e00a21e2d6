"""Bounces and complaints reported by an e-mail provider (django-anymail webhooks).

Only in use when the site sends through a provider that anymail supports (Brevo,
Mailgun, Amazon SES…) and ``ANYMAIL`` is configured: the provider's tracking webhook
is then served under ``/lettre/anymail/`` (see ``urls.py``). A hard bounce counts
towards ``NEWSLETTER_BOUNCE_LIMIT``; a complaint (reported as spam) or an unsubscribe
made at the provider takes the address off the list at once. Other events (opens,
clicks) are ignored: the newsletter does no per-person tracking.
"""

from newsletter.models import Subscriber
from newsletter.services import bounces, subscriptions

HARD_BOUNCE_EVENTS = {"bounced", "rejected"}
LEAVE_EVENTS = {"complained", "unsubscribed"}


def on_tracking(sender, event, esp_name, **kwargs):
    email = (event.recipient or "").strip().lower()
    if not email:
        return
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        return
    if event.event_type in HARD_BOUNCE_EVENTS:
        bounces.count_hard_bounces([subscriber.pk])
    elif event.event_type in LEAVE_EVENTS:
        subscriptions.unsubscribe(subscriber)

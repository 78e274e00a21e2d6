"""Signing up, confirming and leaving the list.

Guarantees:
- ``subscribe`` behaves the same, as seen from the form, whether the address is new,
  pending, confirmed, unsubscribed or bounced: the visitor always reads the same
  answer; only the e-mail differs (a confirmation link, or "you are already
  subscribed" with a way out). Nobody learns from the page who is on the list.
- Nobody is subscribed without clicking the confirmation link (double opt-in): the
  status only becomes ``confirmed`` in ``confirm``; a person who had left comes back
  the same way.
- Each sign-up records its proof: moment, IP address, page and the exact consent text.
- A confirmation mail is not sent again to the same address within
  ``RESEND_INTERVAL`` (so the form cannot be used to flood someone's mailbox).
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from newsletter.models import Subscriber, newsletter_setting
from newsletter.services import tokens
from villecaraibe.audit import delete_history

RESEND_INTERVAL = timedelta(minutes=10)


def absolute(path):
    return settings.SITE_URL + path


def unsubscribe_url(subscriber, issue_id=None):
    token = tokens.make_unsubscribe_token(subscriber, issue_id)
    return absolute(reverse("newsletter:unsubscribe", kwargs={"token": token}))


def _send(subscriber, template, context, subject):
    context = {"subscriber": subscriber, "CENTRE": settings.CENTRE, **context}
    text = render_to_string(f"newsletter/mail/{template}.txt", context)
    html = render_to_string(f"newsletter/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=newsletter_setting("NEWSLETTER_FROM_EMAIL"),
        to=[subscriber.email],
    )
    message.attach_alternative(html, "text/html")
    message.send()


def send_confirmation(subscriber):
    token = tokens.make_confirmation_token(subscriber)
    max_age_days = newsletter_setting("NEWSLETTER_CONFIRM_MAX_AGE") // 86400
    _send(
        subscriber,
        "confirm",
        {
            "confirm_url": absolute(reverse("newsletter:confirm", kwargs={"token": token})),
            "max_age_days": max_age_days,
        },
        _("Please confirm your subscription to “La cohésion se construit”"),
    )


def send_already_subscribed(subscriber):
    _send(
        subscriber,
        "already_subscribed",
        {
            "unsubscribe_url": unsubscribe_url(subscriber),
            "archive_url": absolute(reverse("newsletter:letter")),
        },
        _("You are already subscribed to “La cohésion se construit”"),
    )


def subscribe(*, email, name="", organisation="", ip=None, page="", consent_text=""):
    """Record a sign-up from the public form and send the right e-mail (see module doc).

    Returns the subscriber; the caller must show the same answer whatever happened.
    """
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "source": Subscriber.Source.FORM,
                "status": Subscriber.Status.PENDING,
            },
        )
        recently_mailed = (
            subscriber.confirmation_sent_at is not None
            and now - subscriber.confirmation_sent_at < RESEND_INTERVAL
        )
        if subscriber.status != Subscriber.Status.CONFIRMED:
            # The proof describes the sign-up being confirmed: the latest one.
            subscriber.consent_at = now
            subscriber.consent_ip = ip
            subscriber.consent_page = page[:300]
            subscriber.consent_text = consent_text
            subscriber.legal_basis = Subscriber.LegalBasis.CONSENT
            if name:
                subscriber.name = name
            if organisation:
                subscriber.organisation = organisation
        if not recently_mailed:
            subscriber.confirmation_sent_at = now
        subscriber.save()
        if recently_mailed:
            return subscriber
        if subscriber.status == Subscriber.Status.CONFIRMED:
            transaction.on_commit(lambda: send_already_subscribed(subscriber))
        else:
            transaction.on_commit(lambda: send_confirmation(subscriber))
    return subscriber


def confirm(token):
    """Confirm the subscription a token names; idempotent. Raises tokens.InvalidToken."""
    pk, email = tokens.read_confirmation_token(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=pk, email=email).first()
        if subscriber is None:
            raise tokens.InvalidToken
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.confirmed_at = timezone.now()
            subscriber.unsubscribed_at = None
            subscriber.unsubscribed_from = None
            subscriber.hard_bounces = 0
            subscriber.bounced_at = None
            subscriber.save()
    return subscriber


def subscriber_for_unsubscribe_token(token):
    """The subscriber and issue id a personal unsubscribe token names, or InvalidToken."""
    sid, issue_id, mac = tokens.read_unsubscribe_token(token)
    subscriber = Subscriber.objects.filter(pk=sid).first()
    if subscriber is None:
        raise tokens.InvalidToken
    tokens.check_unsubscribe_mac(subscriber, issue_id, mac)
    return subscriber, issue_id


def unsubscribe(subscriber, issue_id=None):
    """Take the address off the list at once (one UPDATE); idempotent."""
    from newsletter.models import Issue

    issue_id = issue_id if issue_id and Issue.objects.filter(pk=issue_id).exists() else None
    Subscriber.objects.filter(pk=subscriber.pk).exclude(
        status=Subscriber.Status.UNSUBSCRIBED
    ).update(
        status=Subscriber.Status.UNSUBSCRIBED,
        unsubscribed_at=timezone.now(),
        unsubscribed_from_id=issue_id,
        updated_at=timezone.now(),
    )


def purge_unconfirmed(now=None):
    """Delete addresses left unconfirmed for NEWSLETTER_PURGE_AFTER_DAYS days; returns count."""
    now = now or timezone.now()
    limit = now - timedelta(days=newsletter_setting("NEWSLETTER_PURGE_AFTER_DAYS"))
    stale = Subscriber.objects.unconfirmed_older_than(limit)
    pks = list(stale.values_list("pk", flat=True))
    _total, detail = stale.delete()
    # Their addresses leave the audit trail too.
    delete_history(Subscriber, pks)
    return detail.get("newsletter.Subscriber", 0)

"""What the newsletter holds about people: subscribers (matched by e-mail).

Registers with the directory's personal-data registry: export, erasure (the
subscriber, its deliveries and its history are deleted), the register's line and
the purge of addresses never confirmed (``purge_unconfirmed``, 30 days).
"""

from django.utils.translation import gettext_lazy as _

from annuaire.services.personal_data import (
    PersonalDataCategory,
    register,
    register_category,
    register_purge,
)
from villecaraibe.audit import delete_history


def subscriptions_of(person):
    from newsletter.models import Subscriber

    if not person.email:
        return Subscriber.objects.none()
    return Subscriber.objects.filter(email=person.email.strip().lower())


def export_subscriptions(person):
    return [
        {
            "email": s.email,
            "name": s.name,
            "organisation": s.organisation,
            "status": s.status,
            "source": s.source,
            "legal_basis": s.legal_basis,
            "consent_at": s.consent_at,
            "consent_ip": s.consent_ip,
            "consent_page": s.consent_page,
            "consent_text": s.consent_text,
            "confirmed_at": s.confirmed_at,
            "unsubscribed_at": s.unsubscribed_at,
            "letters_sent": s.deliveries.filter(status="sent").count(),
        }
        for s in subscriptions_of(person)
    ]


def erase_subscriptions(person):
    from newsletter.models import Subscriber

    pks = list(subscriptions_of(person).values_list("pk", flat=True))
    Subscriber.objects.filter(pk__in=pks).delete()
    delete_history(Subscriber, pks)


def purge_unconfirmed(now=None):
    from newsletter.services.subscriptions import purge_unconfirmed as purge

    return purge(now)


def setup():
    register("subscriptions", export=export_subscriptions, erase=erase_subscriptions)
    register_purge("unconfirmed_subscribers", purge_unconfirmed)
    register_category(
        PersonalDataCategory(
            model="newsletter.Subscriber",
            fields=("email", "name", "organisation", "consent_at", "consent_ip", "consent_page"),
            purpose=_(
                "Sending the letter “La cohésion se construit”; the proof of consent "
                "(moment, address, page, wording)."
            ),
            retention=_(
                "Until unsubscription; addresses never confirmed are deleted after 30 days "
                "(NEWSLETTER_PURGE_AFTER_DAYS)."
            ),
            legal_basis=_("Consent (double opt-in) or legitimate interest (professionals)"),
        )
    )

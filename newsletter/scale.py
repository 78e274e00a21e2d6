"""Scale dataset for the newsletter: 50,000 subscribers at factor 1.

Mostly confirmed addresses with their proof of consent, some pending, some
unsubscribed or bounced. bulk_create by batches, addresses in lower case as
save() would store them.
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from annuaire.scale import FIRST_NAMES, LAST_NAMES
from newsletter.models import Subscriber
from villecaraibe.scale import BATCH_SIZE, rng, run_token, scaled

SEEDED_MODELS = [Subscriber]
CONSENT_TEXT = (
    "J'accepte de recevoir la lettre d'information du Centre de ressources Ville caraïbe. "
    "Je peux me désinscrire à tout moment."
)
ORGANISATIONS = ["CACEM", "Ville de Fort-de-France", "Ville du Lamentin", "CAF", "ACSé", "PLIE"]


def seed(factor, stdout):
    r = rng("newsletter")
    token = run_token()
    now = timezone.now()
    S = Subscriber.Status
    statuses = [S.CONFIRMED, S.PENDING, S.UNSUBSCRIBED, S.BOUNCED]
    batch, created = [], 0
    target = scaled(50_000, factor)
    for i in range(target):
        first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
        status = r.choices(statuses, [85, 5, 8, 2])[0]
        signed_up = now - datetime.timedelta(days=r.randint(0, 3650))
        confirmed = status != S.PENDING
        batch.append(
            Subscriber(
                email=f"{slugify(first)}.{slugify(last)}.{i}.{token}@exemple.org",
                name=f"{first} {last}",
                organisation=r.choice(ORGANISATIONS) if r.random() < 0.5 else "",
                status=status,
                source=r.choices(["form", "import", "admin"], [80, 15, 5])[0],
                consent_at=signed_up,
                consent_page="/lettre/inscription/",
                consent_text=CONSENT_TEXT,
                confirmation_sent_at=signed_up,
                confirmed_at=signed_up + datetime.timedelta(hours=2) if confirmed else None,
                unsubscribed_at=now if status == S.UNSUBSCRIBED else None,
                bounced_at=now if status == S.BOUNCED else None,
                hard_bounces=3 if status == S.BOUNCED else 0,
                created_at=signed_up,
            )
        )
        if len(batch) == BATCH_SIZE * 5:
            created += len(Subscriber.objects.bulk_create(batch, batch_size=BATCH_SIZE))
            batch = []
    created += len(Subscriber.objects.bulk_create(batch, batch_size=BATCH_SIZE))
    stdout.write(f"  newsletter: {created} subscribers")

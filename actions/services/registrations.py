"""Registration workflow: register, cancel, promote from the waiting list.

Guarantees:
- ``register`` and ``cancel`` run in one transaction that locks the event row
  (``SELECT … FOR UPDATE``): two visitors racing for the last seat are served one
  after the other, so one is confirmed and the other waitlisted, never both
  confirmed.
- A person registers once per event (same e-mail, case-insensitive): a second
  attempt raises ``AlreadyRegistered`` and writes nothing; a unique constraint in
  the database backs this up.
- When a confirmed seat frees up, the oldest waitlisted registrations are
  confirmed, in order, and told by e-mail.
- ``cancel_event`` tells every active registrant that the event is cancelled.
- E-mails leave only after the transaction commits.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from actions.models import Event, Registration

CANCEL_SALT = "actions.registration.cancel"


class RegistrationError(Exception):
    """A registration refused for a reason the visitor must read."""


class RegistrationClosed(RegistrationError):
    pass


class AlreadyRegistered(RegistrationError):
    pass


def cancel_token(registration):
    """A signed, timestamped token naming the registration, for the cancellation link."""
    return signing.TimestampSigner(salt=CANCEL_SALT).sign(str(registration.pk))


def registration_from_cancel_token(token):
    """The registration a token names; raises ``signing.SignatureExpired`` or ``BadSignature``.

    The link is valid until the end of the event plus a day, and at most
    ``AGENDA_CANCEL_LINK_MAX_AGE_DAYS`` days.
    """
    max_age = settings.AGENDA_CANCEL_LINK_MAX_AGE_DAYS * 86400
    value = signing.TimestampSigner(salt=CANCEL_SALT).unsign(token, max_age=max_age)
    try:
        return Registration.objects.select_related("event").get(pk=int(value))
    except (Registration.DoesNotExist, ValueError) as exc:
        raise signing.BadSignature("unknown registration") from exc


def cancel_url(registration):
    return settings.SITE_URL + reverse(
        "actions:registration_cancel", kwargs={"token": cancel_token(registration)}
    )


def _lock_event(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def register(event, data, *, walk_in=False, today=None):
    """Register a person to ``event`` and return the ``Registration``.

    ``data`` holds the cleaned fields of the registration form (first_name,
    last_name, email, organisation, organisation_name, function, commune,
    sessions, accessibility_needs, consent). The registration is confirmed while
    seats are left, waitlisted once the event is full. Raises
    ``RegistrationClosed`` (cancelled event, deadline passed…) unless ``walk_in``
    (staff adding someone on the spot), and ``AlreadyRegistered``. Sends the
    confirmation (or waitlist) e-mail after commit.
    """
    email = (data.get("email") or "").strip().lower()
    with transaction.atomic():
        locked = _lock_event(event)
        if not walk_in:
            reason = locked.registration_closed_reason(today)
            if reason:
                raise RegistrationClosed(reason)
        if email and locked.registrations.active().filter(email__iexact=email).exists():
            raise AlreadyRegistered(
                _(
                    "%(email)s is already registered for this event. Check your mailbox: the "
                    "confirmation e-mail holds a link to cancel."
                )
                % {"email": email}
            )
        seats_left = locked.seats_left(confirmed=locked.confirmed_registrations().count())
        full = seats_left is not None and seats_left <= 0
        status = (
            Registration.Status.WAITLISTED
            if full and not walk_in
            else Registration.Status.CONFIRMED
        )
        organisation = data.get("organisation")
        commune = data.get("commune") or (organisation.commune if organisation else None)
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=locked,
                    first_name=data["first_name"].strip(),
                    last_name=data["last_name"].strip(),
                    email=email,
                    organisation=organisation,
                    organisation_name=(data.get("organisation_name") or "").strip(),
                    function=(data.get("function") or "").strip(),
                    commune=commune,
                    accessibility_needs=(data.get("accessibility_needs") or "").strip(),
                    consent=bool(data.get("consent")),
                    consent_at=timezone.now() if data.get("consent") else None,
                    status=status,
                    walk_in=walk_in,
                )
        except IntegrityError as exc:
            raise AlreadyRegistered(
                _("%(email)s is already registered for this event.") % {"email": email}
            ) from exc
        sessions = data.get("sessions")
        registration.sessions.set(sessions if sessions else locked.sessions.all())
        if email and not walk_in:
            transaction.on_commit(lambda: send_registration_email(registration))
    return registration


def cancel(registration):
    """Cancel ``registration``; return the registrations promoted from the waiting list.

    Idempotent: cancelling a cancelled registration changes nothing. Locks the
    event; sends the cancellation and promotion e-mails after commit.
    """
    with transaction.atomic():
        locked = _lock_event(registration.event)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Registration.Status.CANCELLED:
            return []
        current.status = Registration.Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        promoted = _promote(locked)
        if current.email:
            transaction.on_commit(lambda: send_cancellation_email(current))
    registration.refresh_from_db()
    return promoted


def cancel_event(event):
    """Mark ``event`` cancelled and tell every active registrant by e-mail, once.

    Registrations are kept (they are the record of who was expected); returns the
    number of people told. Idempotent: a cancelled event is left as it is.
    """
    with transaction.atomic():
        locked = _lock_event(event)
        if locked.status == Event.Status.CANCELLED:
            return 0
        locked.status = Event.Status.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        recipients = list(locked.registrations.active().exclude(email=""))
        for registration in recipients:
            transaction.on_commit(lambda r=registration: send_event_cancelled_email(r))
    event.refresh_from_db()
    return len(recipients)


def promote_from_waitlist(event):
    """Confirm waitlisted registrations while seats are free; return them (e-mailed)."""
    with transaction.atomic():
        return _promote(_lock_event(event))


def _promote(locked_event):
    if locked_event.is_past():
        return []
    left = locked_event.seats_left(confirmed=locked_event.confirmed_registrations().count())
    queue = locked_event.registrations.waitlisted()
    if left is not None:
        queue = queue[:left]
    promoted = list(queue)
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        if registration.email:
            transaction.on_commit(lambda r=registration: send_registration_email(r, promoted=True))
    return promoted


def _send(template, registration, subject, **extra):
    context = {
        "registration": registration,
        "event": registration.event,
        "sessions": registration.event.sessions.select_related("venue__commune"),
        "cancel_url": cancel_url(registration),
        "site_url": settings.SITE_URL,
        "centre": settings.CENTRE,
        **extra,
    }
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(f"actions/agenda/email/{template}.txt", context)
        send_mail(str(subject), body, None, [registration.email])


def send_registration_email(registration, promoted=False):
    """Confirmation, waitlist or promotion e-mail, with the signed cancellation link."""
    with translation.override(settings.LANGUAGE_CODE):
        if promoted:
            subject = _("A seat is free: your registration is confirmed — %(title)s")
        elif registration.status == Registration.Status.WAITLISTED:
            subject = _("You are on the waiting list — %(title)s")
        else:
            subject = _("Registration confirmed — %(title)s")
        subject = subject % {"title": registration.event.title}
    _send("registration", registration, subject, promoted=promoted)


def send_cancellation_email(registration):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Registration cancelled — %(title)s") % {"title": registration.event.title}
    _send("cancellation", registration, subject)


def send_event_cancelled_email(registration):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Event cancelled — %(title)s") % {"title": registration.event.title}
    _send("event_cancelled", registration, subject)


def send_reminder_email(registration):
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Reminder: %(title)s, %(date)s") % {
            "title": registration.event.title,
            "date": registration.event.period_label,
        }
    _send("reminder", registration, subject)

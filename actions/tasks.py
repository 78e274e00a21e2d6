"""Background tasks of the agenda (Django's tasks framework).

- ``send_event_reminder``: sends one reminder e-mail, at most once per
  registration even if the task runs twice (the send is claimed by an atomic
  update of ``reminder_sent_at``).
- ``send_satisfaction_questionnaire``: the link to the questionnaire, once.
- ``enqueue_due_reminders``: queues reminders for events starting in
  ``AGENDA_REMINDER_DAYS_BEFORE`` days (or sooner), each registration once.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from actions.models import Event, Registration


@task
def send_event_reminder(registration_id):
    from actions.services.registrations import send_reminder_email

    claimed = Registration.objects.filter(
        pk=registration_id,
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
    ).update(reminder_sent_at=timezone.now())
    if not claimed:
        return False
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    send_reminder_email(registration)
    return True


@task
def send_satisfaction_questionnaire(registration_id):
    from actions.services.satisfaction import send_questionnaire_email

    claimed = Registration.objects.filter(
        pk=registration_id, satisfaction_sent_at__isnull=True
    ).update(satisfaction_sent_at=timezone.now())
    if not claimed:
        return False
    send_questionnaire_email(Registration.objects.select_related("event").get(pk=registration_id))
    return True


def due_reminders(today=None):
    """Confirmed registrations with an e-mail, whose event starts within the reminder window."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.AGENDA_REMINDER_DAYS_BEFORE)
    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_queued_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__start_date__gt=today,
        event__start_date__lte=horizon,
    ).exclude(email="")


def enqueue_due_reminders(today=None):
    """Queue one reminder per due registration; return how many were queued. Idempotent."""
    ids = list(due_reminders(today).values_list("pk", flat=True))
    queued = 0
    for pk in ids:
        with transaction.atomic():
            if Registration.objects.filter(pk=pk, reminder_queued_at__isnull=True).update(
                reminder_queued_at=timezone.now()
            ):
                transaction.on_commit(lambda pk=pk: send_event_reminder.enqueue(pk))
                queued += 1
    return queued


def enqueue_satisfaction_questionnaires(event):
    """Queue the questionnaire link for each participant of a past event; return the count."""
    ids = list(
        event.registrations.filter(
            status=Registration.Status.CONFIRMED, satisfaction_sent_at__isnull=True
        )
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        send_satisfaction_questionnaire.enqueue(pk)
    return len(ids)

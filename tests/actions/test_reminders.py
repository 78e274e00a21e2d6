"""Reminder e-mails: queued by a command, sent by a task, once per registration."""

import pytest
from django.core import mail
from django.core.management import call_command

from actions.services import registrations as service
from actions.tasks import send_event_reminder

from .conftest import make_event, registration_data

pytestmark = pytest.mark.django_db


def test_reminders_are_sent_once_n_days_before(venue, settings, django_capture_on_commit_callbacks):
    settings.AGENDA_REMINDER_DAYS_BEFORE = 2
    soon = make_event(venue, days_ahead=2, title="Bokantaj")
    later = make_event(venue, days_ahead=10, title="Forum")
    confirmed = service.register(soon, registration_data(consent=True))
    service.register(later, registration_data(consent=True))
    cancelled = service.register(soon, registration_data(email="c@ex.org", consent=True))
    service.cancel(cancelled)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to for m in mail.outbox] == [["line.eloi@example.org"]]
    assert "Rappel : Bokantaj" in mail.outbox[0].subject
    assert "/agenda/annulation/" in mail.outbox[0].body
    confirmed.refresh_from_db()
    assert confirmed.reminder_sent_at and confirmed.reminder_queued_at

    # Running the command again queues nothing; running the task again sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    send_event_reminder.call(confirmed.pk)
    assert len(mail.outbox) == 1


def test_reminder_days_are_configurable(venue, settings, django_capture_on_commit_callbacks):
    event = make_event(venue, days_ahead=5)
    registration = service.register(event, registration_data(consent=True))
    mail.outbox.clear()
    settings.AGENDA_REMINDER_DAYS_BEFORE = 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not mail.outbox
    settings.AGENDA_REMINDER_DAYS_BEFORE = 7
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    registration.refresh_from_db()
    assert registration.reminder_sent_at


def test_command_queues_in_the_database_backend_once(
    venue, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    event = make_event(venue, days_ahead=1)
    for n in range(3):
        service.register(event, registration_data(email=f"p{n}@ex.org", consent=True))
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert DBTaskResult.objects.count() == 3
    assert not mail.outbox or all("Rappel" not in m.subject for m in mail.outbox)

"""Fixtures of the agenda tests: a published event with sessions and a venue."""

import datetime

import pytest
from django.utils import timezone

from actions.models import Event, Session, Venue
from villecaraibe.models import Territory


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SITE_URL = "https://villecaraibe.test"


@pytest.fixture
def commune(db):
    return Territory.objects.create(name="Fort-de-France", slug="fort-de-france", kind="commune")


@pytest.fixture
def venue(commune):
    return Venue.objects.create(name="CNFPT", address="Route de Didier", commune=commune)


def make_event(venue=None, days_ahead=20, n_sessions=1, capacity=30, **kwargs):
    start = timezone.localdate() + datetime.timedelta(days=days_ahead)
    kwargs.setdefault("title", "Cycle de qualification évaluation")
    kwargs.setdefault("kind", Event.Kind.QUALIFICATION_CYCLE)
    kwargs.setdefault("status", Event.Status.PUBLISHED)
    event = Event.objects.create(
        start_date=start,
        end_date=start + datetime.timedelta(days=n_sessions - 1),
        capacity=capacity,
        **kwargs,
    )
    for i in range(n_sessions):
        Session.objects.create(
            event=event,
            date=start + datetime.timedelta(days=i),
            start_time=datetime.time(8, 30),
            end_time=datetime.time(16, 30),
            theme=f"Journée {i + 1}",
            venue=venue,
        )
    return event


@pytest.fixture
def event(venue):
    return make_event(venue, n_sessions=2)


def registration_data(**overrides):
    data = {
        "first_name": "Line",
        "last_name": "Éloi",
        "email": "line.eloi@example.org",
        "organisation_name": "Ville du Lamentin",
        "function": "Cheffe de projet CUCS",
        "accessibility_needs": "",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}

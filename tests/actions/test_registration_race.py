"""Two visitors take the last seat at the same instant: one confirmed, one waitlisted."""

import threading
import time

import pytest
from django.db import connection, connections

from actions.models import Event, Registration
from actions.services import registrations as service

from .conftest import make_event, registration_data


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_visitors_race_for_the_last_seat(venue, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL.")
    event = make_event(venue, capacity=1)
    # Widen the window between counting the seats and taking one: without the row
    # lock, both visitors would count one free seat and both be confirmed.
    seats_left = Event.seats_left

    def slow_seats_left(self, *args, **kwargs):
        left = seats_left(self, *args, **kwargs)
        time.sleep(0.3)
        return left

    monkeypatch.setattr(Event, "seats_left", slow_seats_left)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def take_seat(n):
        try:
            barrier.wait(timeout=5)
            registration = service.register(
                event, registration_data(email=f"visitor{n}@example.org", consent=True)
            )
            results.append(registration.status)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_seat, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert not errors
    assert sorted(results) == [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    assert Registration.objects.confirmed().count() == 1
    assert Registration.objects.waitlisted().count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_visitors_never_overbook(venue):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL.")
    event = make_event(venue, capacity=3)
    barrier = threading.Barrier(8)

    def take_seat(n):
        try:
            barrier.wait(timeout=5)
            service.register(event, registration_data(email=f"v{n}@example.org", consent=True))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_seat, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert Registration.objects.confirmed().count() == 3
    assert Registration.objects.waitlisted().count() == 5

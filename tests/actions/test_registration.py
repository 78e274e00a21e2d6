"""A visitor registers without an account, gets the e-mail, cancels; the waitlist moves."""

import re

import pytest
from django.core import mail, signing
from django.utils import timezone

from actions.models import Event, Registration
from actions.services import registrations as service
from annuaire.models import Organisation

from .conftest import make_event, registration_data

pytestmark = pytest.mark.django_db


def cancel_link(message):
    return re.search(r"https://villecaraibe\.test(/agenda/annulation/[^/\s]+/)", message.body)[1]


def register(client, event, **overrides):
    return client.post(event.get_absolute_url(), registration_data(**overrides), follow=True)


def test_visitor_registers_cancels_and_the_next_on_the_waitlist_is_promoted(
    client, venue, django_capture_on_commit_callbacks
):
    event = make_event(venue, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event)
    assert "Votre inscription est confirmée" in response.content.decode()
    first = Registration.objects.get(email="line.eloi@example.org")
    assert first.status == Registration.Status.CONFIRMED
    assert first.consent and first.consent_at
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["line.eloi@example.org"]
    assert "Inscription confirmée" in mail.outbox[0].subject
    link = cancel_link(mail.outbox[0])

    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, event, email="Marc.Joseph@example.org", first_name="Marc")
    assert "liste d'attente" in response.content.decode()
    second = Registration.objects.get(email="marc.joseph@example.org")
    assert second.status == Registration.Status.WAITLISTED
    assert "liste d'attente" in mail.outbox[1].subject

    page = client.get(link)
    assert "Oui, annuler mon inscription" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)
    assert "Inscription annulée" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CANCELLED and first.cancelled_at
    assert second.status == Registration.Status.CONFIRMED and second.promoted_at
    subjects = [m.subject for m in mail.outbox[2:]]
    assert any("annulée" in s for s in subjects)
    promotion = next(m for m in mail.outbox[2:] if m.to == ["marc.joseph@example.org"])
    assert "une place s'est libérée" in promotion.subject.lower()

    # Cancelling twice changes nothing.
    response = client.post(link)
    assert "déjà annulée" in response.content.decode()
    assert Registration.objects.confirmed().count() == 1


def test_duplicate_registration_is_refused_with_a_clear_message(client, event):
    register(client, event)
    response = register(client, event, email="LINE.ELOI@example.org ")
    assert "déjà inscrit" in response.content.decode()
    assert Registration.objects.filter(event=event).count() == 1


def test_database_refuses_a_duplicate_even_if_the_form_is_bypassed(event):
    from django.db import IntegrityError, transaction

    Registration.objects.create(event=event, first_name="A", last_name="B", email="a@b.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, first_name="A", last_name="B", email="A@B.org")


def test_registering_again_after_cancelling_is_allowed(event):
    first = service.register(event, registration_data(consent=True))
    service.cancel(first)
    again = service.register(event, registration_data(consent=True))
    assert again.status == Registration.Status.CONFIRMED


def test_full_event_offers_the_waitlist(client, venue):
    event = make_event(venue, capacity=0)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Cet événement est complet" in page
    assert "Rejoindre la liste d'attente" in page


def test_closed_registration_after_the_deadline(client, venue):
    event = make_event(
        venue, registration_deadline=timezone.localdate() - timezone.timedelta(days=1)
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Les inscriptions sont closes depuis le" in page
    response = register(client, event)
    assert "Les inscriptions sont closes depuis le" in response.content.decode()
    assert not Registration.objects.exists()


def test_cancelled_event_refuses_registration(client, venue):
    event = make_event(venue, status=Event.Status.CANCELLED)
    response = register(client, event)
    content = response.content.decode()
    assert "Cet événement a été annulé" in content
    assert not Registration.objects.exists()


def test_draft_event_is_not_public(client, venue):
    event = make_event(venue, status=Event.Status.DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"first_name": ""}, "Ce champ est obligatoire"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide"),
        ({"consent": None}, "Veuillez cocher la case de consentement"),
        ({"function": "x" * 151}, "au plus 150 caractères"),
        ({"website_url": "http://spam.example"}, "Votre envoi n’a pas pu être accepté"),
    ],
)
def test_bad_input_is_answered_in_french_and_nothing_is_saved(client, event, overrides, message):
    response = register(client, event, **overrides)
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_html_typed_by_a_visitor_comes_back_escaped(client, superuser, event):
    register(client, event, first_name="<script>alert(1)</script>", email="x@example.org")
    registration = Registration.objects.get()
    assert registration.first_name == "<script>alert(1)</script>"
    client.force_login(superuser)
    page = client.get(f"/admin/actions/event/{event.pk}/presences/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_organisation_is_matched_to_the_directory(client, event):
    org = Organisation.objects.create(name="Ville du Lamentin", acronym="", kind="commune")
    register(client, event, organisation_name="ville du lamentin")
    registration = Registration.objects.get()
    assert registration.organisation == org
    assert registration.organisation_name == ""
    register(client, event, organisation_name="Association Quartiers Solidaires", email="b@ex.org")
    typed = Registration.objects.get(email="b@ex.org")
    assert typed.organisation is None
    assert typed.organisation_name == "Association Quartiers Solidaires"


def test_sessions_attended_default_to_all_and_can_be_chosen(client, event):
    first, second = event.sessions.all()
    register(client, event)
    assert set(Registration.objects.get().sessions.all()) == {first, second}
    register(client, event, email="c@example.org", sessions=[str(second.pk)])
    assert list(Registration.objects.get(email="c@example.org").sessions.all()) == [second]


def test_forged_cancellation_link_gets_a_clear_page(client, event):
    registration = service.register(event, registration_data(consent=True))
    token = service.cancel_token(registration)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.get(f"/agenda/annulation/{forged}/")
    assert response.status_code == 400
    assert "Ce lien n'est pas valide" in response.content.decode()
    other = signing.TimestampSigner(salt="other").sign(str(registration.pk))
    assert client.get(f"/agenda/annulation/{other}/").status_code == 400
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_expired_cancellation_link_gets_a_clear_page(client, event, settings):
    registration = service.register(event, registration_data(consent=True))
    token = service.cancel_token(registration)
    settings.AGENDA_CANCEL_LINK_MAX_AGE_DAYS = -1
    response = client.post(f"/agenda/annulation/{token}/")
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_promotion_respects_the_order_of_the_waitlist(venue):
    event = make_event(venue, capacity=1)
    first = service.register(event, registration_data(email="a@ex.org", consent=True))
    waiting = [
        service.register(event, registration_data(email=f"w{i}@ex.org", consent=True))
        for i in range(3)
    ]
    assert {w.status for w in waiting} == {Registration.Status.WAITLISTED}
    promoted = service.cancel(first)
    assert promoted == [waiting[0]]
    event.capacity = 3
    event.save()
    assert service.promote_from_waitlist(event) == waiting[1:]


def test_staff_cancel_an_event_and_registrants_are_told(
    client, superuser, event, django_capture_on_commit_callbacks
):
    service.register(event, registration_data(consent=True))
    service.register(event, registration_data(email="b@ex.org", consent=True))
    mail.outbox.clear()
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/actions/event/",
            {"action": "cancel_events", "_selected_action": [event.pk]},
            follow=True,
        )
    assert "1 événement annulé ; 2 inscrit(s) prévenu(s)" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == ["b@ex.org", "line.eloi@example.org"]
    assert all("Événement annulé" in m.subject for m in mail.outbox)
    # The public page says so and refuses registration.
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Cet événement a été annulé" in page
    assert service.cancel_event(event) == 0


def test_past_event_says_it_is_over(client, venue):
    event = make_event(venue, days_ahead=-5)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Cet événement est terminé" in page


def test_raising_the_capacity_in_the_admin_promotes_the_waitlist(
    client, superuser, venue, django_capture_on_commit_callbacks
):
    event = make_event(venue, capacity=1)
    service.register(event, registration_data(email="a@ex.org", consent=True))
    waiting = service.register(event, registration_data(email="w@ex.org", consent=True))
    mail.outbox.clear()
    client.force_login(superuser)
    response = client.get(f"/admin/actions/event/{event.pk}/change/")
    form = response.context["adminform"].form
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and k not in ("themes", "territories", "partners", "description")
    }
    data.update(
        {
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
            "capacity": "2",
            "registration_open": "on",
            "description": "",
        }
    )
    sessions = list(event.sessions.all())
    data.update(
        {
            "sessions-TOTAL_FORMS": str(len(sessions)),
            "sessions-INITIAL_FORMS": str(len(sessions)),
            "speakers-TOTAL_FORMS": "0",
            "speakers-INITIAL_FORMS": "0",
            "event_documents-TOTAL_FORMS": "0",
            "event_documents-INITIAL_FORMS": "0",
            "paper_satisfaction-TOTAL_FORMS": "0",
            "paper_satisfaction-INITIAL_FORMS": "0",
        }
    )
    for i, s in enumerate(sessions):
        data.update(
            {
                f"sessions-{i}-id": s.pk,
                f"sessions-{i}-event": event.pk,
                f"sessions-{i}-date": s.date.isoformat(),
                f"sessions-{i}-start_time": "08:30",
                f"sessions-{i}-end_time": "16:30",
                f"sessions-{i}-venue": venue.pk,
            }
        )
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/actions/event/{event.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [["w@ex.org"]]

"""After the event: a signed link to a short questionnaire; paper answers typed as counts."""

import datetime
import html
import re

import pytest
from django.core import mail

from actions.models import PaperSatisfactionCount, Rating, Registration, SatisfactionResponse
from actions.services import satisfaction
from actions.tasks import enqueue_satisfaction_questionnaires

from .conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_event(venue):
    event = make_event(venue, days_ahead=-10)
    reg = Registration.objects.create(
        event=event, first_name="Line", last_name="Éloi", email="line@ex.org"
    )
    return event, reg


def test_participant_answers_through_the_signed_link(client, past_event):
    event, registration = past_event
    assert enqueue_satisfaction_questionnaires(event) == 1
    assert enqueue_satisfaction_questionnaires(event) == 0  # once per participant
    assert len(mail.outbox) == 1
    link = re.search(
        r"https://villecaraibe\.test(/agenda/questionnaire/\S+/)", mail.outbox[0].body
    )[1]
    page = client.get(link).content.decode()
    assert "très satisfaits" in page
    response = client.post(link, {"rating": "", "comments": ""})
    assert "Veuillez choisir l'une des quatre réponses" in html.unescape(response.content.decode())
    client.post(link, {"rating": "4", "comments": "<b>Très utile</b>"})
    answer = SatisfactionResponse.objects.get()
    assert answer.rating == 4 and answer.registration == registration
    again = client.post(link, {"rating": "1"}).content.decode()
    assert "déjà répondu" in again
    assert SatisfactionResponse.objects.count() == 1


def test_forged_questionnaire_link(client, past_event):
    response = client.get("/agenda/questionnaire/1:forged:token/")
    assert response.status_code == 400
    assert "Ce lien n'est pas valide" in response.content.decode()


def test_summary_adds_paper_and_online_answers(past_event):
    event, registration = past_event
    PaperSatisfactionCount.objects.create(event=event, rating=Rating.VERY_SATISFIED, count=6)
    PaperSatisfactionCount.objects.create(event=event, rating=Rating.FAIRLY_SATISFIED, count=3)
    satisfaction.record_answer(registration, Rating.VERY_SATISFIED)
    assert satisfaction.summary_sentence(event) == (
        "10 retournés : 7 très satisfaits, 3 assez satisfaits"
    )


def test_past_event_page_shows_the_satisfaction_and_documents(client, past_event):
    from actions.models import EventDocument
    from documentation.models import Document

    event, _registration = past_event
    PaperSatisfactionCount.objects.create(event=event, rating=Rating.VERY_SATISFIED, count=7)
    PaperSatisfactionCount.objects.create(event=event, rating=Rating.FAIRLY_SATISFIED, count=3)
    public = Document.objects.create(title="Compte rendu", kind="compte_rendu", status="published")
    draft = Document.objects.create(title="Brouillon interne", kind="autre")
    EventDocument.objects.create(event=event, document=public)
    EventDocument.objects.create(event=event, document=draft)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "10 retournés : 7 très satisfaits, 3 assez satisfaits" in page
    assert "Compte rendu" in page and "Brouillon interne" not in page
    assert event.start_date < datetime.date.today()

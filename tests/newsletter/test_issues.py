"""Issues: the fortnightly draft, their content, preview, test send, admin sending with
progress, scheduling, archive and figures."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from documentation.models import Document
from newsletter.models import Delivery, Issue, NewsItem, Subscriber
from newsletter.services import content, sending
from newsletter.services.issues import prepare_next_issue
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def locmem(newsletter_settings):
    newsletter_settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    return newsletter_settings


def login(client, user):
    client.login(username=user.username, password=STAFF_PASSWORD)
    return client


def test_prepare_next_issue_is_idempotent_and_fortnightly():
    Issue.objects.create(number=7, date=date(2008, 10, 17), subject="n° 7", status="sent")
    NewsItem.objects.create(
        title="Nouveau",
        category="locale",
        is_published=True,
        published_at=timezone.make_aware(timezone.datetime(2008, 10, 20, 9)),
    )
    issue, created = prepare_next_issue(today=date(2008, 10, 20))
    assert created and issue.number == 8 and issue.date == date(2008, 10, 31)
    assert issue.status == "draft"
    assert [n.title for n in issue.news_items.all()] == ["Nouveau"]
    again, created = prepare_next_issue(today=date(2008, 10, 21))
    assert not created and again.pk == issue.pk
    call_command("prepare_next_issue")
    assert Issue.objects.count() == 2


def test_content_gathers_documents_since_last_issue_calls_and_events(issue):
    previous_day = issue.date - timedelta(days=14)
    Issue.objects.create(number=0, date=previous_day, subject="avant", status="sent")
    old = Document.objects.create(title="Ancien", status="published")
    Document.objects.filter(pk=old.pk).update(
        published_at=timezone.make_aware(timezone.datetime(2008, 10, 1, 9))
    )
    new = Document.objects.create(title="Guide de l'évaluation des CUCS", status="published")
    Document.objects.filter(pk=new.pk).update(
        published_at=timezone.make_aware(timezone.datetime(2008, 11, 10, 9))
    )
    call = NewsItem.objects.create(
        title="Appel CLAS",
        category="appels",
        deadline=issue.date + timedelta(days=10),
        is_published=True,
        published_at=timezone.make_aware(timezone.datetime(2008, 11, 1)),
    )
    NewsItem.objects.create(
        title="Appel clos",
        category="appels",
        deadline=issue.date - timedelta(days=1),
        is_published=True,
        published_at=timezone.make_aware(timezone.datetime(2008, 10, 1)),
    )
    gathered = content.gather(issue)
    assert [d.title for d in gathered["documents"]] == ["Guide de l'évaluation des CUCS"]
    assert gathered["calls"] == [call]
    assert gathered["events"] == []  # no event in the next four weeks


def test_upcoming_events_of_the_next_four_weeks(vocabulary, django_assert_max_num_queries):
    from actions.models import Event, Session, Venue
    from villecaraibe.models import Territory

    lamentin = Territory.objects.get(name="Le Lamentin")
    venue = Venue.objects.create(name="Salle Aimé Césaire", commune=lamentin)

    def event(title, day, status=Event.Status.PUBLISHED):
        e = Event.objects.create(
            title=title, kind="information_day", start_date=day, end_date=day, status=status
        )
        Session.objects.create(event=e, date=day, start_time="09:00", end_time="12:00", venue=venue)
        return e

    event("Journée prévention de la récidive", date(2008, 11, 6))
    event("Brouillon", date(2008, 11, 7), status=Event.Status.DRAFT)
    event("Trop tard", date(2008, 12, 20))
    with django_assert_max_num_queries(2):
        items = content.upcoming_events(date(2008, 11, 1), date(2008, 11, 29))
    assert [(i["title"], i["place"]) for i in items] == [
        ("Journée prévention de la récidive", "Le Lamentin")
    ]


def test_admin_preview_is_the_mail_readers_get(client, direction_user, issue):
    login(client, direction_user)
    response = client.get(reverse("admin:newsletter_issue_preview", args=[issue.pk]))
    assert response.status_code == 200
    assert reverse("newsletter:issue_mail", args=[issue.number]) in response.text
    mail_view = client.get(reverse("newsletter:issue_mail", args=[issue.number]))
    assert mail_view.status_code == 200
    assert (
        "L&#x27;évaluation des CUCS" in mail_view.text or "L'évaluation des CUCS" in mail_view.text
    )
    assert 'style="' in mail_view.text  # inlined, as in the mail
    assert "'unsafe-inline'" in mail_view["Content-Security-Policy"]
    assert mail_view["X-Frame-Options"] == "SAMEORIGIN"
    # Drafts are not public.
    client.logout()
    assert client.get(reverse("newsletter:issue_mail", args=[issue.number])).status_code == 404
    assert client.get(reverse("newsletter:issue", args=[issue.number])).status_code == 404


def test_admin_send_test_to_one_address(client, direction_user, issue, locmem):
    login(client, direction_user)
    url = reverse("admin:newsletter_issue_test", args=[issue.pk])
    response = client.post(url, {"email": "pas une adresse"})
    assert response.status_code == 200 and "adresse électronique valide" in response.text
    response = client.post(url, {"email": "relecture@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["relecture@example.org"] and message.subject.startswith("[TEST]")
    assert not Delivery.objects.exists()
    issue.refresh_from_db()
    assert issue.status == "draft"


def test_admin_send_now_answers_at_once_and_shows_progress(
    client, direction_user, issue, subscribers, locmem, django_capture_on_commit_callbacks
):
    locmem.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "newsletter"],
        }
    }
    subscribers(30)
    login(client, direction_user)
    url = reverse("admin:newsletter_issue_send", args=[issue.pk])
    assert "30" in client.get(url).text  # the confirmation page says how many
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == "sending" and issue.recipients_count == 30
    assert len(mail.outbox) == 0  # the task does the sending, not the request
    change = client.get(reverse("admin:newsletter_issue_change", args=[issue.pk]))
    assert '<progress max="30" value="0">' in change.text
    sending.send_pending(issue.pk)
    progress = client.get(reverse("admin:newsletter_issue_progress", args=[issue.pk])).json()
    assert progress["sent"] == 30 and progress["status"] == "sent"
    # Sending twice is refused.
    client.post(url)
    assert Delivery.objects.count() == 30


def test_bureau_cannot_send(client, bureau_user, issue):
    login(client, bureau_user)
    response = client.post(reverse("admin:newsletter_issue_send", args=[issue.pk]))
    assert response.status_code == 403
    issue.refresh_from_db()
    assert issue.status == "draft"


def test_schedule_then_send_due_issues(client, direction_user, issue, subscribers, locmem):
    subscribers(4)
    login(client, direction_user)
    url = reverse("admin:newsletter_issue_schedule", args=[issue.pk])
    response = client.post(url, {"send_at": "2000-01-01T10:00"})
    assert "futur" in response.text
    when = timezone.localtime() + timedelta(hours=1)
    response = client.post(url, {"send_at": when.strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == "scheduled"
    call_command("send_due_issues")
    issue.refresh_from_db()
    assert issue.status == "scheduled"  # not yet
    Issue.objects.filter(pk=issue.pk).update(scheduled_at=timezone.now() - timedelta(minutes=1))
    call_command("send_due_issues")
    issue.refresh_from_db()
    assert issue.status == "sent" and len(mail.outbox) == 4


def test_archive_lists_sent_issues_with_sign_up_and_rss(
    client, issue, subscribers, locmem, django_assert_max_num_queries
):
    Issue.objects.bulk_create(
        [
            Issue(
                number=100 + i,
                date=date(2008, 1, 1),
                subject=f"Numéro {i}",
                status="sent",
                sent_at=timezone.now(),
            )
            for i in range(200)
        ]
    )
    with django_assert_max_num_queries(4):
        response = client.get(reverse("newsletter:letter"))
    assert response.status_code == 200
    assert "Numéro 199" in response.text and "L'évaluation des CUCS" not in response.text
    assert 'name="consent"' in response.text
    feed = client.get(reverse("newsletter:letter_feed"))
    assert feed.status_code == 200 and "Numéro 199" in feed.text
    sent = Issue.objects.get(number=150)
    page = client.get(sent.get_absolute_url())
    assert page.status_code == 200 and "Numéro 50" in page.text


def test_web_version_of_a_sent_issue_is_frozen(client, issue, subscribers, locmem):
    subscribers(1)
    sending.start_sending(issue, enqueue=False)
    sending.send_pending(issue.pk)
    Issue.objects.filter(pk=issue.pk).update(subject="Changé après coup")
    response = client.get(reverse("newsletter:issue_mail", args=[issue.number]))
    assert "évaluation des CUCS" in response.text and "Changé après coup" not in response.text
    assert "unsubscribe.invalid" not in response.text


def test_figures_page(client, direction_user, issue, subscribers, locmem):
    subscribers(5)
    sending.start_sending(issue, enqueue=False)
    sending.send_pending(issue.pk)
    Subscriber.objects.filter(email="lecteur0@example.org").update(
        status="unsubscribed", unsubscribed_at=timezone.now(), unsubscribed_from=issue
    )
    login(client, direction_user)
    response = client.get(reverse("admin:newsletter_subscriber_figures"))
    assert response.status_code == 200
    assert "Désinscriptions provoquées" in response.text
    assert "<td>5</td><td>5</td><td>0</td><td>0</td><td>1</td>" in response.text.replace("\n", "")


def test_admin_lists_within_query_budget(
    client, direction_user, subscribers, issue, django_assert_max_num_queries
):
    subscribers(300)
    sending.start_sending(issue, enqueue=False)
    login(client, direction_user)
    for name in ["subscriber", "issue", "newsitem", "delivery"]:
        with django_assert_max_num_queries(15):
            response = client.get(reverse(f"admin:newsletter_{name}_changelist"))
        assert response.status_code == 200, name


def test_demo_is_idempotent(settings):
    from io import StringIO

    from newsletter import demo

    demo.load(StringIO())
    counts = (
        NewsItem.objects.count(),
        Issue.objects.count(),
        Subscriber.objects.count(),
        Delivery.objects.count(),
    )
    demo.load(StringIO())
    assert counts == (
        NewsItem.objects.count(),
        Issue.objects.count(),
        Subscriber.objects.count(),
        Delivery.objects.count(),
    )
    assert Issue.objects.sent().count() == 4
    assert Issue.objects.get(number=5).status == "draft"


def test_send_test_admin_action_needs_one_issue(client, direction_user, issue):
    other = Issue.objects.create(number=2, date=date(2008, 11, 28), subject="Deux")
    login(client, direction_user)
    url = reverse("admin:newsletter_issue_changelist")
    response = client.post(url, {"action": "send_test_action", "_selected_action": [issue.pk]})
    assert response["Location"] == reverse("admin:newsletter_issue_test", args=[issue.pk])
    response = client.post(
        url, {"action": "send_test_action", "_selected_action": [issue.pk, other.pk]}, follow=True
    )
    assert "Sélectionnez un seul numéro." in response.text


def test_unsubscribe_page_and_expired_confirmation_get(client, settings):
    from newsletter.services import subscriptions, tokens

    subscriber = Subscriber.objects.create(
        email="<b>x</b>@example.org".replace("<b>", "").replace("</b>", ""),
        status="confirmed",
        source="form",
    )
    page = client.get(subscriptions.unsubscribe_url(subscriber).removeprefix(settings.SITE_URL))
    assert page.status_code == 200 and "x@example.org" in page.text and "<form" in page.text
    token = tokens.make_confirmation_token(subscriber)
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1
    expired = client.get(reverse("newsletter:confirm", args=[token]))
    assert expired.status_code == 400 and "Ce lien a expiré" in expired.text


def test_moving_or_clearing_the_time_in_the_form(client, direction_user, issue, locmem):
    login(client, direction_user)
    sending.schedule(issue, timezone.now() + timedelta(days=1))
    url = reverse("admin:newsletter_issue_change", args=[issue.pk])
    data = {
        "number": 1,
        "date": "2008-11-14",
        "subject": issue.subject,
        "introduction": issue.introduction,
        "scheduled_at_0": "",
        "scheduled_at_1": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    issue.refresh_from_db()
    assert issue.status == "draft" and issue.scheduled_at is None
    later = timezone.localtime() + timedelta(days=2)
    data.update(scheduled_at_0=later.strftime("%Y-%m-%d"), scheduled_at_1=later.strftime("%H:%M"))
    client.post(url, data)
    issue.refresh_from_db()
    assert issue.status == "scheduled"

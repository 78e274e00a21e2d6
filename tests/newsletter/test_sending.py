"""Sending against a real SMTP server on loopback: exactly once, even after a crash."""

import email
import email.policy

import pytest
from django.core import mail
from django.db import connection

from newsletter.models import Delivery, Issue, Subscriber
from newsletter.services import sending


def start(issue):
    return sending.start_sending(issue, enqueue=False)


@pytest.mark.django_db(transaction=True)
def test_issue_reaches_every_confirmed_subscriber_once(sink, subscribers, issue, settings):
    settings.NEWSLETTER_BATCH_SIZE = 10
    subscribers(25)
    subscribers(3, status="pending", prefix="attente")
    subscribers(2, status="unsubscribed", prefix="parti")
    assert start(issue) == 25
    assert start(issue) == 25  # idempotent: nobody added twice
    report = sending.send_pending(issue.pk)
    stats = sink.wait(25)
    assert report.sent == 25 and report.finished
    assert stats["unique_recipients"] == 25 and stats["dup_recipients"] == 0
    assert stats["connections"] == 3  # ceil(25 / 10): one SMTP connection per batch
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert Delivery.objects.filter(issue=issue, status="sent").count() == 25


@pytest.mark.django_db(transaction=True)
def test_message_is_multipart_inlined_with_one_click_unsubscribe(sink, subscribers, issue):
    subscribers(1)
    Subscriber.objects.update(name="Éliane Désirée")
    start(issue)
    sending.send_pending(issue.pk)
    sink.wait(1)
    raw = (sink.samples / "msg1.eml").read_bytes()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert [p.get_content_type() for p in msg.walk()] == [
        "multipart/alternative",
        "text/plain",
        "text/html",
    ]
    html = msg.get_body(("html",)).get_content()
    assert 'style="' in html and "<style" not in html  # CSS inlined
    url = msg["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://www.villecaraibe.com/u/")
    assert len(url) <= 74
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["Message-ID"].endswith("@www.villecaraibe.com>")
    assert url in html and url in msg.get_body(("plain",)).get_content()
    assert msg["Subject"] == "L'évaluation des CUCS"
    assert str(msg["To"]) == "Éliane Désirée <lecteur0@example.org>"
    assert "Bonjour à toutes et à tous." in html
    assert "Centre de ressources Ville caraïbe" in msg.get_body(("plain",)).get_content()
    # No open tracking: no image pixel, links go straight to the site.
    assert "<img" not in html


@pytest.mark.django_db(transaction=True)
def test_temporary_451_is_retried_not_dropped(tempfail_sink, subscribers, issue, settings):
    settings.NEWSLETTER_RETRY_DELAY = 3600
    subscribers(12)
    start(issue)
    report = sending.send_pending(issue.pk)
    assert report.deferred == 4  # every third new recipient answered 451 once
    assert report.sent == 8 and report.retry_at is not None and not report.finished
    retrying = Delivery.objects.filter(status="queued", attempts=1)
    assert retrying.count() == 4
    assert retrying.first().smtp_code == 451 and "4.3.0" in retrying.first().smtp_answer
    retrying.update(next_attempt_at=None)  # the retry delay has passed
    report = sending.send_pending(issue.pk)
    stats = tempfail_sink.wait(12)
    assert stats["tempfails_sent"] == 4
    assert stats["unique_recipients"] == 12 and stats["dup_recipients"] == 0
    assert Delivery.objects.filter(status="sent").count() == 12
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


class Crash(BaseException):
    pass


@pytest.mark.django_db(transaction=True)
def test_crash_half_way_then_restart_sends_the_rest_exactly_once(
    sink, subscribers, issue, settings, monkeypatch
):
    settings.NEWSLETTER_BATCH_SIZE = 10
    subscribers(40)
    start(issue)
    real = sending.Sender.deliver
    calls = {"n": 0}

    def crashing_deliver(self, backend, delivery):
        calls["n"] += 1
        if calls["n"] == 17:
            raise Crash  # the process dies in the middle of a batch
        return real(self, backend, delivery)

    monkeypatch.setattr(sending.Sender, "deliver", crashing_deliver)
    with pytest.raises(Crash):
        sending.send_pending(issue.pk)
    assert Delivery.objects.filter(status="sent").count() == 16
    assert not Delivery.objects.filter(status="sending").exists()
    monkeypatch.setattr(sending.Sender, "deliver", real)
    sending.send_pending(issue.pk)
    stats = sink.wait(40)
    assert stats["unique_recipients"] == 40 and stats["dup_recipients"] == 0


@pytest.mark.django_db(transaction=True)
def test_killed_before_commit_journal_prevents_resend(
    sink, subscribers, issue, settings, monkeypatch
):
    """The worst moment: the SMTP server accepted mails, the process dies before the DB
    knows. The next worker reads the dead worker's journal and resends none of them."""
    settings.NEWSLETTER_BATCH_SIZE = 10
    subscribers(30)
    start(issue)
    real_settle = sending.Sender.settle
    state = {"batches": 0}

    def dying_settle(self, outcome, ids):
        state["batches"] += 1
        if state["batches"] == 2:
            raise Crash  # database gone: nothing recorded for this batch
        return real_settle(self, outcome, ids)

    monkeypatch.setattr(sending.Sender, "settle", dying_settle)
    with pytest.raises(Crash):
        sending.send_pending(issue.pk)
    assert Delivery.objects.filter(status="sending").count() == 10
    monkeypatch.setattr(sending.Sender, "settle", real_settle)
    sending.send_pending(issue.pk)
    stats = sink.wait(30)
    assert stats["unique_recipients"] == 30 and stats["dup_recipients"] == 0
    assert Delivery.objects.filter(status="sent").count() == 30


@pytest.mark.django_db(transaction=True)
def test_permanent_failure_recorded_and_bounce_counted(
    newsletter_settings, subscribers, issue, monkeypatch
):
    import smtplib

    newsletter_settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    newsletter_settings.NEWSLETTER_BOUNCE_LIMIT = 1
    subscribers(3)
    start(issue)
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages

    def refuse(self, messages):
        if "lecteur1@" in messages[0].to[0]:
            raise smtplib.SMTPRecipientsRefused(
                {"lecteur1@example.org": (550, b"5.1.1 User unknown")}
            )
        return real(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    report = sending.send_pending(issue.pk)
    assert report.sent == 2 and report.failed == 1
    failed = Delivery.objects.get(status="failed")
    assert failed.smtp_code == 550 and "User unknown" in failed.smtp_answer and failed.bounced
    assert Subscriber.objects.get(email="lecteur1@example.org").status == "bounced"
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_unsubscribed_during_send_is_skipped(newsletter_settings, subscribers, issue):
    newsletter_settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    subscribers(3)
    start(issue)
    Subscriber.objects.filter(email="lecteur0@example.org").update(status="unsubscribed")
    report = sending.send_pending(issue.pk)
    assert report.sent == 2 and report.skipped == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_sql_statements_per_message(
    newsletter_settings, subscribers, issue, django_assert_max_num_queries
):
    newsletter_settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    newsletter_settings.NEWSLETTER_BATCH_SIZE = 100
    subscribers(300)
    start(issue)
    # 300 messages in 3 batches: claim + load + settle per batch, plus setup: far below 1/message.
    with django_assert_max_num_queries(30):
        report = sending.send_pending(issue.pk)
    assert report.sent == 300
    assert len(mail.outbox) == 300


@pytest.mark.django_db(transaction=True)
def test_task_sends_in_background(newsletter_settings, subscribers, issue):
    newsletter_settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    subscribers(5)
    sending.start_sending(issue)  # enqueues the task on commit (immediate backend here)
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert len(mail.outbox) == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_never_send_twice(sink, subscribers, issue, settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    import threading

    settings.NEWSLETTER_BATCH_SIZE = 7
    subscribers(120)
    start(issue)
    reports = []

    def worker():
        reports.append(sending.send_pending(issue.pk))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    stats = sink.wait(120)
    assert sum(r.sent for r in reports) == 120
    assert stats["unique_recipients"] == 120 and stats["dup_recipients"] == 0


@pytest.mark.django_db(transaction=True)
def test_stale_claims_of_a_worker_elsewhere_are_requeued(newsletter_settings, subscribers, issue):
    from datetime import timedelta

    from django.utils import timezone

    newsletter_settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    newsletter_settings.NEWSLETTER_STALE_CLAIM_SECONDS = 600
    subscribers(4)
    start(issue)
    old = timezone.now() - timedelta(seconds=601)
    recent = timezone.now() - timedelta(seconds=30)
    ids = list(Delivery.objects.order_by("id").values_list("id", flat=True))
    Delivery.objects.filter(id__in=ids[:2]).update(
        status="sending", claimed_by="other-host-1-x", claimed_at=old
    )
    Delivery.objects.filter(id__in=ids[2:]).update(
        status="sending", claimed_by="other-host-2-y", claimed_at=recent
    )
    sending.recover_orphans()
    assert Delivery.objects.filter(status="queued").count() == 2  # the live one keeps its rows
    assert Delivery.objects.filter(status="sending", claimed_by="other-host-2-y").count() == 2


@pytest.mark.django_db(transaction=True)
def test_rate_limit_paces_messages(newsletter_settings, subscribers, issue):
    import time

    newsletter_settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    }
    newsletter_settings.NEWSLETTER_RATE_LIMIT = 40
    subscribers(9)
    start(issue)
    began = time.monotonic()
    sending.send_pending(issue.pk)
    assert time.monotonic() - began >= 8 / 40
    assert len(mail.outbox) == 9


@pytest.mark.django_db(transaction=True)
def test_killed_while_waiting_for_the_250_sends_nobody_twice(
    sink, subscribers, issue, settings, monkeypatch
):
    """RFC 1047's window: the server has the whole message, the worker dies before
    reading its answer. The journal was written when the final "." left, so the next
    worker does not send that message again."""
    import smtplib

    settings.NEWSLETTER_BATCH_SIZE = 10
    subscribers(25)
    start(issue)
    real_getreply = smtplib.SMTP.getreply
    state = {"dots": 0, "last": b""}
    real_send = smtplib.SMTP.send

    def send(self, data):
        state["last"] = data if isinstance(data, bytes) else b""
        return real_send(self, data)

    def getreply(self):
        if state["last"].endswith(b"\r\n.\r\n"):
            state["dots"] += 1
            if state["dots"] == 14:
                state["last"] = b""
                raise Crash  # killed after the data left, before the 250 was read
        return real_getreply(self)

    monkeypatch.setattr(smtplib.SMTP, "send", send)
    monkeypatch.setattr(smtplib.SMTP, "getreply", getreply)
    with pytest.raises(Crash):
        sending.send_pending(issue.pk)
    assert sink.wait(14)["messages"] == 14  # the server did get the 14th
    monkeypatch.setattr(smtplib.SMTP, "getreply", real_getreply)
    sending.send_pending(issue.pk)
    stats = sink.wait(25)
    assert stats["unique_recipients"] == 25 and stats["dup_recipients"] == 0, stats
    assert Delivery.objects.filter(status="sent").count() == 25


@pytest.mark.django_db(transaction=True)
def test_refusal_after_the_data_is_not_taken_for_a_delivery(
    sink, subscribers, issue, settings, monkeypatch, tmp_path
):
    """A 5xx answer to the data cancels the journal line written when the data left:
    a crash before the batch is recorded must not mark that message sent."""
    import smtplib

    subscribers(3)
    start(issue)
    real_getreply = smtplib.SMTP.getreply
    state = {"dots": 0, "last": b""}
    real_send = smtplib.SMTP.send

    def send(self, data):
        state["last"] = data if isinstance(data, bytes) else b""
        return real_send(self, data)

    def getreply(self):
        code, text = real_getreply(self)
        if state["last"].endswith(b"\r\n.\r\n"):
            state["last"] = b""
            state["dots"] += 1
            if state["dots"] == 2:
                return 554, b"5.7.1 Message refused"
        return code, text

    real_settle = sending.Sender.settle
    journals = []

    def dying_settle(self, outcome, ids):
        journals.extend(p.read_bytes() for p in (tmp_path / "journal").glob("*.journal"))
        raise Crash

    monkeypatch.setattr(smtplib.SMTP, "send", send)
    monkeypatch.setattr(smtplib.SMTP, "getreply", getreply)
    monkeypatch.setattr(sending.Sender, "settle", dying_settle)
    with pytest.raises(Crash):
        sending.send_pending(issue.pk)
    ids = sorted(Delivery.objects.values_list("id", flat=True))
    assert journals == [b"%d\n%d\n-%d\n%d\n" % (ids[0], ids[1], ids[1], ids[2])]
    monkeypatch.setattr(sending.Sender, "settle", real_settle)
    monkeypatch.setattr(smtplib.SMTP, "getreply", real_getreply)
    assert sending.recover_orphans() == 2  # the refused one is not marked sent
    assert sorted(Delivery.objects.filter(status="sent").values_list("id", flat=True)) == [
        ids[0],
        ids[2],
    ]
    assert Delivery.objects.get(id=ids[1]).status == "queued"

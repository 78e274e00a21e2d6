"""Sending an issue: nobody skipped, nobody twice, batches over one SMTP connection.

How it works
------------
1. ``start_sending(issue)`` freezes the letter (HTML with CSS inlined + text) and
   creates one ``Delivery`` row per confirmed subscriber in ONE ``INSERT … SELECT``
   (unique on (issue, subscriber): running it twice adds nobody twice), then enqueues
   ``NEWSLETTER_WORKERS`` tasks. The admin answers at once.
2. Each worker (``send_pending``) loops: *claim* a batch (one ``WITH batch AS (SELECT …
   FOR UPDATE SKIP LOCKED) UPDATE … RETURNING id`` on PostgreSQL; on SQLite one
   ``UPDATE … WHERE id IN (SELECT … LIMIT n)``, atomic as writes serialise), load it with its subscribers (one
   SELECT), send it over ONE SMTP connection, then write the outcome in one
   transaction: one UPDATE for all that were sent, one ``bulk_update`` for failures.
   About 4 statements per batch of ``NEWSLETTER_BATCH_SIZE`` (100) messages.
3. Two workers never get the same row (the claim is atomic and skips locked rows).

The one window for a duplicate
------------------------------
A message is written to the worker's *journal* — one ``write()`` of its delivery id
to an append-only file under ``NEWSLETTER_JOURNAL_DIR``, held under an exclusive
``flock`` while the worker lives — as soon as its final "." has been handed to the
kernel, before the server's answer is read: from then on the server gets the whole
message even if the worker dies (the kernel sends what it was given), and before it
the server drops the partial message. A refusal read afterwards adds a cancelling
line. (Journalling only after the 250 left a duplicate whenever the worker was killed
while waiting for that answer — the RFC 1047 window, about one kill in a hundred on
loopback.)
The batch's "sent" UPDATE is committed at the end of the batch, then the journal is
emptied. If the worker is killed (SIGKILL, power cut of the process, OOM), the next
worker finds the journal unlocked (the kernel drops the lock of a dead process),
marks its ids sent and requeues the rest of the dead worker's claims at once. So the
only duplicate window is the few microseconds between the last ``send()`` of a message
and that ``write()`` (plus, after a power cut of the whole machine, what the page cache
had not written yet). SIGTERM and SIGINT are handled gracefully by ``send_issue`` (the
management command): the current message finishes, the batch is committed, the
rest is released — no duplicate, nobody skipped.

Claims from a worker on another machine (RQ) that died are requeued after
``NEWSLETTER_STALE_CLAIM_SECONDS``; there, up to one batch may be resent (documented).
Every copy of a delivery carries the same Message-ID, so mail clients that
deduplicate by Message-ID hide even that.

Failures: a 4xx answer (e.g. 451 greylisting) requeues the delivery for
``NEWSLETTER_RETRY_DELAY`` seconds, up to ``NEWSLETTER_MAX_ATTEMPTS``; a 5xx answer
fails it at once, with the SMTP answer recorded, and counts a hard bounce on the
subscriber (see ``services/bounces.py``). No open tracking: no pixel, no rewritten
links.
"""

import binascii
import fcntl
import logging
import os
import smtplib
import socket
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr

from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from newsletter.models import Delivery, Issue, Subscriber, newsletter_setting
from newsletter.services import bounces, rendering
from newsletter.services.subscriptions import unsubscribe_url

logger = logging.getLogger(__name__)


class SendingError(Exception):
    """The issue cannot be sent in its current state."""


# --------------------------------------------------------------------------- start


def start_sending(issue, *, enqueue=True):
    """Freeze ``issue`` and queue one delivery per confirmed subscriber (idempotent).

    Returns the number of recipients. Atomic: either the issue is "sending" with all its
    deliveries, or nothing changed.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status == Issue.Status.SENT:
            raise SendingError("already sent")
        if issue.status != Issue.Status.SENDING:
            issue.html_snapshot, issue.text_snapshot = rendering.render_issue(issue)
            issue.status = Issue.Status.SENDING
            issue.started_at = timezone.now()
        table = Delivery._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (issue_id, subscriber_id, status, attempts, claimed_by,"  # noqa: S608
                " smtp_answer, bounced)"
                f" SELECT %s, id, %s, 0, '', '', %s FROM {Subscriber._meta.db_table}"
                " WHERE status = %s ON CONFLICT (issue_id, subscriber_id) DO NOTHING",
                [issue.pk, Delivery.Status.QUEUED, False, Subscriber.Status.CONFIRMED],
            )
        issue.recipients_count = Delivery.objects.filter(issue=issue).count()
        issue.save()
        if enqueue:
            transaction.on_commit(lambda: enqueue_workers(issue.pk))
    return issue.recipients_count


def enqueue_workers(issue_id, run_after=None):
    from newsletter.tasks import send_issue_task

    task = send_issue_task
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    for _n in range(max(1, newsletter_setting("NEWSLETTER_WORKERS"))):
        task.enqueue(issue_id)


def schedule(issue, when):
    """Plan sending for ``when``: a deferred task if the backend can, and ``send_due_issues``."""
    if not issue.is_editable:
        raise SendingError("not editable")
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SCHEDULED, scheduled_at=when, updated_at=timezone.now()
    )
    from newsletter.tasks import start_scheduled_issue_task

    task = start_scheduled_issue_task
    if task.get_backend().supports_defer:
        transaction.on_commit(lambda: task.using(run_after=when).enqueue(issue.pk))


def start_due_issues(now=None):
    """Start every scheduled issue whose time has come; returns their numbers."""
    started = []
    for issue in Issue.objects.due(now):
        start_sending(issue)
        started.append(issue.number)
    return started


# ------------------------------------------------------------------------- journal


class Journal:
    """The append-only record of what the SMTP server accepted and the DB does not know yet."""

    SUFFIX = ".journal"

    def __init__(self, directory, worker_id):
        os.makedirs(directory, exist_ok=True)
        self.path = os.path.join(directory, worker_id + self.SUFFIX)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def record(self, delivery_id):
        os.write(self.fd, b"%d\n" % delivery_id)

    def cancel(self, delivery_id):
        """The server refused after all: a later line takes the delivery out again."""
        os.write(self.fd, b"-%d\n" % delivery_id)

    @staticmethod
    def read_ids(raw):
        ids = []
        cancelled = set()
        for line in raw.split():
            if line.isdigit():
                ids.append(int(line))
            elif line[:1] == b"-" and line[1:].isdigit():
                cancelled.add(int(line[1:]))
        return [i for i in ids if i not in cancelled]

    def clear(self):
        os.ftruncate(self.fd, 0)

    def close(self, remove):
        if remove:
            os.unlink(self.path)
        os.close(self.fd)


def recover_orphans(now=None):
    """Settle the claims of dead workers: journals first (no resend), then stale claims.

    Returns the number of deliveries marked sent from journals.
    """
    now = now or timezone.now()
    directory = newsletter_setting("NEWSLETTER_JOURNAL_DIR")
    recovered = 0
    if os.path.isdir(directory):
        for name in sorted(os.listdir(directory)):
            if not name.endswith(Journal.SUFFIX):
                continue
            path = os.path.join(directory, name)
            try:
                fd = os.open(path, os.O_RDWR)
            except FileNotFoundError:
                continue
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # its worker is alive
                with os.fdopen(os.dup(fd), "rb") as f:
                    ids = Journal.read_ids(f.read())
                worker_id = name.removesuffix(Journal.SUFFIX)
                with transaction.atomic():
                    if ids:
                        recovered += Delivery.objects.filter(
                            id__in=ids, status=Delivery.Status.SENDING
                        ).update(
                            status=Delivery.Status.SENT,
                            sent_at=now,
                            claimed_by="",
                            smtp_code=250,
                        )
                    Delivery.objects.filter(
                        claimed_by=worker_id, status=Delivery.Status.SENDING
                    ).update(status=Delivery.Status.QUEUED, claimed_by="", claimed_at=None)
                os.unlink(path)
            finally:
                os.close(fd)
    stale = now - timedelta(seconds=newsletter_setting("NEWSLETTER_STALE_CLAIM_SECONDS"))
    Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=stale).update(
        status=Delivery.Status.QUEUED, claimed_by="", claimed_at=None
    )
    return recovered


# ---------------------------------------------------------------------- fast MIME


def _qp(text):
    body = binascii.b2a_qp(text.replace("\r\n", "\n").encode(), istext=True)
    return body.replace(b"\n", b"\r\n")


class PreparedLetter:
    """The issue as MIME, with everything shared encoded once per worker.

    A recipient's copy is their headers plus the two bodies with their unsubscribe URL,
    quoted-printable encoded by ``binascii`` (C): about 50 µs, where building an
    ``EmailMessage`` costs several milliseconds (``email.headerregistry``). Used over
    SMTP for ASCII addresses; anything else goes through ``EmailMultiAlternatives``.
    Tests parse what the SMTP server received to check the structure.
    """

    def __init__(self, issue, html, text, from_email, domain, list_id):
        self.html, self.text = html, text
        self.boundary = f"=_lettre_{uuid.uuid4().hex}"
        self.envelope_from = parseaddr(from_email)[1]
        name, address = parseaddr(from_email)
        shared = [
            f"From: {formataddr((name, address), charset='utf-8')}",
            f"Subject: {Header(issue.subject, 'utf-8', header_name='Subject').encode()}",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            f"List-Id: {Header(list_id, 'utf-8', header_name='List-Id').encode()}",
            "Precedence: bulk",
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            f'Content-Type: multipart/alternative; boundary="{self.boundary}"',
        ]
        self.shared = "\r\n".join(shared).encode()
        self.part_head = (
            f'--{self.boundary}\r\nContent-Type: text/%s; charset="utf-8"\r\n'
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        )
        self.date = formatdate()

    def render(self, subscriber, url, message_id):
        to = formataddr((subscriber.name, subscriber.email), charset="utf-8")
        head = (
            f"To: {to}\r\nDate: {self.date}\r\nMessage-ID: {message_id}\r\n"
            f"List-Unsubscribe: <{url}>\r\n"
        ).encode()
        return b"".join(
            [
                head,
                self.shared,
                b"\r\n\r\n",
                (self.part_head % "plain").encode(),
                _qp(rendering.personalise(self.text, url)),
                b"\r\n",
                (self.part_head % "html").encode(),
                _qp(rendering.personalise(self.html, url)),
                f"\r\n--{self.boundary}--\r\n".encode(),
            ]
        )


# -------------------------------------------------------------------------- worker


@dataclass
class Report:
    sent: int = 0
    failed: int = 0
    deferred: int = 0
    skipped: int = 0
    batches: int = 0
    connections: int = 0
    retry_at: object = None
    finished: bool = False
    answers: list = field(default_factory=list)


class _Outcome:
    def __init__(self):
        self.sent = []
        self.temporary = []  # (delivery, code, answer)
        self.permanent = []
        self.skipped = []
        self.released = []


def claim_batch(issue_id, worker_id, size, now):
    """Atomically take up to ``size`` queued deliveries of the issue for ``worker_id``.

    PostgreSQL: a CTE locks the batch once (``FOR UPDATE SKIP LOCKED``: concurrent
    workers take other rows instead of waiting) — an ``IN (SELECT … LIMIT)`` subquery
    could be re-run by the planner and claim more than ``size``. SQLite: writes
    serialise, so the single statement is enough.
    """
    table = Delivery._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value
    pick = (
        f"SELECT id FROM {table} WHERE issue_id = %s AND status = %s"  # noqa: S608
        " AND (next_attempt_at IS NULL OR next_attempt_at <= %s) ORDER BY id LIMIT %s"
    )
    if connection.features.has_select_for_update_skip_locked:
        sql = (
            f"WITH batch AS ({pick} FOR UPDATE SKIP LOCKED)"  # noqa: S608 - names, not input
            f" UPDATE {table} SET status = %s, claimed_by = %s, claimed_at = %s"
            f" FROM batch WHERE {table}.id = batch.id RETURNING {table}.id"
        )
    else:
        sql = (
            f"UPDATE {table} SET status = %s, claimed_by = %s, claimed_at = %s"  # noqa: S608
            f" WHERE status = %s AND id IN ({pick}) RETURNING id"
        )
    pick_params = [issue_id, Delivery.Status.QUEUED, adapt(now), size]
    set_params = [Delivery.Status.SENDING, worker_id, adapt(now)]
    if connection.features.has_select_for_update_skip_locked:
        params = pick_params + set_params
    else:
        params = set_params + [Delivery.Status.QUEUED] + pick_params
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return sorted(row[0] for row in cursor.fetchall())


class Sender:
    """One worker sending one issue; see the module docstring for the guarantees."""

    def __init__(self, issue, *, worker_id=None, mailer="default", stop=None):
        self.issue = issue
        self.worker_id = worker_id or (
            f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        )
        self.mailer = mailer
        self.stop = stop or (lambda: False)
        self.batch_size = newsletter_setting("NEWSLETTER_BATCH_SIZE")
        rate = newsletter_setting("NEWSLETTER_RATE_LIMIT")
        self.interval = 1.0 / rate if rate else 0.0
        self.next_send = 0.0
        self.html, self.text = rendering.issue_content(issue)
        self.domain = rendering.site_domain()
        self.from_email = newsletter_setting("NEWSLETTER_FROM_EMAIL")
        self.list_id = f"La cohésion se construit <lettre.{self.domain}>"
        self.prepared = PreparedLetter(
            issue, self.html, self.text, self.from_email, self.domain, self.list_id
        )
        self.report = Report()
        self.in_flight = self.journaled = None

    def message_id(self, delivery):
        # The same for every copy of a delivery: clients that deduplicate hide a resend.
        return f"<lettre-{self.issue.number}-{delivery.pk}@{self.domain}>"

    def watch_final_dot(self, backend, journal):
        """Journal each message once its final "." has been handed to the kernel.

        Past that point the complete message reaches the server even if this process is
        killed before reading the answer (the kernel still sends what it was given, then
        closes the connection); before it, the server drops the partial message. So a
        worker killed while waiting for the server's 250 — the round trip where RFC 1047
        places SMTP's duplicates — leaves the right answer in its journal.
        """
        connection = getattr(backend, "connection", None)
        if connection is None or not hasattr(connection, "send"):
            return
        send = connection.send

        def send_and_journal(data):
            send(data)
            if (
                self.in_flight is not None
                and isinstance(data, bytes)  # commands are str; the message is bytes
                and data.endswith(b"\r\n.\r\n")
            ):
                journal.record(self.in_flight)
                self.journaled = self.in_flight

        connection.send = send_and_journal

    def deliver(self, backend, delivery):
        """Hand one message to the server; raises smtplib's exceptions on refusal."""
        subscriber = delivery.subscriber
        if isinstance(backend, SMTPBackend) and subscriber.email.isascii():
            url = unsubscribe_url(subscriber, self.issue.pk)
            raw = self.prepared.render(subscriber, url, self.message_id(delivery))
            backend.connection.sendmail(self.prepared.envelope_from, [subscriber.email], raw)
        else:
            backend.send_messages([self.build(delivery)])

    # Building one message: string replacement, no template.
    def build(self, delivery):
        subscriber = delivery.subscriber
        url = unsubscribe_url(subscriber, self.issue.pk)
        to = (
            formataddr((subscriber.name, subscriber.email)) if subscriber.name else subscriber.email
        )
        message = EmailMultiAlternatives(
            subject=self.issue.subject,
            body=rendering.personalise(self.text, url),
            from_email=self.from_email,
            to=[to],
            headers={
                "Message-ID": self.message_id(delivery),
                "List-Unsubscribe": f"<{url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": self.list_id,
                "Precedence": "bulk",
                "Auto-Submitted": "auto-generated",
            },
        )
        message.attach_alternative(rendering.personalise(self.html, url), "text/html")
        return message

    def _pace(self):
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_send > now:
            time.sleep(self.next_send - now)
        self.next_send = max(now, self.next_send) + self.interval

    def run(self):
        """Send until nothing is claimable now; returns a ``Report``."""
        recover_orphans()
        journal = Journal(newsletter_setting("NEWSLETTER_JOURNAL_DIR"), self.worker_id)
        clean = False
        try:
            while not self.stop():
                now = timezone.now()
                ids = claim_batch(self.issue.pk, self.worker_id, self.batch_size, now)
                if not ids:
                    break
                self.report.batches += 1
                outcome = _Outcome()
                try:
                    self.send_batch(ids, journal, outcome)
                finally:
                    # Runs for exceptions too: what the server accepted is recorded.
                    self.settle(outcome, ids)
                    journal.clear()
            clean = True
        finally:
            journal.close(remove=clean or os.path.getsize(journal.path) == 0)
        self.finish()
        return self.report

    def send_batch(self, ids, journal, outcome):
        deliveries = list(
            Delivery.objects.filter(id__in=ids)
            .select_related("subscriber")
            .defer("subscriber__consent_text")
            .order_by("id")
        )
        todo = []
        for delivery in deliveries:
            if delivery.subscriber.status == Subscriber.Status.CONFIRMED:
                todo.append(delivery)
            else:
                outcome.skipped.append(delivery.pk)
        if not todo:
            return
        backend = mailers[self.mailer]
        try:
            backend.open()
        except (OSError, smtplib.SMTPException) as exc:
            for delivery in todo:
                outcome.temporary.append((delivery, None, f"connection: {exc}"[:500]))
            return
        self.report.connections += 1
        self.watch_final_dot(backend, journal)
        try:
            for index, delivery in enumerate(todo):
                if self.stop():
                    outcome.released.extend(d.pk for d in todo[index:])
                    return
                self._pace()
                try:
                    self._deliver_journaled(backend, delivery, journal, outcome)
                except smtplib.SMTPRecipientsRefused as exc:
                    code, answer = next(iter(exc.recipients.values()), (None, b""))
                    self._failed(outcome, delivery, code, answer)
                except smtplib.SMTPResponseException as exc:
                    self._failed(outcome, delivery, exc.smtp_code, exc.smtp_error)
                except (smtplib.SMTPServerDisconnected, OSError) as exc:
                    # Connection lost: this one and the rest are retried later.
                    for rest in todo[index:]:
                        outcome.temporary.append((rest, None, f"connection: {exc}"[:500]))
                    return
                else:
                    if self.journaled != delivery.pk:  # a backend without a socket
                        journal.record(delivery.pk)
                    outcome.sent.append(delivery.pk)
        finally:
            try:
                backend.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail
                logger.debug("closing the SMTP connection failed", exc_info=True)

    def _deliver_journaled(self, backend, delivery, journal, outcome):
        self.in_flight, self.journaled = delivery.pk, None
        try:
            self.deliver(backend, delivery)
        except (smtplib.SMTPException, OSError):
            # Refused after the data, or the answer was lost while this process lives:
            # the database says what happens next (retry or failure), not the journal.
            if self.journaled == delivery.pk:
                journal.cancel(delivery.pk)
            raise
        except BaseException:
            # Interrupted while waiting for the answer (KeyboardInterrupt, a crash): the
            # data left, the server has it; the batch's record must say so too.
            if self.journaled == delivery.pk:
                outcome.sent.append(delivery.pk)
            raise
        finally:
            self.in_flight = None

    @staticmethod
    def _failed(outcome, delivery, code, answer):
        if isinstance(answer, bytes):
            answer = answer.decode("utf-8", "replace")
        answer = f"{code} {answer}"[:500]
        if code is not None and 500 <= code < 600:
            outcome.permanent.append((delivery, code, answer))
        else:
            outcome.temporary.append((delivery, code, answer))

    def settle(self, outcome, claimed_ids):
        """Write a batch's outcome in one transaction; unsettled claims go back to the queue."""
        now = timezone.now()
        retry_at = now + timedelta(seconds=newsletter_setting("NEWSLETTER_RETRY_DELAY"))
        max_attempts = newsletter_setting("NEWSLETTER_MAX_ATTEMPTS")
        changed = []
        with transaction.atomic():
            if outcome.sent:
                Delivery.objects.filter(id__in=outcome.sent).update(
                    status=Delivery.Status.SENT,
                    sent_at=now,
                    claimed_by="",
                    smtp_code=250,
                    smtp_answer="",
                    next_attempt_at=None,
                )
            for delivery, code, answer in outcome.temporary:
                delivery.attempts += 1
                delivery.smtp_code, delivery.smtp_answer = code, answer
                delivery.claimed_by = ""
                if delivery.attempts >= max_attempts:
                    delivery.status = Delivery.Status.FAILED
                else:
                    delivery.status = Delivery.Status.QUEUED
                    delivery.next_attempt_at = retry_at
                changed.append(delivery)
            for delivery, code, answer in outcome.permanent:
                delivery.attempts += 1
                delivery.smtp_code, delivery.smtp_answer = code, answer
                delivery.claimed_by = ""
                delivery.status = Delivery.Status.FAILED
                delivery.bounced = bounces.is_hard_bounce(code)
                changed.append(delivery)
            if changed:
                Delivery.objects.bulk_update(
                    changed,
                    ["attempts", "smtp_code", "smtp_answer", "claimed_by", "status"]
                    + ["next_attempt_at", "bounced"],
                )
            if outcome.skipped:
                Delivery.objects.filter(id__in=outcome.skipped).update(
                    status=Delivery.Status.SKIPPED, claimed_by=""
                )
            settled = set(outcome.sent) | set(outcome.skipped) | {d.pk for d in changed}
            unsettled = [pk for pk in claimed_ids if pk not in settled]
            if unsettled:
                Delivery.objects.filter(id__in=unsettled, status=Delivery.Status.SENDING).update(
                    status=Delivery.Status.QUEUED, claimed_by="", claimed_at=None
                )
            hard = [
                d.subscriber_id for d, code, _a in outcome.permanent if bounces.is_hard_bounce(code)
            ]
            if hard:
                bounces.count_hard_bounces(hard)
        report = self.report
        report.sent += len(outcome.sent)
        report.skipped += len(outcome.skipped)
        report.failed += sum(1 for d in changed if d.status == Delivery.Status.FAILED)
        report.deferred += sum(1 for d in changed if d.status == Delivery.Status.QUEUED)
        report.answers.extend(d.smtp_answer for d in changed)

    def finish(self):
        """Mark the issue sent when no delivery is left to send; else note the next retry."""
        left = Delivery.objects.filter(
            issue=self.issue, status__in=[Delivery.Status.QUEUED, Delivery.Status.SENDING]
        )
        if not left.exists():
            Issue.objects.filter(pk=self.issue.pk, status=Issue.Status.SENDING).update(
                status=Issue.Status.SENT, sent_at=timezone.now()
            )
            self.report.finished = True
        else:
            nxt = (
                left.filter(status=Delivery.Status.QUEUED)
                .order_by("next_attempt_at")
                .values_list("next_attempt_at", flat=True)
                .first()
            )
            self.report.retry_at = nxt


def send_pending(issue_id, *, stop=None, mailer="default", worker_id=None):
    """Run one worker on ``issue_id`` until nothing is claimable now (see module doc)."""
    issue = Issue.objects.get(pk=issue_id)
    if issue.status != Issue.Status.SENDING:
        return Report(finished=issue.status == Issue.Status.SENT)
    return Sender(issue, stop=stop, mailer=mailer, worker_id=worker_id).run()


def send_test(issue, address, *, mailer="default"):
    """Send the issue as readers will get it to one address; nothing is recorded."""
    html, text = rendering.issue_content(issue)
    from django.conf import settings

    url = settings.SITE_URL + reverse("newsletter:letter")
    message = EmailMultiAlternatives(
        subject=f"[TEST] {issue.subject}",
        body=rendering.personalise(text, url),
        from_email=newsletter_setting("NEWSLETTER_FROM_EMAIL"),
        to=[address],
        headers={
            "Message-ID": f"<lettre-{issue.number}-test-{uuid.uuid4().hex}@{rendering.site_domain()}>"
        },
    )
    message.attach_alternative(rendering.personalise(html, url), "text/html")
    message.send(using=mailer)

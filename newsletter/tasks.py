"""Background work of the newsletter (Django's tasks framework; any backend).

``send_issue_task`` is safe to run many times and on many workers at once: each
worker claims its own batches (see ``services/sending.py``).
"""

from django.tasks import task
from django.utils import timezone

from newsletter.models import Issue
from newsletter.services import sending, subscriptions


@task(queue_name="newsletter")
def send_issue_task(issue_id):
    """Send what is left of an issue; re-enqueue itself for deferred retries."""
    report = sending.send_pending(issue_id)
    if (
        report.retry_at is not None
        and not report.finished
        and send_issue_task.get_backend().supports_defer
    ):
        # Without deferred tasks, the cron command `send_due_issues` does the retries.
        sending.enqueue_workers(issue_id, run_after=max(report.retry_at, timezone.now()))
    return {
        "sent": report.sent,
        "failed": report.failed,
        "deferred": report.deferred,
        "finished": report.finished,
    }


@task(queue_name="newsletter")
def start_scheduled_issue_task(issue_id):
    """Start a scheduled issue when its time has come (no-op if already started)."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue and issue.status == Issue.Status.SCHEDULED and issue.scheduled_at <= timezone.now():
        sending.start_sending(issue)
        return True
    return False


@task()
def purge_unconfirmed_task():
    return subscriptions.purge_unconfirmed()

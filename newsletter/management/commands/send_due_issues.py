import signal
import threading

from django.core.management.base import BaseCommand

from newsletter.models import Issue
from newsletter.services import sending


class Command(BaseCommand):
    help = (
        "Start the scheduled issues whose time has come and send what is left of every "
        "issue being sent, in this process (run from cron every few minutes). "
        "SIGTERM/SIGINT stop it cleanly: the current message ends, the batch is recorded."
    )

    def add_arguments(self, parser):
        parser.add_argument("--issue", type=int, help="only this issue number")
        parser.add_argument(
            "--no-send", action="store_true", help="only start due issues, let the workers send"
        )

    def handle(self, *args, **options):
        stop = threading.Event()
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_a: stop.set())
        started = sending.start_due_issues()
        for number in started:
            self.stdout.write(f"Issue {number}: sending started.")
        if options["no_send"]:
            return
        issues = Issue.objects.filter(status=Issue.Status.SENDING)
        if options["issue"]:
            issues = issues.filter(number=options["issue"])
        for issue in issues:
            report = sending.send_pending(issue.pk, stop=stop.is_set)
            self.stdout.write(
                f"Issue {issue.number}: {report.sent} sent, {report.failed} failed, "
                f"{report.deferred} to retry, {report.connections} SMTP connection(s)"
                + (", finished." if report.finished else ".")
            )
            if stop.is_set():
                self.stdout.write("Stopped on request; run again to resume.")
                break

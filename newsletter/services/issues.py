"""Preparing issues: a draft every fortnight, for staff to edit.

``prepare_next_issue`` is idempotent: while a draft or scheduled issue exists it
returns that one and creates nothing; otherwise it creates the next number, dated a
fortnight after the last issue (or today), with the news published since.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format

from newsletter.models import Issue, NewsItem

FORTNIGHT = timedelta(days=14)


def prepare_next_issue(today=None):
    """Return (issue, created)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        pending = (
            Issue.objects.select_for_update()
            .filter(status__in=[Issue.Status.DRAFT, Issue.Status.SCHEDULED])
            .order_by("number")
            .first()
        )
        if pending:
            return pending, False
        last = Issue.objects.order_by("-number").first()
        number = (Issue.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        date = max(last.date + FORTNIGHT, today) if last else today
        issue = Issue.objects.create(
            number=number,
            date=date,
            subject=f"La cohésion se construit n° {number} — {date_format(date, 'j F Y')}",
            introduction="",
        )
        since = last.date if last else date - FORTNIGHT
        news = NewsItem.objects.published().filter(published_at__date__gt=since)
        issue.news_items.set(news.exclude(category=NewsItem.Category.CALL_FOR_PROJECTS)[:12])
    return issue, True

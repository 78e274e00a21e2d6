"""What goes into an issue: chosen news, open calls, upcoming events, new documents.

Each source is a separate function so the issue's template can be read against it.
"""

from datetime import datetime, time, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from actions.models import Event, Session
from newsletter.models import Issue, NewsItem

EVENT_WINDOW = timedelta(weeks=4)


def _aware(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def upcoming_events(start, end):
    """Published events whose first day falls in [start, end), as dicts for the letter."""
    events = (
        Event.objects.filter(
            status=Event.Status.PUBLISHED, start_date__gte=start, start_date__lt=end
        )
        .order_by("start_date", "title")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.select_related("venue__commune"))
        )
    )[:30]
    items = []
    for event in events:
        venues = {
            s.venue.commune.name if s.venue and s.venue.commune_id else ""
            for s in event.sessions.all()
        }
        items.append(
            {
                "title": event.title,
                "start": event.start_date,
                "place": ", ".join(sorted(v for v in venues if v)),
                "url": event.get_absolute_url(),
            }
        )
    return items


def new_documents(issue):
    """Published documents added since the previous issue (or in the last fortnight)."""
    from documentation.models import Document

    previous = Issue.objects.filter(number__lt=issue.number).order_by("-number").first()
    since_day = previous.date if previous else issue.date - timedelta(days=14)
    until = _aware(issue.date + timedelta(days=1))
    return list(
        Document.objects.published()
        .added_since(_aware(since_day))
        .filter(published_at__lt=until)
        .order_by("-published_at")[:20]
    )


def open_calls(issue):
    """Calls published by the issue's date whose deadline has not passed on that date."""
    calls = NewsItem.objects.open_calls(on=issue.date).filter(
        published_at__lt=_aware(issue.date + timedelta(days=1))
    )
    return list(calls.order_by("deadline")[:20])


def gather(issue):
    """Everything an issue shows, each list in reading order."""
    chosen = list(issue.news_items.order_by("category", "-published_at")) if issue.pk else []
    call_ids = {item.pk for item in chosen if item.category == NewsItem.Category.CALL_FOR_PROJECTS}
    return {
        "news": [item for item in chosen if item.pk not in call_ids],
        "calls": sorted(
            {
                **{c.pk: c for c in open_calls(issue)},
                **{c.pk: c for c in chosen if c.pk in call_ids},
            }.values(),
            key=lambda c: (c.deadline is None, c.deadline),
        ),
        "events": upcoming_events(issue.date, issue.date + EVENT_WINDOW),
        "documents": new_documents(issue),
    }

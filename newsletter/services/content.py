"""What goes into an issue: chosen news, open calls, upcoming events, new documents.

Each source is a separate function so the issue's template can be read against it,
and so that the agenda (``actions.Event``) is used as soon as it exists: until then
``upcoming_events`` returns an empty list.
"""

from datetime import datetime, time, timedelta

from django.apps import apps
from django.utils import timezone

from newsletter.models import Issue, NewsItem

EVENT_WINDOW = timedelta(weeks=4)
# Field names an Event model may use for its start, in order of preference.
EVENT_START_FIELDS = ("starts_at", "start", "start_at", "start_date", "date")


def _aware(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def upcoming_events(start, end):
    """Published events starting in [start, end), as dicts; [] while the agenda is absent."""
    try:
        Event = apps.get_model("actions", "Event")
    except LookupError:
        return []
    field_names = {f.name for f in Event._meta.get_fields()}
    start_field = next((f for f in EVENT_START_FIELDS if f in field_names), None)
    if start_field is None:
        return []
    queryset = Event._default_manager.all()
    if hasattr(queryset, "published"):
        queryset = queryset.published()
    is_datetime = Event._meta.get_field(start_field).get_internal_type() == "DateTimeField"
    low, high = (_aware(start), _aware(end)) if is_datetime else (start, end)
    queryset = queryset.filter(**{f"{start_field}__gte": low, f"{start_field}__lt": high})
    events = []
    for event in queryset.order_by(start_field)[:30]:
        when = getattr(event, start_field)
        if is_datetime:
            when = timezone.localtime(when)
        place = getattr(event, "venue", None) or getattr(event, "place", None) or ""
        events.append(
            {
                "title": str(getattr(event, "title", event)),
                "start": when,
                "place": str(place),
                "url": event.get_absolute_url() if hasattr(event, "get_absolute_url") else "",
            }
        )
    return events


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

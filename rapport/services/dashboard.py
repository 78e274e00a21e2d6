"""The staff dashboard: the year's figures at a glance and five charts.

``dashboard(year)`` runs a fixed number of queries whatever the amount of data (every
figure is an aggregate computed by the database), and gives each figure the admin
list behind it, filtered the same way.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from actions.models import Event, Registration
from annuaire.models import Organisation, SupportEntry
from documentation.models import Document, DocumentationRequest, DownloadCount
from newsletter.models import Issue, Subscriber
from rapport.charts import ALT_FILL, bar_chart, column_chart
from rapport.services import website
from rapport.services.figures import changelist_url, participants_by_event


@dataclass
class Figure:
    label: str
    value: int
    href: str


def held_events(year, today=None):
    """Published events that started in ``year`` and are over (``today`` excluded)."""
    today = today or timezone.localdate()
    return Event.objects.filter(
        status=Event.Status.PUBLISHED, start_date__year=year, end_date__lt=today
    )


def year_range(year):
    return {"start_date__gte": f"{year}-01-01", "start_date__lt": f"{year + 1}-01-01"}


def dashboard(year, today=None):
    """Figures and charts of ``year`` for the dashboard (about fifteen queries, however
    many rows)."""
    today = today or timezone.localdate()
    events = list(held_events(year, today).order_by("start_date", "pk"))
    participants = participants_by_event(events)
    registrations = Registration.objects.confirmed().filter(event__start_date__year=year)
    registration_filter = {"status__exact": "confirmed", "event__start_date__year": year}
    downloads_of_year = DownloadCount.objects.filter(month__year=year)
    subscribers = Subscriber.objects.confirmed()
    figures = [
        Figure(
            _("Events held"),
            len(events),
            changelist_url(Event, status__exact="published", **year_range(year)),
        ),
        Figure(
            _("Participants"),
            sum(participants.values()),
            changelist_url(Event, status__exact="published", **year_range(year)),
        ),
        Figure(
            _("Confirmed registrations"),
            registrations.count(),
            changelist_url(Registration, **registration_filter),
        ),
        Figure(
            _("Support given"),
            SupportEntry.objects.of_year(year).count(),
            changelist_url(SupportEntry, date__year=year),
        ),
        Figure(
            _("Documentation requests"),
            DocumentationRequest.objects.filter(created_at__year=year).count(),
            changelist_url(DocumentationRequest, created_at__year=year),
        ),
        Figure(
            _("Documents published"),
            Document.objects.published().count(),
            changelist_url(Document, status__exact="published"),
        ),
        Figure(
            _("Downloads"),
            downloads_of_year.aggregate(n=Sum("count"))["n"] or 0,
            changelist_url(DownloadCount, month__year=year),
        ),
        Figure(
            _("Newsletter issues sent"),
            Issue.objects.sent().filter(date__year=year).count(),
            changelist_url(Issue, status__exact="sent", date__year=year),
        ),
        Figure(
            _("Confirmed subscribers"),
            subscribers.count(),
            changelist_url(Subscriber, status__exact="confirmed"),
        ),
    ]
    charts = [
        visits_chart(year),
        participants_chart(year, events, participants),
        territory_chart(year, registrations, registration_filter),
        organisation_kind_chart(year, registrations, registration_filter),
        downloads_chart(year, downloads_of_year),
        subscribers_chart(year, today),
    ]
    return {
        "year": year,
        "figures": figures,
        "charts": [c for c in charts if c is not None],
        "website_available": website.is_available(),
    }


def visits_chart(year, history=None):
    history = history or website.monthly_history(year)
    if history is None:
        return None
    months, _total = history
    return column_chart(
        "chart-visits",
        _("Website visits per month, %(year)s") % {"year": year},
        [(formats.date_format(row.month, "N"), row.visits, "") for row in months],
        value_label=_("Visits"),
        label_heading=_("Month"),
        href=website.admin_url(year),
    )


def participants_chart(year, events, participants):
    return bar_chart(
        "chart-participants",
        _("Participants per event, %(year)s") % {"year": year},
        [
            (
                f"{formats.date_format(event.start_date, 'SHORT_DATE_FORMAT')} {event.title}",
                participants[event.pk],
                reverse("admin:actions_event_change", args=[event.pk]),
            )
            for event in events
        ],
        value_label=_("Participants"),
        label_heading=_("Event"),
        href=changelist_url(Event, status__exact="published", **year_range(year)),
    )


def territory_chart(year, registrations, registration_filter):
    rows = (
        registrations.values("commune", "commune__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "commune__name")
    )
    return bar_chart(
        "chart-territories",
        _("Registrations by commune, %(year)s") % {"year": year},
        [
            (
                row["commune__name"] or _("not given"),
                row["n"],
                changelist_url(
                    Registration,
                    **registration_filter,
                    **(
                        {"commune__id__exact": row["commune"]}
                        if row["commune"]
                        else {"commune__isnull": "True"}
                    ),
                ),
            )
            for row in rows
        ],
        value_label=_("Registrations"),
        label_heading=_("Commune"),
        href=changelist_url(Registration, **registration_filter),
    )


def organisation_kind_chart(year, registrations, registration_filter):
    kinds = dict(Organisation.Kind.choices)
    rows = registrations.values("organisation__kind").annotate(n=Count("pk")).order_by("-n")
    return bar_chart(
        "chart-kinds",
        _("Registrations by kind of organisation, %(year)s") % {"year": year},
        [
            (
                kinds.get(row["organisation__kind"]) or _("not in the directory"),
                row["n"],
                changelist_url(
                    Registration,
                    **registration_filter,
                    **(
                        {"organisation__kind": row["organisation__kind"]}
                        if row["organisation__kind"]
                        else {"organisation__isnull": "True"}
                    ),
                ),
            )
            for row in rows
        ],
        value_label=_("Registrations"),
        label_heading=_("Kind of organisation"),
        href=changelist_url(Registration, **registration_filter),
        fill=ALT_FILL,
    )


def downloads_chart(year, downloads_of_year, limit=10):
    rows = (
        downloads_of_year.values("document", "document__title")
        .annotate(n=Sum("count"))
        .order_by("-n", "document__title")[:limit]
    )
    return bar_chart(
        "chart-downloads",
        _("The %(limit)d most downloaded documents, %(year)s") % {"limit": limit, "year": year},
        [
            (
                row["document__title"],
                row["n"],
                changelist_url(DownloadCount, document__id__exact=row["document"]),
            )
            for row in rows
        ],
        value_label=_("Downloads"),
        label_heading=_("Document"),
        href=changelist_url(DownloadCount, month__year=year),
    )


def subscriber_counts(year):
    """Subscribers on the list at the end of each month of ``year``: confirmed (or added
    without confirmation, by import or by staff) by then, not yet gone. One query."""
    joined = Coalesce("confirmed_at", "created_at")
    left = Coalesce("unsubscribed_at", "bounced_at")
    listed = ~Q(status=Subscriber.Status.PENDING) | Q(confirmed_at__isnull=False)
    ends = [
        timezone.make_aware(datetime(year + (month == 12), month % 12 + 1, 1))
        for month in range(1, 13)
    ]
    aggregates = {
        f"m{index}": Count(
            "pk",
            filter=listed & Q(joined_on__lt=end) & (Q(left_on__isnull=True) | Q(left_on__gte=end)),
        )
        for index, end in enumerate(ends)
    }
    counts = Subscriber.objects.annotate(joined_on=joined, left_on=left).aggregate(**aggregates)
    return [(date(year, index + 1, 1), counts[f"m{index}"]) for index in range(12)]


def subscribers_chart(year, today, rows=None):
    rows = rows if rows is not None else subscriber_counts(year)
    if year == today.year:
        rows = [(month, n) for month, n in rows if month <= today]
    return column_chart(
        "chart-subscribers",
        _("Newsletter subscribers at the end of each month, %(year)s") % {"year": year},
        [(formats.date_format(month, "N"), n, "") for month, n in rows],
        value_label=_("Subscribers"),
        label_heading=_("Month"),
        href=changelist_url(Subscriber, status__exact="confirmed"),
    )

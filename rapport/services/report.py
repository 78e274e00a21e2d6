"""The annual activity report: ``build_annual_report(year)`` gathers it from the records.

Guarantees: read-only; a fixed number of queries whatever the number of events,
registrations or documents (about thirty); a year with no data gives empty sections
(the templates say "No … in <year>"), never an error. The free sections staff write
(presentation, highlights, assessment, outlook) come from ``rapport.AnnualReport``.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from actions.models import Event, EventDocument, EventSpeaker, Programme, Registration, Session
from actions.services.programme import budget_summary
from annuaire.models import Organisation, SupportEntry
from documentation.models import Document, DocumentationRequest, DownloadCount
from newsletter.models import Issue, Subscriber
from rapport.models import YEAR_MAX, YEAR_MIN, AnnualReport
from rapport.services import dashboard, website
from rapport.services.figures import (
    Satisfaction,
    participants_by_event,
    registrations_by_event,
    satisfaction_by_event,
)
from villecaraibe.models import Page


def clean_rich_text(name, html, model=AnnualReport):
    """``html`` through the sanitiser of ``model.name`` (nh3, the editor's own rules)."""
    if not html:
        return ""
    return model._meta.get_field(name).sanitize(html)


def parse_year(value):
    """The year as an int when ``value`` is a plausible report year, else ``None``."""
    text = str(value).strip()
    if not text.isdigit() or len(text) > 4:
        return None
    year = int(text)
    return year if YEAR_MIN <= year <= YEAR_MAX else None


@dataclass
class EventRow:
    event: Event
    venues: list
    sessions: list
    speakers: list
    partners: list
    participants: int
    registered: int
    satisfaction: Satisfaction


@dataclass
class ActionRow:
    action: object
    events_held: int = 0
    participants: int = 0
    satisfaction: Satisfaction = field(default_factory=Satisfaction)
    documents: int = 0
    downloads: int = 0


@dataclass
class Report:
    year: int
    texts: AnnualReport | None
    presentation: str
    programme: Programme | None
    actions: list
    events: list
    cancelled_events: int
    support_total: int
    support_by_kind: list
    support_by_theme: list
    acquisitions: list
    requests: list
    downloads_total: int
    issues: list
    subscribers_end: int
    subscribers_new: int
    subscribers_left: int
    website_months: list | None
    website_total: object
    top_pages: list
    top_referrers: list
    evaluations: list
    budget: object
    charts: dict

    @property
    def participants_total(self):
        return sum(row.participants for row in self.events)

    @property
    def acquisitions_total(self):
        return sum(n for _label, n in self.acquisitions)

    @property
    def requests_total(self):
        return sum(n for _label, n in self.requests)

    @property
    def is_empty(self):
        """Nothing at all was recorded for the year."""
        return not (
            self.programme
            or self.events
            or self.support_total
            or self.acquisitions
            or self.requests
            or self.downloads_total
            or self.issues
            or self.subscribers_new
            or getattr(self.website_total, "visits", 0)
        )

    def text(self, name):
        """A free section, sanitised again on the way out: rows written outside the
        admin form (shell, import) never reach the page unsanitised."""
        return clean_rich_text(name, getattr(self.texts, name, "") if self.texts else "")

    @property
    def programme_introduction(self):
        if not self.programme:
            return ""
        return clean_rich_text("introduction", self.programme.introduction, Programme)

    @property
    def highlights(self):
        return self.text("highlights")

    @property
    def assessment(self):
        return self.text("assessment")

    @property
    def outlook(self):
        return self.text("outlook")

    @property
    def sections(self):
        """(anchor, title) of each section, in order: the table of contents."""
        sections = [("presentation", _("Presentation of the centre"))]
        if self.highlights:
            sections.append(("highlights", _("%(year)s in a few words") % {"year": self.year}))
        sections += [
            ("programme", _("The programme and its actions")),
            ("events", _("Events held in %(year)s") % {"year": self.year}),
            ("permanent", _("Permanent activities")),
            ("evaluation", _("Elements of evaluation")),
            ("budget", _("Budget")),
        ]
        if self.assessment:
            sections.append(("assessment", _("Assessment of %(year)s") % {"year": self.year}))
        if self.outlook:
            sections.append(("outlook", _("Outlook for %(year)s") % {"year": self.year + 1}))
        return sections


def build_annual_report(year, today=None):
    """Everything the activity report of ``year`` shows (see the module docstring)."""
    today = today or timezone.localdate()
    texts = AnnualReport.objects.filter(year=year).first()
    presentation = texts.presentation if texts and texts.presentation else ""
    if not presentation:
        page = Page.objects.filter(slug=Page.Slot.PRESENTATION).only("body").first()
        presentation = page.body if page else ""
    presentation = clean_rich_text("presentation", presentation)

    events = _events(year, today)
    programme = Programme.objects.filter(year=year).first()
    actions = _actions(programme, events) if programme else []

    support = SupportEntry.objects.of_year(year)
    kinds = dict(SupportEntry.Kind.choices)
    support_by_kind = [
        (kinds.get(row["kind"], row["kind"]), row["n"])
        for row in support.values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    ]
    support_by_theme = [
        (row["theme__name"] or _("No theme"), row["n"])
        for row in support.values("theme__name").annotate(n=Count("pk")).order_by("-n")
    ]

    document_kinds = dict(Document.Kind.choices)
    acquisitions = [
        (document_kinds.get(row["kind"], row["kind"]), row["n"])
        for row in Document.objects.published()
        .filter(published_at__year=year)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("-n", "kind")
    ]
    request_statuses = dict(DocumentationRequest.Status.choices)
    requests = [
        (request_statuses.get(row["status"], row["status"]), row["n"])
        for row in DocumentationRequest.objects.filter(created_at__year=year)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    ]
    downloads = DownloadCount.objects.filter(month__year=year)
    downloads_total = downloads.aggregate(n=Sum("count"))["n"] or 0

    issues = list(
        Issue.objects.sent()
        .filter(date__year=year)
        .order_by("date", "number")
        .only("number", "date", "subject", "recipients_count")
    )
    monthly_subscribers = dashboard.subscriber_counts(year)
    moves = Subscriber.objects.aggregate(
        new=Count("pk", filter=Q(confirmed_at__year=year)),
        left=Count("pk", filter=Q(unsubscribed_at__year=year) | Q(bounced_at__year=year)),
    )

    history = website.monthly_history(year)
    website_months, website_total = history if history else (None, None)
    top_pages, top_referrers = website.tops(year)

    evaluations = list(programme.evaluations.select_related("action")) if programme else []
    budget = budget_summary(programme) if programme else None

    registrations = Registration.objects.confirmed().filter(event__in=[r.event for r in events])
    registration_filter = {"status__exact": "confirmed", "event__start_date__year": year}
    participants = {row.event.pk: row.participants for row in events}
    charts = {
        "participants": dashboard.participants_chart(
            year, [row.event for row in events], participants
        ),
        "territories": dashboard.territory_chart(year, registrations, registration_filter),
        "kinds": dashboard.organisation_kind_chart(year, registrations, registration_filter),
        "downloads": dashboard.downloads_chart(year, downloads),
        "subscribers": dashboard.subscribers_chart(year, today, monthly_subscribers),
        "visits": dashboard.visits_chart(year, history) if history else None,
    }

    return Report(
        year=year,
        texts=texts,
        presentation=presentation,
        programme=programme,
        actions=actions,
        events=events,
        cancelled_events=Event.objects.filter(
            status=Event.Status.CANCELLED, start_date__year=year
        ).count(),
        support_total=sum(n for _label, n in support_by_kind),
        support_by_kind=support_by_kind,
        support_by_theme=support_by_theme,
        acquisitions=acquisitions,
        requests=requests,
        downloads_total=downloads_total,
        issues=issues,
        subscribers_end=monthly_subscribers[-1][1],
        subscribers_new=moves["new"],
        subscribers_left=moves["left"],
        website_months=website_months,
        website_total=website_total,
        top_pages=top_pages,
        top_referrers=top_referrers,
        evaluations=evaluations,
        budget=budget,
        charts=charts,
    )


def _events(year, today):
    """The events held in ``year``, each with its sessions, venues, speakers, partners
    and figures. Seven queries."""
    events = list(
        dashboard.held_events(year, today)
        .select_related("action")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.select_related("venue__commune").order_by(
                    "date", "start_time"
                ),
            ),
            Prefetch("speakers", queryset=EventSpeaker.objects.select_related("person")),
            Prefetch("partners", queryset=Organisation.objects.order_by("name")),
        )
        .order_by("start_date", "title")
    )
    ids = [event.pk for event in events]
    participants = participants_by_event(events)
    registered = registrations_by_event(ids)
    satisfaction = satisfaction_by_event(ids)
    rows = []
    for event in events:
        sessions = list(event.sessions.all())
        venues = []
        for session in sessions:
            if session.venue and str(session.venue) not in venues:
                venues.append(str(session.venue))
        rows.append(
            EventRow(
                event=event,
                venues=venues,
                sessions=sessions,
                speakers=list(event.speakers.all()),
                partners=list(event.partners.all()),
                participants=participants[event.pk],
                registered=registered.get(event.pk, 0),
                satisfaction=satisfaction[event.pk],
            )
        )
    return rows


def _actions(programme, event_rows):
    """The programme's actions with what their events of the year say. Three queries."""
    actions = list(programme.actions.select_related("axis").order_by("number"))
    by_action = defaultdict(list)
    for row in event_rows:
        if row.event.action_id:
            by_action[row.event.action_id].append(row)
    documents = defaultdict(set)
    for action_id, document_id in EventDocument.objects.filter(
        event__action__programme=programme
    ).values_list("event__action", "document"):
        documents[action_id].add(document_id)
    all_documents = set().union(*documents.values()) if documents else set()
    downloads = dict(
        DownloadCount.objects.filter(document__in=all_documents)
        .values("document")
        .annotate(n=Sum("count"))
        .values_list("document", "n")
    )
    rows = []
    for action in actions:
        action.programme = programme  # spares a query per action (period label)
        held = by_action.get(action.pk, [])
        satisfaction = Satisfaction()
        for event_row in held:
            for value, n in event_row.satisfaction.counts.items():
                satisfaction.counts[value] += n
        rows.append(
            ActionRow(
                action=action,
                events_held=len(held),
                participants=sum(row.participants for row in held),
                satisfaction=satisfaction,
                documents=len(documents.get(action.pk, ())),
                downloads=sum(downloads.get(pk, 0) for pk in documents.get(action.pk, ())),
            )
        )
    return rows

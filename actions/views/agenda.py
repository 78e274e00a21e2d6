"""Public agenda: list with filters, event page with registration, cancellation,
satisfaction questionnaire, iCalendar feeds."""

import contextlib

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Prefetch, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actions import calendar
from actions.agenda_filters import EventFilter
from actions.agenda_forms import RegistrationForm, SatisfactionForm
from actions.models import Event, EventDocument, Registration, Session
from actions.services import registrations as registration_service
from actions.services import satisfaction as satisfaction_service
from actions.services.attendance import figures
from annuaire.models import Organisation
from villecaraibe.security import rate_limited


def _list_queryset(queryset):
    return queryset.with_counts().prefetch_related(
        Prefetch("sessions", queryset=Session.objects.select_related("venue__commune")),
        "themes",
    )


EVENTS_PER_PAGE = 20


def agenda(request):
    """Upcoming events first (soonest first), then past events (latest first), filtered.

    Both lists are paginated on their own (``?page=`` for the upcoming events, ``?past=``
    for the past ones), so the page stays the same size whatever the number of events.
    A page number that is not one (``abc``, ``-1``) gives the first page, one past the
    end the last page."""
    today = timezone.localdate()
    event_filter = EventFilter(request.GET or None, queryset=Event.objects.public())
    filtered = event_filter.qs
    upcoming_page = Paginator(_list_queryset(filtered.upcoming(today)), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    past_page = Paginator(_list_queryset(filtered.past(today)), EVENTS_PER_PAGE).get_page(
        request.GET.get("past")
    )
    return render(
        request,
        "actions/agenda/agenda.html",
        {
            "filter": event_filter,
            "upcoming_page": upcoming_page,
            "past_page": past_page,
            "today": today,
        },
    )


def _event_for(request, slug):
    queryset = Event.objects.select_related("action__programme")
    if not request.user.is_staff:
        queryset = queryset.public()
    return get_object_or_404(queryset, slug=slug)


@rate_limited("agenda-registration")
def event_detail(request, slug):
    """The event page; POST registers the visitor (PRG)."""
    event = _event_for(request, slug)
    today = timezone.localdate()
    closed_reason = event.registration_closed_reason(today)
    form = None
    if closed_reason is None:
        form = RegistrationForm(request.POST or None, event=event)
        if request.method == "POST" and form.is_valid():
            try:
                registration = registration_service.register(event, form.cleaned_data)
            except registration_service.RegistrationClosed as exc:
                closed_reason = str(exc)
                form = None
            except registration_service.AlreadyRegistered as exc:
                form.add_error("email", str(exc))
            else:
                if registration.status == Registration.Status.WAITLISTED:
                    messages.warning(
                        request,
                        _(
                            "The event is full: you are on the waiting list. We will e-mail "
                            "you at %(email)s as soon as a seat frees up."
                        )
                        % {"email": registration.email},
                    )
                else:
                    messages.success(
                        request,
                        _(
                            "Your registration is confirmed. A confirmation e-mail has been "
                            "sent to %(email)s, with a link to cancel if needed."
                        )
                        % {"email": registration.email},
                    )
                return redirect(event)
    elif request.method == "POST":
        messages.error(request, closed_reason)
    confirmed = event.confirmed_registrations().count()
    seats_left = event.seats_left(confirmed=confirmed)
    sessions = list(event.sessions.select_related("venue__commune"))
    speakers = list(event.speakers.select_related("person"))
    documents = []
    if event.is_past(today):
        documents = list(
            EventDocument.objects.filter(event=event, document__in=_public_documents())
            .select_related("document")
            .annotate(downloads=Coalesce(Sum("document__download_counts__count"), 0))
        )
    return render(
        request,
        "actions/agenda/event_detail.html",
        {
            "event": event,
            "sessions": sessions,
            "venues": _distinct_venues(sessions),
            "speakers": speakers,
            "partners": list(event.partners.all()),
            "themes": list(event.themes.all()),
            "documents": documents,
            "form": form,
            "closed_reason": closed_reason,
            "seats_left": seats_left,
            "is_full": seats_left == 0,
            "is_past": event.is_past(today),
            "organisation_names": (
                list(Organisation.objects.order_by("name").values_list("name", flat=True)[:500])
                if form
                else []
            ),
            "json_ld": calendar.schema_org(event, sessions, speakers, request),
            "satisfaction": (
                satisfaction_service.summary_sentence(event) if event.is_past(today) else ""
            ),
            "figures": figures(event) if event.is_past(today) else None,
        },
    )


def _public_documents():
    from documentation.models import Document

    return Document.objects.public()


def _distinct_venues(sessions):
    seen = {}
    for s in sessions:
        if s.venue_id and s.venue_id not in seen:
            seen[s.venue_id] = s.venue
    return list(seen.values())


def _bad_link(request, exc, kind):
    expired = isinstance(exc, signing.SignatureExpired)
    return render(
        request,
        "actions/agenda/bad_link.html",
        {"expired": expired, "kind": kind},
        status=410 if expired else 400,
    )


@require_http_methods(["GET", "POST"])
@rate_limited("agenda-cancel")
def registration_cancel(request, token):
    """Confirm, then cancel a registration through the signed link of the e-mail."""
    try:
        registration = registration_service.registration_from_cancel_token(token)
    except signing.BadSignature as exc:
        return _bad_link(request, exc, "cancel")
    event = registration.event
    already = registration.status == Registration.Status.CANCELLED
    if request.method == "POST" and not already:
        if event.is_past():
            messages.error(
                request, _("This event is over: the registration can no longer be cancelled.")
            )
        else:
            registration_service.cancel(registration)
            return render(
                request,
                "actions/agenda/cancel_done.html",
                {"registration": registration, "event": event},
            )
    return render(
        request,
        "actions/agenda/cancel_confirm.html",
        {"registration": registration, "event": event, "already": already},
    )


@require_http_methods(["GET", "POST"])
@rate_limited("agenda-satisfaction")
def satisfaction(request, token):
    """The short questionnaire a participant reaches through the signed link."""
    try:
        registration = satisfaction_service.registration_from_questionnaire_token(token)
    except signing.BadSignature as exc:
        return _bad_link(request, exc, "satisfaction")
    event = registration.event
    answered = hasattr(registration, "satisfaction") and registration.satisfaction is not None
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        with contextlib.suppress(satisfaction_service.AlreadyAnswered):
            satisfaction_service.record_answer(
                registration, form.cleaned_data["rating"], form.cleaned_data["comments"]
            )
        messages.success(request, _("Thank you: your answer has been recorded."))
        return redirect(event)
    return render(
        request,
        "actions/agenda/satisfaction.html",
        {"registration": registration, "event": event, "form": form, "answered": answered},
    )


def agenda_ics(request):
    events = (
        Event.objects.public()
        .filter(end_date__gte=timezone.localdate() - timezone.timedelta(days=365))
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.select_related("venue__commune"))
        )
        .order_by("start_date", "pk")
    )
    return _ics_response(calendar.build_calendar(events, request), "agenda-villecaraibe.ics")


def event_ics(request, slug):
    event = _event_for(request, slug)
    if event.status == Event.Status.DRAFT:
        raise Http404
    event = Event.objects.prefetch_related(
        Prefetch("sessions", queryset=Session.objects.select_related("venue__commune"))
    ).get(pk=event.pk)
    return _ics_response(calendar.build_calendar([event], request), f"{event.slug}.ics")


def _ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response

"""Attendance: the presence grid, walk-ins, printed sheets and certificates, exports, figures.

- ``save_grid`` makes the recorded presences exactly the ticked boxes, in one
  transaction (idempotent: saving the same grid twice changes nothing).
- PDFs are rendered from HTML templates by WeasyPrint; exports are built in memory.
"""

import csv
import io
import logging
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from actions.models import Attendance, Registration, Session

# WeasyPrint logs every rendering step at INFO level.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

PRINT_CSS = Path(__file__).resolve().parent.parent / "templates/actions/agenda/pdf/print.css"


def grid_registrations(event):
    """Registrations shown on the grid and the sheets: confirmed ones, walk-ins included."""
    return (
        event.registrations.confirmed()
        .select_related("organisation")
        .order_by("last_name", "first_name", "pk")
    )


def present_pairs(event):
    """The set of (registration_id, session_id) marked present for ``event``."""
    return set(
        Attendance.objects.filter(session__event=event).values_list("registration_id", "session_id")
    )


@transaction.atomic
def save_grid(event, ticked):
    """Make presences equal ``ticked`` (a set of (registration_id, session_id)) for ``event``.

    Pairs naming another event's sessions or registrations are ignored. Returns
    (added, removed).
    """
    session_ids = set(event.sessions.values_list("pk", flat=True))
    registration_ids = set(grid_registrations(event).values_list("pk", flat=True))
    wanted = {(r, s) for r, s in ticked if r in registration_ids and s in session_ids}
    current = present_pairs(event)
    to_add = wanted - current
    to_remove = current - wanted
    # With their history (who ticked, when): the audit trail of attendance.
    bulk_create_with_history(
        [Attendance(registration_id=r, session_id=s) for r, s in to_add],
        Attendance,
        ignore_conflicts=True,
    )
    if to_remove:
        condition = Q(pk__in=[])
        for r, s in to_remove:
            condition |= Q(registration_id=r, session_id=s)
        Attendance.objects.filter(condition).delete()
    return len(to_add), len(to_remove)


def _render_pdf(template, context):
    from weasyprint import CSS, HTML

    html = render_to_string(template, {**context, "centre": settings.CENTRE})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=str(PRINT_CSS))]
    )


def attendance_sheet_pdf(session):
    """The feuille d'émargement of one session: one row per registrant, a box to sign."""
    event = session.event
    return _render_pdf(
        "actions/agenda/pdf/attendance_sheet.html",
        {
            "event": event,
            "session": session,
            "speakers": event.speakers.select_related("person"),
            "registrations": grid_registrations(event),
        },
    )


def certificate_pdf(registration):
    """The attendance certificate of one participant, listing the sessions attended."""
    sessions = [
        a.session
        for a in registration.attendances.select_related("session__venue__commune").order_by(
            "session__date", "session__start_time"
        )
    ]
    return _render_pdf(
        "actions/agenda/pdf/certificates.html",
        {
            "event": registration.event,
            "certificates": [(registration, sessions)],
            "issued_on": timezone.localdate(),
        },
    )


def certificates_pdf(event):
    """One certificate per page for every participant marked present at least once."""
    attended = defaultdict(list)
    attendances = (
        Attendance.objects.filter(session__event=event)
        .select_related("registration__organisation", "session__venue__commune")
        .order_by(
            "registration__last_name",
            "registration__first_name",
            "session__date",
            "session__start_time",
        )
    )
    registrations = {}
    for a in attendances:
        registrations[a.registration_id] = a.registration
        attended[a.registration_id].append(a.session)
    return _render_pdf(
        "actions/agenda/pdf/certificates.html",
        {
            "event": event,
            "certificates": [(registrations[pk], attended[pk]) for pk in registrations],
            "issued_on": timezone.localdate(),
        },
    )


def participant_rows(event):
    """Header and rows of the participants export, one row per registration."""
    sessions = list(event.sessions.all())
    present = present_pairs(event)
    header = [
        _("Last name"),
        _("First name"),
        _("E-mail"),
        _("Organisation"),
        _("Kind of organisation"),
        _("Function"),
        _("Commune"),
        _("Status"),
        _("Walk-in"),
        _("Accessibility needs"),
        *[
            _("Present %(date)s %(start)s")
            % {"date": s.date.isoformat(), "start": f"{s.start_time:%H:%M}"}
            for s in sessions
        ],
    ]
    rows = []
    registrations = event.registrations.select_related("organisation", "commune").order_by(
        "last_name", "first_name", "pk"
    )
    for r in registrations:
        rows.append(
            [
                r.last_name,
                r.first_name,
                r.email,
                r.organisation_label,
                r.organisation_kind_label,
                r.function,
                r.commune.name if r.commune_id else "",
                r.get_status_display(),
                _("yes") if r.walk_in else _("no"),
                r.accessibility_needs,
                *[_("yes") if (r.pk, s.pk) in present else "" for s in sessions],
            ]
        )
    return header, rows


def _safe_cell(value):
    """Neutralise spreadsheet formulas typed by visitors (CSV/XLSX injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def participants_csv(event):
    header, rows = participant_rows(event)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def participants_xlsx(event):
    from openpyxl import Workbook

    header, rows = participant_rows(event)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Participants")[:31]
    sheet.append(header)
    for row in rows:
        sheet.append([_safe_cell(v) for v in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def figures(event):
    """Registered, present per session, average per day, by kind of organisation and territory.

    Uses the registrations when there are any, else the counts reported for
    events held before online registration. A fixed number of queries.
    """
    registrations = list(
        event.registrations.active().select_related("organisation__commune", "commune").order_by()
    )
    sessions = list(
        event.sessions.select_related("venue__commune").annotate(
            present=Count("attendances", distinct=True)
        )
    )
    registered = sum(r.status == Registration.Status.CONFIRMED for r in registrations)
    waitlisted = sum(r.status == Registration.Status.WAITLISTED for r in registrations)
    has_marks = any(s.present for s in sessions)
    per_session = []
    for s in sessions:
        value = s.present if has_marks else s.reported_attendance
        per_session.append((s, value))
    known = [v for _s, v in per_session if v is not None]
    days = {s.date for s, v in per_session if v is not None}
    daily = defaultdict(int)
    for s, v in per_session:
        if v is not None:
            daily[s.date] = max(daily[s.date], v)
    average = round(sum(daily.values()) / len(days), 1) if days else None
    present_ids = set(
        Attendance.objects.filter(session__event=event).values_list("registration_id", flat=True)
    )
    counted = [
        r
        for r in registrations
        if r.status == Registration.Status.CONFIRMED and (not has_marks or r.pk in present_ids)
    ]
    kinds = Counter(
        r.organisation.get_kind_display() if r.organisation_id else _("not in the directory")
        for r in counted
    )
    territories = Counter(
        (r.commune or (r.organisation.commune if r.organisation_id else None)) for r in counted
    )
    by_territory = sorted(
        ((t.name if t else _("not given"), n) for t, n in territories.items()),
        key=lambda item: (-item[1], item[0]),
    )
    return {
        "registered": registered,
        "waitlisted": waitlisted,
        "reported_participants": event.reported_participants,
        "present_per_session": per_session,
        "present_total": len(present_ids) if has_marks else None,
        "average_per_day": average,
        "has_marks": has_marks,
        "by_kind": sorted(kinds.items(), key=lambda item: (-item[1], item[0])),
        "by_territory": by_territory,
        "known_sessions": len(known),
    }


def participants_by_event(reported):
    """{event pk: participants} for ``reported`` = {event pk: reported_participants}.

    The people marked present on at least one session; for events held before
    attendance was taken online, the count staff reported for the whole event, or else
    the busiest day's reported attendance (a cycle with a count per day). Two queries.
    """
    if not reported:
        return {}
    present = dict(
        Attendance.objects.filter(session__event__in=list(reported))
        .values("session__event")
        .annotate(n=Count("registration", distinct=True))
        .values_list("session__event", "n")
    )
    busiest_day = dict(
        Session.objects.filter(event__in=list(reported), reported_attendance__isnull=False)
        .values("event")
        .annotate(n=Max("reported_attendance"))
        .values_list("event", "n")
    )
    return {
        pk: present.get(pk) or count or busiest_day.get(pk) or 0 for pk, count in reported.items()
    }

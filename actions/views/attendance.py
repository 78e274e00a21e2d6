"""Staff pages of the agenda, in the admin's look: attendance grid, walk-ins, PDFs,
exports, figures. Reached from the event's admin page; permission-protected."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from actions.agenda_forms import WalkInForm
from actions.models import Event, Registration, Session
from actions.services import attendance as attendance_service
from actions.services import registrations as registration_service
from actions.services import satisfaction as satisfaction_service


def _require(request, *perms):
    if not request.user.has_perms(perms):
        raise PermissionDenied


def _context(request, event, title):
    return {
        **admin.site.each_context(request),
        "event": event,
        "opts": Event._meta,
        "title": title,
        "subtitle": str(event),
    }


def attendance_grid(request, event_id):
    """Registrants × sessions as checkboxes; a walk-in form under the grid."""
    _require(request, "actions.view_attendance", "actions.view_registration")
    event = get_object_or_404(Event, pk=event_id)
    can_change = request.user.has_perms(["actions.add_attendance", "actions.delete_attendance"])
    sessions = list(event.sessions.select_related("venue__commune"))
    walk_in_form = WalkInForm(event=event, prefix="walkin")
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if "add_walk_in" in request.POST:
            if not request.user.has_perm("actions.add_registration"):
                raise PermissionDenied
            walk_in_form = WalkInForm(request.POST, event=event, prefix="walkin")
            if walk_in_form.is_valid():
                try:
                    registration = registration_service.register(
                        event, walk_in_form.cleaned_data, walk_in=True
                    )
                except registration_service.RegistrationError as exc:
                    walk_in_form.add_error("email", str(exc))
                else:
                    messages.success(
                        request,
                        _("%(name)s has been added to the attendance list.")
                        % {"name": registration.full_name},
                    )
                    return redirect(request.path)
        else:
            ticked = set()
            for value in request.POST.getlist("present"):
                registration_id, _sep, session_id = value.partition("-")
                if registration_id.isdigit() and session_id.isdigit():
                    ticked.add((int(registration_id), int(session_id)))
            added, removed = attendance_service.save_grid(event, ticked)
            messages.success(
                request,
                _("Attendance saved: %(added)d added, %(removed)d removed.")
                % {"added": added, "removed": removed},
            )
            return redirect(request.path)
    registrations = list(attendance_service.grid_registrations(event))
    present = attendance_service.present_pairs(event)
    rows = [
        (
            r,
            [(s, f"{r.pk}-{s.pk}", (r.pk, s.pk) in present) for s in sessions],
        )
        for r in registrations
    ]
    context = _context(request, event, _("Attendance: %(event)s") % {"event": event})
    context.update(
        {
            "sessions": sessions,
            "rows": rows,
            "can_change": can_change,
            "walk_in_form": walk_in_form,
            "figures": attendance_service.figures(event),
            "satisfaction": satisfaction_service.summary_sentence(event),
            "documents": event.event_documents.select_related("document"),
        }
    )
    return render(request, "actions/agenda/staff/attendance.html", context)


def _pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def attendance_sheet(request, event_id, session_id):
    _require(request, "actions.view_registration")
    session = get_object_or_404(
        Session.objects.select_related("event", "venue__commune"), pk=session_id, event_id=event_id
    )
    return _pdf_response(
        attendance_service.attendance_sheet_pdf(session),
        f"emargement-{session.event.slug}-{session.date:%Y-%m-%d}-{session.start_time:%Hh%M}.pdf",
    )


def certificate(request, event_id, registration_id):
    _require(request, "actions.view_registration")
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organisation"),
        pk=registration_id,
        event_id=event_id,
    )
    return _pdf_response(
        attendance_service.certificate_pdf(registration),
        f"attestation-{registration.event.slug}-{registration.pk}.pdf",
    )


def certificates(request, event_id):
    _require(request, "actions.view_registration")
    event = get_object_or_404(Event, pk=event_id)
    return _pdf_response(
        attendance_service.certificates_pdf(event), f"attestations-{event.slug}.pdf"
    )


def export_participants(request, event_id, fmt):
    _require(request, "actions.view_registration")
    event = get_object_or_404(Event, pk=event_id)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "xlsx":
        response = HttpResponse(
            attendance_service.participants_xlsx(event),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            attendance_service.participants_csv(event), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="participants-{event.slug}.{fmt}"'
    return response

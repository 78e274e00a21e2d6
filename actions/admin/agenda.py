"""Admin of the agenda: events with their sessions, speakers, documents and paper
questionnaires; registrations; venues. Staff pages (attendance grid, PDFs, exports)
hang off the event's admin URLs."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actions.models import (
    Attendance,
    Event,
    EventDocument,
    EventSpeaker,
    PaperSatisfactionCount,
    Registration,
    SatisfactionResponse,
    Session,
    Venue,
)
from actions.services import registrations as registration_service
from actions.views import attendance as staff_views
from villecaraibe.audit import AuditHistoryAdmin


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "commune"]
    list_filter = ["commune"]
    list_select_related = ["commune"]
    search_fields = ["name", "address", "commune__name"]
    autocomplete_fields = ["commune"]


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    autocomplete_fields = ["venue"]
    fields = ["date", "start_time", "end_time", "theme", "venue", "reported_attendance"]


class SpeakerInline(admin.TabularInline):
    model = EventSpeaker
    extra = 0
    autocomplete_fields = ["person"]


class DocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 0
    raw_id_fields = ["document"]


class PaperSatisfactionInline(admin.TabularInline):
    model = PaperSatisfactionCount
    extra = 0
    max_num = 4


@admin.register(Event)
class EventAdmin(AuditHistoryAdmin):
    list_display = [
        "title",
        "kind",
        "start_date",
        "end_date",
        "status",
        "capacity",
        "confirmed",
        "waitlisted",
        "staff_links",
    ]
    list_filter = ["status", "kind", "themes", ("start_date", admin.DateFieldListFilter)]
    search_fields = ["title", "summary"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["partners", "themes", "territories"]
    raw_id_fields = ["action"]
    list_select_related = ["action"]
    inlines = [SessionInline, SpeakerInline, DocumentInline, PaperSatisfactionInline]
    actions = ["publish", "cancel_events", "send_questionnaires"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "action", "summary", "description"]}),
        (
            _("Dates and registration"),
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "capacity",
                    "registration_open",
                    "registration_deadline",
                ]
            },
        ),
        (
            _("Audience, themes, places, partners"),
            {
                "fields": [
                    "audience",
                    "themes",
                    "territories",
                    "partners",
                ]
            },
        ),
        (_("Figures"), {"fields": ["staff_days", "reported_participants", "staff_page"]}),
    ]
    readonly_fields = ["staff_page"]

    @admin.display(description=_("attendance, sheets and exports"))
    def staff_page(self, obj):
        if not obj.pk:
            return "—"
        return self.staff_links(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # More seats (or a first capacity) may free some for the waiting list.
        promoted = registration_service.promote_from_waitlist(form.instance)
        if promoted:
            self.message_user(
                request,
                _("%(n)d registration(s) moved off the waiting list and told by e-mail.")
                % {"n": len(promoted)},
                messages.SUCCESS,
            )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
                n_waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
            )
        )

    @admin.display(description=_("confirmed"), ordering="n_confirmed")
    def confirmed(self, obj):
        return obj.n_confirmed

    @admin.display(description=_("waiting list"), ordering="n_waitlisted")
    def waitlisted(self, obj):
        return obj.n_waitlisted

    @admin.display(description=_("attendance"))
    def staff_links(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:actions_event_attendance", args=[obj.pk]),
            _("grid, sheets, exports"),
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:event_id>/presences/",
                view(staff_views.attendance_grid),
                name="actions_event_attendance",
            ),
            path(
                "<int:event_id>/emargement/<int:session_id>.pdf",
                view(staff_views.attendance_sheet),
                name="actions_event_sheet",
            ),
            path(
                "<int:event_id>/attestation/<int:registration_id>.pdf",
                view(staff_views.certificate),
                name="actions_event_certificate",
            ),
            path(
                "<int:event_id>/attestations.pdf",
                view(staff_views.certificates),
                name="actions_event_certificates",
            ),
            path(
                "<int:event_id>/participants.<str:fmt>",
                view(staff_views.export_participants),
                name="actions_event_export",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Publish the selected events"), permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.filter(status=Event.Status.DRAFT).update(status=Event.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(n)d event published.", "%(n)d events published.", count) % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Cancel the selected events and tell their registrants"),
        permissions=["change"],
    )
    def cancel_events(self, request, queryset):
        events = list(queryset.exclude(status=Event.Status.CANCELLED))
        told = sum(registration_service.cancel_event(event) for event in events)
        self.message_user(
            request,
            ngettext(
                "%(n)d event cancelled; %(told)d registrant(s) told by e-mail.",
                "%(n)d events cancelled; %(told)d registrant(s) told by e-mail.",
                len(events),
            )
            % {"n": len(events), "told": told},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Send the satisfaction questionnaire to participants"),
        permissions=["change"],
    )
    def send_questionnaires(self, request, queryset):
        from actions.tasks import enqueue_satisfaction_questionnaires

        total = sum(enqueue_satisfaction_questionnaires(e) for e in queryset if e.is_past())
        self.message_user(
            request,
            ngettext(
                "%(n)d questionnaire queued (past events only, each participant once).",
                "%(n)d questionnaires queued (past events only, each participant once).",
                total,
            )
            % {"n": total},
            messages.SUCCESS,
        )


@admin.register(Registration)
class RegistrationAdmin(AuditHistoryAdmin):
    list_display = [
        "last_name",
        "first_name",
        "email",
        "event",
        "organisation_label",
        "status",
        "walk_in",
        "created_at",
    ]
    # The dashboard (rapport app) links here filtered by year, commune and kind.
    list_filter = [
        "status",
        "walk_in",
        "event",
        ("event__start_date", admin.DateFieldListFilter),
        "organisation__kind",
        ("commune", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["event", "organisation"]
    search_fields = ["last_name", "first_name", "email", "organisation_name", "organisation__name"]
    autocomplete_fields = ["event", "organisation", "commune"]
    filter_horizontal = ["sessions"]
    readonly_fields = [
        "created_at",
        "cancelled_at",
        "promoted_at",
        "reminder_queued_at",
        "reminder_sent_at",
        "satisfaction_sent_at",
        "consent_at",
    ]
    actions = ["cancel_registrations"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            registration_service.promote_from_waitlist(obj.event)

    @admin.display(description=_("organisation"))
    def organisation_label(self, obj):
        return obj.organisation_label

    @admin.action(
        description=_("Cancel the selected registrations (frees the seats for the waiting list)"),
        permissions=["change"],
    )
    def cancel_registrations(self, request, queryset):
        promoted = 0
        for registration in queryset.select_related("event"):
            promoted += len(registration_service.cancel(registration))
        self.message_user(
            request,
            _("Registrations cancelled; %(n)d moved off the waiting list.") % {"n": promoted},
            messages.SUCCESS,
        )


@admin.register(Attendance)
class AttendanceAdmin(AuditHistoryAdmin):
    list_display = ["registration", "session", "marked_at"]
    list_select_related = ["registration__event", "session__event"]
    list_filter = ["session__event"]
    search_fields = ["registration__last_name", "registration__email"]
    raw_id_fields = ["registration", "session"]


@admin.register(SatisfactionResponse)
class SatisfactionResponseAdmin(admin.ModelAdmin):
    list_display = ["event", "rating", "created_at"]
    list_filter = ["rating", "event"]
    list_select_related = ["event"]
    search_fields = ["comments", "event__title"]
    raw_id_fields = ["registration"]


@admin.register(Session)
class SessionAdmin(AuditHistoryAdmin):
    """Sessions are edited inside their event; this page lists them and keeps their history."""

    list_display = ["__str__", "event", "venue", "reported_attendance"]
    list_select_related = ["event", "venue__commune"]
    list_filter = ["event"]
    search_fields = ["event__title", "theme"]
    raw_id_fields = ["event"]
    autocomplete_fields = ["venue"]

"""The directory's back-office: organisations, people, the support log and its dashboard."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export.admin import ImportExportModelAdmin

from annuaire.models import Organisation, Person, Position, SupportEntry
from annuaire.resources import FORMATS, ImportFileError, OrganisationResource, PersonResource
from annuaire.services.merge import merge
from annuaire.services.personal_data import categories as personal_data_categories
from annuaire.services.personal_data import erase_person, export_person, retention_years


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organisation", "person"]


class DirectoryImportExportAdmin(ImportExportModelAdmin):
    """Import/export with spreadsheet-friendly formats, clear errors and a merge action."""

    formats = FORMATS
    import_error_display = ("message", "row")
    actions = ["merge_duplicates"]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                _(
                    "The file could not be read. Check that the format chosen (CSV or XLSX) "
                    "is the format of the file."
                ),
            )

    def has_merge_permission(self, request):
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description=gettext_lazy("Merge the selected duplicates"), permissions=["merge"])
    def merge_duplicates(self, request, queryset):
        objects = list(queryset)
        if len(objects) < 2:
            self.message_user(request, _("Select at least two records to merge."), messages.ERROR)
            return None
        by_pk = {str(o.pk): o for o in objects}
        if request.POST.get("confirm") == "yes":
            keep = by_pk.get(request.POST.get("keep", ""))
            if keep is None:
                self.message_user(
                    request,
                    _("Choose the record to keep, among the selected ones."),
                    messages.ERROR,
                )
            else:
                merge(keep, [o for o in objects if o.pk != keep.pk])
                self.log_change(
                    request,
                    keep,
                    _("Merged %(count)d duplicates into this record.")
                    % {"count": len(objects) - 1},
                )
                self.message_user(
                    request,
                    _("%(count)d records merged into “%(kept)s”.")
                    % {"count": len(objects), "kept": keep},
                    messages.SUCCESS,
                )
                return None
        rows = [(o, self.links_of(o)) for o in objects]
        return TemplateResponse(
            request,
            "admin/annuaire/merge_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Merge duplicates"),
                "opts": self.model._meta,
                "rows": rows,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def links_of(self, obj):
        """How many rows point at ``obj``, per kind: shown before a merge."""
        counts = []
        for rel in obj._meta.related_objects:
            if rel.one_to_many or rel.one_to_one or rel.many_to_many:
                accessor = rel.get_accessor_name()
                manager = getattr(obj, accessor, None)
                if manager is None or not hasattr(manager, "count"):
                    continue
                n = manager.count()
                if n:
                    counts.append((rel.related_model._meta.verbose_name_plural, n))
        for field in obj._meta.many_to_many:
            n = getattr(obj, field.name).count()
            if n:
                counts.append((field.verbose_name, n))
        return counts


@admin.register(Organisation)
class OrganisationAdmin(DirectoryImportExportAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "acronym", "kind", "commune", "parent"]
    list_filter = ["kind", "themes", ("commune", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["commune", "parent"]
    search_fields = ["name", "acronym", "search_text", "email"]
    autocomplete_fields = ["commune", "parent"]
    filter_horizontal = ["themes", "territories"]
    inlines = [PositionInline]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "kind", "parent", "description"]}),
        (gettext_lazy("Contact"), {"fields": ["address", "commune", "phone", "email", "website"]}),
        (gettext_lazy("Themes and territories"), {"fields": ["themes", "territories"]}),
    ]


@admin.register(Person)
class PersonAdmin(DirectoryImportExportAdmin):
    resource_classes = [PersonResource]
    list_display = ["last_name", "first_name", "email", "organisations", "public_consent"]
    list_filter = [
        "public_consent",
        "themes",
        "positions__organisation__kind",
        "civility",
        ("erased_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["last_name", "first_name", "email", "search_text"]
    filter_horizontal = ["themes"]
    inlines = [PositionInline]
    readonly_fields = ["consent_date", "erased_at"]
    actions = ["merge_duplicates", "export_personal_data", "erase_personal_data"]
    # Adds the link to the register of personal data (import/export wraps it).
    change_list_template = "admin/annuaire/person/change_list.html"
    fieldsets = [
        (None, {"fields": ["civility", "first_name", "last_name", "email", "phone", "themes"]}),
        (
            gettext_lazy("Consent to the public directory"),
            {
                "fields": [
                    "public_consent",
                    "consent_date",
                    "consent_text",
                    "show_email",
                    "show_phone",
                    "erased_at",
                ]
            },
        ),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("consent_text", Person.STANDARD_CONSENT_TEXT)
        return initial

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "positions",
                    queryset=Position.objects.current().select_related("organisation"),
                    to_attr="current_positions_list",
                )
            )
        )

    @admin.display(description=gettext_lazy("current organisations"))
    def organisations(self, obj):
        positions = getattr(obj, "current_positions_list", None)
        if positions is None:
            positions = obj.current_positions()
        return ", ".join(str(p.organisation.acronym or p.organisation.name) for p in positions)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<int:pk>/donnees-personnelles/",
                self.admin_site.admin_view(self.personal_data_view),
                name="{}_{}_personal_data".format(*info),
            ),
            path(
                "registre-donnees-personnelles/",
                self.admin_site.admin_view(self.personal_data_register_view),
                name="personal_data_register",
            ),
            *super().get_urls(),
        ]

    def personal_data_register_view(self, request):
        """What personal data the portal keeps, why and for how long (every app)."""
        if not self.has_export_personal_data_permission(request):
            raise PermissionDenied
        rows = []
        for category in personal_data_categories():
            model = category.model_class()
            rows.append(
                {
                    "category": category,
                    "model_name": model._meta.verbose_name_plural,
                    "fields": category.field_labels(),
                    "count": model._default_manager.count(),
                }
            )
        return TemplateResponse(
            request,
            "admin/annuaire/personal_data_register.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Personal data kept by the portal"),
                "opts": self.model._meta,
                "rows": rows,
                "retention_years": retention_years(),
            },
        )

    def has_export_personal_data_permission(self, request):
        return request.user.has_perm("annuaire.export_personal_data")

    def has_erase_personal_data_permission(self, request):
        return request.user.has_perm("annuaire.erase_personal_data")

    def personal_data_view(self, request, pk):
        if not self.has_export_personal_data_permission(request):
            raise PermissionDenied
        person = self.get_object(request, str(pk))
        if person is None:
            raise PermissionDenied
        return self._json_download([person], f"personne-{person.pk}")

    def _json_download(self, people, filename):
        data = [export_person(p) for p in people]
        payload = data[0] if len(data) == 1 else data
        response = HttpResponse(
            json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response

    @admin.action(
        description=gettext_lazy("Export their personal data (JSON)"),
        permissions=["export_personal_data"],
    )
    def export_personal_data(self, request, queryset):
        people = list(queryset.prefetch_related("themes"))
        stamp = timezone.localdate().isoformat()
        name = f"personne-{people[0].pk}" if len(people) == 1 else f"personnes-{stamp}"
        return self._json_download(people, name)

    @admin.action(
        description=gettext_lazy("Erase their personal data"),
        permissions=["erase_personal_data"],
    )
    def erase_personal_data(self, request, queryset):
        people = list(queryset)
        if request.POST.get("confirm") == "yes":
            outcomes = [erase_person(p) for p in people]
            self.message_user(
                request,
                ngettext(
                    "%(count)d person erased (%(deleted)d deleted, %(anonymised)d anonymised "
                    "because other records keep a link to them).",
                    "%(count)d people erased (%(deleted)d deleted, %(anonymised)d anonymised "
                    "because other records keep a link to them).",
                    len(people),
                )
                % {
                    "count": len(people),
                    "deleted": outcomes.count("deleted"),
                    "anonymised": outcomes.count("anonymised"),
                },
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/annuaire/erase_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Erase personal data"),
                "opts": self.model._meta,
                "people": people,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        min_value=2007,
        max_value=2100,
        error_messages={
            "invalid": gettext_lazy("Enter a year as four digits, e.g. 2008."),
            "min_value": gettext_lazy("The centre was founded in 2007: choose 2007 or later."),
            "max_value": gettext_lazy("Choose a year before 2100."),
        },
    )


@admin.register(SupportEntry)
class SupportEntryAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "beneficiary",
        "kind",
        "theme",
        "follow_up_date",
        "follow_up_done",
        "staff_member",
    ]
    list_filter = ["kind", "theme", "follow_up_done", "staff_member"]
    list_select_related = ["person", "organisation", "theme", "staff_member"]
    date_hierarchy = "date"
    search_fields = ["person__search_text", "organisation__search_text", "notes"]
    autocomplete_fields = ["person", "organisation"]
    list_editable = ["follow_up_done"]
    fields = [
        "date",
        "person",
        "organisation",
        "kind",
        "theme",
        "notes",
        "follow_up_date",
        "follow_up_done",
        "staff_member",
    ]

    @admin.display(description=gettext_lazy("person or organisation"))
    def beneficiary(self, obj):
        if obj.person_id and obj.organisation_id:
            return f"{obj.person} ({obj.organisation})"
        return str(obj.person or obj.organisation)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("staff_member", request.user.pk)
        return initial

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "tableau-de-bord/",
                self.admin_site.admin_view(self.dashboard_view),
                name="{}_{}_dashboard".format(*info),
            ),
            *super().get_urls(),
        ]

    def dashboard_view(self, request):
        """Follow-ups due, and the year's support counted by kind and by theme."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        form = YearForm(request.GET or {"year": today.year})
        year = form.cleaned_data["year"] if form.is_valid() else today.year
        entries = SupportEntry.objects.all()
        related = ["person", "organisation", "theme", "staff_member"]
        of_year = entries.of_year(year)
        kinds = dict(SupportEntry.Kind.choices)
        by_kind = {row["kind"]: row["n"] for row in of_year.values("kind").annotate(n=Count("pk"))}
        by_theme = list(
            of_year.values("theme__name").annotate(n=Count("pk")).order_by("-n", "theme__name")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Individual support: follow-ups and figures"),
            "opts": self.opts,
            "form": form,
            "year": year,
            "today": today,
            "due": entries.follow_ups_due(today)
            .select_related(*related)
            .order_by("follow_up_date"),
            "upcoming": entries.upcoming_follow_ups(today)
            .select_related(*related)
            .order_by("follow_up_date"),
            "by_kind": [(label, by_kind.get(code, 0)) for code, label in kinds.items()],
            "by_theme": by_theme,
            "total": sum(by_kind.values()),
            "changelist_url": reverse("admin:annuaire_supportentry_changelist"),
        }
        return TemplateResponse(request, "admin/annuaire/supportentry/dashboard.html", context)

"""The programme as staff edit it: a whole year on one page, its timeline, the board's
validation, "copy to next year", evaluations beside their computed figures, history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from actions.models import Action, Axis, BudgetLine, Evaluation, Orientation, Programme
from actions.services import programme as services
from villecaraibe.audit import AuditHistoryAdmin


class OrientationInline(admin.TabularInline):
    model = Orientation
    extra = 0
    fields = ["number", "title", "description"]
    formfield_overrides = {
        Orientation._meta.get_field("description").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 50})
        }
    }


class ProgrammeChildInline(admin.TabularInline):
    """Inlines whose foreign keys must point inside the programme being edited."""

    extra = 0
    related_fields = ()

    def get_queryset(self, request):
        # Read-only rows (Bureau, secretariat) display the related object: join it.
        return super().get_queryset(request).select_related(*self.related_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name not in ("orientation", "axis"):
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        object_id = request.resolver_match.kwargs.get("object_id")
        model = Orientation if db_field.name == "orientation" else Axis
        kwargs["queryset"] = model.objects.filter(programme_id=object_id or 0)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # One query for the choices of every row, not one per row.
        cache = request.__dict__.setdefault("_programme_inline_choices", {})
        if db_field.name not in cache:
            cache[db_field.name] = list(field.choices)
        field.choices = cache[db_field.name]
        return field


class AxisInline(ProgrammeChildInline):
    model = Axis
    related_fields = ["orientation"]
    fields = ["number", "title", "orientation"]


class ActionInline(ProgrammeChildInline):
    model = Action
    related_fields = ["axis"]
    fields = [
        "number",
        "title",
        "axis",
        "start_month",
        "end_month",
        "start_date",
        "end_date",
        "status",
    ]
    show_change_link = True
    formfield_overrides = {
        Action._meta.get_field("title").__class__: {"widget": forms.TextInput(attrs={"size": 40})}
    }


class BudgetLineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        lines = [
            (form.cleaned_data["kind"], form.cleaned_data["amount"])
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("amount") is not None
        ]
        errors = services.budget_errors(self.instance.total_budget, lines)
        if errors:
            raise ValidationError(errors)


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    formset = BudgetLineFormSet
    extra = 0
    fields = ["kind", "funder", "category", "label", "amount", "position"]
    autocomplete_fields = ["funder"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("funder")


@admin.register(Programme)
class ProgrammeAdmin(AuditHistoryAdmin):
    list_display = ["year", "title", "status", "validated_on", "action_count"]
    list_filter = ["status"]
    search_fields = ["title", "year"]
    ordering = ["-year"]
    inlines = [OrientationInline, AxisInline, ActionInline, BudgetLineInline]
    actions = ["copy_to_next_year"]
    readonly_fields = [
        "status",
        "validated_on",
        "validated_by",
        "validation_recorded_at",
        "timeline",
        "budget_shares",
        "recent_changes",
    ]
    fieldsets = [
        (None, {"fields": ["year", "title", "introduction", "total_budget"]}),
        (
            _("Validation by the board"),
            {"fields": ["status", "validated_on", "validated_by", "validation_recorded_at"]},
        ),
        (_("Timeline"), {"fields": ["timeline"]}),
        (_("Budget shares"), {"fields": ["budget_shares"]}),
        (_("Recent changes"), {"fields": ["recent_changes"], "classes": ["collapse"]}),
    ]
    change_form_template = "actions/programme/admin/programme_change_form.html"

    class Media:
        css = {"all": ["css/programme.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_count=Count("actions"))

    @admin.display(description=_("actions"), ordering="action_count")
    def action_count(self, obj):
        return obj.action_count

    @admin.display(description=_("timeline"))
    def timeline(self, obj):
        if obj.pk is None:
            return "—"
        actions = list(obj.actions.all())
        for action in actions:
            action.programme = obj
        return render_to_string(
            "actions/programme/_timeline.html", {"timeline": services.timeline(obj, actions)}
        )

    @admin.display(description=_("shares"))
    def budget_shares(self, obj):
        if obj.pk is None:
            return "—"
        return render_to_string(
            "actions/programme/_budget.html", {"budget": services.budget_summary(obj)}
        )

    @admin.display(description=_("latest changes"))
    def recent_changes(self, obj):
        if obj.pk is None:
            return "—"
        return render_to_string(
            "actions/programme/admin/_recent_changes.html",
            {"changes": services.recent_changes(obj)},
        )

    @admin.action(description=_("Copy to next year (as a draft)"), permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        """Asks for confirmation, then creates each next year's draft."""
        programmes = list(queryset.order_by("year"))
        if "confirm" not in request.POST:
            taken = set(
                Programme.objects.filter(year__in=[p.year + 1 for p in programmes]).values_list(
                    "year", flat=True
                )
            )
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Copy to next year"),
                "copies": [(p, p.year + 1, p.year + 1 in taken) for p in programmes],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "actions/programme/admin/copy_confirm.html", context)
        for programme in programmes:
            try:
                copy = services.copy_to_next_year(programme)
            except services.CopyError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
            else:
                url = reverse("admin:actions_programme_change", args=[copy.pk])
                self.message_user(
                    request,
                    format_html(
                        _('Draft programme {year} created: <a href="{url}">open it</a>.'),
                        year=copy.year,
                        url=url,
                    ),
                    messages.SUCCESS,
                )
        return None

    def get_urls(self):
        return [
            path(
                "<int:pk>/validate/",
                self.admin_site.admin_view(self.validate_view),
                name="actions_programme_validate",
            ),
            *super().get_urls(),
        ]

    def validate_view(self, request, pk):
        """Record the board's validation: who entered it and when are kept."""
        programme = get_object_or_404(Programme, pk=pk)
        if not request.user.has_perm("actions.validate_programme"):
            raise PermissionDenied
        form = ValidationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.record_validation(programme, request.user, form.cleaned_data["board_date"])
            self.message_user(
                request,
                _("The board's validation of %(programme)s is recorded.")
                % {"programme": programme},
                messages.SUCCESS,
            )
            return redirect("admin:actions_programme_change", programme.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": programme,
            "title": _("Record the board's validation"),
            "form": form,
        }
        return TemplateResponse(request, "actions/programme/admin/validate.html", context)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["can_validate"] = bool(obj) and request.user.has_perm("actions.validate_programme")
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)


class ValidationForm(forms.Form):
    board_date = forms.DateField(
        label=_("Date of the board meeting"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the date of the board meeting.")},
    )

    def clean_board_date(self):
        value = self.cleaned_data["board_date"]
        if value > timezone.localdate():
            raise ValidationError(_("The board meeting cannot be in the future."))
        return value


class ModeOfWorkFilter(admin.SimpleListFilter):
    title = _("mode of work")
    parameter_name = "mode"

    def lookups(self, request, model_admin):
        return Action.Mode.choices

    def queryset(self, request, queryset):
        if self.value() in Action.Mode.values:
            # The JSON list as text holds the quoted value (works on SQLite and PostgreSQL).
            return queryset.filter(modes__icontains=f'"{self.value()}"')
        return queryset


@admin.register(Action)
class ActionAdmin(AuditHistoryAdmin):
    list_display = ["number", "title", "programme", "axis", "period", "status"]
    list_display_links = ["number", "title"]
    list_filter = ["programme", "status", ModeOfWorkFilter]
    list_select_related = ["programme", "axis"]
    search_fields = ["title", "lead", "deliverables"]
    autocomplete_fields = ["partners"]
    filter_horizontal = ["themes", "territories"]
    ordering = ["-programme__year", "number"]
    fieldsets = [
        (None, {"fields": ["programme", "axis", "number", "title", "status", "lead"]}),
        (
            _("Period — in months, or as exact dates"),
            {"fields": [("start_month", "end_month"), ("start_date", "end_date")]},
        ),
        (None, {"fields": ["description", "modes", "deliverables", "planned_budget"]}),
        (_("Partners, themes and territories"), {"fields": ["partners", "themes", "territories"]}),
    ]

    @admin.display(description=_("period"))
    def period(self, obj):
        return obj.period_label


@admin.register(Evaluation)
class EvaluationAdmin(AuditHistoryAdmin):
    list_display = ["__str__", "programme", "action", "updated_at"]
    list_filter = ["programme"]
    list_select_related = ["programme", "action"]
    search_fields = ["objective", "action__title"]
    autocomplete_fields = ["action"]
    readonly_fields = ["figures"]
    fieldsets = [
        (None, {"fields": ["programme", "action", "objective", "position"]}),
        (
            _("Figures computed from the linked records"),
            {
                "fields": ["figures"],
                "description": _(
                    "Events held, participants, satisfaction and downloads come from the "
                    "agenda and the library: they are never typed here."
                ),
            },
        ),
        (_("Evaluation grid"), {"fields": Evaluation.GRID}),
    ]

    class Media:
        css = {"all": ["css/programme.css"]}

    @admin.display(description=_("figures"))
    def figures(self, obj):
        if obj.pk is None or obj.action_id is None:
            return _("Figures appear once the grid is linked to an action.")
        return render_to_string(
            "actions/programme/_figures.html", {"figures": services.action_figures(obj.action)}
        )

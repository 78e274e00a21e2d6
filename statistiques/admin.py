"""The statistics in the admin, read-only: the monthly history of a year (as in the
2008 activity report), its top pages, downloads and referrers; and the daily counts.

Staff groups hold only the "view" permission on these models (``default_permissions``);
nobody adds, changes or deletes them by hand.
"""

from datetime import date

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from statistiques import services
from statistiques.models import DailyTotal, MonthlyTotal


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Enter a year as four digits, e.g. 2008."),
            "min_value": _("Choose 2000 or later."),
            "max_value": _("Choose a year before 2100."),
        },
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MonthlyTotal)
class MonthlyTotalAdmin(ReadOnlyAdmin):
    """Its list is the statistics page: a year's monthly history and its tops."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # Lazily fold the complete days not folded yet (cron normally did it).
        services.fold(purge=False)
        today = timezone.localdate()
        form = YearForm(request.GET or {"year": today.year})
        year = form.cleaned_data["year"] if form.is_valid() else today.year
        start, end = date(year, 1, 1), date(year, 12, 31)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Visitor figures"),
            "opts": self.opts,
            "form": form,
            "year": year,
            "years": services.years_with_data(),
            "history": services.monthly_history(year),
            "top_pages": services.top_pages(start, end, limit=10),
            "top_downloads": services.top_downloads(start, end, limit=10),
            "top_referrers": services.top_referrers(start, end, limit=10),
            "retention_months": settings.STATISTICS_RETENTION_MONTHS,
            "has_daily_view": self.admin_site.is_registered(DailyTotal),
        }
        return TemplateResponse(request, "admin/statistiques/overview.html", context)


@admin.register(DailyTotal)
class DailyTotalAdmin(ReadOnlyAdmin):
    list_display = ["day", "unique_visitors", "visits", "pages", "downloads"]
    date_hierarchy = "day"

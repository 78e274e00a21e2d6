"""The report's free sections in the admin, and the staff pages built on them: the
dashboard, the activity report of a year (web page and PDF). Anyone who may view
activity reports (Direction, secretariat, Bureau) may open these pages."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rapport.forms import YearForm
from rapport.models import AnnualReport
from rapport.services.dashboard import dashboard
from rapport.services.pdf import report_pdf
from rapport.services.report import build_annual_report, parse_year


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["year", "report_links", "updated_at", "updated_by"]
    list_select_related = ["updated_by"]
    fields = ["year", "highlights", "assessment", "outlook", "presentation"]

    @admin.display(description=gettext_lazy("report"))
    def report_links(self, obj):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:rapport_annualreport_report", args=[obj.year]),
            _("web page"),
            reverse("admin:rapport_annualreport_pdf", args=[obj.year]),
            _("PDF"),
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        year = parse_year(request.GET.get("year", ""))
        if year:
            initial["year"] = year
        return initial

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("tableau-de-bord/", view(self.dashboard_view), name="rapport_dashboard"),
            path("annee/", view(self.choose_view), name="rapport_annualreport_choose"),
            path("annee/<str:year>/", view(self.report_view), name="rapport_annualreport_report"),
            path("annee/<str:year>/pdf/", view(self.pdf_view), name="rapport_annualreport_pdf"),
            *super().get_urls(),
        ]

    def _check(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied

    def _year(self, value):
        year = parse_year(value)
        if year is None:
            raise Http404(
                _("There is no activity report for “%(year)s”: give a year between 2000 and 2100.")
                % {"year": value}
            )
        return year

    def _context(self, request, title):
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title}

    def dashboard_view(self, request):
        """The year's figures and charts, each linked to the admin list behind it."""
        self._check(request)
        today = timezone.localdate()
        form = YearForm(request.GET or {"year": today.year})
        year = form.cleaned_data["year"] if form.is_valid() else today.year
        context = {
            **self._context(request, _("Dashboard %(year)s") % {"year": year}),
            "form": form,
            **dashboard(year, today),
        }
        return render(request, "rapport/admin/dashboard.html", context)

    def choose_view(self, request):
        """Pick a year, then go to its report."""
        self._check(request)
        form = YearForm(request.GET or None)
        if form.is_valid():
            return redirect("admin:rapport_annualreport_report", year=form.cleaned_data["year"])
        written = list(AnnualReport.objects.values_list("year", flat=True))
        context = {
            **self._context(request, _("Activity report")),
            "form": form,
            "written": written,
            "this_year": timezone.localdate().year,
        }
        return render(request, "rapport/admin/choose.html", context)

    def report_view(self, request, year):
        """The activity report of ``year`` as a web page, before exporting it."""
        self._check(request)
        report = build_annual_report(self._year(year))
        context = {
            **self._context(request, _("Activity report %(year)s") % {"year": report.year}),
            "report": report,
            "can_write": (
                self.has_change_permission(request, report.texts)
                if report.texts
                else self.has_add_permission(request)
            ),
        }
        return render(request, "rapport/admin/report.html", context)

    def pdf_view(self, request, year):
        self._check(request)
        report = build_annual_report(self._year(year))
        response = HttpResponse(report_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="rapport-activites-{report.year}.pdf"'
        return response

"""The staff's newsletter desk: news, subscribers (import, bounce reports, figures),
issues (preview, test send, send now, schedule, progress)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsletter.forms import BounceReportForm, ImportForm, ScheduleForm, TestSendForm
from newsletter.models import Delivery, Issue, NewsItem, NewsLink, Subscriber
from newsletter.services import bounces, imports, sending
from villecaraibe.audit import AuditHistoryAdmin


class NewsLinkInline(admin.TabularInline):
    model = NewsLink
    extra = 1


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "published_at", "is_published", "deadline"]
    list_filter = ["category", "is_published"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [NewsLinkInline]


class SubscriberForm(forms.ModelForm):
    class Meta:
        model = Subscriber
        fields = [  # the consent proof and dates are read-only in the admin
            "email",
            "name",
            "organisation",
            "status",
            "source",
            "legal_basis",
            "hard_bounces",
        ]

    def clean_email(self):
        # Addresses are stored in lower case: check uniqueness on that form.
        email = self.cleaned_data["email"].strip().lower()
        taken = Subscriber.objects.filter(email=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("This address is already on the list."))
        return email


@admin.register(Subscriber)
class SubscriberAdmin(AuditHistoryAdmin):
    form = SubscriberForm
    list_display = ["email", "name", "organisation", "status", "source", "created_at"]
    list_filter = ["status", "source", "legal_basis"]
    search_fields = ["email", "name", "organisation"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "consent_at",
        "consent_ip",
        "consent_page",
        "consent_text",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
        "unsubscribed_from",
        "bounced_at",
        "created_at",
    ]
    actions = ["unsubscribe_selected"]
    change_list_template = "admin/newsletter/subscriber/change_list.html"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.source = obj.source or Subscriber.Source.ADMIN
        super().save_model(request, obj, form, change)

    def get_changeform_initial_data(self, request):
        return {"source": Subscriber.Source.ADMIN}

    @admin.action(description=gettext_lazy("Unsubscribe the selected addresses"))
    def unsubscribe_selected(self, request, queryset):
        count = queryset.exclude(status=Subscriber.Status.UNSUBSCRIBED).update(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )
        self.message_user(request, _("%(count)d address(es) unsubscribed.") % {"count": count})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="newsletter_subscriber_import"),
            path("bounces/", view(self.bounces_view), name="newsletter_subscriber_bounces"),
            path("figures/", view(self.figures_view), name="newsletter_subscriber_figures"),
            *super().get_urls(),
        ]

    def _check_import(self, request):
        if not request.user.has_perm("newsletter.import_subscribers"):
            raise PermissionDenied

    def import_view(self, request):
        self._check_import(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                report = imports.import_subscribers(
                    form.cleaned_data["file"],
                    legal_basis=form.cleaned_data["legal_basis"],
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ValidationError:
                form.add_error(
                    "file", _("The file has no “email” column (first line: column names).")
                )
            else:
                if not report.dry_run:
                    messages.success(
                        request,
                        _("%(created)d subscriber(s) imported, %(updated)d completed.")
                        % {"created": len(report.created), "updated": len(report.updated)},
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import subscribers from CSV"),
            "form": form,
            "report": report,
        }
        return render(request, "admin/newsletter/subscriber/import.html", context)

    def bounces_view(self, request):
        self._check_import(request)
        form = BounceReportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            try:
                result = bounces.import_bounce_report(form.cleaned_data["file"])
            except ValidationError:
                form.add_error("file", _("The file has no “email” column."))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a bounce report"),
            "form": form,
            "result": result,
        }
        return render(request, "admin/newsletter/subscriber/bounces.html", context)

    def figures_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        by_status = dict(
            Subscriber.objects.values_list("status").annotate(n=Count("id")).order_by()
        )
        confirmed = dict(
            Subscriber.objects.filter(confirmed_at__isnull=False)
            .annotate(month=TruncMonth("confirmed_at"))
            .values_list("month")
            .annotate(n=Count("id"))
            .order_by()
        )
        left = dict(
            Subscriber.objects.filter(unsubscribed_at__isnull=False)
            .annotate(month=TruncMonth("unsubscribed_at"))
            .values_list("month")
            .annotate(n=Count("id"))
            .order_by()
        )
        months = sorted(set(confirmed) | set(left))
        rows, total = [], 0
        for month in months:
            total += confirmed.get(month, 0) - left.get(month, 0)
            rows.append((month, confirmed.get(month, 0), left.get(month, 0), total))
        issues = (
            Issue.objects.filter(status__in=[Issue.Status.SENDING, Issue.Status.SENT])
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
                failed_count=Count(
                    "deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)
                ),
                bounced_count=Count("deliveries", filter=Q(deliveries__bounced=True)),
            )
            .order_by("-number")[:50]
        )
        unsubscribed = dict(
            Subscriber.objects.filter(unsubscribed_from__isnull=False)
            .values_list("unsubscribed_from")
            .annotate(n=Count("id"))
            .order_by()
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Newsletter figures"),
            "by_status": [
                (label, by_status.get(value, 0)) for value, label in Subscriber.Status.choices
            ],
            "rows": rows,
            "issues": [(issue, unsubscribed.get(issue.pk, 0)) for issue in issues],
        }
        return render(request, "admin/newsletter/subscriber/figures.html", context)


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["number", "subject", "date", "status", "scheduled_at", "progress_display"]
    list_filter = ["status"]
    search_fields = ["subject"]
    filter_horizontal = ["news_items"]
    readonly_fields = ["status", "recipients_count", "started_at", "sent_at", "progress_block"]
    fields = [
        "number",
        "date",
        "subject",
        "introduction",
        "news_items",
        "status",
        "scheduled_at",
        "progress_block",
        "recipients_count",
        "started_at",
        "sent_at",
    ]
    change_form_template = "admin/newsletter/issue/change_form.html"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "scheduled_at" in form.changed_data and obj.is_editable:
            if obj.scheduled_at is None:
                Issue.objects.filter(pk=obj.pk).update(status=Issue.Status.DRAFT)
            elif request.user.has_perm("newsletter.send_issue"):
                # A moved time needs a task at the new time (the old one finds it not due).
                sending.schedule(obj, obj.scheduled_at)
            else:
                Issue.objects.filter(pk=obj.pk).update(scheduled_at=None)
                self.message_user(request, _("You may not schedule sending."), messages.WARNING)

    def get_changeform_initial_data(self, request):
        last = Issue.objects.order_by("-number").first()
        return {
            "number": last.number + 1 if last else 1,
            "date": timezone.localdate(),
            "subject": "La cohésion se construit",
        }

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and not obj.is_editable:
            fields += ["number", "date", "subject", "introduction", "news_items", "scheduled_at"]
        return fields

    actions = ["send_test_action"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT))
            )
        )

    @admin.display(description=gettext_lazy("progress"))
    def progress_display(self, obj):
        if obj.status in (Issue.Status.SENDING, Issue.Status.SENT):
            return format_html(
                '<progress max="{}" value="{}"></progress> {} / {}',
                obj.recipients_count or 1,
                obj.sent_count,
                obj.sent_count,
                obj.recipients_count,
            )
        return "—"

    @admin.action(description=gettext_lazy("Send a test of the selected issue to one address"))
    def send_test_action(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one issue."), messages.WARNING)
            return None
        return HttpResponseRedirect(
            reverse("admin:newsletter_issue_test", args=[queryset.get().pk])
        )

    @admin.display(description=gettext_lazy("sending progress"))
    def progress_block(self, obj):
        if not obj or obj.status not in (Issue.Status.SENDING, Issue.Status.SENT):
            return "—"
        p = obj.progress()
        return format_html(
            '<div class="issue-progress" data-progress-url="{}">'
            '<progress max="{}" value="{}">{} %</progress> '
            "<span>{}</span></div>",
            reverse("admin:newsletter_issue_progress", args=[obj.pk]),
            p["total"],
            p["done"],
            p["percent"],
            _("%(sent)d sent / %(total)d — %(failed)d failed, %(retrying)d to retry") % p,
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name="newsletter_issue_preview"),
            path("<int:pk>/test/", view(self.test_view), name="newsletter_issue_test"),
            path("<int:pk>/send/", view(self.send_view), name="newsletter_issue_send"),
            path("<int:pk>/schedule/", view(self.schedule_view), name="newsletter_issue_schedule"),
            path("<int:pk>/progress/", view(self.progress_view), name="newsletter_issue_progress"),
            *super().get_urls(),
        ]

    def _issue(self, request, pk, perm=None):
        issue = get_object_or_404(Issue, pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        if perm and not request.user.has_perm(perm):
            raise PermissionDenied
        return issue

    def _context(self, request, issue, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": issue,
            "issue": issue,
            "title": title,
            **extra,
        }

    def preview_view(self, request, pk):
        issue = self._issue(request, pk)
        return render(
            request,
            "admin/newsletter/issue/preview.html",
            self._context(request, issue, _("Preview of issue %(n)d") % {"n": issue.number}),
        )

    def test_view(self, request, pk):
        issue = self._issue(request, pk)
        form = TestSendForm(request.POST or None, initial={"email": request.user.email})
        if request.method == "POST" and form.is_valid():
            sending.send_test(issue, form.cleaned_data["email"])
            messages.success(
                request, _("A test was sent to %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return HttpResponseRedirect(reverse("admin:newsletter_issue_change", args=[pk]))
        return render(
            request,
            "admin/newsletter/issue/action_form.html",
            self._context(request, issue, _("Send a test"), form=form, button=_("Send the test")),
        )

    def send_view(self, request, pk):
        issue = self._issue(request, pk, "newsletter.send_issue")
        recipients = Subscriber.objects.confirmed().count()
        if request.method == "POST":
            if issue.status in (Issue.Status.SENDING, Issue.Status.SENT):
                messages.warning(request, _("This issue is already being sent or was sent."))
            else:
                count = sending.start_sending(issue)
                messages.success(
                    request,
                    _("Sending started to %(count)d subscriber(s).") % {"count": count},
                )
            return HttpResponseRedirect(reverse("admin:newsletter_issue_change", args=[pk]))
        return render(
            request,
            "admin/newsletter/issue/action_form.html",
            self._context(
                request,
                issue,
                _("Send issue %(n)d now") % {"n": issue.number},
                question=_("Send this issue now to the %(count)d confirmed subscriber(s)?")
                % {"count": recipients},
                button=_("Yes, send it"),
            ),
        )

    def schedule_view(self, request, pk):
        issue = self._issue(request, pk, "newsletter.send_issue")
        form = ScheduleForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            when = form.cleaned_data["send_at"]
            if when <= timezone.now():
                form.add_error("send_at", _("Choose a moment in the future."))
            elif not issue.is_editable:
                form.add_error(None, _("This issue is already being sent or was sent."))
            else:
                sending.schedule(issue, when)
                messages.success(request, _("Sending scheduled."))
                return HttpResponseRedirect(reverse("admin:newsletter_issue_change", args=[pk]))
        return render(
            request,
            "admin/newsletter/issue/action_form.html",
            self._context(request, issue, _("Schedule sending"), form=form, button=_("Schedule")),
        )

    def progress_view(self, request, pk):
        issue = self._issue(request, pk)
        progress = issue.progress()
        progress["status"] = Issue.objects.values_list("status", flat=True).get(pk=issue.pk)
        return JsonResponse(progress)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "subscriber", "status", "attempts", "sent_at", "smtp_answer"]
    list_filter = ["status", "bounced", "issue"]
    search_fields = ["subscriber__email"]
    list_select_related = ["issue", "subscriber"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from documentation.models import (
    Descriptor,
    Document,
    DocumentationRequest,
    DocumentAuthor,
    DownloadCount,
    ExperienceSheet,
    LinkCategory,
    PaperCopy,
    UsefulLink,
)
from documentation.models.thesaurus import descriptor_tree
from documentation.services import requests as request_service
from documentation.services import skos
from documentation.services.search import catalogue_changed
from villecaraibe.audit import AuditHistoryAdmin


class DocumentAuthorInline(admin.TabularInline):
    model = DocumentAuthor
    extra = 1
    autocomplete_fields = ["organisation", "person"]
    fields = ["position", "organisation", "person", "name", "role"]


class PaperCopyInline(admin.TabularInline):
    model = PaperCopy
    extra = 0
    fields = ["call_number", "location", "copies", "loanable"]


@admin.register(Document)
class DocumentAdmin(AuditHistoryAdmin):
    list_display = ["title", "kind", "year", "status", "access", "holdings", "published_at"]
    list_filter = ["status", "access", "kind", "has_paper_copy", "themes", "language"]
    search_fields = ["title", "subtitle", "search_text", "isbn", "issn"]
    list_select_related = ["publisher"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publisher", "descriptors"]
    filter_horizontal = ["themes", "territories"]
    readonly_fields = ["file_name", "file_size", "file_type", "created_at", "updated_at"]
    inlines = [DocumentAuthorInline, PaperCopyInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "slug", "kind", "status", "access"]}),
        (
            _("Description"),
            {
                "fields": [
                    "publisher",
                    "publisher_name",
                    "year",
                    "date",
                    "language",
                    "pages",
                    "isbn",
                    "issn",
                    "abstract",
                ]
            },
        ),
        (_("Indexing"), {"fields": ["descriptors", "themes", "territories"]}),
        (
            _("Digital holdings"),
            {"fields": ["file", "file_name", "file_size", "file_type", "external_url"]},
        ),
        (_("Dates"), {"fields": ["published_at", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("holdings"))
    def holdings(self, obj):
        return ", ".join(str(Document.Holding(h).label) for h in obj.holding_types()) or "—"

    @admin.action(description=_("Publish the selected documents"), permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for document in queryset.filter(status=Document.Status.DRAFT):
            document.status = Document.Status.PUBLISHED
            document.save()
            count += 1
        self.message_user(request, _("%(count)d document(s) published.") % {"count": count})

    @admin.action(description=_("Return the selected documents to draft"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(status=Document.Status.DRAFT)
        catalogue_changed()
        self.message_user(request, _("%(count)d document(s) back to draft.") % {"count": count})


class ThesaurusImportForm(forms.Form):
    file = forms.FileField(
        label=_("Thesaurus file"),
        help_text=_("SKOS in Turtle (.ttl) or RDF/XML (.rdf, .xml), or CSV (.csv), UTF-8."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        fmt = {"ttl": "ttl", "rdf": "rdf", "xml": "rdf", "csv": "csv"}.get(extension)
        if fmt is None:
            raise forms.ValidationError(_("Send a .ttl, .rdf, .xml or .csv file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large (5 MB at most)."))
        try:
            data = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file must be encoded in UTF-8.")) from exc
        self.cleaned_data["fmt"] = fmt
        self.cleaned_data["data"] = data
        return upload


class NarrowerInline(admin.TabularInline):
    model = Descriptor
    fk_name = "broader"
    fields = ["pref_label", "alt_labels"]
    extra = 0
    verbose_name = _("narrower term")
    verbose_name_plural = _("narrower terms")
    show_change_link = True


@admin.register(Descriptor)
class DescriptorAdmin(admin.ModelAdmin):
    list_display = ["pref_label", "broader", "synonyms", "document_count"]
    list_select_related = ["broader"]
    search_fields = ["pref_label", "alt_labels", "search_text"]
    list_filter = [("broader", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["broader", "related"]
    prepopulated_fields = {"slug": ["pref_label"]}
    inlines = [NarrowerInline]
    change_list_template = "admin/documentation/descriptor/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_documents=Count("documents"))

    @admin.display(description=_("synonyms"))
    def synonyms(self, obj):
        return ", ".join(obj.alt_label_list)

    @admin.display(description=_("documents"), ordering="_documents")
    def document_count(self, obj):
        return obj._documents

    def import_view(self, request):
        """Import a SKOS (Turtle, RDF/XML) or CSV thesaurus file; updates by preferred label."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ThesaurusImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                count = skos.import_(form.cleaned_data["data"], form.cleaned_data["fmt"])
            except Exception:  # noqa: BLE001 - rdflib raises many kinds of parse errors
                form.add_error("file", _("The file could not be read in this format."))
            else:
                messages.success(request, _("%(count)d concepts imported.") % {"count": count})
                return redirect("admin:documentation_descriptor_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import a thesaurus"),
            "form": form,
        }
        return TemplateResponse(request, "admin/documentation/descriptor/import.html", context)

    def get_urls(self):
        return [
            path(
                "importer/",
                self.admin_site.admin_view(self.import_view),
                name="documentation_descriptor_import",
            ),
            path(
                "arbre/",
                self.admin_site.admin_view(self.tree_view),
                name="documentation_descriptor_tree",
            ),
            *super().get_urls(),
        ]

    def tree_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Thesaurus tree"),
            "tree": descriptor_tree(Descriptor.objects.order_by("pref_label")),
        }
        return TemplateResponse(request, "admin/documentation/descriptor/tree.html", context)


@admin.register(DownloadCount)
class DownloadCountAdmin(admin.ModelAdmin):
    list_display = ["document", "month", "count"]
    list_select_related = ["document"]
    list_filter = ["month"]
    search_fields = ["document__title"]
    date_hierarchy = "month"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExperienceSheet)
class ExperienceSheetAdmin(admin.ModelAdmin):
    list_display = ["title", "territory", "period", "status", "published_at"]
    list_filter = ["status", "themes"]
    list_select_related = ["territory"]
    search_fields = ["title", "actors", "contact"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["territory", "document"]
    filter_horizontal = ["themes"]


class UsefulLinkInline(admin.TabularInline):
    model = UsefulLink
    extra = 1
    fields = ["title", "url", "position", "is_published", "is_dead"]
    readonly_fields = ["is_dead"]


@admin.register(LinkCategory)
class LinkCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "link_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    inlines = [UsefulLinkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_links=Count("links"))

    @admin.display(description=_("links"), ordering="_links")
    def link_count(self, obj):
        return obj._links


@admin.register(UsefulLink)
class UsefulLinkAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "link",
        "is_published",
        "is_dead",
        "last_status",
        "last_checked_at",
    ]
    list_filter = ["category", "is_dead", "is_published"]
    list_select_related = ["category"]
    search_fields = ["title", "url", "description"]
    readonly_fields = ["last_checked_at", "last_status", "is_dead", "check_error"]

    @admin.display(description=_("address"))
    def link(self, obj):
        return format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', obj.url)


class RequestReplyForm(forms.ModelForm):
    send_reply = forms.BooleanField(
        label=_("Send the reply by e-mail now"),
        required=False,
        help_text=_("The reply is e-mailed to the requester and the request marked answered."),
    )

    class Meta:
        model = DocumentationRequest
        fields = ["status", "document", "reply"]

    def clean(self):
        data = super().clean()
        if data.get("send_reply") and not (data.get("reply") or "").strip():
            self.add_error("reply", _("Write the reply before sending it."))
        return data


@admin.register(DocumentationRequest)
class DocumentationRequestAdmin(admin.ModelAdmin):
    form = RequestReplyForm
    list_display = ["subject", "name", "organisation", "status", "created_at", "replied_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "name", "email", "organisation", "message"]
    list_select_related = ["document", "replied_by"]
    autocomplete_fields = ["document"]
    readonly_fields = [
        "name",
        "email",
        "organisation",
        "subject",
        "message",
        "created_at",
        "replied_at",
        "replied_by",
    ]
    fields = [
        "name",
        "email",
        "organisation",
        "subject",
        "message",
        "created_at",
        "document",
        "status",
        "reply",
        "send_reply",
        "replied_at",
        "replied_by",
    ]
    actions = ["mark_in_progress"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("send_reply"):
            super().save_model(request, obj, form, change)
            request_service.reply(obj, form.cleaned_data["reply"], request.user)
            messages.success(request, _("The reply was sent to %(email)s.") % {"email": obj.email})
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Mark as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        count = queryset.filter(status=DocumentationRequest.Status.NEW).update(
            status=DocumentationRequest.Status.IN_PROGRESS
        )
        self.message_user(request, _("%(count)d request(s) in progress.") % {"count": count})

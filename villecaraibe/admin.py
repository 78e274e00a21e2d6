from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from villecaraibe.models import Page, Territory, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "insee_code", "is_cucs_site", "is_zus", "is_qpv"]
    list_filter = [
        "kind",
        "is_cucs_site",
        "is_zus",
        "is_qpv",
        ("parent", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["parent"]
    search_fields = ["name", "insee_code", "postal_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    fieldsets = [
        (None, {"fields": ["slug", "title", "summary", "body"]}),
    ]
    search_fields = ["title"]

    @admin.display(description=_("address"))
    def url(self, obj):
        return obj.get_absolute_url()

from django.contrib import admin

from annuaire.models import Organisation, Person, Position


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organisation", "person"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "commune"]
    list_filter = ["kind"]
    list_select_related = ["commune"]
    search_fields = ["name", "acronym", "search_text"]
    autocomplete_fields = ["commune", "parent"]
    filter_horizontal = ["themes", "territories"]
    inlines = [PositionInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "public_consent"]
    list_filter = ["public_consent", "civility"]
    search_fields = ["last_name", "first_name", "email", "search_text"]
    filter_horizontal = ["themes"]
    inlines = [PositionInline]

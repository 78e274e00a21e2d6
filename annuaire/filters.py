"""The public directory's search form: words, theme, territory, kind."""

import django_filters
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from annuaire.models import Organisation
from villecaraibe.models import Territory, Theme


def territory_and_below(territory):
    """The pks of ``territory`` and every territory under it (one query)."""
    children = {}
    for pk, parent_id in Territory.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = [], [territory.pk]
    while stack:
        pk = stack.pop()
        found.append(pk)
        stack.extend(children.get(pk, []))
    return found


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=200,
        help_text=_("A name, an acronym or a commune, e.g. “fort de france” or “CACEM”."),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("All themes"),
    )
    territory = django_filters.ModelChoiceFilter(
        label=_("Territory"),
        to_field_name="slug",
        # Intercommunal bodies first, then the communes, alphabetically.
        queryset=Territory.objects.filter(
            kind__in=[Territory.Kind.INTERCOMMUNALITY, Territory.Kind.COMMUNE]
        ).order_by(
            Case(
                When(kind=Territory.Kind.INTERCOMMUNALITY, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            "name",
        ),
        method="filter_territory",
        empty_label=_("All of Martinique"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"),
        choices=Organisation.Kind.choices,
        empty_label=_("All kinds"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "theme", "territory", "kind"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_territory(self, queryset, name, territory):
        """Organisations based in, or acting in, the territory or any place within it."""
        pks = territory_and_below(territory)
        acts_there = Organisation.territories.through.objects.filter(
            organisation_id=OuterRef("pk"), territory_id__in=pks
        )
        return queryset.filter(Exists(acts_there) | Q(commune_id__in=pks))

"""The filters of the public agenda: kind, theme, commune, month."""

import datetime

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from actions.models import Event
from villecaraibe.models import Territory, Theme


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, empty_label=_("All kinds")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        field_name="themes",
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"),
        queryset=Territory.objects.communes(),
        field_name="sessions__venue__commune",
        to_field_name="slug",
        empty_label=_("All communes"),
        distinct=True,
    )
    month = django_filters.CharFilter(
        label=_("Month"),
        method="filter_month",
        max_length=7,
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("Format: YYYY-MM, e.g. 2027-03."),
        validators=[
            RegexValidator(
                r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])$",
                _("Enter a month as YYYY-MM, e.g. 2027-03."),
            )
        ],
    )

    class Meta:
        model = Event
        fields = ["kind", "theme", "commune", "month"]

    def filter_month(self, queryset, name, value):
        first = datetime.datetime.strptime(value, "%Y-%m").date()
        following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return queryset.filter(start_date__lt=following, end_date__gte=first)

from django import forms
from django.utils.translation import gettext_lazy as _

from rapport.models import YEAR_MAX, YEAR_MIN


class YearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={"invalid": _("Enter a year, for example 2008.")},
    )

from django.urls import path
from django.utils.translation import gettext_lazy as _

from villecaraibe.views import section_placeholder

app_name = "annuaire"

urlpatterns = [
    path("annuaire/", section_placeholder, {"title": _("Directory")}, name="index"),
]

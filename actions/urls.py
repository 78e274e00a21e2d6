from django.urls import path
from django.utils.translation import gettext_lazy as _

from villecaraibe.views import section_placeholder

app_name = "actions"

urlpatterns = [
    path("agenda/", section_placeholder, {"title": _("Agenda")}, name="agenda"),
    path("programme/", section_placeholder, {"title": _("Programme")}, name="programme"),
]

from django.urls import path
from django.utils.translation import gettext_lazy as _

from actions.views import programme
from villecaraibe.views import section_placeholder

app_name = "actions"

urlpatterns = [
    path("agenda/", section_placeholder, {"title": _("Agenda")}, name="agenda"),
    path("programme/", programme.programme_current, name="programme"),
    path("programme/<int:year>/", programme.programme_year, name="programme_year"),
    path("programme/<int:year>/pdf/", programme.programme_pdf, name="programme_pdf"),
    path(
        "programme/<int:year>/action-<int:number>/",
        programme.action_detail,
        name="action",
    ),
]

from django.urls import path
from django.utils.translation import gettext_lazy as _

from villecaraibe.views import section_placeholder

app_name = "documentation"

urlpatterns = [
    path("documentation/", section_placeholder, {"title": _("Documentation")}, name="index"),
    path(
        "capitalisation/",
        section_placeholder,
        {"title": _("Capitalisation")},
        name="capitalisation",
    ),
]

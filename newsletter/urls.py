from django.urls import path
from django.utils.translation import gettext_lazy as _

from villecaraibe.views import section_placeholder

app_name = "newsletter"

urlpatterns = [
    path("actualites/", section_placeholder, {"title": _("News")}, name="news"),
    path("lettre/", section_placeholder, {"title": _("Newsletter")}, name="letter"),
]

from django.urls import path
from django.utils.translation import gettext_lazy as _

from actions.views import agenda
from villecaraibe.views import section_placeholder

app_name = "actions"

urlpatterns = [
    path("programme/", section_placeholder, {"title": _("Programme")}, name="programme"),
]

# Agenda
urlpatterns += [
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda.ics", agenda.agenda_ics, name="agenda_ics"),
    path(
        "agenda/annulation/<str:token>/",
        agenda.registration_cancel,
        name="registration_cancel",
    ),
    path("agenda/questionnaire/<str:token>/", agenda.satisfaction, name="satisfaction"),
    path("agenda/<slug:slug>.ics", agenda.event_ics, name="event_ics"),
    path("agenda/<slug:slug>/", agenda.event_detail, name="event"),
]

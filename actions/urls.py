from django.urls import path

from actions.views import agenda, programme

app_name = "actions"

urlpatterns = [
    path("programme/", programme.programme_current, name="programme"),
    path("programme/<int:year>/", programme.programme_year, name="programme_year"),
    path("programme/<int:year>/pdf/", programme.programme_pdf, name="programme_pdf"),
    path(
        "programme/<int:year>/action-<int:number>/",
        programme.action_detail,
        name="action",
    ),
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

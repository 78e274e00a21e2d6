from django.urls import path

from annuaire import views

app_name = "annuaire"

urlpatterns = [
    path("annuaire/", views.index, name="index"),
    path(
        "annuaire/organisations/<slug:slug>/",
        views.organisation_detail,
        name="organisation",
    ),
    path("annuaire/personnes/<slug:slug>/", views.person_detail, name="person"),
    path("annuaire/personnes/<slug:slug>/vcard/", views.person_vcard_download, name="person_vcard"),
]

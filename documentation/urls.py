from django.urls import path

from documentation import feeds, oai, views

app_name = "documentation"

urlpatterns = [
    path("documentation/", views.index, name="index"),
    path("documentation/oai", oai.endpoint, name="oai"),
    path("documentation/nouveautes/", views.new_acquisitions, name="new"),
    path("documentation/nouveautes/flux.rss", feeds.NewDocumentsFeed(), name="feed"),
    path("documentation/les-plus-telecharges/", views.most_downloaded, name="popular"),
    path("documentation/thesaurus/", views.thesaurus, name="thesaurus"),
    path(
        "documentation/thesaurus/export.<str:fmt>", views.thesaurus_export, name="thesaurus_export"
    ),
    path("documentation/thesaurus/<slug:slug>/", views.descriptor_detail, name="descriptor"),
    path("documentation/demande/", views.request_form, name="request"),
    path("documentation/connexion/", views.MemberLoginView.as_view(), name="login"),
    path("documentation/deconnexion/", views.MemberLogoutView.as_view(), name="logout"),
    path("documentation/<slug:slug>/", views.document_detail, name="document"),
    path("documentation/<slug:slug>/telecharger/", views.download, name="download"),
    path("capitalisation/", views.capitalisation, name="capitalisation"),
    path("capitalisation/<slug:slug>/", views.experience_detail, name="experience"),
    path("liens-utiles/", views.useful_links, name="links"),
]

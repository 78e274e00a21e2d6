from django.conf import settings
from django.urls import include, path

from newsletter import feeds, views

app_name = "newsletter"

urlpatterns = [
    path("actualites/", views.news_list, name="news"),
    path("actualites/rss/", feeds.NewsFeed(), name="news_feed"),
    path("actualites/<slug:slug>/", views.news_item, name="news_item"),
    path("lettre/", views.letter, name="letter"),
    path("lettre/rss/", feeds.IssueFeed(), name="letter_feed"),
    path("lettre/inscription/", views.subscribe, name="subscribe"),
    path("lettre/inscription/merci/", views.subscribed, name="subscribed"),
    path("lettre/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("lettre/<int:number>/", views.issue_page, name="issue"),
    path("lettre/<int:number>/courriel/", views.issue_mail, name="issue_mail"),
    # Short on purpose: the personal List-Unsubscribe URL must stay under 74 characters.
    path("u/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

# Provider webhooks (bounces, complaints) when the site sends through one: see webhooks.py.
if getattr(settings, "ANYMAIL", None):
    urlpatterns.append(path("lettre/anymail/", include("anymail.urls")))

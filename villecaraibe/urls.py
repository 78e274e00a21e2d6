from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from villecaraibe import twofactor, views

admin.site.site_header = _("Ville caraïbe — administration")
admin.site.site_title = _("Ville caraïbe — administration")
admin.site.index_title = _("Administration of the portal")

urlpatterns = [
    path("sante/", views.health, name="health"),
    path(
        f"{settings.ADMIN_URL}double-authentification/",
        twofactor.enroll,
        name="staff_otp_enroll",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]

# The public site: French at the root, English under /en/. A language is a plain
# link (no form, no cookie), so public pages carry no CSRF token and can be cached.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("annuaire.urls")),
    path("", include("documentation.urls")),
    path("", include("actions.urls")),
    path("", include("newsletter.urls")),
    # Editorial pages last: /presentation/, /mentions-legales/, …
    path("<slug:slug>/", views.page, name="page"),
    prefix_default_language=False,
)

if settings.BENCHMARK_VIEWS:
    # The floor every page is compared to in bench/http_pages.py: Django, no database, no template.
    urlpatterns.insert(0, path("_bench/bare/", views.bare, name="bench_bare"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

"""The site's URLs plus test-only pages that show the error templates for real.

Used by the accessibility checks (``settings.ROOT_URLCONF``) to render the 400,
403, 429 and 500 pages through Django's own error handlers, as a visitor gets them.
"""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from villecaraibe.security import too_many_requests
from villecaraibe.urls import urlpatterns as site_urlpatterns


def error_page(request, status):
    if status == 400:
        raise SuspiciousOperation("test-only page")
    if status == 403:
        raise PermissionDenied
    if status == 429:
        return too_many_requests(request)
    raise RuntimeError("test-only page: the 500 template")


urlpatterns = [
    path("_test/erreur/<int:status>/", error_page),
    *site_urlpatterns,
]

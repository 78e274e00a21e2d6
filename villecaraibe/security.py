"""Protection shared by every public form and the staff login.

- ``client_ip(request)``: the visitor's address, trusting X-Forwarded-For only
  from the number of proxies configured (``TRUSTED_PROXY_COUNT``).
- ``LoginProtectionBackend``: django-axes' lockout after repeated failures, per
  account and per address.
- ``rate_limited(group, rate)``: a per-address limit for a public form's POSTs;
  past it the visitor gets a French 429 page.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited


def client_ip(request):
    """The client's IP address; X-Forwarded-For is read only behind trusted proxies."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 - a placeholder, not a bind


def axes_client_ip(request):
    return client_ip(request)


class LoginProtectionBackend(AxesStandaloneBackend):
    """django-axes' lockout, skipped when there is no HTTP request (shell, test client)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def rate_limited(group, rate=None):
    """Limit POSTs to a view per client address (``rate`` like "10/m"; by default
    ``PUBLIC_FORM_RATE``, read at each request so that it can be changed without a restart
    of the module, e.g. in tests)."""
    return ratelimit(
        group=group,
        key="villecaraibe.security.ratelimit_key",
        rate=rate or public_form_rate,
        method="POST",
        block=True,
    )


def public_form_rate(group, request):
    return settings.PUBLIC_FORM_RATE


def ratelimit_key(group, request):
    return client_ip(request)


def too_many_requests(request, exception=None):
    """The 429 page (RATELIMIT_VIEW)."""
    return render(request, "429.html", status=429)


__all__ = ["Ratelimited", "client_ip", "rate_limited", "too_many_requests"]

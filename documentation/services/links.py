"""Checking useful links for dead ones.

``check_link(link)`` asks the link's address (HEAD, then GET when HEAD is refused),
follows redirects, and records the status, the time and whether the link is dead
(4xx/5xx, DNS or connection failure, timeout). A dead link disappears from the
public page until a later check finds it alive again.
"""

import urllib.error
import urllib.request

from django.utils import timezone

USER_AGENT = "VilleCaraibeLinkChecker/1.0 (+https://www.villecaraibe.com)"


def _request(url, method, timeout):
    # probe() lets only http(s) addresses through.
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status


def probe(url, timeout=10):
    """Return (status or None, error message)."""
    if not url.lower().startswith(("http://", "https://")):
        return None, "unsupported scheme"
    try:
        try:
            return _request(url, "HEAD", timeout), ""
        except urllib.error.HTTPError as exc:
            if exc.code not in {403, 405, 501}:
                raise
            return _request(url, "GET", timeout), ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, str(reason)[:300]


def check_link(link, timeout=10):
    status, error = probe(link.url, timeout=timeout)
    link.last_status = status
    link.check_error = error
    link.is_dead = status is None or status >= 400
    link.last_checked_at = timezone.now()
    link.save(update_fields=["last_status", "check_error", "is_dead", "last_checked_at"])
    return link

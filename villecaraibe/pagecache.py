"""Whole-page cache for anonymous visitors, invalidated when staff change content.

Any save or delete of a model of the portal's apps bumps a content version; the
cache keys include it, so the next anonymous request renders afresh. Staff and
logged-in users always get a live page. Only views without forms may use it
(a cached CSRF token would belong to someone else).
"""

import hashlib
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

VERSION_KEY = "pagecache:version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def bump_content_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key expired or was never set
        cache.set(VERSION_KEY, 2, timeout=None)


def connect_invalidation():
    """Bump the version whenever a model of the portal's apps changes."""
    for app_label in settings.PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            post_save.connect(
                bump_content_version,
                sender=model,
                dispatch_uid=f"pagecache-save-{model._meta.label}",
            )
            post_delete.connect(
                bump_content_version,
                sender=model,
                dispatch_uid=f"pagecache-delete-{model._meta.label}",
            )
    m2m_changed.connect(bump_content_version, dispatch_uid="pagecache-m2m")


def _cache_key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pagecache:{content_version()}:{get_language()}:{path}"


def cache_public_page(view=None, *, timeout=None):
    """Cache a GET view's 200 responses for anonymous visitors."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if (
                request.method not in ("GET", "HEAD")
                or not settings.PAGE_CACHE_SECONDS
                or request.user.is_authenticated
            ):
                return view_func(request, *args, **kwargs)
            key = _cache_key(request)
            cached = cache.get(key)
            if cached is not None:
                content, content_type, headers = cached
                from django.http import HttpResponse

                response = HttpResponse(content, content_type=content_type)
                for name, value in headers.items():
                    response.headers[name] = value
                response.headers["X-Page-Cache"] = "hit"
                return response
            response = view_func(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.cookies and not response.streaming:
                kept = {
                    k: v
                    for k, v in response.headers.items()
                    if k.lower() not in {"content-type", "set-cookie"}
                }
                cache.set(
                    key,
                    (response.content, response.headers["Content-Type"], kept),
                    timeout or settings.PAGE_CACHE_SECONDS,
                )
                response.headers["X-Page-Cache"] = "miss"
            return response

        return wrapper

    return decorator(view) if view is not None else decorator

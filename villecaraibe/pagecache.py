"""Whole-page cache for anonymous visitors, invalidated when staff change content.

Any save or delete of a model of the portal's apps bumps a content version; the
cache keys include it, so the next anonymous request renders afresh. Staff and
logged-in users always get a live page, and so does any visitor with a session
cookie (their page may carry messages).

Pages with a form (sign-up, registration) are cached too: the CSRF token in each
form's hidden field is stored as a placeholder and every visitor gets their own token
put back at serving time (``get_token``; the CSRF middleware then sets their cookie
as for a live page). A page that uses the token anywhere else is not stored.

Two ways in: the ``cache_public_page`` decorator, or ``PageCacheMiddleware`` for the
views named in ``PAGE_CACHE_VIEWS`` (the public read-only pages; no view code to touch).

Where the version lives
-----------------------
With a shared cache (Redis, ``REDIS_URL``) the version is a key of that cache. With
the per-process local-memory cache each gunicorn worker has its own copy of pages,
so a version kept there would only be bumped in the worker that handled the staff
edit: the others would serve stale pages for ``PAGE_CACHE_SECONDS``. Then the version
is a small file (``PAGE_CACHE_VERSION_FILE``) that every worker on the machine reads
with one ``stat()`` per request (about a microsecond) and a save appends one byte to.
"""

import hashlib
import os
import re
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

VERSION_KEY = "pagecache:version"
TOKEN_FIELD = re.compile(
    rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(">)'
)
TOKEN_MARK = b"\x00csrf-token\x00"
# The stamp file is rewritten (new inode, fresh size) past this many bytes.
STAMP_MAX_BYTES = 4096


def _stamp_file():
    return getattr(settings, "PAGE_CACHE_VERSION_FILE", "")


def content_version():
    path = _stamp_file()
    if path:
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return "0"
        return f"{st.st_ino}.{st.st_size}.{st.st_mtime_ns}"
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def bump_content_version(**kwargs):
    path = _stamp_file()
    if path:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        try:
            size = os.path.getsize(path)
        except FileNotFoundError:
            size = 0
        if size >= STAMP_MAX_BYTES:
            tmp = f"{path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as f:
                f.write(b".")
            os.replace(tmp, path)  # a new inode: the version changes
        else:
            with open(path, "ab") as f:
                f.write(b".")
        return
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key expired or was never set
        cache.set(VERSION_KEY, 2, timeout=None)


def connect_invalidation():
    """Bump the version whenever a model of the portal's apps changes.

    Apps in ``PAGE_CACHE_IGNORED_APPS`` are left out: what they write on every visit
    (visitor statistics) would otherwise empty the cache on every page view.
    """
    ignored = set(getattr(settings, "PAGE_CACHE_IGNORED_APPS", ()))
    for app_label in settings.PROJECT_APPS:
        if app_label in ignored:
            continue
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


def connect_invalidation_reset():
    """Disconnect what ``connect_invalidation`` connected (tests change the settings)."""
    for app_label in settings.PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            post_save.disconnect(sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
            post_delete.disconnect(
                sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}"
            )


def _cache_key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pagecache:{content_version()}:{get_language()}:{path}"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.PAGE_CACHE_SECONDS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.user.is_authenticated
    )


def serve(request, render, timeout=None):
    """The cached response for ``request``, or ``render()``'s, stored when it may be."""
    if not _cacheable_request(request):
        return render()
    key = _cache_key(request)
    cached = cache.get(key)
    if cached is not None:
        content, content_type, headers = cached
        if TOKEN_MARK in content:
            content = content.replace(TOKEN_MARK, get_token(request).encode())
        response = HttpResponse(content, content_type=content_type)
        for name, value in headers.items():
            response.headers[name] = value
        response.headers["X-Page-Cache"] = "hit"
        return response
    response = render()
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code == 200 and not response.cookies and not response.streaming:
        content = response.content
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page used a CSRF token
            uses = content.lower().count(b"csrf")
            content, forms = TOKEN_FIELD.subn(rb"\1" + TOKEN_MARK + rb"\2", content)
            if not forms or uses != forms:
                return response  # the token is used elsewhere too: not stored
        kept = {
            k: v
            for k, v in response.headers.items()
            if k.lower() not in {"content-type", "set-cookie"}
        }
        cache.set(
            key,
            (content, response.headers["Content-Type"], kept),
            timeout or settings.PAGE_CACHE_SECONDS,
        )
        response.headers["X-Page-Cache"] = "miss"
    return response


def cache_public_page(view=None, *, timeout=None):
    """Cache a GET view's 200 responses for anonymous visitors."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            return serve(request, lambda: view_func(request, *args, **kwargs), timeout)

        wrapper.page_cached = True
        return wrapper

    return decorator(view) if view is not None else decorator


class PageCacheMiddleware:
    """Serve the views named in ``settings.PAGE_CACHE_VIEWS`` through the page cache.

    Last in ``MIDDLEWARE``: every other middleware's ``process_view`` has run, and every
    ``process_response`` (security headers, CSP) still runs on a cached page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = frozenset(getattr(settings, "PAGE_CACHE_VIEWS", ()))

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            match is None
            or match.view_name not in self.views
            or getattr(view_func, "page_cached", False)
            or not _cacheable_request(request)
        ):
            # Not for the cache (a POST, a visitor with a session): the view runs the
            # usual way, so that other middleware's process_exception (the 429 of the
            # rate limit) still applies.
            return None
        return serve(request, lambda: view_func(request, *view_args, **view_kwargs))

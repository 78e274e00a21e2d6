"""Recording a hit: which requests count, the daily salt, the visitor hash.

What is recorded: a successful (2xx) GET of a public HTML page, or a download
(a response marked ``response.statistics_kind = "download"``, or a view named in
``STATISTICS_DOWNLOAD_VIEWS``, by default ``documentation:download``).

What is left out: other methods (HEAD, POST), errors and redirects, non-HTML
responses (feeds, OAI, exports, JSON), the admin, ``/sante/``, static and media
files, the benchmark views, staff users (their own work would inflate the
figures), prefetches, and known robots (user agent empty or matching
``BOT_PATTERN``).

What is stored per hit (one INSERT, run once the response has been sent): day, time, path (without the query string,
which may hold search words), kind, visitor hash, external referrer host. The
visitor hash is ``sha256(salt of the day + IP + user agent)``; the salt is random,
created for the day on first use and the older salts are deleted at the same
moment, so yesterday's hashes cannot be linked to today's. The IP address and
the user agent are used in memory for the hash and never stored.
"""

import hashlib
import logging
import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.http.request import validate_host
from django.utils import timezone

from villecaraibe.security import client_ip

logger = logging.getLogger(__name__)

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|preview|fetch|monitor|curl|wget|"
    r"python-requests|python-urllib|httpclient|java/|libwww|headless|lighthouse|scrapy|"
    r"go-http-client|okhttp|axios|node-fetch|phantomjs|selenium|puppeteer|playwright",
    re.IGNORECASE,
)

# Prefixes never counted, besides the admin, static and media URLs read from settings.
EXCLUDED_PREFIXES = ("/sante/", "/_bench/", "/favicon.ico", "/robots.txt")

# The salt of the current day, kept in this process (the database row is the
# reference shared by every process); replaced when the day changes.
_salt_cache = {"day": None, "salt": None}


def reset_salt_cache():
    """Forget the salt held in memory (tests; the next hit reads the database)."""
    _salt_cache["day"] = None
    _salt_cache["salt"] = None


def is_bot(user_agent):
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def excluded_prefixes():
    admin = "/" + settings.ADMIN_URL.strip("/") + "/"
    return (admin, settings.STATIC_URL, settings.MEDIA_URL, *EXCLUDED_PREFIXES)


def salt_for(day):
    """The salt of ``day``: created on first use; every older salt is deleted then."""
    if _salt_cache["day"] == day:
        return _salt_cache["salt"]
    from statistiques.models import DailySalt

    row = DailySalt.objects.filter(day=day).first()
    if row is None:
        try:
            with transaction.atomic():
                row = DailySalt.objects.create(day=day, salt=secrets.token_hex(32))
        except IntegrityError:  # another process created it first
            row = DailySalt.objects.get(day=day)
        DailySalt.objects.filter(day__lt=day).delete()
        _enqueue_fold()
    _salt_cache["day"] = day
    _salt_cache["salt"] = row.salt
    return row.salt


def _enqueue_fold():
    """A new day began: ask the worker to fold the previous days (cron does it too)."""
    if not settings.STATISTICS_FOLD_ON_NEW_DAY:
        return
    try:
        from statistiques.tasks import fold_statistics

        fold_statistics.enqueue()
    except Exception:  # no task backend: cron or the admin page will fold
        logger.warning("Could not enqueue the statistics fold", exc_info=True)


def visitor_hash(salt, ip, user_agent):
    return hashlib.sha256(f"{salt}|{ip}|{user_agent}".encode()).hexdigest()


def referrer_host(request):
    """The host of an external referrer, or "" (same site, none, or unreadable)."""
    referer = request.headers.get("Referer", "")
    if not referer:
        return ""
    try:
        host = (urlsplit(referer).hostname or "").lower()
    except ValueError:
        return ""
    if not host:
        return ""
    own = [
        request.get_host().rsplit(":", 1)[0].lower(),
        (urlsplit(settings.SITE_URL).hostname or "").lower(),
        # ".villecaraibe.com" covers www. too; "*" would make every site ours.
        *(h.lower() for h in settings.ALLOWED_HOSTS if h != "*"),
    ]
    if validate_host(host, [h for h in own if h]):
        return ""
    return host[:255]


def hit_kind(request, response):
    """ "page", "download" or None (not counted)."""
    kind = getattr(response, "statistics_kind", None)
    if kind is None:
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in settings.STATISTICS_DOWNLOAD_VIEWS:
            kind = "download"
    if kind == "download":
        return kind
    if kind not in (None, "page"):
        return None  # a view may opt out with response.statistics_kind = "none"
    content_type = response.get("Content-Type", "")
    return "page" if content_type.startswith("text/html") else None


def should_record(request, response):
    if request.method != "GET" or not 200 <= response.status_code < 300:
        return None
    path = request.path
    if path.startswith(excluded_prefixes()):
        return None
    if request.headers.get("Sec-Purpose", "").startswith("prefetch") or request.headers.get(
        "Purpose", ""
    ).startswith("prefetch"):
        return None
    kind = hit_kind(request, response)
    if kind is None:
        return None
    if is_bot(request.headers.get("User-Agent", "")):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return None
    return kind


def prepare(request, kind):
    """The hit to store for this request (not saved yet); the IP is hashed, then dropped."""
    from statistiques.models import Hit

    now = timezone.now()
    day = timezone.localdate(now)
    user_agent = request.headers.get("User-Agent", "")
    return Hit(
        day=day,
        time=now,
        path=request.path[:500],
        kind=kind,
        visitor=visitor_hash(salt_for(day), client_ip(request), user_agent),
        referrer_host=referrer_host(request) if kind == "page" else "",
    )


def save(hit):
    """One INSERT. On PostgreSQL without waiting for the WAL flush (a crash may lose
    the last hits, which statistics can afford); only this transaction is affected."""
    connection = connections[router.db_for_write(type(hit))]
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            hit.save(force_insert=True, using=connection.alias)
    else:
        hit.save(force_insert=True)
    return hit


def record(request, kind):
    """Prepare and store one hit at once (the middleware stores it after the response)."""
    return save(prepare(request, kind))


def _save_quietly(hit):
    try:
        save(hit)
    except Exception:  # statistics must never break a page
        logger.exception("Could not record a hit for %s", hit.path)


class StatisticsMiddleware:
    """Record public page views and downloads; never sets a cookie, never fails a page.

    The decision and the hash are made before the response leaves (a few
    microseconds); the INSERT runs when the server closes the response, i.e. after
    the page has been sent, and before Django's end-of-request handlers close the
    database connection.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not settings.STATISTICS_ENABLED:
            return response
        try:
            kind = should_record(request, response)
            if kind:
                hit = prepare(request, kind)
                close = response.close

                def close_and_record():
                    _save_quietly(hit)
                    close()

                response.close = close_and_record
        except Exception:  # statistics must never break a page
            logger.exception("Could not record a hit for %s", request.path)
        return response

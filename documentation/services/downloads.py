"""Counting downloads and serving files.

``record_download(document, user_agent)`` adds one to the document's counter for
the current month unless the user agent looks like a robot; the increment is a
single UPDATE (safe under concurrency), with an INSERT the first time in a month.
``file_response(document)`` hands the file over, through nginx (X-Accel-Redirect)
when ``DOCUMENTATION_X_ACCEL_PREFIX`` is set, else streamed by Django.
"""

import re
from pathlib import PurePath

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import FileResponse, HttpResponse
from django.utils.text import slugify

from documentation.models import Document, DownloadCount

BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|preview|fetch|monitor|curl|wget|"
    r"python-requests|python-urllib|httpclient|java/|libwww|headless|lighthouse|scrapy|"
    r"go-http-client|okhttp|axios|node-fetch",
    re.IGNORECASE,
)


def is_bot(user_agent):
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


def record_download(document, user_agent=""):
    """Count one human download of ``document`` this month; return True if counted."""
    if is_bot(user_agent):
        return False
    month = DownloadCount.month_of()
    counters = DownloadCount.objects.filter(document=document, month=month)
    if counters.update(count=F("count") + 1):
        return True
    try:
        with transaction.atomic():
            DownloadCount.objects.create(document=document, month=month, count=1)
    except IntegrityError:
        counters.update(count=F("count") + 1)
    return True


def most_downloaded(limit=20, since=None):
    """Published public documents with their download totals, most downloaded first."""
    downloads = DownloadCount.objects.all()
    if since:
        downloads = downloads.filter(month__gte=since)
    totals = (
        downloads.filter(document__status=Document.Status.PUBLISHED)
        .values("document")
        .annotate(total=Sum("count"))
        .order_by("-total", "document")[:limit]
    )
    by_id = {row["document"]: row["total"] for row in totals}
    documents = Document.objects.filter(pk__in=by_id).for_listing()
    ranked = sorted(documents, key=lambda d: (-by_id[d.pk], d.pk))
    for document in ranked:
        document.download_total = by_id[document.pk]
    return ranked


def download_filename(document):
    extension = PurePath(document.file.name).suffix.lower()
    return f"{slugify(document.title)[:80] or 'document'}{extension}"


def _safe_name(name):
    """The stored name, or FileNotFoundError if it could leave the private root."""
    path = PurePath(name or "")
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or "\x00" in name:
        raise FileNotFoundError(name)
    return name


def file_response(document):
    _safe_name(document.file.name)
    filename = download_filename(document)
    prefix = settings.DOCUMENTATION_X_ACCEL_PREFIX
    if prefix:
        response = HttpResponse(content_type=document.file_type or "application/octet-stream")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + document.file.name
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = FileResponse(document.file.open("rb"), as_attachment=True, filename=filename)
    # Never let a browser run anything it finds in a file.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store" if document.members_only else "private"
    return response

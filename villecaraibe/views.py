from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from villecaraibe.home import blocks_for
from villecaraibe.models import Page
from villecaraibe.pagecache import cache_public_page


def home(request):
    return render(request, "home.html", {"blocks": blocks_for(request)})


@cache_public_page
def page(request, slug):
    return render(request, "pages/page.html", {"page": get_object_or_404(Page, slug=slug)})


@never_cache
@require_GET
def health(request):
    """Health check for load balancers: the database answers and no migration is pending."""
    checks = {"database": "ok", "migrations": "ok"}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        checks["database"] = f"error: {exc.__class__.__name__}"
        checks["migrations"] = "unknown"
        status = 503
    else:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            checks["migrations"] = f"pending: {len(pending)}"
            status = 503
    checks["status"] = "ok" if status == 200 else "error"
    return JsonResponse(checks, status=status)


def section_placeholder(request, title, intro=""):
    """A section whose app has not landed yet: says so instead of a 404."""
    return render(request, "section_placeholder.html", {"title": title, "intro": intro})


def bare(request):
    """The benchmark floor: a response without database or template."""
    return HttpResponse("ok", content_type="text/plain")

import hashlib
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView, redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from documentation.access import can_download, is_member
from documentation.forms import DocumentationRequestForm, DocumentSearchForm
from documentation.models import (
    Descriptor,
    Document,
    DocumentAuthor,
    ExperienceSheet,
    LinkCategory,
    UsefulLink,
)
from documentation.models.documents import citation
from documentation.models.thesaurus import descriptor_tree
from documentation.services import downloads, skos
from documentation.services import requests as request_service
from documentation.services import search as search_service
from villecaraibe.security import rate_limited

PAGE_SIZE = 20
SLUG_RE = re.compile(r"[-a-zA-Z0-9_]+")
FACET_NAMES = ("kind", "theme", "territory", "year", "holding")


def _facet_urls(request):
    """A function giving the current address with changes applied and page reset.

    The current parameters are read once; each call then only encodes (a facet
    block has about a hundred links).
    """
    base = [(k, v) for k, values in request.GET.lists() if k != "page" for v in values]

    def url_with(**changes):
        items = [(k, v) for k, v in base if k not in changes]
        items += [(k, str(v)) for k, v in changes.items() if v is not None]
        encoded = urlencode(items)
        return f"{request.path}?{encoded}" if encoded else request.path

    return url_with


FACET_FRAGMENT_SECONDS = 600


def _facets_html(request, result, params):
    """The "Refine" block (active filters and facet links), rendered once per
    address and language while the catalogue is unchanged.

    Warm searches skip building and rendering its hundred-odd links: the key
    includes the facet cache's key (it changes with the catalogue) and the
    address without the page (the links keep the other parameters).
    """
    url_with = _facet_urls(request)
    address = urlencode([(k, v) for k, v in request.GET.lists() if k != "page"], doseq=True)
    digest = hashlib.sha256(
        f"{result.facets_key}|{get_language()}|{request.path}?{address}".encode()
    ).hexdigest()[:32]
    key = f"documentation:facets-html:{digest}"
    html = cache.get(key) if result.facets_key else None
    if html is None:
        active = [
            (
                search_service.facet_label(result.facets, name, params[name]),
                url_with(**{name: None}),
            )
            for name in FACET_NAMES
            if params.get(name)
        ]
        blocks = [
            (
                name,
                title,
                [
                    (label, count, url_with(**{name: value}))
                    for value, label, count in result.facets.get(name, [])
                ],
            )
            for name, title in (
                ("kind", _("Kind")),
                ("theme", _("Theme")),
                ("year", _("Year")),
                ("territory", _("Territory")),
                ("holding", _("Holding")),
            )
        ]
        html = render_to_string(
            "documentation/includes/facets.html",
            {"active_filters": active, "blocks": blocks},
            request=request,
        )
        if result.facets_key:
            cache.set(key, html, FACET_FRAGMENT_SECONDS)
    return html


def index(request):
    """The catalogue: search, facets, sorting, pagination — all in the URL."""
    form = DocumentSearchForm(request.GET or None)
    # Invalid criteria are dropped; the valid ones (and the words) still apply.
    params = form.cleaned_data if form.is_bound and not form.is_valid() else {}
    if form.is_bound and form.is_valid():
        params = form.cleaned_data
    result = search_service.search(params)
    paginator = Paginator(result.documents, PAGE_SIZE)
    paginator.__dict__["count"] = result.total  # already counted with the facets
    page = paginator.get_page(request.GET.get("page"))
    query = params.get("q", "")
    rows = [(doc, search_service.highlight(doc, query)) for doc in page.object_list]
    active = [(name, params[name]) for name in FACET_NAMES if params.get(name)]
    return render(
        request,
        "documentation/index.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "result": result,
            "facets_html": _facets_html(request, result, params),
            "query": query,
            "active_filters": active,
            "searching": bool(query or active),
        },
    )


def _visible_documents(request):
    qs = Document.objects.all()
    if not request.user.is_staff:
        qs = qs.published()
    return qs


def document_detail(request, slug):
    document = get_object_or_404(
        _visible_documents(request)
        .select_related("publisher")
        .prefetch_related("themes", "territories", "descriptors", "paper_copies"),
        slug=slug,
    )
    authors = list(
        DocumentAuthor.objects.filter(document=document).select_related("organisation", "person")
    )
    author_names = [a.display_name for a in authors if a.display_name]
    descriptor_ids = [d.pk for d in document.descriptors.all()]
    theme_ids = [t.pk for t in document.themes.all()]
    related = (
        Document.objects.published()
        .exclude(pk=document.pk)
        .filter(Q(descriptors__in=descriptor_ids) | Q(themes__in=theme_ids))
        .annotate(
            shared=Count("descriptors", filter=Q(descriptors__in=descriptor_ids), distinct=True)
            + Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
        )
        .order_by("-shared", "-published_at")
        .only("title", "slug", "kind", "year")[:5]
    )
    return render(
        request,
        "documentation/document.html",
        {
            "document": document,
            "authors": author_names,
            "citation": citation(document, author_names),
            "related": list(related),
            "can_download": can_download(request.user, document),
            "is_member": is_member(request.user),
        },
    )


@require_GET
def download(request, slug):
    """Serve the file after checking access; count human downloads per month."""
    document = get_object_or_404(Document.objects.all(), slug=slug)
    if not document.file:
        raise Http404
    if document.status != Document.Status.PUBLISHED and not request.user.is_staff:
        raise Http404
    if not can_download(request.user, document):
        if not request.user.is_authenticated:
            return redirect_to_login(
                document.get_absolute_url(), login_url=reverse("documentation:login")
            )
        return render(
            request, "documentation/members_only.html", {"document": document}, status=403
        )
    try:
        response = downloads.file_response(document)
    except FileNotFoundError as exc:
        raise Http404 from exc
    # Counted only once the file is really handed over.
    if document.status == Document.Status.PUBLISHED:
        downloads.record_download(document, request.headers.get("User-Agent", ""))
    return response


def new_acquisitions(request):
    documents = Document.objects.published().select_related("publisher").for_listing()[:30]
    return render(
        request,
        "documentation/list.html",
        {"documents": documents, "title": _("New acquisitions"), "list_kind": "new"},
    )


def most_downloaded(request):
    return render(
        request,
        "documentation/list.html",
        {
            "documents": downloads.most_downloaded(limit=20),
            "title": _("Most downloaded documents"),
            "list_kind": "popular",
        },
    )


def thesaurus(request):
    descriptors = Descriptor.objects.order_by("pref_label").annotate(
        n=Count("documents", filter=Q(documents__status=Document.Status.PUBLISHED))
    )
    return render(request, "documentation/thesaurus.html", {"tree": descriptor_tree(descriptors)})


def descriptor_detail(request, slug):
    descriptor = get_object_or_404(
        Descriptor.objects.select_related("broader").prefetch_related("narrower", "related"),
        slug=slug,
    )
    documents = descriptor.documents.published().select_related("publisher").for_listing()
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "documentation/descriptor.html", {"descriptor": descriptor, "page": page}
    )


@require_GET
def thesaurus_export(request, fmt):
    """The thesaurus in SKOS (Turtle, RDF/XML) or CSV, for the network of centres."""
    if fmt not in skos.FORMATS:
        raise Http404
    content, content_type = skos.export(fmt, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="thesaurus-villecaraibe.{fmt}"'
    return response


def _is_slug(value):
    """A document slug as the URLs make them (no NUL byte, bounded length)."""
    return bool(value) and len(value) <= 120 and bool(SLUG_RE.fullmatch(value))


@rate_limited("documentation-request")
def request_form(request):
    initial = {}
    document = None
    if _is_slug(request.GET.get("document")):
        document = Document.objects.published().filter(slug=request.GET["document"]).first()
        if document:
            initial["subject"] = document.title[:200]
    form = DocumentationRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        slug = request.POST.get("document_slug", "")
        obj.document = (
            Document.objects.published().filter(slug=slug).first() if _is_slug(slug) else None
        )
        obj.save()
        request_service.notify_staff(obj)
        messages.success(
            request, _("Thank you: your request has been received. We will answer by e-mail.")
        )
        return redirect("documentation:request")
    return render(request, "documentation/request_form.html", {"form": form, "document": document})


def capitalisation(request):
    sheets = (
        ExperienceSheet.objects.published().select_related("territory").prefetch_related("themes")
    )
    page = Paginator(sheets, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "documentation/capitalisation.html", {"page": page})


def experience_detail(request, slug):
    qs = ExperienceSheet.objects.select_related("territory", "document").prefetch_related("themes")
    if not request.user.is_staff:
        qs = qs.published()
    sheet = get_object_or_404(qs, slug=slug)
    return render(request, "documentation/experience.html", {"sheet": sheet})


def useful_links(request):
    categories = LinkCategory.objects.prefetch_related(
        Prefetch("links", queryset=UsefulLink.objects.filter(is_published=True, is_dead=False))
    )
    return render(
        request,
        "documentation/links.html",
        {"categories": [c for c in categories if c.links.all()]},
    )


class MemberLoginView(LoginView):
    """Members log in here to open members-only files."""

    template_name = "documentation/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("documentation:index")


class MemberLogoutView(LogoutView):
    next_page = "documentation:index"

"""Searching the catalogue, with facets, in a fixed number of queries.

``search(params)`` returns a ``SearchResult``: the ordered queryset of matching
published documents, the total, and the facet counts (kind, theme, year,
territory, holding type) computed over the matching set. On PostgreSQL the text
query is French full text (``fr_unaccent``: stemming, accents ignored) over the
weighted ``search_vector``, ranked, with highlighted extracts (ts_headline); on
SQLite every folded word must appear in the folded ``search_text``. Either way
synonyms work because descriptors' alternative labels are indexed with the
documents. Whatever the number of documents, the queries are: the latest
change (cache key), five facet queries (the holdings one also gives the total;
all five cached until the catalogue changes), the page, and two prefetches.
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, Max, Q, Value
from django.db.models.functions import Coalesce, Left, NullIf
from django.utils.html import escape
from django.utils.safestring import mark_safe

from documentation.models import Document
from documentation.services.indexing import SEARCH_CONFIG
from villecaraibe.models import Territory
from villecaraibe.text import normalize_search, search_terms

START, STOP = "\x02", "\x03"
EXCERPT_WORDS = 45


@dataclass
class SearchResult:
    documents: object
    total: int
    facets: dict = field(default_factory=dict)
    full_text: bool = False


def _filtered(params):
    qs = Document.objects.published()
    if params.get("kind"):
        qs = qs.filter(kind=params["kind"])
    if params.get("theme"):
        qs = qs.filter(themes__slug=params["theme"])
    if params.get("territory"):
        # A territory covers the places under it: "CACEM" finds Fort-de-France's documents.
        slug = params["territory"]
        places = Territory.objects.filter(
            Q(slug=slug)
            | Q(parent__slug=slug)
            | Q(parent__parent__slug=slug)
            | Q(parent__parent__parent__slug=slug)
        ).values("pk")
        qs = qs.filter(
            pk__in=Document.territories.through.objects.filter(territory__in=places).values(
                "document_id"
            )
        )
    if params.get("year"):
        qs = qs.filter(year=params["year"])
    holding = params.get("holding")
    if holding == Document.Holding.PAPER:
        qs = qs.filter(has_paper_copy=True)
    elif holding == Document.Holding.FILE:
        qs = qs.exclude(file="")
    elif holding == Document.Holding.LINK:
        qs = qs.exclude(external_url="")
    return qs


def _text_filter(qs, text):
    """Filter on the words of ``text``; return (queryset, ranked?)."""
    if not text or not search_terms(text):
        return qs, False
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        qs = qs.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query),
            headline=SearchHeadline(
                Coalesce(NullIf("abstract_plain", Value("")), Left("file_text", 20000)),
                query,
                config=SEARCH_CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=EXCERPT_WORDS,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        return qs, True
    for term in search_terms(text):
        qs = qs.filter(search_text__contains=term)
    return qs, False


def _facets(qs):
    ids = qs.order_by().values("pk")
    kinds = dict(Document.Kind.choices)
    facets = {
        "kind": [
            (row["kind"], kinds.get(row["kind"], row["kind"]), row["n"])
            for row in qs.order_by().values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
        ],
        "year": [
            (row["year"], row["year"], row["n"])
            for row in qs.order_by()
            .filter(year__isnull=False)
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        ],
        "theme": [
            (row["theme__slug"], row["theme__name"], row["n"])
            for row in Document.themes.through.objects.filter(document__in=ids)
            .values("theme__slug", "theme__name")
            .annotate(n=Count("document_id"))
            .order_by("-n", "theme__name")
        ],
        "territory": [
            (row["territory__slug"], row["territory__name"], row["n"])
            for row in Document.territories.through.objects.filter(document__in=ids)
            .values("territory__slug", "territory__name")
            .annotate(n=Count("document_id"))
            .order_by("-n", "territory__name")
        ],
    }
    holdings = qs.order_by().aggregate(
        total=Count("pk"),
        paper=Count("pk", filter=Q(has_paper_copy=True)),
        file=Count("pk", filter=~Q(file="")),
        link=Count("pk", filter=~Q(external_url="")),
    )
    facets["holding"] = [
        (value, label, holdings[value])
        for value, label in Document.Holding.choices
        if holdings[value]
    ]
    return facets, holdings["total"]


SORTS = {
    "recent": ["-published_at", "-pk"],
    "year": [F("year").desc(nulls_last=True), "-pk"],
    "oldest": [F("year").asc(nulls_last=True), "pk"],
    "title": ["title", "pk"],
}


FACET_CACHE_SECONDS = 600
_VERSION_KEY = "documentation:catalogue-version"


def catalogue_changed():
    """Invalidate cached facet counts (called whenever documents are reindexed)."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


def _cached_facets(qs, params):
    """Facet counts and total, cached per criteria until the catalogue changes.

    Counting facets over a large catalogue is the costly part of a search; the
    next pages, the sort orders and the same search by other visitors reuse it.
    """
    criteria = {k: str(v) for k, v in sorted(params.items()) if k not in {"sort", "page"} and v}
    version = cache.get_or_set(_VERSION_KEY, 1, None)
    # The latest change also keys the cache, so bulk imports invalidate it too.
    latest = Document.objects.aggregate(latest=Max("updated_at"))["latest"]
    version = f"{version}:{latest.timestamp() if latest else 0}"
    digest = hashlib.sha256(repr(sorted(criteria.items())).encode()).hexdigest()[:32]
    key = f"documentation:facets:{connection.vendor}:{version}:{digest}"
    cached = cache.get(key)
    if cached is None:
        cached = _facets(qs)
        cache.set(key, cached, FACET_CACHE_SECONDS)
    return cached


def search(params):
    """Documents matching ``params`` (cleaned search form data), ranked or sorted."""
    qs = _filtered(params)
    qs, ranked = _text_filter(qs, params.get("q", ""))
    facets, total = _cached_facets(qs, params)
    sort = params.get("sort") or ("relevance" if ranked else "recent")
    if sort == "relevance" and ranked:
        qs = qs.order_by("-rank", "-published_at", "-pk")
    else:
        qs = qs.order_by(*SORTS.get(sort, SORTS["recent"]))
    qs = qs.select_related("publisher").for_listing()
    return SearchResult(documents=qs, total=total, facets=facets, full_text=ranked)


def highlight(document, query):
    """A safe HTML extract of ``document`` with the query's words marked."""
    headline = getattr(document, "headline", None)
    if headline:
        text = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
        return mark_safe(text)  # noqa: S308 - escaped above, only <mark> added
    words = (document.abstract_plain or document.file_text[:2000]).split()
    if not words:
        return ""
    terms = search_terms(query) if query else []
    start = 0
    if terms:
        for i, word in enumerate(words):
            if any(normalize_search(word).startswith(t) for t in terms):
                start = max(0, i - 10)
                break
    chunk = words[start : start + EXCERPT_WORDS]
    out = []
    for word in chunk:
        folded = normalize_search(word)
        if terms and any(part.startswith(t) for part in folded.split() for t in terms):
            out.append(f"<mark>{escape(word)}</mark>")
        else:
            out.append(escape(word))
    prefix = "… " if start else ""
    suffix = " …" if start + EXCERPT_WORDS < len(words) else ""
    return mark_safe(prefix + " ".join(out) + suffix)  # noqa: S308 - each word escaped


def facet_label(facets, name, value):
    for key, label, _count in facets.get(name, []):
        if str(key) == str(value):
            return label
    return value

"""Searching the catalogue, with facets, in a fixed number of queries.

``search(params)`` returns a ``SearchResult``: the matching published documents
(a sliceable, lazily fetched sequence the paginator cuts into pages), the total,
and the facet counts (kind, theme, year, territory, holding type) computed over
the matching set. On PostgreSQL the text query is French full text
(``fr_unaccent``: stemming, accents ignored) over the stored, weighted
``search_vector`` (GIN index; the vector is kept inline in the row, see migration
0005), ranked, with highlighted extracts (ts_headline, only for the rows shown);
on SQLite every folded word must appear in the folded ``search_text``. Either
way synonyms work because descriptors' alternative labels are indexed with the
documents.

Staying fast at 100,000 documents (measured in bench/search_latency.py):

- Relevance ranks a bounded candidate set. Up to ``EXACT_RANK_LIMIT`` (4,000)
  matches, all are ranked. Beyond, only the ``RANKED_WINDOW`` (500) most
  recently added matches, read newest first along the partial index
  ``document_published_newest``, are ranked with ts_rank; the pages after the
  window list the older matches newest first (every match listed exactly once),
  and the page says so. Ranking all 39,000 matches of "évaluation" read every
  row (100-500 ms); the window reads at most about 12,000 rows, the exact
  ranking at most 4,000 matches.
- Facet counts and the total come from ONE statement (the matching rows are
  read once, then grouped per facet), cached per criteria until the catalogue
  changes.

Whatever the number of documents, the queries are: the latest change (cache
key), the facets with the total (only when not cached), the page, and its
authors (one prefetch). The rows load only the columns a result row shows.
"""

import hashlib
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Max, Prefetch, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Left, NullIf
from django.utils.html import escape
from django.utils.safestring import mark_safe

from documentation.models import Document, DocumentAuthor
from documentation.services.indexing import SEARCH_CONFIG
from villecaraibe.models import Territory
from villecaraibe.text import normalize_search, search_terms

START, STOP = "\x02", "\x03"
EXCERPT_WORDS = 45


RANKED_WINDOW = 500  # a multiple of the page size (20)
# Up to this many matches every one is ranked; beyond, the window. Measured at
# 100,000 documents: reading the matches through the GIN index costs about four times
# more per row than walking the newest documents, so the walk to a window of W wins
# above about sqrt(W x documents / 4) matches.
EXACT_RANK_LIMIT = 4000
FACET_CACHE_SECONDS = 600
_VERSION_KEY = "documentation:catalogue-version"


@dataclass
class SearchResult:
    documents: object
    total: int
    facets: dict = field(default_factory=dict)
    full_text: bool = False
    # When relevance ranked only the most recent matches: how many (else 0).
    ranking_window: int = 0
    # The facet cache entry's key: changes whenever the catalogue does (fragment caches).
    facets_key: str = ""


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


def _text_query(text):
    """The PostgreSQL full-text query for ``text``, or None (no words, or SQLite)."""
    if not text or not search_terms(text) or connection.vendor != "postgresql":
        return None
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def _text_filter(qs, text, query):
    """Only the documents that contain the words of ``text``."""
    if query is not None:
        return qs.filter(search_vector=query)
    if text:
        for term in search_terms(text):
            qs = qs.filter(search_text__contains=term)
    return qs


def _headline(query):
    return SearchHeadline(
        Coalesce(NullIf("abstract_plain", Value("")), Left("file_text", 20000)),
        query,
        config=SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=EXCERPT_WORDS,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


# What a result row shows (documentation/includes/document_row.html): the heavy
# columns (file text, search text and vector, rich abstract) stay in the database.
ROW_FIELDS = ("id", "title", "subtitle", "slug", "kind", "year", "access", "status")


def _listing(qs, excerpt_source=True):
    """The page's rows with their authors (one prefetch). ``excerpt_source``: also
    load what ``highlight`` cuts an extract from when there is no ts_headline."""
    fields = ROW_FIELDS + (("abstract_plain", "file_text") if excerpt_source else ())
    return qs.only(*fields).prefetch_related(
        Prefetch(
            "authors", queryset=DocumentAuthor.objects.select_related("organisation", "person")
        )
    )


class RankedDocuments:
    """The matches of a full-text query in relevance order, fetched one page at a time.

    With at most ``EXACT_RANK_LIMIT`` matches, all are ranked by ts_rank (ties:
    newest first). With more, positions below ``RANKED_WINDOW`` are the window's
    most recently added matches in relevance order, and positions after it the
    older matches, newest first. A page is one SQL statement (plus the listing's prefetches);
    ts_headline runs only for the rows of the page.
    """

    def __init__(self, matches, text, query, total):
        self.matches, self.text, self.query, self.total = matches, text, query, total
        self.exact = total <= EXACT_RANK_LIMIT
        self.window = total if self.exact else RANKED_WINDOW

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def _ranked(self, start, stop):
        """Rows ``start:stop`` of the window in relevance order, in one statement.

        The window (newest matches, along the document_published_newest index) is
        ranked inside a subquery that returns only the page's ids; the outer query
        fetches those rows with their publisher and extract. When every match is
        ranked (``exact``), one ordinary ranked query does it.
        """
        rank = SearchRank(F("search_vector"), self.query)
        if self.exact:
            return _listing(
                self.matches.annotate(rank=rank, headline=_headline(self.query)).order_by(
                    "-rank", "-published_at", "-pk"
                )[start:stop],
                excerpt_source=False,
            )
        window, params = (
            self.matches.order_by("-published_at", "-pk")
            .values_list("pk", "published_at", "search_vector")[: self.window]
            .query.sql_with_params()
        )
        page_ids = RawSQL(  # noqa: S611 - Django-compiled SQL, values as parameters
            f"SELECT w.id FROM ({window}) AS w (id, published_at, vector) "  # noqa: S608
            "ORDER BY ts_rank(w.vector, websearch_to_tsquery(%s::regconfig, %s)) DESC, "
            "w.published_at DESC, w.id DESC LIMIT %s OFFSET %s",
            (*params, SEARCH_CONFIG, self.text, stop - start, start),
        )
        return _listing(
            Document.objects.filter(pk__in=page_ids)
            .annotate(
                rank=SearchRank(F("search_vector"), self.query), headline=_headline(self.query)
            )
            .order_by("-rank", "-published_at", "-pk"),
            excerpt_source=False,
        )

    def _older(self):
        return _listing(
            self.matches.annotate(headline=_headline(self.query)).order_by("-published_at", "-pk"),
            excerpt_source=False,
        )

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("RankedDocuments only supports slices, e.g. [0:20].")
        start = max(index.start or 0, 0)
        stop = self.total if index.stop is None else min(index.stop, self.total)
        rows = []
        if start < min(stop, self.window):
            rows += list(self._ranked(start, min(stop, self.window)))
        if stop > self.window and stop > start:
            rows += list(self._older()[max(start, self.window) : stop])
        return rows

    def __iter__(self):
        return iter(self[0 : self.total])


def _facet_statement(qs):
    """One SQL statement that counts every facet over the rows of ``qs``.

    The matching rows are read once (a common table expression, materialised
    because it is used several times) and grouped per facet; themes and
    territories come from the link tables joined to it. Rows: (facet, value,
    label, count).
    """
    inner, params = (
        qs.order_by()
        .values_list("pk", "kind", "year", "has_paper_copy", "file", "external_url")
        .query.sql_with_params()
    )
    themes = Document.themes.through._meta
    territories = Document.territories.through._meta
    theme_table = themes.get_field("theme").related_model._meta.db_table
    territory_table = territories.get_field("territory").related_model._meta.db_table
    sql = f"""
        WITH m (id, kind, year, paper, file, link) AS ({inner})
        SELECT 'total', NULL, NULL, COUNT(*) FROM m
        UNION ALL SELECT 'kind', kind, NULL, COUNT(*) FROM m GROUP BY kind
        UNION ALL SELECT 'year', CAST(year AS TEXT), NULL, COUNT(*) FROM m
          WHERE year IS NOT NULL GROUP BY year
        UNION ALL SELECT 'holding', 'paper', NULL, COUNT(*) FROM m WHERE paper
        UNION ALL SELECT 'holding', 'file', NULL, COUNT(*) FROM m WHERE file <> ''
        UNION ALL SELECT 'holding', 'link', NULL, COUNT(*) FROM m WHERE link <> ''
        UNION ALL SELECT 'theme', t.slug, t.name, COUNT(*) FROM m
          JOIN {themes.db_table} dt ON dt.document_id = m.id
          JOIN {theme_table} t ON t.id = dt.theme_id GROUP BY t.slug, t.name
        UNION ALL SELECT 'territory', t.slug, t.name, COUNT(*) FROM m
          JOIN {territories.db_table} dt ON dt.document_id = m.id
          JOIN {territory_table} t ON t.id = dt.territory_id GROUP BY t.slug, t.name
    """  # noqa: S608 - table names from the models; values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _facets(qs):
    rows = {"kind": [], "year": [], "theme": [], "territory": [], "holding": {}}
    total = 0
    for facet, value, label, n in _facet_statement(qs):
        if facet == "total":
            total = n
        elif facet == "holding":
            rows["holding"][value] = n
        else:
            rows[facet].append((value, label, n))
    # Plain values only (cached, pickled): the translated labels of kinds and holdings
    # are lazy objects, costly to unpickle and bound to a language; see _labelled().
    facets = {
        "kind": sorted(((v, None, n) for v, _l, n in rows["kind"]), key=lambda r: (-r[2], r[0])),
        "year": sorted(((int(v), int(v), n) for v, _l, n in rows["year"]), key=lambda r: -r[0]),
    }
    for name in ("theme", "territory"):
        facets[name] = sorted(rows[name], key=lambda r: (-r[2], normalize_search(r[1]), r[1]))
    facets["holding"] = [
        (value, None, rows["holding"][value])
        for value in Document.Holding.values
        if rows["holding"].get(value)
    ]
    return facets, total


SORTS = {
    "recent": ["-published_at", "-pk"],
    "year": [F("year").desc(nulls_last=True), "-pk"],
    "oldest": [F("year").asc(nulls_last=True), "pk"],
    "title": ["title", "pk"],
}


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
    facets, total = cached
    return _labelled(facets), total, key


def _labelled(facets):
    """The cached facets with the labels of kinds and holdings in the active language."""
    kinds, holdings = dict(Document.Kind.choices), dict(Document.Holding.choices)
    return {
        **facets,
        "kind": [(v, kinds.get(v, v), n) for v, _l, n in facets["kind"]],
        "holding": [(v, holdings.get(v, v), n) for v, _l, n in facets["holding"]],
    }


def search(params):
    """Documents matching ``params`` (cleaned search form data), ranked or sorted."""
    text = params.get("q", "")
    query = _text_query(text)
    matches = _text_filter(_filtered(params), text, query)
    facets, total, facets_key = _cached_facets(matches, params)
    ranked = query is not None
    sort = params.get("sort") or ("relevance" if ranked else "recent")
    if sort == "relevance" and ranked:
        documents = RankedDocuments(matches, text, query, total)
        return SearchResult(
            documents=documents,
            total=total,
            facets=facets,
            full_text=True,
            ranking_window=0 if documents.exact else documents.window,
            facets_key=facets_key,
        )
    qs = matches.annotate(headline=_headline(query)) if ranked else matches
    qs = _listing(qs.order_by(*SORTS.get(sort, SORTS["recent"])), excerpt_source=not ranked)
    return SearchResult(
        documents=qs, total=total, facets=facets, full_text=ranked, facets_key=facets_key
    )


def highlight(document, query):
    """A safe HTML extract of ``document`` with the query's words marked."""
    if hasattr(document, "headline"):  # full text: ts_headline, empty when nothing to cut
        if not document.headline:
            return ""
        text = escape(document.headline).replace(START, "<mark>").replace(STOP, "</mark>")
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

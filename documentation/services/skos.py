"""The thesaurus in SKOS (Turtle, RDF/XML) and CSV, both ways.

``export(fmt)`` writes every descriptor as a skos:Concept of one
skos:ConceptScheme (prefLabel, altLabel, broader/narrower, related, scopeNote,
all in French). ``import_(data, fmt)`` reads the same formats back and creates or
updates descriptors by preferred label (idempotent), then links broader and
related terms; it runs in one transaction and returns the number of concepts.
"""

import csv
import io

from django.conf import settings
from django.db import transaction
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef

from documentation.models import Descriptor

FORMATS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
    "csv": (None, "text/csv; charset=utf-8"),
}
CSV_COLUMNS = ["pref_label", "alt_labels", "broader", "related", "scope_note"]
LANG = "fr"


def _namespace(base_url=None):
    base = (base_url or settings.SITE_URL + "/").rstrip("/")
    return Namespace(f"{base}/documentation/thesaurus/")


def export(fmt, base_url=None):
    """Return (content, content_type) for the whole thesaurus."""
    descriptors = list(
        Descriptor.objects.select_related("broader")
        .prefetch_related("related")
        .order_by("pref_label")
    )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for d in descriptors:
            writer.writerow(
                [
                    d.pref_label,
                    " | ".join(d.alt_label_list),
                    d.broader.pref_label if d.broader_id else "",
                    " | ".join(r.pref_label for r in d.related.all()),
                    d.scope_note,
                ]
            )
        return out.getvalue(), FORMATS["csv"][1]
    ns = _namespace(base_url)
    graph = Graph()
    graph.bind("skos", SKOS)
    scheme = URIRef(str(ns))
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add(
        (scheme, SKOS.prefLabel, Literal(settings.CENTRE["name"] + " — thésaurus", lang=LANG))
    )
    for d in descriptors:
        concept = ns[d.slug + "/"]
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.prefLabel, Literal(d.pref_label, lang=LANG)))
        for label in d.alt_label_list:
            graph.add((concept, SKOS.altLabel, Literal(label, lang=LANG)))
        if d.scope_note:
            graph.add((concept, SKOS.scopeNote, Literal(d.scope_note, lang=LANG)))
        if d.broader_id:
            parent = ns[d.broader.slug + "/"]
            graph.add((concept, SKOS.broader, parent))
            graph.add((parent, SKOS.narrower, concept))
        else:
            graph.add((concept, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, concept))
        for r in d.related.all():
            graph.add((concept, SKOS.related, ns[r.slug + "/"]))
    rdf_format, content_type = FORMATS[fmt]
    return graph.serialize(format=rdf_format), content_type


def _label(graph, concept, predicate):
    values = list(graph.objects(concept, predicate))
    french = [v for v in values if getattr(v, "language", None) == LANG]
    return [str(v) for v in (french or values)]


def _records_from_graph(data, fmt):
    graph = Graph()
    graph.parse(data=data, format=FORMATS[fmt][0])
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    concepts |= set(graph.subjects(SKOS.prefLabel, None)) - set(
        graph.subjects(RDF.type, SKOS.ConceptScheme)
    )
    labels = {}
    for concept in concepts:
        pref = _label(graph, concept, SKOS.prefLabel)
        if pref:
            labels[concept] = pref[0].strip()
    records = []
    for concept, pref in labels.items():
        broader = [labels[b] for b in graph.objects(concept, SKOS.broader) if b in labels]
        broader += [labels[p] for p in graph.subjects(SKOS.narrower, concept) if p in labels]
        records.append(
            {
                "pref_label": pref,
                "alt_labels": _label(graph, concept, SKOS.altLabel),
                "broader": broader[0] if broader else "",
                "related": [labels[r] for r in graph.objects(concept, SKOS.related) if r in labels],
                "scope_note": " ".join(_label(graph, concept, SKOS.scopeNote)),
            }
        )
    return records


def _records_from_csv(data):
    reader = csv.DictReader(io.StringIO(data))
    missing = {"pref_label"} - set(reader.fieldnames or [])
    if missing:
        raise ValueError("CSV must have a pref_label column")
    records = []
    for row in reader:
        if not (row.get("pref_label") or "").strip():
            continue
        split = lambda v: [p.strip() for p in (v or "").split("|") if p.strip()]  # noqa: E731
        records.append(
            {
                "pref_label": row["pref_label"].strip(),
                "alt_labels": split(row.get("alt_labels")),
                "broader": (row.get("broader") or "").strip(),
                "related": split(row.get("related")),
                "scope_note": (row.get("scope_note") or "").strip(),
            }
        )
    return records


@transaction.atomic
def import_(data, fmt):
    """Create or update descriptors from ``data`` (str); return how many concepts were read."""
    if isinstance(data, bytes):
        data = data.decode("utf-8-sig")
    records = _records_from_csv(data) if fmt == "csv" else _records_from_graph(data, fmt)
    by_label = {}
    for record in records:
        descriptor = Descriptor.objects.filter(pref_label__iexact=record["pref_label"]).first()
        if descriptor is None:
            descriptor = Descriptor(pref_label=record["pref_label"][:150])
        descriptor.alt_labels = "\n".join(
            label
            for label in record["alt_labels"]
            if label.casefold() != record["pref_label"].casefold()
        )
        descriptor.scope_note = record["scope_note"]
        descriptor.save()
        by_label[record["pref_label"].casefold()] = descriptor
    for record in records:
        descriptor = by_label[record["pref_label"].casefold()]
        parent = by_label.get(record["broader"].casefold()) if record["broader"] else None
        if parent is None and record["broader"]:
            parent = Descriptor.objects.filter(pref_label__iexact=record["broader"]).first()
        if parent and parent.pk != descriptor.pk and descriptor.broader_id != parent.pk:
            descriptor.broader = parent
            descriptor.save(update_fields=["broader"])
        related = [by_label.get(r.casefold()) for r in record["related"]]
        related = [r for r in related if r and r.pk != descriptor.pk]
        if related:
            descriptor.related.add(*related)
    return len(records)

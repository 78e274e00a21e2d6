"""OAI-PMH 2.0 data provider: the library's records for the network's harvesters.

Six verbs (Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords,
GetRecord), one metadata format (oai_dc), sets by kind (``kind:<kind>``) and by
theme (``theme:<slug>``), signed resumption tokens for paging (offset-based over
a stable order: datestamp then id). Protocol errors answer HTTP 200 with the
``<error code="…">`` element, as the protocol requires. Only published
documents are exposed; datestamps are the documents' last modification, UTC,
to the second.
"""

import datetime
import re
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from django.conf import settings
from django.core import signing
from django.db.models import Min, Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from documentation.models import Document, DocumentAuthor
from villecaraibe.models import Theme

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
for _prefix, _uri in (("", OAI_NS), ("oai_dc", OAI_DC_NS), ("dc", DC_NS), ("xsi", XSI_NS)):
    ET.register_namespace(_prefix, _uri)

PAGE_SIZE_SETTING = "OAI_PAGE_SIZE"
DEFAULT_PAGE_SIZE = 100
TOKEN_SALT = "documentation.oai.resumption"  # noqa: S105 - a signing namespace, not a secret
TOKEN_MAX_AGE = 24 * 3600
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"

VERB_ARGUMENTS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}


class OAIError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def _q(tag, ns=OAI_NS):
    return f"{{{ns}}}{tag}"


def _sub(parent, tag, text=None, ns=OAI_NS, **attrs):
    element = ET.SubElement(parent, _q(tag, ns), attrs)
    if text is not None:
        element.text = str(text)
    return element


def _datestamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def repository_host():
    return urlsplit(settings.SITE_URL).hostname or "villecaraibe.com"


def oai_identifier(document):
    return f"oai:{repository_host()}:document/{document.pk}"


def _document_id(identifier):
    prefix = f"oai:{repository_host()}:document/"
    if not identifier.startswith(prefix) or not identifier[len(prefix) :].isdigit():
        return None
    return int(identifier[len(prefix) :])


def _parse_date(value, name, is_until=False):
    try:
        if len(value) == 10:
            day = datetime.date.fromisoformat(value)
            moment = datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
            if is_until:
                moment += datetime.timedelta(days=1) - datetime.timedelta(microseconds=1)
            return moment, "day"
        if len(value) == 20 and value.endswith("Z") and value[10] == "T":
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=datetime.UTC
            )
            if is_until:
                moment += datetime.timedelta(seconds=1) - datetime.timedelta(microseconds=1)
            return moment, "seconds"
    except ValueError:
        pass
    raise OAIError("badArgument", f"The '{name}' argument is not a valid UTC date: {value}")


def _page_size():
    return getattr(settings, PAGE_SIZE_SETTING, DEFAULT_PAGE_SIZE)


def _sets_of(document):
    specs = [f"kind:{document.kind}"]
    specs += [f"theme:{theme.slug}" for theme in document.themes.all()]
    return specs


def _records(params):
    qs = Document.objects.published()
    if params.get("from"):
        qs = qs.filter(updated_at__gte=params["from"])
    if params.get("until"):
        qs = qs.filter(updated_at__lte=params["until"])
    spec = params.get("set")
    if spec:
        family, _, value = spec.partition(":")
        if family == "kind" and (not value or value in Document.Kind.values):
            qs = qs.filter(kind=value) if value else qs
        elif family == "theme" and (not value or Theme.objects.filter(slug=value).exists()):
            qs = (
                qs.filter(themes__slug=value)
                if value
                else qs.filter(themes__isnull=False).distinct()
            )
        else:
            raise OAIError("noRecordsMatch", f"No records in set {spec}.")
    return qs.order_by("updated_at", "pk")


def _with_metadata(qs):
    return qs.select_related("publisher").prefetch_related(
        "themes",
        "descriptors",
        "territories",
        Prefetch(
            "authors", queryset=DocumentAuthor.objects.select_related("organisation", "person")
        ),
    )


def _header(parent, document):
    header = _sub(parent, "header")
    _sub(header, "identifier", oai_identifier(document))
    _sub(header, "datestamp", _datestamp(document.updated_at))
    for spec in _sets_of(document):
        _sub(header, "setSpec", spec)
    return header


def _oai_dc(parent, document, request):
    metadata = _sub(parent, "metadata")
    dc = ET.SubElement(
        metadata,
        _q("dc", OAI_DC_NS),
        {_q("schemaLocation", XSI_NS): f"{OAI_DC_NS} {OAI_DC_SCHEMA}"},
    )

    def add(tag, value):
        if value:
            _sub(dc, tag, value, ns=DC_NS)

    title = document.title + (f" : {document.subtitle}" if document.subtitle else "")
    add("title", title)
    for author in document.authors.all():
        if author.display_name and author.role == author.Role.AUTHOR:
            add("creator", author.display_name)
        elif author.display_name:
            add("contributor", author.display_name)
    for descriptor in document.descriptors.all():
        add("subject", descriptor.pref_label)
    for theme in document.themes.all():
        add("subject", theme.name)
    add("description", document.abstract_text)
    add("publisher", document.publisher_label)
    add("date", document.date_label)
    add("type", str(Document.Kind(document.kind).label))
    add("type", "Text")
    if document.file:
        add("format", document.file_type)
    add("identifier", request.build_absolute_uri(document.get_absolute_url()))
    if document.isbn:
        add("identifier", f"ISBN {document.isbn}")
    if document.issn:
        add("identifier", f"ISSN {document.issn}")
    add("language", document.language)
    for territory in document.territories.all():
        add("coverage", territory.name)
    add("rights", "Accès réservé aux membres" if document.members_only else "Accès libre")


def _make_token(verb, params, offset):
    state = {
        "v": verb,
        "o": offset,
        "p": params.get("metadataPrefix", ""),
        "s": params.get("set", ""),
        "f": params.get("from_raw", ""),
        "u": params.get("until_raw", ""),
    }
    return signing.dumps(state, salt=TOKEN_SALT, compress=True)


def _read_token(verb, token):
    try:
        state = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as exc:
        raise OAIError(
            "badResumptionToken", "The resumption token is invalid or has expired."
        ) from exc
    if not isinstance(state, dict) or state.get("v") != verb:
        raise OAIError("badResumptionToken", "The resumption token belongs to another request.")
    params = {"metadataPrefix": state["p"], "set": state["s"]}
    if state["f"]:
        params["from"], _ = _parse_date(state["f"], "from")
        params["from_raw"] = state["f"]
    if state["u"]:
        params["until"], _ = _parse_date(state["u"], "until", is_until=True)
        params["until_raw"] = state["u"]
    return params, int(state["o"])


SET_SPEC = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$")
PREFIX_SYNTAX = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")


def _check_arguments(verb, args):
    required, optional = VERB_ARGUMENTS[verb]
    names = set(args)
    if "set" in args and not SET_SPEC.match(args["set"]):
        raise OAIError("badArgument", "The 'set' argument is not a valid setSpec.")
    if "metadataPrefix" in args and not PREFIX_SYNTAX.match(args["metadataPrefix"]):
        raise OAIError("badArgument", "The 'metadataPrefix' argument is malformed.")
    if "resumptionToken" in names:
        if names != {"resumptionToken"}:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument.")
        return
    illegal = names - required - optional
    if illegal:
        raise OAIError("badArgument", f"Illegal argument(s): {', '.join(sorted(illegal))}.")
    missing = required - names
    if missing:
        raise OAIError("badArgument", f"Missing argument(s): {', '.join(sorted(missing))}.")


def _check_prefix(prefix):
    if prefix != "oai_dc":
        raise OAIError(
            "cannotDisseminateFormat", f"The metadata format '{prefix}' is not supported."
        )


def identify(root, request, args):
    earliest = Document.objects.published().aggregate(m=Min("updated_at"))["m"]
    node = _sub(root, "Identify")
    _sub(node, "repositoryName", settings.CENTRE["name"])
    _sub(node, "baseURL", _base_url(request))
    _sub(node, "protocolVersion", "2.0")
    _sub(node, "adminEmail", settings.CENTRE["email"])
    _sub(node, "earliestDatestamp", _datestamp(earliest or timezone.now()))
    _sub(node, "deletedRecord", "no")
    _sub(node, "granularity", GRANULARITY)


def list_metadata_formats(root, request, args):
    if "identifier" in args:
        pk = _document_id(args["identifier"])
        if pk is None or not Document.objects.published().filter(pk=pk).exists():
            raise OAIError("idDoesNotExist", f"No record with identifier {args['identifier']}.")
    node = _sub(root, "ListMetadataFormats")
    fmt = _sub(node, "metadataFormat")
    _sub(fmt, "metadataPrefix", "oai_dc")
    _sub(fmt, "schema", OAI_DC_SCHEMA)
    _sub(fmt, "metadataNamespace", OAI_DC_NS)


def list_sets(root, request, args):
    if "resumptionToken" in args:
        raise OAIError("badResumptionToken", "ListSets is never paged here.")
    node = _sub(root, "ListSets")
    sets = [("kind", "Par type de document"), ("theme", "Par thématique")]
    sets += [(f"kind:{value}", str(label)) for value, label in Document.Kind.choices]
    sets += [(f"theme:{slug}", name) for slug, name in Theme.objects.values_list("slug", "name")]
    for spec, name in sets:
        item = _sub(node, "set")
        _sub(item, "setSpec", spec)
        _sub(item, "setName", name)


def get_record(root, request, args):
    _check_prefix(args["metadataPrefix"])
    pk = _document_id(args["identifier"])
    document = (
        _with_metadata(Document.objects.published()).filter(pk=pk).first()
        if pk is not None
        else None
    )
    if document is None:
        raise OAIError("idDoesNotExist", f"No record with identifier {args['identifier']}.")
    node = _sub(root, "GetRecord")
    record = _sub(node, "record")
    _header(record, document)
    _oai_dc(record, document, request)


def _list(root, request, args, verb, with_metadata):
    if "resumptionToken" in args:
        params, offset = _read_token(verb, args["resumptionToken"])
    else:
        params, offset = dict(args), 0
        granularity = set()
        if "from" in args:
            params["from"], g = _parse_date(args["from"], "from")
            params["from_raw"] = args["from"]
            granularity.add(g)
        if "until" in args:
            params["until"], g = _parse_date(args["until"], "until", is_until=True)
            params["until_raw"] = args["until"]
            granularity.add(g)
        if len(granularity) > 1:
            raise OAIError("badArgument", "'from' and 'until' must have the same granularity.")
        if params.get("from") and params.get("until") and params["from"] > params["until"]:
            raise OAIError("badArgument", "'from' is after 'until'.")
    _check_prefix(params["metadataPrefix"])
    qs = _records(params)
    total = qs.count()
    if total == 0 or offset >= total:
        if offset and offset >= total:
            raise OAIError(
                "badResumptionToken", "The resumption token is past the end of the list."
            )
        raise OAIError("noRecordsMatch", "No records match the request.")
    size = _page_size()
    page = list(
        (_with_metadata(qs) if with_metadata else qs.prefetch_related("themes"))[
            offset : offset + size
        ]
    )
    node = _sub(root, verb)
    for document in page:
        if with_metadata:
            record = _sub(node, "record")
            _header(record, document)
            _oai_dc(record, document, request)
        else:
            _header(node, document)
    if offset or offset + size < total:
        attrs = {"completeListSize": str(total), "cursor": str(offset)}
        token = _sub(node, "resumptionToken", **attrs)
        if offset + size < total:
            token.text = _make_token(verb, params, offset + size)


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": lambda root, request, args: _list(
        root, request, args, "ListIdentifiers", False
    ),
    "ListRecords": lambda root, request, args: _list(root, request, args, "ListRecords", True),
}


def _base_url(request):
    return request.build_absolute_uri(request.path)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request):
    data = request.POST if request.method == "POST" else request.GET
    root = ET.Element(_q("OAI-PMH"), {_q("schemaLocation", XSI_NS): f"{OAI_NS} {OAI_SCHEMA}"})
    _sub(root, "responseDate", _datestamp(timezone.now()))
    request_node = _sub(root, "request", _base_url(request))
    verb = data.get("verb")
    try:
        if any(len(data.getlist(key)) > 1 for key in data):
            raise OAIError("badArgument", "An argument is repeated.")
        if verb not in HANDLERS:
            raise OAIError("badVerb", "Missing or illegal verb.")
        args = {key: data[key] for key in data if key != "verb"}
        _check_arguments(verb, args)
        for key, value in [("verb", verb), *args.items()]:
            request_node.set(key, value)
        HANDLERS[verb](root, request, args)
    except OAIError as error:
        if error.code in {"badVerb", "badArgument"}:
            request_node.attrib.clear()
        for child in list(root)[2:]:
            root.remove(child)
        _sub(root, "error", error.message, code=error.code)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")

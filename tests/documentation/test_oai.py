"""The OAI-PMH provider: protocol errors, paging, and a real harvest."""

from pathlib import Path

import pytest
from django.urls import reverse
from lxml import etree

from documentation.models import Document
from documentation.oai import oai_identifier
from tests.documentation.conftest import make_descriptor, make_document
from villecaraibe.models import Theme

URL = reverse("documentation:oai")
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "harvest.xsd")))


def valid_xml(content):
    document = etree.fromstring(content)
    SCHEMA.assertValid(document)
    return document


def oai(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    return valid_xml(response.content)


def error_code(tree):
    errors = tree.findall("oai:error", NS)
    assert len(errors) == 1, etree.tostring(tree)
    return errors[0].get("code")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params,code",
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:x:document/1"},
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "nope"}, "idDoesNotExist"),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken"),
        (
            {"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2008-13-01"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2009-01-01",
                "until": "2008-01-01",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2008-01-01",
                "until": "2030-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "kind:guide"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "nope:x"},
            "noRecordsMatch",
        ),
        ({"verb": "ListSets", "resumptionToken": "abc"}, "badResumptionToken"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "bad set!"}, "badArgument"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "oai dc"}, "badArgument"),
    ],
)
def test_protocol_errors_answer_200_with_the_error_element(client, params, code):
    make_document("Rapport", kind="rapport")
    tree = oai(client, **params)
    assert error_code(tree) == code
    request = tree.find("oai:request", NS)
    if code in {"badVerb", "badArgument"}:
        assert request.attrib == {}


@pytest.mark.django_db
def test_repeated_argument_is_a_bad_argument(client):
    response = client.get(URL + "?verb=Identify&verb=Identify")
    assert error_code(valid_xml(response.content)) == "badArgument"


@pytest.mark.django_db
def test_identify_metadata_formats_and_sets(client, vocabulary):
    make_document("Rapport")
    tree = oai(client, verb="Identify")
    assert tree.findtext("oai:Identify/oai:protocolVersion", namespaces=NS) == "2.0"
    assert (
        tree.findtext("oai:Identify/oai:baseURL", namespaces=NS)
        == "http://testserver/documentation/oai"
    )
    tree = oai(client, verb="ListMetadataFormats")
    assert tree.findtext(".//oai:metadataPrefix", namespaces=NS) == "oai_dc"
    tree = oai(client, verb="ListSets")
    specs = [s.text for s in tree.findall(".//oai:setSpec", NS)]
    assert "kind:compte_rendu" in specs and "theme:evaluation" in specs


@pytest.mark.django_db
def test_get_record_in_dublin_core(client, vocabulary):
    theme = Theme.objects.get(slug="evaluation")
    descriptor = make_descriptor("Évaluation des politiques publiques")
    document = make_document(
        "Évaluation des CUCS",
        abstract="Bilan <b>2008</b>",
        year=2008,
        kind="evaluation",
        themes=[theme],
        descriptors=[descriptor],
        publisher_name="Ville caraïbe",
    )
    tree = oai(
        client, verb="GetRecord", metadataPrefix="oai_dc", identifier=oai_identifier(document)
    )
    dc = tree.find(".//oai_dc:dc", NS)
    assert dc.findtext("dc:title", namespaces=NS) == "Évaluation des CUCS"
    assert dc.findtext("dc:date", namespaces=NS) == "2008"
    assert dc.findtext("dc:description", namespaces=NS) == "Bilan 2008"
    subjects = [s.text for s in dc.findall("dc:subject", NS)]
    assert subjects == ["Évaluation des politiques publiques", "Évaluation"]
    specs = [s.text for s in tree.findall(".//oai:setSpec", NS)]
    assert specs == ["kind:evaluation", "theme:evaluation"]


@pytest.mark.django_db
def test_paging_with_resumption_tokens_and_sets(client, settings, vocabulary):
    settings.OAI_PAGE_SIZE = 3
    theme = Theme.objects.get(slug="evaluation")
    for i in range(7):
        make_document(
            f"Doc {i}", kind="guide" if i % 2 else "rapport", themes=[theme] if i < 4 else []
        )
    make_document("Brouillon", status=Document.Status.DRAFT)
    seen, token, cursors = [], None, []
    while True:
        params = {"verb": "ListIdentifiers"}
        params.update({"resumptionToken": token} if token else {"metadataPrefix": "oai_dc"})
        tree = oai(client, **params)
        seen += [h.text for h in tree.findall(".//oai:header/oai:identifier", NS)]
        resumption = tree.find(".//oai:resumptionToken", NS)
        cursors.append((resumption.get("cursor"), resumption.get("completeListSize")))
        token = resumption.text
        if not token:
            break
    assert cursors == [("0", "7"), ("3", "7"), ("6", "7")]
    published = Document.objects.published().order_by("updated_at", "pk")
    assert seen == [oai_identifier(d) for d in published]
    # A token can't be replayed for another verb.
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(".//oai:resumptionToken", NS).text
    assert (
        error_code(oai(client, verb="ListRecords", resumptionToken=token)) == "badResumptionToken"
    )
    # Sets.
    tree = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="theme:evaluation")
    assert tree.find(".//oai:resumptionToken", NS).get("completeListSize") == "4"
    tree = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="kind:guide")
    assert len(tree.findall(".//oai:header", NS)) == 3
    assert tree.find(".//oai:resumptionToken", NS) is None


@pytest.mark.django_db
def test_from_and_until(client):
    make_document("Récent")
    assert (
        error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", until="2000-01-01"))
        == "noRecordsMatch"
    )
    tree = oai(
        client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2000-01-01T00:00:00Z"}
    )
    assert len(tree.findall(".//oai:record", NS)) == 1


@pytest.mark.django_db(transaction=True)
def test_a_real_harvester_collects_every_published_record(live_server, settings):
    from sickle import Sickle

    settings.OAI_PAGE_SIZE = 10
    theme = Theme.objects.create(name="Évaluation", slug="evaluation")
    for i in range(25):
        make_document(
            f"Document <{i}> & co", kind="guide", year=2000 + i, themes=[theme] if i % 2 else []
        )
    make_document("Brouillon", status=Document.Status.DRAFT)
    endpoint = live_server.url + URL
    # The live server's middleware was built with production settings (HTTPS
    # redirect); say the request came through the TLS-terminating proxy.
    harvester = Sickle(endpoint, max_retries=0, timeout=10, headers={"X-Forwarded-Proto": "https"})

    records = {
        record.header.identifier: record.metadata
        for record in harvester.ListRecords(metadataPrefix="oai_dc")
    }
    expected = {oai_identifier(d): d for d in Document.objects.published()}
    assert set(records) == set(expected)
    for identifier, metadata in records.items():
        document = expected[identifier]
        assert metadata["title"] == [document.title]
        assert metadata["date"] == [str(document.year)]
        assert metadata["identifier"][0].endswith(document.get_absolute_url())

    # Every page the harvester saw is valid against the schemas.
    response = harvester.ListRecords(metadataPrefix="oai_dc", ignore_deleted=False).oai_response
    pages = 0
    while True:
        valid_xml(response.raw.encode())
        pages += 1
        token = response.xml.find("oai:ListRecords/oai:resumptionToken", NS)
        if token is None or not token.text:
            break
        response = harvester.harvest(verb="ListRecords", resumptionToken=token.text)
    assert pages == 3
    assert len(list(harvester.ListSets())) >= len(Document.Kind.values) + 1
    identify = harvester.Identify()
    assert identify.protocolVersion == "2.0"

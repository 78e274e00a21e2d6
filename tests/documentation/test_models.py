import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from annuaire.models import Organisation, Person
from documentation.models import Document, DocumentAuthor, PaperCopy
from documentation.models.documents import citation
from documentation.validators import isbn_is_valid, issn_is_valid
from tests.documentation.conftest import make_descriptor, make_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value,ok",
    [
        ("978-2-11-097543-8", False),
        ("978-2-07-036822-8", True),
        ("2-07-036822-X", True),
        ("2-07-036822-3", False),
        ("0-306-40615-2", True),
        ("080442957X", True),
        ("pas un isbn", False),
    ],
)
def test_isbn_checksum(value, ok):
    assert isbn_is_valid(value) is ok


@pytest.mark.parametrize(
    "value,ok", [("0317-8471", True), ("2049-3630", True), ("2049-3631", False)]
)
def test_issn_checksum(value, ok):
    assert issn_is_valid(value) is ok


def test_full_clean_gives_french_messages_for_bad_identifiers():
    document = Document(title="Guide", isbn="978-2-07-036822-9", issn="1234-5678")
    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()
    assert "ISBN valide" in str(excinfo.value.message_dict["isbn"])
    assert "ISSN valide" in str(excinfo.value.message_dict["issn"])


def test_year_alone_or_taken_from_the_date():
    assert make_document("A", year=2008).date_label == "2008"
    document = make_document("B", date=datetime.date(2008, 9, 22))
    assert document.year == 2008
    bad = Document(title="C", slug="c", date=datetime.date(2008, 9, 22), year=2007)
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "2008" in str(excinfo.value.message_dict["year"])


def test_an_author_is_exactly_one_of_organisation_person_or_name():
    document = make_document("Guide")
    with pytest.raises(IntegrityError):
        DocumentAuthor.objects.create(document=document)


def test_citation_and_consent_of_people():
    cr = Organisation.objects.create(name="Centre de ressources Ville caraïbe")
    shy = Person.objects.create(first_name="Anne", last_name="Discrète", public_consent=False)
    public = Person.objects.create(first_name="Nicole", last_name="Chambron", public_consent=True)
    document = make_document(
        "Prévention de la délinquance", subtitle="compte rendu", year=2008, pages=24
    )
    document.publisher_name = "Ville caraïbe"
    document.save()
    for position, kwargs in enumerate([{"organisation": cr}, {"person": public}, {"person": shy}]):
        DocumentAuthor.objects.create(document=document, position=position, **kwargs)
    assert document.author_names() == ["Centre de ressources Ville caraïbe", "Nicole Chambron"]
    assert citation(document) == (
        "Centre de ressources Ville caraïbe, Nicole Chambron. "
        "Prévention de la délinquance : compte rendu. Ville caraïbe, 2008, 24 p."
    )
    document.refresh_from_db()
    assert "discrete" not in document.search_text
    assert "chambron" in document.search_text


def test_paper_copy_sets_the_holding_flag():
    document = make_document("Guide")
    assert not Document.objects.get(pk=document.pk).has_paper_copy
    PaperCopy.objects.create(document=document, call_number="EVA 1", copies=2)
    assert Document.objects.get(pk=document.pk).has_paper_copy


def test_descriptor_cannot_be_under_its_own_narrower_term():
    root = make_descriptor("Politique de la ville")
    child = make_descriptor("Évaluation", broader=root)
    root.broader = child
    with pytest.raises(ValidationError):
        root.full_clean()


def test_reserved_slugs_are_avoided():
    assert make_document("Thésaurus").slug == "thesaurus-2"

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documentation.models import Document
from documentation.services.uploads import check_upload
from tests.documentation.conftest import _pdf_bytes, pdf_upload, png_bytes


def rejected(name, content, code=None):
    with pytest.raises(ValidationError) as excinfo:
        check_upload(SimpleUploadedFile(name, content))
    if code:
        assert excinfo.value.code == code
    return str(excinfo.value.messages[0])


def odt_bytes(mimetype=b"application/vnd.oasis.opendocument.text"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def docx_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def test_good_files_are_accepted():
    assert check_upload(pdf_upload()) == "application/pdf"
    assert check_upload(SimpleUploadedFile("carte.png", png_bytes())) == "image/png"
    assert check_upload(SimpleUploadedFile("cr.odt", odt_bytes())).endswith("opendocument.text")
    assert "wordprocessingml" in check_upload(SimpleUploadedFile("cr.docx", docx_bytes()))


def test_wrong_extension_is_refused():
    message = rejected("script.exe", b"MZ\x90\x00", code="extension")
    assert "n'est pas accepté" in message


def test_content_must_match_the_extension():
    assert "ne correspond pas" in rejected("photo.pdf", png_bytes(), code="mismatch")
    rejected("rapport.png", _pdf_bytes(), code="mismatch")
    rejected("cr.odt", docx_bytes(), code="mismatch")
    rejected("cr.docx", odt_bytes(), code="mismatch")
    rejected("tableur.ods", odt_bytes(), code="mismatch")


def test_html_disguised_as_pdf_is_refused():
    message = rejected("rapport.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    assert "code de page web" in message


def test_svg_disguised_as_pdf_is_refused():
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    rejected("rapport.pdf", svg, code="active_content")
    rejected("image.png", svg, code="active_content")


def test_polyglot_pdf_with_html_is_refused():
    polyglot = _pdf_bytes().replace(
        b"%PDF-1.4\n", b"%PDF-1.4\n<html><script>alert(1)</script>\n", 1
    )
    rejected("rapport.pdf", polyglot, code="active_content")


def test_broken_pdf_and_image_are_refused():
    assert "endommagé" in rejected("rapport.pdf", b"%PDF-1.4\nnothing else", code="broken")
    assert "endommagée" in rejected("carte.png", png_bytes()[:40], code="broken")


def test_too_big_is_refused(settings):
    settings.UPLOAD_MAX_SIZE = 100
    message = rejected("rapport.pdf", _pdf_bytes(), code="too_big")
    assert "la limite est de 100" in message


def test_empty_file_is_refused():
    assert "vide" in rejected("rapport.pdf", b"", code="empty")


@pytest.mark.django_db
def test_admin_upload_stores_under_an_unguessable_private_name(client, superuser, settings):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:documentation_document_add"),
        {
            "title": "Guide de l'évaluation",
            "slug": "guide-evaluation",
            "kind": "guide",
            "status": "published",
            "access": "public",
            "language": "fr",
            "file": pdf_upload("Guide évaluation.pdf", text="Referentiel evaluation CUCS"),
            "authors-TOTAL_FORMS": "1",
            "authors-INITIAL_FORMS": "0",
            "authors-0-name": "R. Epstein",
            "authors-0-role": "author",
            "authors-0-position": "0",
            "paper_copies-TOTAL_FORMS": "0",
            "paper_copies-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get(slug="guide-evaluation")
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    assert len(document.file.name) == len("documents/") + 32 + 4
    assert document.file_name == "Guide évaluation.pdf"
    assert (settings.DOCUMENTATION_FILES_ROOT / document.file.name).exists()
    assert not str(settings.DOCUMENTATION_FILES_ROOT).startswith(str(settings.MEDIA_ROOT))
    assert "referentiel" in document.search_text and "epstein" in document.search_text


@pytest.mark.django_db
def test_admin_refuses_html_disguised_as_pdf(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:documentation_document_add"),
        {
            "title": "Piège",
            "slug": "piege",
            "kind": "guide",
            "status": "published",
            "access": "public",
            "language": "fr",
            "file": SimpleUploadedFile("piege.pdf", b"<html><body>hello</body></html>"),
            "authors-TOTAL_FORMS": "0",
            "authors-INITIAL_FORMS": "0",
            "paper_copies-TOTAL_FORMS": "0",
            "paper_copies-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "code de page web" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_pdf_text_extraction_is_a_background_task(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    document = Document(title="Gros PDF", slug="gros-pdf", status="published")
    document.file = SimpleUploadedFile("gros.pdf", _pdf_bytes("Parentalite"))
    document.save()
    document.refresh_from_db()
    assert document.file_text == ""  # queued, not done in the request
    from documentation.tasks import extract_document_text

    extract_document_text.call(document.pk)
    document.refresh_from_db()
    assert "Parentalite" in document.file_text and "parentalite" in document.search_text

"""Helpers for the documentation tests: documents, files, a private storage root."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documentation.models import Descriptor, Document


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.DOCUMENTATION_FILES_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOCUMENTATION_X_ACCEL_PREFIX = ""


def make_document(title, *, abstract="", status=Document.Status.PUBLISHED, **fields):
    themes = fields.pop("themes", [])
    territories = fields.pop("territories", [])
    descriptors = fields.pop("descriptors", [])
    document = Document.objects.create(
        title=title, abstract=f"<p>{abstract}</p>" if abstract else "", status=status, **fields
    )
    if themes:
        document.themes.set(themes)
    if territories:
        document.territories.set(territories)
    if descriptors:
        document.descriptors.set(descriptors)
    return document


def make_descriptor(label, alt=(), broader=None):
    return Descriptor.objects.create(pref_label=label, alt_labels="\n".join(alt), broader=broader)


def _pdf_bytes(text="Bonjour"):
    """A small valid one-page PDF whose text layer holds ``text``."""
    stream = f"BT /F1 18 Tf 40 700 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


@pytest.fixture
def pdf_bytes():
    return _pdf_bytes


def pdf_upload(name="rapport.pdf", text="Bonjour"):
    return SimpleUploadedFile(name, _pdf_bytes(text), content_type="application/pdf")


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()

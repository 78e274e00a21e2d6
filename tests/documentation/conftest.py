"""Helpers for the documentation tests: documents, files, a private storage root."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documentation.models import Descriptor, Document
from documentation.services.pdf import simple_pdf


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "newsletter"],
        }
    }


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
    return simple_pdf(text)


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

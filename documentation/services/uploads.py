"""Checking an uploaded document before it is stored.

Guarantees: a file is accepted only if its *content* is a PDF, an OpenDocument or
Microsoft Office file, or a JPEG/PNG/GIF/WebP/TIFF image, if that content agrees
with its extension, if it is no larger than ``UPLOAD_MAX_SIZE``, and if nothing in
its first kilobytes looks like HTML, SVG or script (the polyglot trick that makes a
"PDF" run in a browser). Images are fully decoded again with Pillow. Every refusal
is a ``ValidationError`` with a French message for the person uploading.
"""

import re
import zipfile
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

SNIFF_BYTES = 8192

# Extension → family of content it must hold.
PDF = "pdf"
IMAGE = "image"
ODF = "odf"
OOXML = "ooxml"
OLE = "ole"
ALLOWED_EXTENSIONS = {
    "pdf": PDF,
    "odt": ODF,
    "ods": ODF,
    "odp": ODF,
    "odg": ODF,
    "docx": OOXML,
    "xlsx": OOXML,
    "pptx": OOXML,
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "jpg": IMAGE,
    "jpeg": IMAGE,
    "png": IMAGE,
    "gif": IMAGE,
    "webp": IMAGE,
    "tif": IMAGE,
    "tiff": IMAGE,
}
IMAGE_TYPES = {"jpg", "png", "gif", "webp", "tif"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
    "odg": b"application/vnd.oasis.opendocument.graphics",
}
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Markup a browser would execute: never acceptable inside a document.
_ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html[\s>]|head>|body[\s>]|script|svg[\s>]|iframe|object[\s>]|"
    rb"embed[\s>])|javascript:",
    re.IGNORECASE,
)


def _read_head(upload):
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def check_upload(upload):
    """Validate ``upload`` (a Django File); return its detected MIME type."""
    name = getattr(upload, "name", "") or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    size = upload.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.UPLOAD_MAX_SIZE:
        raise ValidationError(
            _("The file weighs %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.UPLOAD_MAX_SIZE)},
            code="too_big",
        )
    family = ALLOWED_EXTENSIONS.get(extension)
    if family is None:
        raise ValidationError(
            _(
                "This type of file is not accepted. Send a PDF, an OpenDocument or "
                "Office file, or an image (JPEG, PNG, GIF, WebP, TIFF)."
            ),
            code="extension",
        )
    head = _read_head(upload)
    if _ACTIVE_MARKUP.search(head):
        raise ValidationError(
            _("The file contains web page code (HTML, SVG or script): it is refused."),
            code="active_content",
        )
    checker = {PDF: _check_pdf, IMAGE: _check_image, ODF: _check_odf, OOXML: _check_ooxml}
    if family == OLE:
        return _check_ole(head, extension)
    return checker[family](upload, head, extension)


def _mismatch(extension):
    return ValidationError(
        _("The content of the file does not match its extension “.%(extension)s”.")
        % {"extension": extension},
        code="mismatch",
    )


def _check_pdf(upload, head, extension):
    if not head.startswith(b"%PDF-"):
        raise _mismatch(extension)
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        upload.seek(0)
        reader = PdfReader(upload)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is protected by a password; send an unprotected copy."),
                code="encrypted",
            )
        len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError(_("The PDF is damaged or unreadable."), code="broken") from exc
    finally:
        upload.seek(0)
    return "application/pdf"


def _check_image(upload, head, extension):
    kind = filetype.guess(head)
    wanted = {"jpeg": "jpg", "tiff": "tif"}.get(extension, extension)
    if kind is None or kind.extension not in IMAGE_TYPES or kind.extension != wanted:
        raise _mismatch(extension)
    from PIL import Image, UnidentifiedImageError

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > 100_000_000:
                raise ValidationError(_("The image is too large."), code="image_too_large")
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("The image is damaged or unreadable."), code="broken") from exc
    finally:
        upload.seek(0)
    return kind.mime


def _open_zip(upload, extension):
    try:
        upload.seek(0)
        return zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _mismatch(extension) from exc


def _check_odf(upload, head, extension):
    if not head.startswith(b"PK\x03\x04"):
        raise _mismatch(extension)
    archive = _open_zip(upload, extension)
    try:
        mimetype = archive.read("mimetype").strip()
    except KeyError as exc:
        raise _mismatch(extension) from exc
    finally:
        archive.close()
        upload.seek(0)
    if mimetype != ODF_MIMETYPES[extension]:
        raise _mismatch(extension)
    return mimetype.decode()


def _check_ooxml(upload, head, extension):
    if not head.startswith(b"PK\x03\x04"):
        raise _mismatch(extension)
    archive = _open_zip(upload, extension)
    try:
        names = archive.namelist()
    finally:
        archive.close()
        upload.seek(0)
    if "[Content_Types].xml" not in names or not any(
        n.startswith(OOXML_PARTS[extension]) for n in names
    ):
        raise _mismatch(extension)
    return {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }[extension]


def _check_ole(head, extension):
    if not head.startswith(OLE_MAGIC):
        raise _mismatch(extension)
    return {
        "doc": "application/msword",
        "xls": "application/vnd.ms-excel",
        "ppt": "application/vnd.ms-powerpoint",
    }[extension]


def validate_upload(value):
    """Model-field validator: check only files that are being uploaded now."""
    if value and not getattr(value, "_committed", True):
        check_upload(value.file if hasattr(value, "file") else value)
    return value


def extract_pdf_text(path_or_file, max_pages=200, max_chars=300_000):
    """The text of a PDF (at most ``max_pages`` pages), or "" when it has none."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path_or_file)
        chunks, total = [], 0
        for page in reader.pages[:max_pages]:
            text = page.extract_text() or ""
            chunks.append(text)
            total += len(text)
            if total >= max_chars:
                break
        return " ".join(chunks)[:max_chars]
    except Exception:  # noqa: BLE001 - a broken text layer must not block the save
        return ""

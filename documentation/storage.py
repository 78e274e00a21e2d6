"""Where uploaded documents live: a private root outside MEDIA_ROOT, never served
as static media. Files are read back only through the download view, which checks
access and counts downloads."""

import os
import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """File storage under ``DOCUMENTATION_FILES_ROOT`` (read at each use), with no URL."""

    def __init__(self):
        super().__init__(file_permissions_mode=0o640, directory_permissions_mode=0o750)

    @property
    def base_location(self):
        return str(settings.DOCUMENTATION_FILES_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private documents have no public URL; use the download view.")


private_storage = PrivateStorage()


def get_private_storage():
    return private_storage


def document_upload_to(instance, filename):
    """An unguessable name: 128 random bits, the lowercase extension kept for the type."""
    suffix = PurePath(filename).suffix.lower()[:8]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"documents/{secrets.token_hex(16)}{suffix}"

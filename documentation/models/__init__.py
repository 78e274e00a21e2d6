"""The document library: documents and their holdings, the thesaurus, experience
sheets, useful links and documentation requests."""

from documentation.models.documents import (
    Document,
    DocumentAuthor,
    DocumentQuerySet,
    DownloadCount,
    PaperCopy,
)
from documentation.models.resources import (
    DocumentationRequest,
    ExperienceSheet,
    LinkCategory,
    UsefulLink,
)
from documentation.models.thesaurus import Descriptor

__all__ = [
    "Descriptor",
    "Document",
    "DocumentAuthor",
    "DocumentQuerySet",
    "DocumentationRequest",
    "DownloadCount",
    "ExperienceSheet",
    "LinkCategory",
    "PaperCopy",
    "UsefulLink",
]

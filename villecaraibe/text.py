"""Text helpers shared by every app: search normalisation and rich-text settings."""

import re
import unicodedata

from django.utils.text import slugify

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—'’`´_/.,;:!?()\[\]«»\"]+")


def normalize_search(text):
    """Fold ``text`` for search: lower case, no accents, hyphens and apostrophes as spaces.

    "Fort-de-France" and "fort de france" fold to the same string, and so do
    "Évaluation" and "evaluation", "L'Étang" and "l etang". Used to build the
    ``search_text`` columns that make search work the same on SQLite and
    PostgreSQL.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    return _SEPARATORS.sub(" ", stripped.casefold()).strip()


def search_terms(query, max_terms=10):
    """Split a visitor's query into at most ``max_terms`` folded words."""
    return [t for t in normalize_search(query).split(" ") if t][:max_terms]


# The rich-text toolbar used across the portal; django-prose-editor derives its
# nh3 allow-list from these extensions, so what the editor can make is exactly
# what survives sanitising.
RICH_TEXT_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "History": True,
}


def unique_slug(instance, text, fallback, max_length=100):
    """A slug for ``instance`` made from ``text``, unique in its model's table.

    "journee-clas-2008", then "journee-clas-2008-2", … ; ``fallback`` when ``text``
    has no letter or digit.
    """
    base = slugify(text)[:max_length] or fallback
    manager = type(instance)._default_manager
    slug, n = base, 2
    while manager.filter(slug=slug).exclude(pk=instance.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug

"""The French catalogue is complete and compiled; English is available."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
FRENCH_CATALOGUES = sorted(
    p
    for p in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po")
    if not {".venv", ".peer-venv", "var"} & set(p.parts)
)


def test_every_app_with_strings_has_a_french_catalogue():
    names = {p.relative_to(ROOT).parts[0] for p in FRENCH_CATALOGUES}
    assert {"locale", "annuaire"} <= names


@pytest.mark.parametrize("path", FRENCH_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_french_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("path", FRENCH_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(path):
    po = polib.pofile(str(path))
    mo = polib.mofile(str(path.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    source = {(e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.obsolete}
    missing = {k for k, v in source.items() if compiled.get(k) != v}
    assert not missing, f"{path.with_suffix('.mo')} is stale: run `make messages`"


@pytest.mark.parametrize("path", FRENCH_CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_french_plural_forms_are_consistent(path):
    """Every catalogue uses French's two plural forms, and fills both."""
    po = polib.pofile(str(path))
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n>1);"
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid
            assert all(entry.msgstr_plural.values()), entry.msgid

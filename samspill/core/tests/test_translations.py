"""Every app's bokmål catalogue is complete, and the compiled file matches it."""

from pathlib import Path

import polib
import pytest

APPS_DIR = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(APPS_DIR.glob("*/locale/nb/LC_MESSAGES/django.po"))


def test_every_app_with_strings_has_a_bokmal_catalogue():
    assert any(path.parts[-5] == "core" for path in CATALOGUES)


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_every_string_is_translated_and_none_is_fuzzy(po_path):
    catalogue = polib.pofile(str(po_path))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_the_compiled_catalogue_matches_its_source(po_path):
    source = polib.pofile(str(po_path))
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))

    def pairs(catalogue: polib._BaseFile) -> set[tuple[str, str]]:
        return {
            (entry.msgid, entry.msgstr or str(entry.msgstr_plural))
            for entry in catalogue
            if entry.msgid
        }

    assert pairs(source) == pairs(compiled), "run `make messages` and commit the .mo"

"""The Japanese catalogue is complete and the committed .mo files match the .po sources.

A fresh machine without gettext tools must still show Japanese, so compiled catalogues are
committed; this test fails when someone edits a .po and forgets to recompile, or leaves a string
untranslated or fuzzy.
"""

import ast
import gettext
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/ja/LC_MESSAGES/django.po"))


def parse_po(path: Path) -> list[dict]:
    """A small .po reader: enough for Django's makemessages output (no plurals beyond [0]/[1])."""
    entries: list[dict] = []
    current: dict = {"flags": set()}
    field = None

    def flush() -> None:
        if "msgid" in current:
            entries.append(current.copy())

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            current = {"flags": set()}
            field = None
            continue
        if line.startswith("#,"):
            current["flags"].update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            current[field] += ast.literal_eval(line)
            continue
        key, _, value = line.partition(" ")
        field = key
        current[key] = ast.literal_eval(value)
    flush()
    return entries


def test_there_are_catalogues():
    assert CATALOGUES, "no ja catalogue found"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_complete_and_compiled(po: Path):
    entries = [e for e in parse_po(po) if e["msgid"]]
    assert entries, f"{po} has no messages"
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not fuzzy, f"fuzzy entries in {po}: {fuzzy[:5]}"
    missing = [e["msgid"] for e in entries if not (e.get("msgstr") or e.get("msgstr[0]"))]
    assert not missing, f"untranslated in {po}: {missing[:5]}"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages and commit it"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    for e in entries:
        if "msgid_plural" in e:
            continue
        context = e.get("msgctxt")
        got = compiled.pgettext(context, e["msgid"]) if context else compiled.gettext(e["msgid"])
        assert got == e["msgstr"], f"{mo} is stale for {e['msgid']!r}: recompile"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_no_translation_is_shadowed_back_into_english(po: Path):
    """Django merges every app's catalogue and an earlier app's entry wins: the admin's ja
    catalogue "translates" "None" as "None", so a page of ours said "None" in Japanese. Where
    another catalogue wins, its text must still be Japanese (give ours a context otherwise)."""
    from django.utils import translation
    from django.utils.translation import gettext, pgettext

    shadowed = []
    with translation.override("ja"):
        for e in parse_po(po):
            if not e["msgid"] or "msgid_plural" in e or e["msgstr"] == e["msgid"]:
                continue
            context = e.get("msgctxt")
            got = pgettext(context, e["msgid"]) if context else gettext(e["msgid"])
            if got == e["msgid"]:
                shadowed.append(e["msgid"])
    assert not shadowed, f"shown in English in Japanese pages: {shadowed}"

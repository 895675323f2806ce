"""The English catalogue is complete, keeps every placeholder, and its compiled .mo matches the .po.

The .po is parsed with a small stdlib parser (enough for what ``makemessages`` writes), so a
missing or stale translation fails here rather than showing Japanese on an English page.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

LC_MESSAGES = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
FULL_WIDTH_PUNCTUATION = re.compile(r"[「」『』（）［］：；、。！？　〜]")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def translations(self) -> list[tuple[str, str]]:
        """(source, translation) pairs: singular against msgstr[0], plural against the rest."""
        pairs = []
        for index, text in sorted(self.msgstr.items()):
            source = self.msgid if index == 0 or self.msgid_plural is None else self.msgid_plural
            pairs.append((source, text))
        return pairs


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def parse_po(text: str) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def start() -> Entry:
        nonlocal current
        if current is None or current.msgstr:
            current = Entry()
            entries.append(current)
        return current

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            start().flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            assert target is not None and current is not None, f"line {number}: stray continuation"
            name, index = target
            if name == "msgstr":
                current.msgstr[index or 0] += _unquote(line)
            else:
                setattr(current, name, (getattr(current, name) or "") + _unquote(line))
            continue
        keyword, _, value = line.partition(" ")
        if keyword in ("msgctxt", "msgid"):
            entry = start()
            setattr(entry, keyword, _unquote(value))
            target = (keyword, None)
        elif keyword == "msgid_plural":
            assert current is not None
            current.msgid_plural = _unquote(value)
            target = ("msgid_plural", None)
        elif keyword.startswith("msgstr"):
            assert current is not None
            match = re.fullmatch(r"msgstr(?:\[(\d+)\])?", keyword)
            assert match, f"line {number}: {keyword}"
            index = int(match.group(1) or 0)
            current.msgstr[index] = _unquote(value)
            target = ("msgstr", index)
        else:
            pytest.fail(f"{PO_PATH.name} line {number}: cannot parse {raw!r}")
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [entry for entry in parse_po(PO_PATH.read_text(encoding="utf-8")) if not entry.is_header]


def test_the_parser_reads_the_catalogue(entries):
    assert len(entries) > 100
    assert any(entry.msgid_plural for entry in entries)


def test_header_declares_english():
    header = next(entry for entry in parse_po(PO_PATH.read_text(encoding="utf-8")) if entry.is_header)
    assert "Language: en\n" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]
    assert "fuzzy" not in header.flags


def test_every_entry_is_translated_and_none_is_fuzzy(entries):
    untranslated = [entry.msgid for entry in entries if not all(text for _, text in entry.translations)]
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert untranslated == []
    assert fuzzy == []


def test_plural_entries_have_both_english_forms(entries):
    incomplete = [entry.msgid for entry in entries if entry.msgid_plural and sorted(entry.msgstr) != [0, 1]]
    assert incomplete == []


def test_placeholders_match(entries):
    mismatched = [
        (source, text)
        for entry in entries
        for source, text in entry.translations
        if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(text))
    ]
    assert mismatched == []


def test_english_uses_english_punctuation(entries):
    offenders = [
        text for entry in entries for _, text in entry.translations if FULL_WIDTH_PUNCTUATION.search(text)
    ]
    assert offenders == []


def test_compiled_catalogue_matches_the_po(entries):
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    # Keys are msgids, (msgid, n) for plural forms, and "" for the header.
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in compiled._catalog} - {""}
    assert len(compiled_ids) == len(entries)
    stale = []
    for entry in entries:
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            if compiled.gettext(key) != entry.msgstr[0]:
                stale.append(entry.msgid)
        elif (
            compiled.ngettext(key, entry.msgid_plural, 1),
            compiled.ngettext(key, entry.msgid_plural, 2),
        ) != (
            entry.msgstr[0],
            entry.msgstr[1],
        ):
            stale.append(entry.msgid)
    assert stale == [], "run `make messages` (compilemessages -l en) after editing the .po"


@pytest.mark.parametrize(
    ("japanese", "english"),
    [
        ("本文へ移動", "Skip to main content"),
        ("ログイン", "Sign in"),
        ("ログアウト", "Sign out"),
        ("利用者登録", "Create an account"),
        ("所属組織", "My organizations"),
        ("2段階認証", "Two-factor authentication"),
        ("事務局", "Secretariat"),
        ("団体コード", "Local government code"),
    ],
)
def test_key_strings_translate_in_django(japanese, english):
    with translation.override("en"):
        assert translation.gettext(japanese) == english


def test_plural_strings_translate_in_django():
    with translation.override("en"):
        assert translation.ngettext("%(counter)s人", "%(counter)s人", 1) % {"counter": 1} == "1 person"
        assert translation.ngettext("%(counter)s人", "%(counter)s人", 3) % {"counter": 3} == "3 people"

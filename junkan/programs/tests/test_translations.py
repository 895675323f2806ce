"""The programs app's English catalogue is complete and compiled; the pages switch to English."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from junkan.common.tests.test_translations import FULL_WIDTH_PUNCTUATION, PLACEHOLDER, parse_po
from junkan.programs.tests.conftest import SLUG_2019

LC_MESSAGES = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def entries():
    return [e for e in parse_po((LC_MESSAGES / "django.po").read_text(encoding="utf-8")) if not e.is_header]


def test_every_entry_is_translated_with_its_placeholders_in_english_punctuation(entries):
    assert len(entries) > 250
    pairs = [(source, text) for entry in entries for source, text in entry.translations]
    assert [source for source, text in pairs if not text] == []
    assert [s for s, t in pairs if set(PLACEHOLDER.findall(s)) != set(PLACEHOLDER.findall(t))] == []
    assert [t for _, t in pairs if FULL_WIDTH_PUNCTUATION.search(t)] == []
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []


def test_the_compiled_catalogue_matches(entries):
    with (LC_MESSAGES / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [e.msgid for e in entries if e.msgid_plural is None and compiled.gettext(e.msgid) != e.msgstr[0]]
    assert stale == [], "run msgfmt on junkan/programs/locale/en/LC_MESSAGES/django.po"


@pytest.mark.parametrize(
    ("japanese", "english"),
    [
        ("補助事業の公募", "Calls for proposals"),
        ("応募できるか確認", "Check whether you may apply"),
        ("受付中", "Open"),
    ],
)
def test_key_strings_translate_in_django(japanese, english):
    with translation.override("en"):
        assert translation.gettext(japanese) == english


@pytest.mark.django_db
def test_the_detail_page_in_english(client_as):
    client = client_as(None)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("programs:detail", args=[SLUG_2019])).content.decode()
    assert '<html lang="en">' in body
    assert "Check whether you may apply" in body
    assert "Outline of the call" in body

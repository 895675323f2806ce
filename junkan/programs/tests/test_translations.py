"""The programs app's strings live in the project's one English catalogue; its pages switch to English.

junkan/common/tests/test_translations.py checks that catalogue (complete, no fuzzy entries,
placeholders kept, English punctuation, .mo up to date); here we check that the programs app's
strings are in it and that its pages render in English.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from junkan.common.tests.test_translations import PO_PATH, parse_po
from junkan.programs.tests.conftest import SLUG_2019

APP_DIR = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def msgids() -> set[str]:
    return {entry.msgid for entry in parse_po(PO_PATH.read_text(encoding="utf-8")) if not entry.is_header}


def test_the_app_has_no_catalogue_of_its_own():
    # makemessages sends an app's strings to the app's own locale/ when it has one.
    assert not (APP_DIR / "locale").exists()


@pytest.mark.parametrize(
    "msgid",
    [
        "補助事業の公募",  # a template
        "受付中",  # models
        "%(field)sは整数で指定してください。",  # the API
        "公募をYAMLから取り込む",  # the admin
    ],
)
def test_the_apps_strings_are_in_the_main_catalogue(msgids, msgid):
    assert msgid in msgids


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


@pytest.fixture
def english_client(client_as):
    client = client_as(None)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


@pytest.mark.django_db
def test_the_list_page_in_english(english_client):
    body = english_client.get(reverse("programs:list")).content.decode()
    assert '<html lang="en">' in body
    assert "Calls for proposals" in body


@pytest.mark.django_db
def test_the_detail_page_in_english(english_client):
    body = english_client.get(reverse("programs:detail", args=[SLUG_2019])).content.decode()
    assert '<html lang="en">' in body
    assert "Check whether you may apply" in body
    assert "Outline of the call" in body

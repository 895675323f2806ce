"""The htmx suggestions under the municipality input: public data, bounded, fast."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["anonymous", "owner"])
def test_suggestions_list_candidates_with_codes(client_as, owner, who):
    client = client_as(None if who == "anonymous" else owner)
    response = client.get(
        reverse("municipalities:suggest"), {"municipality_text": "府中"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "東京都府中市（132063）" in body
    assert "広島県府中市（342084）" in body
    assert "<html" not in body  # a fragment, not a page


def test_reading_in_katakana_finds_the_town(client_as):
    body = client_as(None).get(reverse("municipalities:suggest"), {"q": "ニセコ"}).content.decode()
    assert "北海道ニセコ町" in body


def test_no_match_and_empty_query(client_as):
    client = client_as(None)
    assert (
        "当てはまる団体はありません"
        in client.get(reverse("municipalities:suggest"), {"q": "存在しない町"}).content.decode()
    )
    assert client.get(reverse("municipalities:suggest"), {"q": ""}).content.decode().strip() == ""


def test_suggestions_are_bounded(client_as, django_assert_max_num_queries):
    client = client_as(None)
    with django_assert_max_num_queries(1):
        response = client.get(reverse("municipalities:suggest"), {"q": "市"})
    assert len(response.context["matches"]) == 8
    assert response.context["more"] is True

"""``?page=`` names a page that exists, or the answer is 404 (never a 500 or another page)."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from junkan.common.paging import paginate

ITEMS = list(range(45))


@pytest.mark.parametrize(
    ("number", "first"), [(None, 0), ("", 0), ("1", 0), ("2", 20), ("3", 40), ("last", 40)]
)
def test_pages_that_exist(number, first):
    assert paginate(ITEMS, 20, number).object_list[0] == first


@pytest.mark.parametrize(
    "number", ["0", "4", "-1", "abc", "1.5", "1e308", "nan", "9" * 30, "１", "2 ", "\x00", "99999999"]
)
def test_absurd_pages_are_404(number):
    if number == "2 ":  # surrounding spaces are forgiven
        assert paginate(ITEMS, 20, number).number == 2
        return
    with pytest.raises(Http404):
        paginate(ITEMS, 20, number)


def test_an_empty_list_has_a_first_page():
    page = paginate([], 20, None)
    assert page.number == 1 and list(page.object_list) == []


LISTS = [
    ("programs:list", {}),
    ("cases:list", {}),
    ("registry:regions", {}),
    ("registry:companies", {}),
    ("events:list", {}),
    ("support:experts", {}),
    ("support:funding", {}),
    ("portal:news_list", {}),
    ("search:results", {"q": "地域"}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "query"), LISTS)
@pytest.mark.parametrize("page", ["99999999999999999999999", "-5", "x", "1e9", "1000"])
def test_public_lists_answer_absurd_pages_with_404(client, name, query, page):
    try:
        url = reverse(name)
    except Exception:  # a list another issue renamed: the test must say so, not pass quietly
        pytest.fail(f"{name} is not a URL name any more")
    response = client.get(url, {**query, "page": page})
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "query"), LISTS)
def test_public_lists_show_their_first_page(client, name, query):
    assert client.get(reverse(name), {**query, "page": "1"}).status_code == 200


def test_every_list_pages_through_the_common_pager():
    """Django's get_page shows another page for a wrong number; every list uses junkan.common.paging."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts and ".get_page(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []

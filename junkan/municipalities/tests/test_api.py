"""The public API: /api/v1/municipalities (list, filters, pagination) and /api/v1/municipalities/{code}."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from junkan.jp.codes import lg_check_digit
from junkan.municipalities.models import Municipality

pytestmark = pytest.mark.django_db

LIST = "/api/v1/municipalities"


@pytest.fixture
def api(client_as):
    return client_as(None)


def test_list_is_public_paginated_and_ordered_by_code(api):
    response = api.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1965
    assert len(body["items"]) == 50  # NINJA_PAGINATION_PER_PAGE
    codes = [item["code"] for item in body["items"]]
    assert codes == sorted(codes)
    assert codes[0] == "010006"
    assert body["items"][1] == {
        "id": body["items"][1]["id"],
        "code": "011002",
        "kind": "designated_city",
        "kind_label": "指定都市",
        "name": "札幌市",
        "kana": "さっぽろし",
        "full_name": "北海道札幌市",
        "prefecture_code": "01",
        "parent_code": None,
        "is_northern_territories": False,
        "latitude": "43.0620888",
        "longitude": "141.3543886",
        "website": "https://www.city.sapporo.jp/",
    }


def test_limit_and_offset(api):
    all_codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    body = api.get(LIST, {"limit": 10, "offset": 20}).json()
    assert body["count"] == 1965
    assert [item["code"] for item in body["items"]] == all_codes[20:30]
    last = api.get(LIST, {"limit": 10, "offset": 1960}).json()
    assert [item["code"] for item in last["items"]] == all_codes[1960:]
    assert len(api.get(LIST, {"limit": 1000}).json()["items"]) == 1000
    assert api.get(LIST, {"limit": 5000}).status_code == 400  # beyond the documented bound


def test_bad_pagination_values_are_rejected(api):
    # Bad input is 400 in the one error shape, never 422 (junkan.common.api).
    assert api.get(LIST, {"limit": 0}).status_code == 400
    assert api.get(LIST, {"offset": -1}).json()["errors"][0]["field"] == "offset"


@pytest.mark.parametrize("value", ["13", "１３", "130001", "１３０００１", " 13 "])
def test_filter_by_prefecture(api, value):
    body = api.get(LIST, {"prefecture": value, "limit": 100}).json()
    assert body["count"] == 62  # 東京都: 26 市, 23 特別区, 5 町, 8 村; the prefecture itself is not listed
    assert Counter(item["kind"] for item in body["items"]) == {
        "city": 26,
        "special_ward": 23,
        "town": 5,
        "village": 8,
    }
    assert {item["prefecture_code"] for item in body["items"]} == {"13"}


def test_filter_by_single_digit_prefecture_includes_wards(api, code_rows):
    body = api.get(LIST, {"prefecture": "1", "limit": 1000}).json()
    expected = sum(1 for row in code_rows if row["pref_code"] == "010006" and row["kind"] != "prefecture")
    assert body["count"] == expected
    assert "011011" in {item["code"] for item in body["items"]}  # 札幌市中央区


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("48", "01〜47"),
        ("0", "01〜47"),
        ("tokyo", "01〜47"),
        ("東京都", "01〜47"),
        ("130002", "検査数字"),
        ("131016", "都道府県の団体コードではありません"),
        ("1300", "01〜47"),
    ],
)
def test_invalid_prefecture_is_400_in_japanese(api, value, fragment):
    response = api.get(LIST, {"prefecture": value})
    assert response.status_code == 400
    assert fragment in response.json()["detail"]


def _names(api, **params):
    body = api.get(LIST, {"limit": 1000, **params}).json()
    return {item["full_name"] for item in body["items"]}


def test_search_by_kanji_hiragana_and_katakana(api):
    by_kanji = _names(api, q="札幌")
    assert "北海道札幌市" in by_kanji
    assert "北海道札幌市中央区" in by_kanji  # full_name contains
    by_hiragana = _names(api, q="さっぽろ")
    assert by_hiragana == _names(api, q="サッポロ") == _names(api, q="ｻｯﾎﾟﾛ")
    assert "北海道札幌市" in by_hiragana
    # A name written in katakana is found as typed.
    assert "北海道ニセコ町" in _names(api, q="ニセコ")
    assert "北海道ニセコ町" in _names(api, q="にせこ")


def test_search_with_prefecture_and_kind(api):
    assert _names(api, q="ふちゅう") >= {"東京都府中市", "広島県府中市", "広島県府中町"}
    assert _names(api, q="ふちゅう", prefecture="13") == {"東京都府中市"}
    assert _names(api, q="ふちゅう", kind="town") == {"広島県府中町"}


def test_filter_by_kind(api):
    assert api.get(LIST, {"kind": "special_ward"}).json()["count"] == 23
    assert api.get(LIST, {"kind": "prefecture"}).json()["count"] == 47
    assert api.get(LIST, {"kind": "town,village"}).json()["count"] == 743 + 189
    assert api.get(LIST, {"kind": "special_ward", "prefecture": "13"}).json()["count"] == 23


def test_too_long_query_is_400(api):
    response = api.get(LIST, {"q": "あ" * 101})
    assert response.status_code == 400
    assert "100文字" in response.json()["detail"]


def test_unknown_kind_is_400(api):
    response = api.get(LIST, {"kind": "ward"})
    assert response.status_code == 400
    assert "種別" in response.json()["detail"]


def test_unions_are_listed_last_with_code_null(api, union):
    body = api.get(LIST, {"prefecture": "13", "limit": 100}).json()
    assert body["count"] == 63
    last = body["items"][-1]
    assert last["code"] is None
    assert last["kind"] == "municipal_union"
    assert last["prefecture_code"] == "13"
    assert last["kana"] == "とうきょうにじゅうさんくせいそういちぶじむくみあい"
    assert _names(api, kind="municipal_union") == {"東京二十三区清掃一部事務組合"}


@pytest.mark.parametrize("limit", [5, 500])
def test_list_query_count_does_not_grow_with_page_size(api, union, limit):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(LIST, {"limit": limit, "offset": 1500})
    assert response.status_code == 200
    assert len(response.json()["items"]) == min(limit, 1966 - 1500)
    assert len(queries) == 2  # the count and the page


def test_detail_of_a_special_ward(api):
    response = api.get(f"{LIST}/131016")
    assert response.status_code == 200
    body = response.json()
    assert body["full_name"] == "東京都千代田区"
    assert body["kind"] == "special_ward"
    assert body["prefecture_code"] == "13"
    assert body["members"] == []
    assert body["wards"] == []


def test_detail_of_a_designated_city_lists_its_wards(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        body = api.get(f"{LIST}/011002").json()
    assert [ward["name"] for ward in body["wards"]][:2] == ["中央区", "北区"]
    assert len(body["wards"]) == 10
    assert set(body["wards"][0]) == {"id", "code", "kind", "name", "full_name"}
    ward = api.get(f"{LIST}/011011").json()
    assert ward["parent_code"] == "011002"


@pytest.mark.parametrize("typed", ["１３１０１６", "131-016", "１３１０１６　"])
def test_detail_accepts_full_width_digits(api, typed):
    response = api.get(f"{LIST}/{typed}")
    assert response.status_code == 200
    assert response.json()["code"] == "131016"


def test_detail_wrong_check_digit_is_400_naming_it(api):
    response = api.get(f"{LIST}/131017")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "検査数字" in detail
    assert "6" in detail  # the right one


@pytest.mark.parametrize("code", ["13101", "1310160", "abcdef", "13101x"])
def test_detail_malformed_code_is_400(api, code):
    response = api.get(f"{LIST}/{code}")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_detail_unknown_valid_code_is_404(api):
    known = set(Municipality.objects.exclude(code=None).values_list("code", flat=True))
    with_check_digits = (f"{n:05d}{lg_check_digit(f'{n:05d}')}" for n in range(99999, 0, -1))
    code = next(code for code in with_check_digits if code not in known)
    response = api.get(f"{LIST}/{code}")
    assert response.status_code == 404
    assert code in response.json()["detail"]


def test_union_detail_lists_members(api, union):
    body = api.get(f"{LIST}/unions/{union.pk}").json()
    assert body["code"] is None
    assert [m["code"] for m in body["members"]] == ["131016", "131024", "131032"]
    assert body["members"][0]["full_name"] == "東京都千代田区"


def test_union_detail_of_an_official_row_is_404(api):
    pk = Municipality.objects.get(code="131016").pk
    assert api.get(f"{LIST}/unions/{pk}").status_code == 404
    assert api.get(f"{LIST}/unions/999999999").json()["detail"]


def test_api_is_read_only(api):
    assert api.post(LIST, {}).status_code == 405
    assert api.delete(f"{LIST}/131016").status_code == 405


def test_openapi_lists_the_paths(api):
    schema = api.get("/api/v1/openapi.json").json()
    assert "/api/v1/municipalities" in schema["paths"]
    assert "/api/v1/municipalities/{code}" in schema["paths"]
    assert "/api/v1/municipalities/unions/{union_id}" in schema["paths"]
    listing = schema["paths"]["/api/v1/municipalities"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"prefecture", "q", "kind", "limit", "offset"}
    assert "400" in listing["responses"]

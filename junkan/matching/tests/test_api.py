"""POST /api/v1/matching/rank: answers as the issue says, 400 with Japanese naming the field for bad input."""

from __future__ import annotations

import json

import pytest

from junkan.matching.api import EXAMPLE

URL = "/api/v1/matching/rank"


def post(client, body):  # type: ignore[no-untyped-def]
    return client.post(URL, data=json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_it_ranks_with_reasons_and_parts(client):
    response = post(client, EXAMPLE)
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == ["boiler", "beach"]
    assert "地域資源『間伐材』（木質バイオマス）を活用" in results[0]["reasons"] or any(
        "間伐材" in r for r in results[0]["reasons"]
    )
    assert "北海道で実施可能" in results[0]["reasons"]
    assert results[0]["score"] > results[1]["score"]
    parts = {"resources", "challenges", "text", "sdgs", "fit", "geography", "needs"}
    assert set(results[0]["parts"]) == parts


@pytest.mark.django_db
def test_only_region_and_solutions_are_required_and_ids_come_once(client):
    body = {"region": {}, "solutions": [{"id": "a"}, {"id": "a", "title": "別"}, {"id": "b"}]}
    response = post(client, body)
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == ["a", "b"]


@pytest.mark.django_db
def test_limit_cuts_the_list(client):
    body = {"region": {"resources": ["森林"]}, "solutions": [{"id": str(i)} for i in range(30)], "limit": 5}
    assert len(post(client, body).json()["results"]) == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"region": {}, "solutions": [{"id": "a"}] * 501}, "solutions", "500件"),
        ({"region": {"municipalities": ["999999"]}, "solutions": []}, "region.municipalities[0]", "コード"),
        ({"region": {"municipalities": ["01468"]}, "solutions": []}, "region.municipalities[0]", "6桁"),
        ({"region": {"prefectures": ["ムー"]}, "solutions": []}, "region.prefectures[0]", "都道府県"),
        ({"region": {"sdgs": [18]}, "solutions": []}, "region.sdgs[0]", "1〜17"),
        ({"region": {}, "solutions": [{"id": "a", "sdgs": ["7"]}]}, "solutions[0].sdgs[0]", "整数"),
        ({"region": {"resources": "森林"}, "solutions": []}, "region.resources", "配列"),
        ({"region": {}, "solutions": [{"title": "x"}]}, "solutions[0].id", "指定"),
        ({"solutions": []}, "region", "地域"),
        ({"region": {}}, "solutions", "ソリューション"),
        ({"region": {}, "solutions": [], "limit": 201}, "limit", "1〜200"),
        ({"region": {}, "solutions": [], "limit": "10"}, "limit", "整数"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, body, field, words):
    response = post(client, body)
    assert response.status_code == 400
    data = response.json()
    assert field in [e["field"] for e in data["errors"]]
    assert words in data["detail"]


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_a_400(client):
    response = client.post(URL, data="{", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


@pytest.mark.django_db
def test_the_schema_states_the_bounds(client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/matching/rank"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["solutions"]["maxItems"] == 500
    assert body["required"] == ["region", "solutions"]

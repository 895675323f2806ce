"""POST /api/v1/economy/circulation and /ripple: published and hand-computed answers, every bad input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from junkan.economy.api import CIRCULATION_EXAMPLE, RIPPLE_EXAMPLE

pytestmark = pytest.mark.django_db

CIRCULATION = "/api/v1/economy/circulation"
RIPPLE = "/api/v1/economy/ripple"

TABLE = {
    "sectors": ["農林水産業", "製造業"],
    "input_coefficients": [[0.2, 0.3], [0.1, 0.4]],
    "self_sufficiency": [0.5, 0.8],
    "demand": [100, 0],
    "employee_income_ratio": [0.3, 0.5],
}


def post(client, url: str, body: Any, *, raw: bool = False):
    return client.post(url, data=body if raw else json.dumps(body), content_type="application/json")


def test_kumagaya_2013(client):
    response = post(client, CIRCULATION, {"production": 8948, "distribution": 7316})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "circulation_rate_pct": "122.3",
        "expenditure_in_region": None,
        "gaps": {
            "distribution_minus_production_and_income_inflows": None,
            "expenditure_in_region_minus_production": None,
        },
        "energy_outflow_share_pct": None,
        "per_capita": None,
    }


def test_circulation_with_every_part(client):
    body = {
        "production": 1000,
        "distribution": 1100,
        "income_inflows": {"employee": 60, "other": 30},
        "expenditure_outflows": {"consumption": 40, "investment": 20, "other": 35},
        "energy_net_outflow": 107.5,
        "population": 10000,
    }
    answer = post(client, CIRCULATION, body).json()
    assert answer["circulation_rate_pct"] == "90.9"
    assert answer["expenditure_in_region"] == 1005
    assert answer["gaps"] == {
        "distribution_minus_production_and_income_inflows": 10,
        "expenditure_in_region_minus_production": 5,
    }
    assert answer["energy_outflow_share_pct"] == "10.8"
    assert answer["per_capita"] == {"production": 0.1, "distribution": 0.11, "energy_net_outflow": 0.01075}


def test_ripple_by_hand(client):
    body = {**TABLE, "consumption_conversion": 0.6, "consumption_pattern": [0.4, 0.6]}
    answer = post(client, RIPPLE, body).json()
    assert answer["sectors"] == ["農林水産業", "製造業"]
    assert answer["direct"] == [50, 0]
    assert answer["first"] == pytest.approx([20 / 3, 20 / 3])
    assert answer["employee_income"]["first_round"] == pytest.approx(61 / 3)
    assert answer["totals"]["total"] == pytest.approx(76.672)
    assert answer["multiplier"] == pytest.approx(0.76672)
    assert answer["value_added"] is None and answer["employment"] is None
    assert len(answer["assumptions"]) == 4


def test_the_examples_of_the_schema_answer(client):
    assert post(client, CIRCULATION, CIRCULATION_EXAMPLE).status_code == 200
    answer = post(client, RIPPLE, RIPPLE_EXAMPLE).json()
    assert answer["value_added"]["total"] > 0 and answer["second"][1] > 0


def _bad(client, url: str, body: Any, *, raw: bool = False) -> dict[str, Any]:
    response = post(client, url, body, raw=raw)
    assert response.status_code == 400, response.content
    answer = response.json()
    assert answer["detail"] == " ".join(e["message"] for e in answer["errors"])
    return answer


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            {"input_coefficients": [[1.0, 0.0], [0.0, 0.0]], "self_sufficiency": [1, 1]},
            "input_coefficients",
            "特異",
        ),
        ({"demand": [100]}, "demand", "個数（1）が部門の数（2）"),
        ({"input_coefficients": [[0.2, 0.3]]}, "input_coefficients", "行数（1）"),
        ({"self_sufficiency": [0.5, -0.1]}, "self_sufficiency[1]", "0以上"),
        ({"employee_income_ratio": [0.3, 1.5]}, "employee_income_ratio[1]", "1以下"),
        ({"input_coefficients": [[0.2, 1.3], [0.1, 0.4]]}, "input_coefficients[0][1]", "0以上1以下"),
        (
            {"input_coefficients": [[0.6, 0.3], [0.5, 0.4]]},
            "input_coefficients",
            "1列目（農林水産業）の合計が1.1",
        ),
        (
            {"consumption_conversion": 0.6, "consumption_pattern": [0.4, 0.59]},
            "consumption_pattern",
            "合計は1（±0.001）",
        ),
        ({"consumption_conversion": 0.6}, "consumption_pattern", "民間消費支出の構成"),
        ({"demand": ["百"]}, "demand[0]", "最終需要の増加額の1番目（demand[0]）は数値"),
        ({"sectors": [f"部門{i}" for i in range(201)]}, "sectors", "200部門まで"),
        ({"sectors": ["農林水産業", "農林水産業"]}, "sectors[1]", "重複"),
    ],
)
def test_ripple_bad_inputs_name_the_field_in_japanese(client, change, field, words):
    answer = _bad(client, RIPPLE, {**TABLE, **change})
    messages = [e["message"] for e in answer["errors"] if e["field"] == field]
    assert any(words in message and field.split("[")[0] in message for message in messages), messages


def test_ripple_pattern_within_the_tolerance_is_accepted(client):
    body = {**TABLE, "consumption_conversion": 0.6, "consumption_pattern": [0.4, 0.6009]}
    assert post(client, RIPPLE, body).status_code == 200


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"production": 0, "distribution": 1}, "production", "生産（付加価値額）（production）は0より大きい"),
        ({"distribution": 1}, "production", "指定してください"),
        ({"production": "8948", "distribution": 1}, "production", "数値"),
        ({"production": 1, "distribution": 1, "population": 0}, "population", "人口"),
        ({"production": 8948, "distribution": 5e-324}, "distribution", "同じ単位"),
        (
            {"production": 1e-300, "distribution": 1, "energy_net_outflow": 1e15},
            "energy_net_outflow",
            "同じ単位",
        ),
        ({"production": 1, "distribution": 1, "population": 1.5}, "population", "整数"),
        (
            {"production": 1, "distribution": 1, "income_inflows": {"employee": "x"}},
            "income_inflows.employee",
            "雇用者所得",
        ),
    ],
)
def test_circulation_bad_inputs(client, body, field, words):
    answer = _bad(client, CIRCULATION, body)
    assert answer["errors"][0]["field"] == field
    assert words in answer["errors"][0]["message"]


@pytest.mark.parametrize("raw", ["", "{", "[1]", '{"production": NaN, "distribution": 1}'])
def test_unreadable_bodies(client, raw):
    _bad(client, CIRCULATION, raw, raw=True)
    _bad(client, RIPPLE, raw, raw=True)


def test_they_are_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, model in ((CIRCULATION, "CirculationOut"), (RIPPLE, "RippleOut")):
        operation = schema["paths"][path]["post"]
        body = operation["requestBody"]["content"]["application/json"]
        assert "$ref" not in json.dumps(body["schema"])
        assert {"200", "400"} <= set(operation["responses"])
        assert model in schema["components"]["schemas"]
    ripple = schema["paths"][RIPPLE]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert set(ripple["required"]) == {
        "sectors",
        "input_coefficients",
        "self_sufficiency",
        "demand",
        "employee_income_ratio",
    }
    assert ripple["properties"]["sectors"]["maxItems"] == 200
    out = schema["components"]["schemas"]["RippleOut"]["properties"]
    answer = post(client, RIPPLE, RIPPLE_EXAMPLE).json()
    assert set(answer) == set(out)

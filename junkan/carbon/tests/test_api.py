"""POST /api/v1/co2/reduction and the factor-set endpoints."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from junkan.carbon.models import FactorSet
from junkan.carbon.tests.conftest import API_EXAMPLE

pytestmark = pytest.mark.django_db
URL = "/api/v1/co2/reduction"


def post(client, body: object) -> object:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json")


def test_the_example_of_the_issue(client):
    response = post(client, API_EXAMPLE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    text = response.content.decode()
    # JSON numbers, exact: 100 × 2.70963 = 270.963; 30,000 × 0.000416 = 12.48; 258.483.
    assert '"baseline_t_co2":270.963' in text and '"reduction_t_co2":258.483' in text
    data = json.loads(text, parse_float=Decimal)
    assert data["project_t_co2"] == Decimal("12.48")
    assert [(line["letter"], line["kind"], line["t_co2"]) for line in data["trail"]] == [
        ("C", "fuel", Decimal("270.963")),
        ("A", "biomass", 0),
        ("A", "electricity", Decimal("12.48")),
    ]
    line = data["trail"][0]
    assert (line["amount"], line["unit"], line["factor"], line["factor_unit"]) == (
        100,
        "kL",
        Decimal("2.70963"),
        "t-CO2/kL",
    )
    assert "2010年改定" in line["source"]
    assert data["factors"]["fuels"][0]["heat_gj_per_unit"] == "39.1"
    assert data["fuel_revision"] == "2010"


def test_floats_in_the_body_are_read_exactly(client):
    # 0.1 + 0.2 as floats is 0.30000000000000004; read as decimals it is 0.3.
    body = {
        "baseline": {
            "process": [
                {"kind": "other", "label": "a", "amount": 1, "t_co2_per_unit": 0.1, "source": "s"},
                {"kind": "other", "label": "b", "amount": 1, "t_co2_per_unit": 0.2, "source": "s"},
            ]
        }
    }
    data = json.loads(post(client, body).content, parse_float=Decimal)
    assert data["baseline_t_co2"] == Decimal("0.3")


def test_supplier_reference_and_default_revision(client):
    body = {"project": {"process": [{"kind": "electricity", "kwh": 1000, "utility": "代替値"}]}}
    data = json.loads(post(client, body).content, parse_float=Decimal)
    assert data["project_t_co2"] == Decimal("0.416")
    assert data["fuel_revision"] == "2023"  # the newest table with heat values
    assert data["factors"]["electricity"][0]["year"] == 2024


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            {"baseline": {"process": [{"kind": "fuel", "fuel": "uranium", "amount": 1}]}},
            "事業実施前（ベースライン）のプロセス C 1行目：燃料「uranium」は2023年の係数表にありません",
        ),
        (
            {"project": {"process": [{"kind": "fuel", "fuel": "kerosene", "amount": -5}]}},
            "事業実施後のプロセス A 1行目：数量にマイナスの値は入力できません。",
        ),
        (
            {"project": {"substitution": [{"kind": "other", "label": "x", "amount": 1, "source": "s"}]}},
            "事業実施後の代替効果 B 1行目：排出係数（t-CO2/単位）を入力してください。",
        ),
        (
            {"project": {"process": [{"kind": "electricity", "kwh": 1}]}},
            "電力の排出係数（t-CO2/kWh）か、電気事業者を指定してください。",
        ),
        ({"fuel_revision": "1999", "baseline": {}}, "燃料の係数表「1999」は登録されていません"),
        ('{"baseline": ', "JSON として読み取れません（1行目 14文字目）。"),
        (
            '{"baseline": {"process": [{"kind": "fuel", "fuel": "kerosene", "amount": NaN}]}}',
            "NaN や Infinity",
        ),
        (
            '{"baseline": {"process": [{"kind": "fuel", "fuel": "kerosene", "amount": 1e999}]}}',
            "大きすぎます",
        ),
        (b"\xff\xfe", "UTF-8"),
        ("[1, 2]", "JSON のオブジェクト"),
    ],
)
def test_bad_input_is_400_with_a_japanese_message(client, body, message):
    response = post(client, body)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_factor_sets(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/co2/factor-sets")
    sets = response.json()
    assert {(s["kind"], s["revision"]) for s in sets} >= {
        ("fuel", "2006"),
        ("fuel", "2010"),
        ("fuel", "2023"),
        ("fuel", "2025"),
        ("electricity", "2024"),
        ("gas", "2025"),
    }
    fuel_2010 = FactorSet.objects.get(kind="fuel", revision="2010")
    detail = json.loads(client.get(f"/api/v1/co2/factor-sets/{fuel_2010.pk}").content, parse_float=Decimal)
    heavy = next(row for row in detail["factors"] if row["key"] == "heavy_oil_a")
    assert (heavy["heat_gj_per_unit"], heavy["carbon_tc_per_gj"], heavy["t_co2_per_unit"]) == (
        Decimal("39.1"),
        Decimal("0.0189"),
        Decimal("2.70963"),
    )
    assert client.get("/api/v1/co2/factor-sets/999999").status_code == 404


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/co2/reduction" in paths
    assert "requestBody" in paths["/api/v1/co2/reduction"]["post"]


@pytest.mark.parametrize("body", ["", "  ", "{}", '{"fuel_revision": "2010"}'])
def test_a_body_without_activities_is_refused_not_computed_as_zero(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_number_where_a_boundary_note_needs_text_is_a_400(client):
    body = {**API_EXAMPLE, "boundary_notes": [{"process": {}, "reason": ""}]}
    response = post(client, body)
    assert response.status_code == 400
    assert "バウンダリの注記1行目" in response.json()["detail"]


def test_results_are_documented_as_the_numbers_they_are(client):
    document = client.get("/api/v1/openapi.json").json()
    reduction = document["components"]["schemas"]["ReductionOut"]["properties"]
    assert reduction["reduction_t_co2"]["type"] == "number"

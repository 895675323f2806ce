"""The subsidy-estimate and eligibility-check endpoints: answers, every bad input, visibility, OpenAPI."""

from __future__ import annotations

import json
from typing import Any

import pytest

from junkan.programs.tests.conftest import SLUG_2015, SLUG_2019

pytestmark = pytest.mark.django_db

ESTIMATE = f"/api/v1/programs/{SLUG_2019}/subsidy-estimate"
CHECK = f"/api/v1/programs/{SLUG_2019}/eligibility-check"
ISSUE_ESTIMATE = {
    "project_type": "1",
    "total_cost": 12000000,
    "other_income": 0,
    "eligible_cost": 11500000,
    "base_amount": None,
    "consumption_tax_equivalent": 0,
}
ISSUE_CHECK = {
    "project_type": "3",
    "applicant": {"kind": "prefecture", "lg_code": "130001"},
    "co_applicants": [{"kind": "municipality", "lg_code": "132012"}],
    "cost_lines": [
        {
            "category": "消耗品費",
            "description": "...",
            "unit_price": 60000,
            "quantity": 1,
            "amount": 60000,
            "for_local_government_staff": False,
            "regular_staff": False,
        }
    ],
    "submitted_at": "2019-06-21T16:59:59+09:00",
    "other_national_subsidy": False,
}


def post(client, url: str, body: Any) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def client(client_as):
    return client_as(None)


def test_estimate_of_the_issue_example(client):
    response = post(client, ESTIMATE, ISSUE_ESTIMATE)
    assert response.status_code == 200
    body = response.json()
    assert body["net_cost"] == 12_000_000
    assert body["selected_amount"] == 10_000_000
    assert body["basic_amount"] == 10_000_000
    assert body["subsidy"] == 10_000_000
    assert body["rate_label"] == "定額"
    assert body["capped"] is False
    assert [step["number"] for step in body["steps"]][:7] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"]
    assert body["steps"][-1] == {
        "key": "subsidy",
        "number": "(8)",
        "label": "補助金所要額",
        "value": 10_000_000,
        "note": "",
    }


def test_estimate_of_the_business_plan_at_half_rate(client):
    body = {
        "project_type": "plan",
        "total_cost": 9000000,
        "eligible_cost": 8765431,
        "consumption_tax_equivalent": 398428,
    }
    response = post(client, f"/api/v1/programs/{SLUG_2015}/subsidy-estimate", body)
    assert response.status_code == 200
    data = response.json()
    assert (data["rate_numerator"], data["rate_denominator"], data["rate_label"]) == (1, 2, "2分の1")
    assert data["base_amount"] is None
    assert data["selected_amount"] == 8_765_431
    assert data["amount_at_rate"] == 4_382_715
    assert data["subsidy"] == 3_984_000


def test_japanese_is_sent_as_characters(client):
    response = post(client, ESTIMATE, ISSUE_ESTIMATE)
    assert "補助金所要額" in response.content.decode("utf-8")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"project_type": "9"},
            "project_type",
            "事業区分（project_type）「9」はこの公募にありません。次のいずれかを指定してください：1、2、3",
        ),
        ({"project_type": 1}, "project_type", "事業区分（project_type）は文字列で指定してください。"),
        ({"total_cost": -1}, "total_cost", "(1)総事業費にマイナスの金額は入力できません。"),
        (
            {"total_cost": 12000000.5},
            "total_cost",
            "(1)総事業費（total_cost）は円単位の整数で指定してください。",
        ),
        (
            {"total_cost": 12000000.0},
            "total_cost",
            "(1)総事業費（total_cost）は円単位の整数で指定してください。",
        ),
        (
            {"total_cost": "12000000"},
            "total_cost",
            "(1)総事業費（total_cost）は円単位の整数で指定してください。",
        ),
        ({"total_cost": True}, "total_cost", "(1)総事業費（total_cost）は円単位の整数で指定してください。"),
        ({"total_cost": None}, "total_cost", "(1)総事業費（total_cost）は円単位の整数で指定してください。"),
        ({"other_income": -5}, "other_income", "(2)寄付金その他の収入にマイナスの金額は入力できません。"),
        ({"other_income": 13000000}, "other_income", "(2)寄付金その他の収入が(1)総事業費を超えています。"),
        (
            {"eligible_cost": 13000000},
            "eligible_cost",
            "(4)補助対象経費支出予定額が(1)総事業費を超えています。",
        ),
        (
            {"eligible_cost": 1.5},
            "eligible_cost",
            "(4)補助対象経費支出予定額（eligible_cost）は円単位の整数で指定してください。",
        ),
        ({"base_amount": 5000000}, "base_amount", "この事業の(5)基準額は10,000,000円と定められています。"),
        ({"base_amount": -1}, "base_amount", "(5)基準額にマイナスの金額は入力できません。"),
        (
            {"consumption_tax_equivalent": "0"},
            "consumption_tax_equivalent",
            "消費税等相当額（consumption_tax_equivalent）は円単位の整数で",
        ),
        (
            {"consumption_tax_equivalent": -1},
            "consumption_tax_equivalent",
            "消費税等相当額にマイナスの金額は入力できません。",
        ),
    ],
)
def test_bad_estimate_inputs_get_400_naming_the_field(client, change, field, message):
    response = post(client, ESTIMATE, {**ISSUE_ESTIMATE, **change})
    assert response.status_code == 400
    body = response.json()
    assert message in body["detail"]
    assert field in [error["field"] for error in body["errors"]]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "本文をJSONとして読み取れません。"),
        ("[1, 2]", "本文はJSONのオブジェクトで送ってください。"),
        ("", "本文をJSONとして読み取れません。"),
        ({"project_type": "1"}, "(1)総事業費（total_cost）を指定してください。"),
    ],
)
def test_malformed_bodies_get_400_in_japanese(client, body, message):
    response = post(client, ESTIMATE, body)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_eligibility_check_of_the_issue_example(client):
    response = post(client, CHECK, ISSUE_CHECK)
    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is False
    (violation,) = body["violations"]
    assert violation == {
        "code": "unit_price_below",
        "message": "消耗品費に1点50,000円以上の物品は計上できません：「...」（1行目、単価60,000円）。",
        "reference": "別表第2（消耗品費）",
        "lines": [0],
        "severity": "error",
    }
    assert body["skipped_rules"] == ["one_lead_per_local_government"]
    assert "within_call_period" in body["checked_rules"]


def test_an_eligible_application(client):
    body = {
        **ISSUE_CHECK,
        "cost_lines": [{"category": "消耗品費", "unit_price": 3000, "quantity": 10, "amount": 30000}],
    }
    response = post(client, CHECK, body)
    assert response.json()["eligible"] is True
    assert response.json()["violations"] == []


def test_every_violation_of_a_prefecture_alone_late_and_subsidised(client):
    body = {
        "project_type": "3",
        "applicant": {"kind": "prefecture"},
        "cost_lines": [
            {"category": "旅費", "amount": 20000, "for_local_government_staff": True},
            {"category": "備品購入費", "amount": 200000},
            {"category": "その他必要な経費", "amount": 1000},
        ],
        "submitted_at": "2019-06-21T17:00:01+09:00",
        "other_national_subsidy": True,
    }
    data = post(client, CHECK, body).json()
    codes = {v["code"]: v for v in data["violations"]}
    assert set(codes) == {
        "prefecture_joint_with_municipality",
        "eligible_categories",
        "within_call_period",
        "no_other_national_subsidy",
        "no_local_government_staff_travel",
    }
    assert codes["prefecture_joint_with_municipality"]["reference"] == "公募要領 2.③(2)ウ"
    assert codes["eligible_categories"]["lines"] == [1]
    assert [n["code"] for n in data["notices"]] == ["requires_approval"]


def test_optional_facts_left_out_are_skipped(client):
    body = {"project_type": "1", "applicant": {"kind": "municipality"}}
    data = post(client, CHECK, body).json()
    assert data["eligible"] is True
    assert data["skipped_rules"] == ["within_call_period", "no_other_national_subsidy"]


def test_a_company_cannot_apply_to_the_fy2019_call(client):
    data = post(client, CHECK, {"project_type": "1", "applicant": {"kind": "company"}}).json()
    assert [v["code"] for v in data["violations"]] == ["applicant_kind", "representative_local_government"]


def test_labour_of_regular_staff_in_the_fs_study(client):
    body = {
        "project_type": "fs",
        "applicant": {"kind": "municipality", "lg_code": "202053"},
        "cost_lines": [{"category": "人件費", "amount": 500000, "regular_staff": True}],
    }
    data = post(client, f"/api/v1/programs/{SLUG_2015}/eligibility-check", body).json()
    assert [v["code"] for v in data["violations"]] == ["no_regular_staff_labour"]
    assert data["violations"][0]["reference"] == "別表第2（人件費）"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"project_type": "x"}, "project_type", "事業区分（project_type）「x」はこの公募にありません。"),
        (
            {"applicant": {"kind": "city"}},
            "applicant.kind",
            "申請者の種別（applicant.kind）「city」はありません。",
        ),
        (
            {"applicant": {"lg_code": "130001"}},
            "applicant.kind",
            "申請者の種別（applicant.kind）を指定してください。",
        ),
        ({"applicant": "prefecture"}, "applicant", "申請者（applicant）はオブジェクトで指定してください。"),
        (
            {"applicant": {"kind": "prefecture", "lg_code": "130002"}},
            "applicant.lg_code",
            "申請者の団体コード（applicant.lg_code）：",
        ),
        (
            {"applicant": {"kind": "prefecture", "lg_code": "132012"}},
            "applicant.lg_code",
            "「東京都八王子市」は都道府県ではありません。",
        ),
        (
            {"applicant": {"kind": "company", "lg_code": "130001"}},
            "applicant.lg_code",
            "地方公共団体以外には団体コードを指定できません。",
        ),
        (
            {"applicant": {"kind": "prefecture", "lg_code": "990001"}},
            "applicant.lg_code",
            "の団体は見つかりません。",
        ),
        (
            {"co_applicants": [{"kind": "village"}]},
            "co_applicants[0].kind",
            "共同申請者の1番目の種別（co_applicants[0].kind）「village」はありません。",
        ),
        (
            {"co_applicants": {"kind": "municipality"}},
            "co_applicants",
            "共同申請者（co_applicants）は配列で指定してください。",
        ),
        (
            {"cost_lines": [{"category": "旅費"}]},
            "cost_lines[0].amount",
            "経費の内訳の1行目の金額（cost_lines[0].amount）を指定してください。",
        ),
        (
            {"cost_lines": [{"category": "旅費", "amount": 1.5}]},
            "cost_lines[0].amount",
            "経費の内訳の1行目の金額（cost_lines[0].amount）は円単位の整数で",
        ),
        (
            {"cost_lines": [{"category": "旅費", "amount": -1}]},
            "cost_lines[0].amount",
            "経費の内訳の1行目の金額（cost_lines[0].amount）にマイナスの金額は指定できません。",
        ),
        (
            {"cost_lines": [{"category": "旅費", "amount": 1, "unit_price": -1}]},
            "cost_lines[0].unit_price",
            "単価（cost_lines[0].unit_price）にマイナス",
        ),
        (
            {"cost_lines": [{"category": "旅費", "amount": 1, "quantity": 0}]},
            "cost_lines[0].quantity",
            "数量（cost_lines[0].quantity）は1以上で",
        ),
        (
            {"cost_lines": [{"category": "旅費", "amount": 1, "quantity": 1.5}]},
            "cost_lines[0].quantity",
            "数量（cost_lines[0].quantity）は整数で指定してください。",
        ),
        (
            {"cost_lines": [{"category": "旅費", "amount": 1, "regular_staff": "no"}]},
            "cost_lines[0].regular_staff",
            "は true か false で指定してください。",
        ),
        (
            {"submitted_at": "yesterday"},
            "submitted_at",
            "提出日時（submitted_at）は日時（例：2019-06-21T16:59:59+09:00）で指定してください。",
        ),
        ({"submitted_at": "2019-06-21T16:59:59"}, "submitted_at", "提出日時（submitted_at）は時差付き"),
        (
            {"other_national_subsidy": "no"},
            "other_national_subsidy",
            "国の他の補助金の有無（other_national_subsidy）は true か false で",
        ),
    ],
)
def test_bad_eligibility_inputs_get_400_naming_the_field(client, change, field, message):
    response = post(client, CHECK, {**ISSUE_CHECK, **change})
    assert response.status_code == 400
    body = response.json()
    assert message in body["detail"], body
    assert field in [error["field"] for error in body["errors"]]


def test_unknown_and_unpublished_calls_are_404_for_outsiders(client_as, make_program, outsider, staff):
    make_program("hidden-call", published=False)
    for user in (None, outsider):
        for url in (
            "/api/v1/programs/hidden-call/subsidy-estimate",
            "/api/v1/programs/nope/eligibility-check",
        ):
            response = post(client_as(user), url, ISSUE_ESTIMATE)
            assert response.status_code == 404
            assert response.json()["detail"].startswith("公募「")
    response = post(client_as(staff), "/api/v1/programs/hidden-call/subsidy-estimate", ISSUE_ESTIMATE)
    assert response.status_code == 200


def test_both_endpoints_are_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    estimate = schema["paths"]["/api/v1/programs/{slug}/subsidy-estimate"]["post"]
    check = schema["paths"]["/api/v1/programs/{slug}/eligibility-check"]["post"]
    body = estimate["requestBody"]["content"]["application/json"]
    assert set(body["schema"]["required"]) == {"project_type", "total_cost", "eligible_cost"}
    assert body["schema"]["properties"]["total_cost"]["type"] == "integer"
    assert body["example"] == ISSUE_ESTIMATE
    assert {"200", "400", "404"} <= set(estimate["responses"])
    check_schema = check["requestBody"]["content"]["application/json"]["schema"]
    assert "$ref" not in json.dumps(check_schema)
    assert check_schema["properties"]["cost_lines"]["type"] == "array"
    response_ref = check["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert response_ref.endswith("/EligibilityOut")
    assert "skipped_rules" in schema["components"]["schemas"]["EligibilityOut"]["properties"]
    assert "selected_amount" in schema["components"]["schemas"]["EstimateOut"]["properties"]

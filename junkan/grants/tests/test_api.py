"""POST /api/v1/calc/additional-charge: the issue's example worked by hand, every bad input, OpenAPI."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/calc/additional-charge"
EXAMPLE = {
    "amount": 10000000,
    "received_on": "2020-04-01",
    "repayments": [{"date": "2020-06-30", "amount": 4000000}],
}


def post(client, body: Any, *, raw: bool = False):
    return client.post(URL, data=body if raw else json.dumps(body), content_type="application/json")


def test_example_of_the_issue(client):
    # 10,000,000 yen received 2020-04-01; 4,000,000 paid back 2020-06-30.
    # Days, both ends included: April 30 + May 31 + June 30 = 91.
    # 10,000,000 × 10.95% × 91 ÷ 365 = 10,000,000 × 0.0003 × 91 = 273,000 yen (no fraction).
    # The 6,000,000 still owed is not in the figure: it bears 6,000,000 × 0.0003 = 1,800 yen a day
    # from 2020-07-01 until it is paid, which "until" adds.
    response = post(client, EXAMPLE)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["additional_charge"] == 273000
    assert body["working"] == [
        {
            "start": "2020-04-01",
            "end": "2020-06-30",
            "days": 91,
            "principal": 10000000,
            "rate": "0.1095",
            "amount": "273000",
            "yen": 273000,
            "formula": "10,000,000円 × 10.95% × 91日 ÷ 365日 = 273,000円 → 273,000円",
            "start_note": "受領 10,000,000円",
            "end_note": "返還 4,000,000円",
        }
    ]
    assert body["outstanding"] == 6000000
    assert body["outstanding_from"] == "2020-07-01"
    assert body["per_day_on_outstanding"] == "1800"
    assert body["until"] is None
    assert body["days_in_year"] == 365
    assert body["notes"] == [
        "未返還の6,000,000円については、2020-07-01以後の加算金（1日あたり1,800円）を含めていません。"
        "完済日（until）を指定すると含めて計算します。"
    ]


def test_example_with_the_rest_paid(client):
    # As above, then 6,000,000 from 2020-07-01 to 2020-09-30: 31 + 31 + 30 = 92 days;
    # 6,000,000 × 0.0003 × 92 = 165,600. Total 273,000 + 165,600 = 438,600.
    response = post(client, {**EXAMPLE, "until": "2020-09-30"})
    body = response.json()
    assert body["additional_charge"] == 438600
    assert [(w["start"], w["end"], w["days"], w["principal"], w["yen"]) for w in body["working"]] == [
        ("2020-04-01", "2020-06-30", 91, 10000000, 273000),
        ("2020-07-01", "2020-09-30", 92, 6000000, 165600),
    ]
    assert body["additional_charge"] == sum(w["yen"] for w in body["working"])
    assert body["outstanding_from"] is None
    assert body["notes"] == []


def test_fractions_and_leap_year(client):
    # 1,234,567 received 2020-02-01 and paid back 2020-03-01: 29 days of February (leap) + 1 = 30 days.
    # 1,234,567 × 0.0003 × 30 = 11,111.103 → 11,111.
    response = post(
        client,
        {
            "amount": 1234567,
            "received_on": "2020-02-01",
            "repayments": [{"date": "2020-03-01", "amount": 1234567}],
        },
    )
    body = response.json()
    assert body["working"][0]["days"] == 30
    assert body["working"][0]["amount"] == "11111.103"
    assert body["additional_charge"] == 11111
    assert body["exact_total"] == "11111.103"


def test_japanese_is_sent_as_characters(client):
    assert "受領".encode() in post(client, EXAMPLE).content


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"amount": 0}, "amount", "補助金の額は1円以上で入力してください。"),
        ({"amount": -10000000}, "amount", "補助金の額は1円以上で入力してください。"),
        ({"amount": 1.5}, "amount", "返還を命じられた補助金の額（amount）は円単位の整数で指定してください。"),
        (
            {"amount": "10000000"},
            "amount",
            "返還を命じられた補助金の額（amount）は円単位の整数で指定してください。",
        ),
        ({"amount": None}, "amount", "円単位の整数で指定してください。"),
        ({"amount": 10**12}, "amount", "1兆円未満で入力してください。"),
        (
            {"received_on": "2020-02-30"},
            "received_on",
            "受領日（received_on）は「2020-04-01」の形式で、実在する日付",
        ),
        ({"received_on": "2020/04/01"}, "received_on", "受領日（received_on）は「2020-04-01」の形式"),
        ({"received_on": "20200401"}, "received_on", "受領日（received_on）は「2020-04-01」の形式"),
        (
            {"received_on": 20200401},
            "received_on",
            "受領日（received_on）は日付（例：2020-04-01）の文字列で指定",
        ),
        ({"until": "2020-13-01"}, "until", "完済日（until）は「2020-04-01」の形式で、実在する日付"),
        ({"until": "2020-06-29"}, "until", "完済日（2020-06-29）が最後の返還日（2020-06-30）より前です。"),
        (
            {"repayments": {"date": "2020-06-30"}},
            "repayments",
            "返還（repayments）は配列で指定してください。",
        ),
        (
            {"repayments": [{"date": "2020-06-31", "amount": 1}]},
            "repayments[0].date",
            "返還の1行目の返還日（repayments[0].date）は「2020-04-01」の形式で、実在する日付",
        ),
        (
            {"repayments": [{"date": "2020-06-30"}]},
            "repayments[0].amount",
            "返還の1行目の金額（repayments[0].amount）を指定してください。",
        ),
        (
            {"repayments": [{"date": "2020-03-31", "amount": 1}]},
            "repayments[0].date",
            "返還の1行目の返還日（2020-03-31）が受領日（2020-04-01）より前です。",
        ),
        (
            {"repayments": [{"date": "2020-06-30", "amount": 0}]},
            "repayments[0].amount",
            "返還の1行目の金額は1円以上で入力してください。",
        ),
        (
            {
                "repayments": [
                    {"date": "2020-05-01", "amount": 6000000},
                    {"date": "2020-06-30", "amount": 4000001},
                ]
            },
            "repayments",
            "返還額の合計（10,000,001円）が受領した額（10,000,000円）を超えています。",
        ),
    ],
)
def test_bad_inputs_get_400_in_japanese(client, change, field, message):
    response = post(client, {**EXAMPLE, **change})
    assert response.status_code == 400, response.content
    body = response.json()
    assert message in body["detail"], body
    assert field in [e["field"] for e in body["errors"]]


def test_missing_fields_are_all_named(client):
    body = post(client, {}).json()
    assert [e["field"] for e in body["errors"]] == ["amount", "received_on"]
    assert body["detail"] == (
        "返還を命じられた補助金の額（amount）を指定してください。 受領日（received_on）を指定してください。"
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{", "本文をJSONとして読み取れません。"),
        ("[]", "本文はJSONのオブジェクトで送ってください。"),
        ("", "JSON"),
    ],
)
def test_malformed_bodies_get_400_in_japanese(client, body, message):
    response = post(client, body, raw=True)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_anyone_may_call_it(client_as, outsider):
    assert post(client_as(outsider), EXAMPLE).status_code == 200
    assert post(client_as(None), EXAMPLE).status_code == 200


def test_it_is_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/calc/additional-charge"]["post"]
    body = operation["requestBody"]["content"]["application/json"]
    assert body["example"] == EXAMPLE
    assert set(body["schema"]["required"]) == {"amount", "received_on"}
    assert "$ref" not in json.dumps(body["schema"])
    assert body["schema"]["properties"]["repayments"]["items"]["properties"]["date"]["format"] == "date"
    assert {"200", "400"} <= set(operation["responses"])
    assert "working" in schema["components"]["schemas"]["AdditionalChargeOut"]["properties"]

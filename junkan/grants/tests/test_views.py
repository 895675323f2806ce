"""The public 加算金 calculator: anyone may use it, it shows the working, bad input keeps what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URL = "/grants/calc/additional-charge/"


def form_data(rows: list[tuple[str, str]] | None = None, total: int = 5, **fields: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "amount": "10,000,000",
        "received_on": "2020-04-01",
        "until": "",
        "r-TOTAL_FORMS": str(total),
        "r-INITIAL_FORMS": "0",
        "r-MIN_NUM_FORMS": "0",
        "r-MAX_NUM_FORMS": "30",
        "action": "calculate",
    }
    for index, (day, amount) in enumerate(rows or []):
        data[f"r-{index}-date"] = day
        data[f"r-{index}-amount"] = amount
    data.update(fields)
    return data


def test_url_name():
    assert reverse("grants:additional_charge") == URL


@pytest.mark.parametrize("who", ["anonymous", "outsider", "owner", "member", "staff"])
def test_everyone_can_open_the_calculator(client_as, request, who):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_as(user).get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>加算金の計算</h1>" in text
    assert '<meta name="description"' in text
    assert 'id="id_amount"' in text and 'inputmode="numeric"' in text
    assert 'type="date"' in text
    assert text.count("<legend>返還 ") == 5
    assert 'id="result"' not in text


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_the_issue_example_with_the_working(client_as, request, who):
    # 10,000,000 received 2020-04-01; 4,000,000 paid back 2020-06-30 (91 days): 273,000.
    # The rest paid 2020-09-30: 6,000,000 × 0.0003 × 92 = 165,600. Total 438,600.
    user = None if who == "anonymous" else request.getfixturevalue(who)
    data = form_data([("2020-06-30", "400万円")], until="2020-09-30")
    response = client_as(user).post(URL, data)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.total == 438_600
    text = response.content.decode()
    assert "加算金の額：438,600円" in text
    assert "<caption>計算の内訳（元金が同じ期間ごと）</caption>" in text
    assert "10,000,000円 × 10.95% × 91日 ÷ 365日" in text
    assert "6,000,000円 × 10.95% × 92日 ÷ 365日" in text
    assert '<td class="num">273,000円</td>' in text
    assert '<td class="num">165,600円</td>' in text
    assert "令和2年4月1日〜令和2年6月30日" in text
    assert '<th scope="col">期間</th>' in text


def test_amounts_as_officers_type_them(client):
    # 「１，０００万円」 full-width, 「100万円」 and 「1,000,000」 all read as yen.
    data = form_data(
        [("2020-04-10", "100万円"), ("2020-04-20", "1,000,000"), ("2020-04-30", "８，０００，０００")],
        amount="１，０００万円",
    )
    response = client.post(URL, data)
    result = response.context["result"]
    # 04-01..04-10 on 10,000,000: 30,000; 04-11..04-20 on 9,000,000: 27,000;
    # 04-21..04-30 on 8,000,000: 24,000.
    assert [p.yen for p in result.periods] == [30_000, 27_000, 24_000]
    assert result.total == 81_000
    assert result.outstanding == 0


def test_outstanding_without_until_is_explained(client):
    response = client.post(URL, form_data([("2020-06-30", "4,000,000")]))
    assert response.context["result"].total == 273_000
    text = response.content.decode()
    assert (
        "未返還の6,000,000円については、令和2年(2020年)7月1日以後の加算金（1日あたり1,800円）を含めていません。"
        in text
    )


def test_no_repayment_and_no_until_asks_for_one(client):
    response = client.post(URL, form_data())
    assert response.context["result"].total == 0
    assert "返還日または残額の完済日を入力すると、加算金を計算します。" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form_data(amount=""), "返還を命じられた補助金の額：返還を命じられた補助金の額を入力してください。"),
        (form_data(amount="abc"), "金額は数字で入力してください"),
        (form_data(amount="0"), "1円以上で入力してください。"),
        (form_data(received_on=""), "受領日：受領日を入力してください。"),
        (
            form_data(received_on="2020-02-30"),
            "受領日は「2020-04-01」の形式で、実在する日付を入力してください。",
        ),
        (
            form_data([("2020-06-30", "")]),
            "返還1回目の返還額：返還日を入力した行には、返還額も入力してください。",
        ),
        (form_data([("", "100")]), "返還1回目の返還日：返還額を入力した行には、返還日も入力してください。"),
        (
            form_data([("2020-03-31", "100")]),
            "返還1回目の返還日：返還の1行目の返還日（2020-03-31）が受領日（2020-04-01）より前です。",
        ),
        (
            form_data([("2020-05-01", "600万円"), ("2020-06-01", "500万円")]),
            "返還額の合計（11,000,000円）が受領した額（10,000,000円）を超えています。",
        ),
        (
            form_data([("2020-06-30", "100")], until="2020-06-01"),
            "残額の完済日（任意）：完済日（2020-06-01）が最後の返還日（2020-06-30）より前です。",
        ),
    ],
)
def test_bad_input_is_explained_and_kept(client, data, message):
    response = client.post(URL, data)
    assert response.status_code == 200
    assert response.context["result"] is None
    text = response.content.decode()
    assert 'role="alert"' in text
    assert message in text, text[text.find("error-summary") :][:2000]
    # What was typed is still there.
    assert f'value="{data["amount"]}"' in text or data["amount"] == ""
    if data.get("r-0-amount"):
        assert f'value="{data["r-0-amount"]}"' in text


def test_engine_errors_on_a_later_row_point_at_that_row(client):
    # Row 1 left blank, row 3 filled with a date before receipt: the error points at row 3.
    data = form_data([("", ""), ("2020-05-01", "100"), ("2019-01-01", "100")])
    text = client.post(URL, data).content.decode()
    assert '<a href="#id_r-2-date">返還3回目の返還日：返還の2行目の返還日（2019-01-01）' in text


def test_add_rows_keeps_what_was_typed_without_errors(client):
    data = form_data([("2020-06-30", "4,000,000")], action="add-row", amount="1000万円")
    response = client.post(URL, data)
    text = response.content.decode()
    assert text.count("<legend>返還 ") == 8
    assert 'value="1000万円"' in text
    assert 'value="2020-06-30"' in text
    assert 'value="4,000,000"' in text
    assert 'role="alert"' not in text
    assert response.context["result"] is None
    # And the next POST of the longer form computes.
    data = form_data([("2020-06-30", "4,000,000")], total=8)
    assert client.post(URL, data).context["result"].total == 273_000


def test_rows_stop_at_the_maximum(client):
    response = client.post(URL, form_data(action="add-row", total=29))
    text = response.content.decode()
    assert text.count("<legend>返還 ") == 30
    assert "返還の行を追加" not in text
    response = client.post(URL, form_data(total=31))
    assert response.context["result"] is None


def test_queries_do_not_depend_on_rows(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.post(URL, form_data([("2020-05-01", "1")] * 2))
    with django_assert_max_num_queries(3):
        client.post(URL, form_data([("2020-05-01", "1")] * 20, total=20))

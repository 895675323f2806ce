"""加算金: every figure below is worked out by hand in its comment (10.95% ÷ 365 = 0.03% a day, exactly)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from junkan.grants.engine.additional_charge import (
    DAYS_IN_YEAR,
    RATE,
    AdditionalChargeError,
    Receipt,
    Repayment,
    additional_charge,
    compute,
    decimal_text,
    deemed_receipts,
    exact_charge,
    truncate_yen,
)


def problems(error: pytest.ExceptionInfo[AdditionalChargeError]) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in error.value.problems]


def test_rate_is_three_hundredths_of_a_percent_a_day():
    assert Decimal("0.0003") == RATE / DAYS_IN_YEAR
    assert exact_charge(10_000, 1) == Decimal(3)


def test_example_of_the_issue_without_until():
    # 10,000,000 received 2020-04-01, 4,000,000 paid back 2020-06-30.
    # 2020-04-01..2020-06-30 with both ends: 30 + 31 + 30 = 91 days.
    # 10,000,000 × 10.95% × 91 ÷ 365 = 10,000,000 × 0.0003 × 91 = 273,000.
    # The 6,000,000 still owed bears 6,000,000 × 0.0003 = 1,800 a day from 2020-07-01, not included.
    result = additional_charge(10_000_000, date(2020, 4, 1), [Repayment(date(2020, 6, 30), 4_000_000)])
    assert result.total == 273_000
    (period,) = result.periods
    assert (period.start, period.end, period.days, period.principal) == (
        date(2020, 4, 1),
        date(2020, 6, 30),
        91,
        10_000_000,
    )
    assert period.rate == Decimal("0.1095")
    assert period.amount == Decimal("273000")
    assert period.yen == 273_000
    assert period.formula == "10,000,000円 × 10.95% × 91日 ÷ 365日 = 273,000円 → 273,000円"
    assert period.start_note == "受領 10,000,000円"
    assert period.end_note == "返還 4,000,000円"
    assert (result.received, result.repaid, result.outstanding) == (10_000_000, 4_000_000, 6_000_000)
    assert result.outstanding_from == date(2020, 7, 1)
    assert result.per_day_on_outstanding == Decimal("1800")
    assert result.until is None


def test_example_of_the_issue_with_the_rest_paid_on_september_30():
    # Then 6,000,000 from 2020-07-01 to 2020-09-30: 31 + 31 + 30 = 92 days.
    # 6,000,000 × 0.0003 × 92 = 165,600; total 273,000 + 165,600 = 438,600.
    result = additional_charge(
        10_000_000, date(2020, 4, 1), [Repayment(date(2020, 6, 30), 4_000_000)], until=date(2020, 9, 30)
    )
    assert [(p.start, p.end, p.days, p.principal, p.yen) for p in result.periods] == [
        (date(2020, 4, 1), date(2020, 6, 30), 91, 10_000_000, 273_000),
        (date(2020, 7, 1), date(2020, 9, 30), 92, 6_000_000, 165_600),
    ]
    assert result.total == 438_600
    assert result.periods[1].start_note == "前日に返還 4,000,000円を控除"
    assert result.periods[1].end_note == "残額の完済日"
    assert result.outstanding == 6_000_000
    assert result.outstanding_from is None
    assert result.until == date(2020, 9, 30)


def test_received_and_paid_back_the_same_day_is_one_day():
    # Both ends included: 1 day. 1,000,000 × 0.0003 × 1 = 300.
    result = additional_charge(1_000_000, date(2021, 5, 10), [Repayment(date(2021, 5, 10), 1_000_000)])
    assert result.total == 300
    assert result.periods[0].days == 1


def test_paid_back_the_next_day_is_two_days():
    result = additional_charge(1_000_000, date(2021, 5, 10), [Repayment(date(2021, 5, 11), 1_000_000)])
    assert (result.periods[0].days, result.total) == (2, 600)


@pytest.mark.parametrize(
    ("received", "paid", "days", "charge"),
    [
        # FY2019 contains 2020-02-29: 366 days, still ÷ 365 → 10,000,000 × 0.0003 × 366 = 1,098,000.
        (date(2019, 4, 1), date(2020, 3, 31), 366, 1_098_000),
        # FY2020 has no leap day: 365 days → exactly 10.95% = 1,095,000.
        (date(2020, 4, 1), date(2021, 3, 31), 365, 1_095_000),
        # Calendar 2024 (leap): 366 days → 1,098,000; calendar 2023: 365 days → 1,095,000.
        (date(2024, 1, 1), date(2024, 12, 31), 366, 1_098_000),
        (date(2023, 1, 1), date(2023, 12, 31), 365, 1_095_000),
        # Across the leap day: Feb 28, 29, Mar 1 = 3 days → 9,000; in 2021 Feb 28, Mar 1 = 2 days → 6,000.
        (date(2020, 2, 28), date(2020, 3, 1), 3, 9_000),
        (date(2021, 2, 28), date(2021, 3, 1), 2, 6_000),
        (date(2024, 2, 29), date(2024, 2, 29), 1, 3_000),
        # Four years 2020-04-01..2024-03-31 hold two leap days: 1,461 days → 4,383,000.
        (date(2020, 4, 1), date(2024, 3, 31), 1461, 4_383_000),
    ],
)
def test_leap_years_count_their_days_over_365(received, paid, days, charge):
    result = additional_charge(10_000_000, received, [Repayment(paid, 10_000_000)])
    assert result.periods[0].days == days
    assert result.total == charge


def test_fractions_of_a_yen_are_truncated():
    # 1,234,567 × 0.0003 × 10 = 3,703.701 → 3,703.
    result = additional_charge(1_234_567, date(2021, 4, 1), [Repayment(date(2021, 4, 10), 1_234_567)])
    assert result.periods[0].amount == Decimal("3703.701")
    assert decimal_text(result.periods[0].amount) == "3703.701"
    assert result.total == 3_703
    assert result.periods[0].formula == "1,234,567円 × 10.95% × 10日 ÷ 365日 = 3,703.701円 → 3,703円"


def test_truncation_is_per_period():
    # 1,234,567 for 2021-04-01..04-10 (10 days): 3,703.701 → 3,703.
    # 234,568 paid back on 04-10; 999,999 for 04-11..04-20 (10 days): 2,999.997 → 2,999.
    # Per period: 3,703 + 2,999 = 6,702 (truncating the exact total 6,703.698 once would give 6,703).
    result = additional_charge(
        1_234_567, date(2021, 4, 1), [Repayment(date(2021, 4, 10), 234_568)], until=date(2021, 4, 20)
    )
    assert [p.yen for p in result.periods] == [3_703, 2_999]
    assert result.total == 6_702
    assert result.exact_total == Decimal("6703.698")


def test_partial_repayments_in_any_order_until_fully_repaid():
    # 3,000,000 received 2022-04-01.
    # 2022-04-01..04-30 (30 days) on 3,000,000: 27,000. 1,000,000 paid on 04-30.
    # 2022-05-01..05-31 (31 days) on 2,000,000: 18,600. 2,000,000 paid on 05-31; nothing left.
    repayments = [Repayment(date(2022, 5, 31), 2_000_000), Repayment(date(2022, 4, 30), 1_000_000)]
    result = additional_charge(3_000_000, date(2022, 4, 1), repayments)
    assert [(p.start, p.end, p.days, p.principal, p.yen) for p in result.periods] == [
        (date(2022, 4, 1), date(2022, 4, 30), 30, 3_000_000, 27_000),
        (date(2022, 5, 1), date(2022, 5, 31), 31, 2_000_000, 18_600),
    ]
    assert result.total == 45_600
    assert (result.outstanding, result.outstanding_from, result.per_day_on_outstanding) == (0, None, 0)
    # ``until`` adds nothing once everything is paid back.
    assert additional_charge(3_000_000, date(2022, 4, 1), repayments, until=date(2022, 6, 30)) == result


def test_repayments_on_the_same_day_count_as_one():
    # 2,000,000 received 2022-04-01; 500,000 + 500,000 paid 04-10; the rest paid 04-20.
    # 04-01..04-10 (10 days) on 2,000,000: 6,000; 04-11..04-20 (10 days) on 1,000,000: 3,000.
    result = additional_charge(
        2_000_000,
        date(2022, 4, 1),
        [
            Repayment(date(2022, 4, 10), 500_000),
            Repayment(date(2022, 4, 20), 1_000_000),
            Repayment(date(2022, 4, 10), 500_000),
        ],
    )
    assert [(p.days, p.principal, p.yen) for p in result.periods] == [
        (10, 2_000_000, 6_000),
        (10, 1_000_000, 3_000),
    ]
    assert result.periods[0].end_note == "返還 1,000,000円"
    assert result.total == 9_000


def test_a_repayment_on_the_day_of_receipt_counts_that_day_in_full():
    # 1,000,000 received and 400,000 paid back 2022-04-01; the rest on 04-02.
    # 04-01 (1 day) on 1,000,000: 300; 04-02 (1 day) on 600,000: 180.
    result = additional_charge(
        1_000_000, date(2022, 4, 1), [Repayment(date(2022, 4, 1), 400_000)], date(2022, 4, 2)
    )
    assert [(p.days, p.principal, p.yen) for p in result.periods] == [(1, 1_000_000, 300), (1, 600_000, 180)]
    assert result.total == 480


def test_nothing_repaid_and_no_until_computes_nothing_yet():
    result = additional_charge(5_000_000, date(2022, 4, 1))
    assert result.total == 0
    assert result.periods == ()
    assert result.outstanding_from == date(2022, 4, 1)
    assert result.per_day_on_outstanding == Decimal(1500)


def test_nothing_repaid_until_the_day_given():
    # 5,000,000 for 2022-04-01..2022-04-30 (30 days): 45,000.
    result = additional_charge(5_000_000, date(2022, 4, 1), until=date(2022, 4, 30))
    assert result.total == 45_000
    assert result.periods[0].end_note == "残額の完済日"


def test_until_on_the_day_of_the_last_repayment_adds_no_day():
    # The last repayment day is already counted on the larger principal.
    result = additional_charge(
        1_000_000, date(2022, 4, 1), [Repayment(date(2022, 4, 10), 400_000)], until=date(2022, 4, 10)
    )
    assert [(p.days, p.yen) for p in result.periods] == [(10, 3_000)]


def test_several_receipts_each_from_its_own_day():
    # 5,000,000 received 2019-07-01 and 5,000,000 on 2019-10-01, all paid back 2019-12-31.
    # 07-01..09-30 (92 days) on 5,000,000: 138,000; 10-01..12-31 (92 days) on 10,000,000: 276,000.
    result = compute(
        [Receipt(date(2019, 10, 1), 5_000_000), Receipt(date(2019, 7, 1), 5_000_000)],
        [Repayment(date(2019, 12, 31), 10_000_000)],
    )
    assert [(p.start, p.end, p.days, p.principal, p.yen) for p in result.periods] == [
        (date(2019, 7, 1), date(2019, 9, 30), 92, 5_000_000, 138_000),
        (date(2019, 10, 1), date(2019, 12, 31), 92, 10_000_000, 276_000),
    ]
    assert result.total == 414_000
    assert result.periods[1].start_note == "受領 5,000,000円"


def test_days_with_nothing_outstanding_bear_nothing():
    # 1,000,000 received 04-01 and paid back 04-10 (10 days: 3,000); another 1,000,000 received 05-01
    # and paid back 05-10 (10 days: 3,000). April 11–30 bears nothing.
    result = compute(
        [Receipt(date(2020, 4, 1), 1_000_000), Receipt(date(2020, 5, 1), 1_000_000)],
        [Repayment(date(2020, 4, 10), 1_000_000), Repayment(date(2020, 5, 10), 1_000_000)],
    )
    assert [(p.start, p.end, p.yen) for p in result.periods] == [
        (date(2020, 4, 1), date(2020, 4, 10), 3_000),
        (date(2020, 5, 1), date(2020, 5, 10), 3_000),
    ]


def test_periods_with_the_same_principal_are_one():
    # 500,000 paid back 04-10 and 500,000 received 04-11: the principal stays 1,000,000 throughout.
    # 04-01..04-20 (20 days) on 1,000,000: 6,000.
    result = compute(
        [Receipt(date(2020, 4, 1), 1_000_000), Receipt(date(2020, 4, 11), 500_000)],
        [Repayment(date(2020, 4, 10), 500_000)],
        until=date(2020, 4, 20),
    )
    assert [(p.start, p.end, p.days, p.principal) for p in result.periods] == [
        (date(2020, 4, 1), date(2020, 4, 20), 20, 1_000_000)
    ]
    assert result.total == 6_000


def test_deemed_receipts_take_the_last_instalment_first():
    receipts = [Receipt(date(2019, 7, 1), 5_000_000), Receipt(date(2019, 10, 1), 5_000_000)]
    assert deemed_receipts(receipts, 7_000_000) == (
        Receipt(date(2019, 7, 1), 2_000_000),
        Receipt(date(2019, 10, 1), 5_000_000),
    )
    assert deemed_receipts(receipts, 3_000_000) == (Receipt(date(2019, 10, 1), 3_000_000),)
    assert deemed_receipts(receipts, 10_000_000) == tuple(receipts)
    with pytest.raises(AdditionalChargeError, match="返還を命じられた額（10,000,001円）が受領した額の合計"):
        deemed_receipts(receipts, 10_000_001)
    with pytest.raises(AdditionalChargeError, match="返還を命じられた額は1円以上"):
        deemed_receipts(receipts, 0)


def test_truncate_and_text_helpers():
    assert truncate_yen(Decimal("3703.9999")) == 3703
    assert truncate_yen(Decimal(0)) == 0
    assert decimal_text(Decimal("273000.0000")) == "273000"
    assert decimal_text(Decimal("1234567.5"), grouped=True) == "1,234,567.5"


# -- validation ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "code", "message"),
    [
        (0, "not_positive", "補助金の額は1円以上で入力してください。"),
        (-1, "not_positive", "補助金の額は1円以上で入力してください。"),
        (1.5, "not_int", "補助金の額は円単位の整数で入力してください。"),
        (True, "not_int", "補助金の額は円単位の整数で入力してください。"),
        ("1000", "not_int", "補助金の額は円単位の整数で入力してください。"),
        (10**12, "too_large", "補助金の額が大きすぎます。1兆円未満で入力してください。"),
    ],
)
def test_bad_amounts(amount, code, message):
    with pytest.raises(AdditionalChargeError) as error:
        additional_charge(amount, date(2020, 4, 1))
    assert problems(error) == [("receipts[0].amount", code)]
    assert str(error.value) == message
    assert isinstance(error.value, ValueError)


def test_bad_repayment_amounts_and_dates_are_all_reported():
    with pytest.raises(AdditionalChargeError) as error:
        additional_charge(
            1_000_000,
            date(2020, 4, 1),
            [Repayment(date(2020, 5, 1), 0), Repayment(datetime(2020, 5, 1, 9, 0), 100)],
            until="2020-06-01",  # type: ignore[arg-type]
        )
    assert problems(error) == [
        ("repayments[0].amount", "not_positive"),
        ("repayments[1].date", "not_date"),
        ("until", "not_date"),
    ]
    assert error.value.problems[0].message == "返還の1行目の金額は1円以上で入力してください。"
    assert error.value.problems[1].message == "返還の2行目の返還日を日付で入力してください。"
    assert error.value.problems[2].message == "完済日を日付で入力してください。"


def test_received_on_must_be_a_date():
    with pytest.raises(AdditionalChargeError) as error:
        additional_charge(1_000_000, "2020-04-01")  # type: ignore[arg-type]
    assert problems(error) == [("receipts[0].received_on", "not_date")]
    assert str(error.value) == "受領日を日付で入力してください。"


def test_repayment_before_receipt():
    with pytest.raises(AdditionalChargeError) as error:
        additional_charge(1_000_000, date(2020, 4, 1), [Repayment(date(2020, 3, 31), 100)])
    assert problems(error) == [("repayments[0].date", "before_receipt")]
    assert str(error.value) == "返還の1行目の返還日（2020-03-31）が受領日（2020-04-01）より前です。"


def test_repayments_exceeding_the_amount():
    with pytest.raises(AdditionalChargeError) as error:
        additional_charge(
            1_000_000,
            date(2020, 4, 1),
            [Repayment(date(2020, 5, 1), 600_000), Repayment(date(2020, 6, 1), 400_001)],
        )
    assert problems(error) == [("repayments", "exceeds_received")]
    assert str(error.value) == "返還額の合計（1,000,001円）が受領した額（1,000,000円）を超えています。"


def test_repayment_before_a_later_receipt_cannot_exceed_what_was_received_by_then():
    with pytest.raises(AdditionalChargeError) as error:
        compute(
            [Receipt(date(2019, 7, 1), 5_000_000), Receipt(date(2019, 10, 1), 5_000_000)],
            [Repayment(date(2019, 8, 1), 6_000_000)],
        )
    assert problems(error) == [("repayments", "exceeds_received")]
    assert "2019-08-01までの返還額の合計（6,000,000円）が、その日までに受領した額（5,000,000円）" in str(
        error.value
    )


def test_several_receipts_are_named_by_their_order():
    with pytest.raises(AdditionalChargeError) as error:
        compute([Receipt(date(2019, 7, 1), 5_000_000), Receipt(date(2019, 10, 1), -1)])
    assert str(error.value) == "受領の2件目の額は1円以上で入力してください。"


@pytest.mark.parametrize(
    ("until", "code", "message"),
    [
        (date(2020, 3, 31), "until_before_receipt", "完済日（2020-03-31）が受領日（2020-04-01）より前です。"),
        (
            date(2020, 4, 30),
            "until_before_repayment",
            "完済日（2020-04-30）が最後の返還日（2020-05-01）より前です。",
        ),
    ],
)
def test_until_must_not_come_before_receipt_or_repayment(until, code, message):
    with pytest.raises(AdditionalChargeError) as error:
        additional_charge(1_000_000, date(2020, 4, 1), [Repayment(date(2020, 5, 1), 100)], until=until)
    assert problems(error) == [("until", code)]
    assert str(error.value) == message


def test_no_receipts():
    with pytest.raises(AdditionalChargeError) as error:
        compute([])
    assert problems(error) == [("receipts", "no_receipts")]


def test_per_period_truncation_can_make_an_earlier_part_payment_cost_a_yen_more():
    # The price of truncating each line, documented: 1,000 received 2021-04-01, the rest paid 04-07.
    # 200 paid on 04-03: 04-01..04-03 on 1,000 = 0.9 → 0; 04-04..04-07 on 800 = 0.96 → 0; total 0.
    # 200 paid on 04-02: 04-01..04-02 on 1,000 = 0.6 → 0; 04-03..04-07 on 800 = 1.2 → 1; total 1.
    # Before truncation paying earlier is cheaper (1.80 < 1.86), as it must be.
    rest = Repayment(date(2021, 4, 7), 800)
    later = additional_charge(1_000, date(2021, 4, 1), [Repayment(date(2021, 4, 3), 200), rest])
    earlier = additional_charge(1_000, date(2021, 4, 1), [Repayment(date(2021, 4, 2), 200), rest])
    assert (later.total, later.exact_total) == (0, Decimal("1.86"))
    assert (earlier.total, earlier.exact_total) == (1, Decimal("1.80"))

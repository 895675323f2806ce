"""The 様式3 arithmetic and the amount rules of seed 003 §5: every branch, hand-worked numbers, properties."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from junkan.programs.engine.subsidy import (
    AmountInputError,
    AmountRule,
    CostInputs,
    estimate,
    estimate_fiscal_years,
    rate_label,
    tax_equivalent,
)

FIXED_1 = AmountRule(rate=Fraction(1), cap=10_000_000, base_amount=10_000_000)  # seed 002 type ①, ②
FIXED_3 = AmountRule(rate=Fraction(1), cap=3_000_000, base_amount=3_000_000)  # seed 002 type ③
ECOTOWN_FS = AmountRule(rate=Fraction(1), cap=10_000_000)  # seed 003 F/S: 基準額 per case
ECOTOWN_PLAN = AmountRule(rate=Fraction(1, 2), cap=10_000_000)  # seed 003 事業化計画: 1/2


def steps(result):
    return {step.key: step for step in result.steps}


def test_seed_002_type_1_example_of_the_issue():
    result = estimate(FIXED_1, CostInputs(total_cost=12_000_000, other_income=0, eligible_cost=11_500_000))
    assert result.net_cost == 12_000_000  # (3)
    assert result.base_amount == 10_000_000  # (5)
    assert result.selected_amount == 10_000_000  # (6) = min(11,500,000, 10,000,000)
    assert result.basic_amount == 10_000_000  # (7) = min(12,000,000, 10,000,000)
    assert result.amount_at_rate == 10_000_000
    assert result.subsidy == 10_000_000
    assert result.capped is False  # equal to the cap is not above it


def test_seed_002_type_3_with_donations():
    result = estimate(
        FIXED_3, CostInputs(total_cost=3_500_000, other_income=200_000, eligible_cost=3_100_000)
    )
    assert (result.net_cost, result.selected_amount, result.basic_amount) == (3_300_000, 3_000_000, 3_000_000)
    assert result.subsidy == 3_000_000


def test_net_cost_smaller_than_selected_amount_decides():
    result = estimate(
        FIXED_1, CostInputs(total_cost=5_000_000, other_income=2_000_000, eligible_cost=4_000_000)
    )
    assert result.selected_amount == 4_000_000
    assert result.basic_amount == 3_000_000  # (7) = (3)
    assert result.subsidy == 3_000_000


def test_eligible_cost_below_the_base_amount_is_selected():
    result = estimate(FIXED_1, CostInputs(total_cost=9_000_000, eligible_cost=8_000_000))
    assert result.selected_amount == 8_000_000
    assert result.subsidy == 8_000_000


def test_amount_is_truncated_below_a_thousand_yen():
    result = estimate(FIXED_1, CostInputs(total_cost=1_300_000, eligible_cost=1_234_567))
    assert result.amount_after_tax == 1_234_567
    assert result.truncated_amount == 1_234_000
    assert result.subsidy == 1_234_000


def test_seed_003_plan_half_rate_with_tax_equivalent_below_the_cap():
    # 消費税等相当額 = deductible tax 796,857 × 1/2 = 398,428 (fraction dropped).
    tax = tax_equivalent(796_857, Fraction(1, 2))
    assert tax == 398_428
    inputs = CostInputs(total_cost=9_000_000, eligible_cost=8_765_431, consumption_tax_equivalent=tax)
    result = estimate(ECOTOWN_PLAN, inputs)
    assert result.base_amount is None
    assert result.selected_amount == 8_765_431  # 基準額 per case, not given: (6) = (4)
    assert result.basic_amount == 8_765_431
    assert result.amount_at_rate == 4_382_715  # 4,382,715.5 → yen fraction dropped
    assert result.amount_after_tax == 3_984_287
    assert result.subsidy == 3_984_000


def test_seed_003_plan_capped_at_ten_million():
    inputs = CostInputs(
        total_cost=24_000_000,
        other_income=1_000_000,
        eligible_cost=22_345_678,
        consumption_tax_equivalent=812_345,
    )
    result = estimate(ECOTOWN_PLAN, inputs)
    assert result.net_cost == 23_000_000
    assert result.basic_amount == 22_345_678
    assert result.amount_at_rate == 11_172_839
    assert result.amount_after_tax == 10_360_494
    assert result.truncated_amount == 10_360_000
    assert result.subsidy == 10_000_000
    assert result.capped is True
    assert steps(result)["cap"].note == "上限額を超えるため、上限額とします。"


def test_seed_003_fs_with_a_base_amount_set_for_the_case():
    result = estimate(
        ECOTOWN_FS, CostInputs(total_cost=9_000_000, eligible_cost=8_000_000, base_amount=5_000_000)
    )
    assert result.base_amount == 5_000_000
    assert result.selected_amount == 5_000_000
    assert result.subsidy == 5_000_000
    assert steps(result)["base_amount"].note == ""


def test_per_case_base_amount_not_given_selects_the_eligible_cost_and_says_so():
    result = estimate(ECOTOWN_FS, CostInputs(total_cost=9_000_000, eligible_cost=8_000_000))
    assert result.selected_amount == 8_000_000
    assert steps(result)["base_amount"].value is None
    assert "(4)を選定額" in steps(result)["base_amount"].note


def test_tax_equivalent_larger_than_the_amount_gives_zero_not_a_negative_amount():
    result = estimate(
        ECOTOWN_PLAN, CostInputs(total_cost=1_000, eligible_cost=1_000, consumption_tax_equivalent=1_000)
    )
    assert result.amount_at_rate == 500
    assert result.amount_after_tax == 0
    assert result.subsidy == 0


def test_unknown_tax_equivalent_is_not_subtracted_and_the_step_says_so():
    result = estimate(FIXED_1, CostInputs(total_cost=2_000_000, eligible_cost=2_000_000))
    assert result.consumption_tax_equivalent is None
    assert steps(result)["consumption_tax_equivalent"].note == "金額が明らかでないため、減額していません。"
    with_zero = estimate(
        FIXED_1, CostInputs(total_cost=2_000_000, eligible_cost=2_000_000, consumption_tax_equivalent=0)
    )
    assert with_zero.subsidy == result.subsidy
    assert steps(with_zero)["consumption_tax_equivalent"].note == ""


def test_a_rule_without_a_cap():
    result = estimate(
        AmountRule(rate=Fraction(1, 2)), CostInputs(total_cost=50_000_000, eligible_cost=50_000_000)
    )
    assert result.cap is None
    assert result.subsidy == 25_000_000
    assert result.capped is False
    assert steps(result)["cap"].value is None


def test_a_fixed_base_amount_may_be_repeated_in_the_inputs():
    result = estimate(
        FIXED_1, CostInputs(total_cost=12_000_000, eligible_cost=11_500_000, base_amount=10_000_000)
    )
    assert result.subsidy == 10_000_000


def test_steps_follow_form_3_with_labels_and_numbers():
    result = estimate(ECOTOWN_PLAN, CostInputs(total_cost=2_000_000, eligible_cost=2_000_000))
    assert [(s.number, s.key) for s in result.steps] == [
        ("(1)", "total_cost"),
        ("(2)", "other_income"),
        ("(3)", "net_cost"),
        ("(4)", "eligible_cost"),
        ("(5)", "base_amount"),
        ("(6)", "selected_amount"),
        ("(7)", "basic_amount"),
        ("", "amount_at_rate"),
        ("", "consumption_tax_equivalent"),
        ("", "amount_after_tax"),
        ("", "truncated_amount"),
        ("", "cap"),
        ("(8)", "subsidy"),
    ]
    by_key = steps(result)
    assert by_key["net_cost"].label == "差引額（(1)－(2)）"
    assert by_key["selected_amount"].label == "選定額（(4)と(5)を比較して少ない方の額）"
    assert by_key["basic_amount"].label == "補助基本額（(3)と(6)を比較して少ない方の額）"
    assert by_key["amount_at_rate"].label == "(7)×補助率（2分の1）"
    assert by_key["amount_at_rate"].note == "1円未満の端数は切り捨てます。"
    assert by_key["subsidy"].value == result.subsidy
    fixed = steps(estimate(FIXED_1, CostInputs(total_cost=1_000, eligible_cost=1_000)))
    assert fixed["amount_at_rate"].label == "(7)×補助率（定額）"
    assert fixed["amount_at_rate"].note == ""


@pytest.mark.parametrize(
    ("inputs", "field", "message"),
    [
        (
            CostInputs(total_cost=-1, eligible_cost=0),
            "total_cost",
            "(1)総事業費にマイナスの金額は入力できません。",
        ),
        (
            CostInputs(total_cost=1.5, eligible_cost=0),
            "total_cost",
            "(1)総事業費は円単位の整数で入力してください。",
        ),  # type: ignore[arg-type]
        (
            CostInputs(total_cost=True, eligible_cost=0),
            "total_cost",
            "(1)総事業費は円単位の整数で入力してください。",
        ),  # type: ignore[arg-type]
        (CostInputs(total_cost=None, eligible_cost=0), "total_cost", "(1)総事業費を入力してください。"),  # type: ignore[arg-type]
        (
            CostInputs(total_cost=10**12, eligible_cost=0),
            "total_cost",
            "(1)総事業費が大きすぎます。1兆円未満で入力してください。",
        ),
        (
            CostInputs(total_cost=10, other_income=-5, eligible_cost=0),
            "other_income",
            "(2)寄付金その他の収入にマイナスの金額は入力できません。",
        ),
        (
            CostInputs(total_cost=10, eligible_cost="10"),
            "eligible_cost",
            "(4)補助対象経費支出予定額は円単位の整数で入力してください。",
        ),  # type: ignore[arg-type]
        (
            CostInputs(total_cost=10, eligible_cost=1, base_amount=-1),
            "base_amount",
            "(5)基準額にマイナスの金額は入力できません。",
        ),
        (
            CostInputs(total_cost=10, eligible_cost=1, consumption_tax_equivalent=-1),
            "consumption_tax_equivalent",
            "消費税等相当額にマイナスの金額は入力できません。",
        ),
        (
            CostInputs(total_cost=10, other_income=11, eligible_cost=1),
            "other_income",
            "(2)寄付金その他の収入が(1)総事業費を超えています。",
        ),
        (
            CostInputs(total_cost=10, eligible_cost=11),
            "eligible_cost",
            "(4)補助対象経費支出予定額が(1)総事業費を超えています。",
        ),
        (
            CostInputs(total_cost=10, eligible_cost=5, consumption_tax_equivalent=6),
            "consumption_tax_equivalent",
            "消費税等相当額が(4)補助対象経費支出予定額を超えています。",
        ),
    ],
)
def test_bad_inputs_name_the_field_in_japanese(inputs, field, message):
    with pytest.raises(AmountInputError) as caught:
        estimate(ECOTOWN_PLAN, inputs)
    assert [(p.field, p.message) for p in caught.value.problems] == [(field, message)]
    assert str(caught.value) == message


def test_a_base_amount_other_than_the_fixed_one_is_refused():
    with pytest.raises(AmountInputError) as caught:
        estimate(FIXED_1, CostInputs(total_cost=10, eligible_cost=1, base_amount=5_000_000))
    (problem,) = caught.value.problems
    assert problem.field == "base_amount"
    assert problem.message.startswith("この事業の(5)基準額は10,000,000円と定められています。")


def test_every_type_problem_is_reported_at_once():
    with pytest.raises(AmountInputError) as caught:
        estimate(FIXED_1, CostInputs(total_cost=-1, other_income=-1, eligible_cost=1.0))  # type: ignore[arg-type]
    assert [p.field for p in caught.value.problems] == ["total_cost", "other_income", "eligible_cost"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"rate": Fraction(0)},
        {"rate": Fraction(3, 2)},
        {"rate": 1},
        {"rate": Fraction(1), "cap": 0},
        {"rate": Fraction(1), "cap": 1_500},
        {"rate": Fraction(1), "base_amount": -1},
    ],
)
def test_amount_rules_that_could_give_a_wrong_amount_are_refused(kwargs):
    with pytest.raises(ValueError, match="must"):
        AmountRule(**kwargs)


def test_amounts_in_a_rule_are_ints():
    with pytest.raises(TypeError):
        AmountRule(rate=Fraction(1), cap=1000.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rate", "label"), [(Fraction(1), "定額"), (Fraction(1, 2), "2分の1"), (Fraction(2, 3), "3分の2")]
)
def test_rate_label(rate, label):
    assert rate_label(rate) == label


def test_tax_equivalent_refuses_negative_and_non_integer_tax():
    with pytest.raises(ValueError, match="negative"):
        tax_equivalent(-1, Fraction(1))
    with pytest.raises(TypeError):
        tax_equivalent(1.0, Fraction(1))  # type: ignore[arg-type]
    assert tax_equivalent(999, Fraction(1, 3)) == 333


def test_multi_year_plans_are_computed_per_fiscal_year_each_with_its_cap():
    plan = estimate_fiscal_years(
        FIXED_1,
        {
            2020: CostInputs(total_cost=8_000_000, eligible_cost=7_654_321),
            2019: CostInputs(total_cost=12_000_000, eligible_cost=11_500_000),
        },
    )
    assert [year for year, _ in plan.years] == [2019, 2020]
    assert [result.subsidy for _, result in plan.years] == [10_000_000, 7_654_000]
    assert plan.subsidy_total == 17_654_000


def test_multi_year_problems_name_the_fiscal_year():
    with pytest.raises(AmountInputError) as caught:
        estimate_fiscal_years(FIXED_1, {2020: CostInputs(total_cost=1, eligible_cost=2)})
    (problem,) = caught.value.problems
    assert problem.field == "2020.eligible_cost"
    assert problem.message == "令和2年度：(4)補助対象経費支出予定額が(1)総事業費を超えています。"
    with pytest.raises(AmountInputError, match="年度ごとの経費を入力してください"):
        estimate_fiscal_years(FIXED_1, {})


# --- properties ------------------------------------------------------------------------------------

RATES = st.integers(min_value=1, max_value=10).flatmap(
    lambda d: st.integers(min_value=1, max_value=d).map(lambda n: Fraction(n, d))
)
RULES = st.builds(
    AmountRule,
    rate=RATES,
    cap=st.none() | st.integers(min_value=1, max_value=100_000).map(lambda k: k * 1000),
    base_amount=st.none() | st.integers(min_value=0, max_value=200_000_000),
)


@st.composite
def inputs_for(draw, rule: AmountRule) -> CostInputs:
    total = draw(st.integers(min_value=0, max_value=500_000_000))
    eligible = draw(st.integers(min_value=0, max_value=total))
    return CostInputs(
        total_cost=total,
        other_income=draw(st.integers(min_value=0, max_value=total)),
        eligible_cost=eligible,
        base_amount=draw(st.none() | st.integers(min_value=0, max_value=200_000_000))
        if rule.base_amount is None
        else None,
        consumption_tax_equivalent=draw(st.none() | st.integers(min_value=0, max_value=eligible)),
    )


CASES = RULES.flatmap(lambda rule: st.tuples(st.just(rule), inputs_for(rule)))


@given(CASES)
def test_the_amount_never_exceeds_the_cap(case):
    rule, inputs = case
    result = estimate(rule, inputs)
    assert rule.cap is None or result.subsidy <= rule.cap


@given(CASES)
def test_the_amount_never_exceeds_the_basic_amount_times_the_rate(case):
    rule, inputs = case
    result = estimate(rule, inputs)
    assert result.subsidy <= result.basic_amount * rule.rate
    assert result.basic_amount <= result.net_cost
    assert result.basic_amount <= result.selected_amount <= inputs.eligible_cost


@given(CASES)
def test_the_amount_is_a_multiple_of_a_thousand_and_never_negative(case):
    rule, inputs = case
    result = estimate(rule, inputs)
    assert result.subsidy % 1000 == 0
    assert result.subsidy >= 0


@given(CASES, st.integers(min_value=0, max_value=50_000_000))
def test_more_eligible_cost_never_lowers_the_amount(case, extra):
    rule, inputs = case
    more = CostInputs(
        total_cost=inputs.total_cost + extra,
        other_income=inputs.other_income,
        eligible_cost=inputs.eligible_cost + extra,
        base_amount=inputs.base_amount,
        consumption_tax_equivalent=inputs.consumption_tax_equivalent,
    )
    assert estimate(rule, more).subsidy >= estimate(rule, inputs).subsidy


@given(RULES, st.integers(min_value=-(10**13), max_value=10**13), st.integers(), st.integers())
def test_any_integers_give_an_estimate_or_a_field_error(rule, total, other, eligible):
    problems: tuple = ()
    try:
        result = estimate(rule, CostInputs(total_cost=total, other_income=other, eligible_cost=eligible))
    except AmountInputError as error:
        problems = error.problems
        assert problems
    else:
        assert result.subsidy % 1000 == 0 and result.subsidy >= 0
    assert all(p.field in {"total_cost", "other_income", "eligible_cost"} for p in problems)

"""額の確定 engine: the call's amount rule on actual figures, never above the decision."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.grants.engine.determination import (
    CAPPED_NOTE,
    REASON_NO_DECISION,
    REASON_ORDERED_BEFORE,
    REASON_PAID_BEFORE,
    AmountInputError,
    CostLineInput,
    YearFigures,
    classify_lines,
    determine,
    figures_from_lines,
)
from junkan.programs.engine.subsidy import AmountRule

# FY2019 type 1 (seed 002): 定額, 基準額 and upper limit 10,000,000 yen.
FIXED = AmountRule(rate=Fraction(1), cap=10_000_000, base_amount=10_000_000)
HALF = AmountRule(rate=Fraction(1, 2), cap=10_000_000)
DECIDED_ON = date(2019, 7, 10)


def test_below_the_decision_the_determined_amount_is_the_estimate():
    result = determine(
        FIXED, [YearFigures(2019, decided=9_000_000, total_cost=8_500_000, eligible_cost=8_500_000)]
    )
    (year,) = result.years
    assert year.estimate.subsidy == 8_500_000
    assert year.determined == 8_500_000
    assert not year.capped_by_decision and year.note == ""
    assert result.determined_total == 8_500_000
    assert result.decided_total == 9_000_000
    assert result.estimate_total == 8_500_000
    assert not result.capped_by_decision


def test_actual_costs_above_the_decision_are_capped_by_the_decision():
    # 12,000,000 of eligible costs: (8) is the 10,000,000 upper limit, the decision 9,000,000 limits it.
    result = determine(
        FIXED, [YearFigures(2019, decided=9_000_000, total_cost=12_000_000, eligible_cost=12_000_000)]
    )
    (year,) = result.years
    assert year.estimate.subsidy == 10_000_000
    assert year.estimate.selected_amount == 10_000_000  # the call's own 基準額 applied first
    assert year.determined == 9_000_000
    assert year.capped_by_decision
    assert year.note == CAPPED_NOTE
    assert result.capped_by_decision
    rows = {row.key: row for row in year.rows}
    assert rows["subsidy"].number == "(8)" and rows["subsidy"].value == 10_000_000
    assert rows["decided"].value == 9_000_000
    assert rows["determined"].value == 9_000_000 and rows["determined"].note == CAPPED_NOTE


def test_the_working_keeps_every_step_of_the_subsidy_engine_in_order():
    result = determine(
        HALF,
        [
            YearFigures(
                2019,
                decided=5_000_000,
                total_cost=9_000_000,
                other_income=500_000,
                eligible_cost=8_001_999,
                consumption_tax_equivalent=100_000,
            )
        ],
    )
    (year,) = result.years
    keys = [row.key for row in year.rows]
    assert keys[:3] == ["total_cost", "other_income", "net_cost"]
    assert keys[-3:] == ["subsidy", "decided", "determined"]
    values = {row.key: row.value for row in year.rows}
    # (3) 8,500,000; (6) = (4) 8,001,999 (基準額 per case); (7) 8,001,999; × 1/2 = 4,000,999 (truncated);
    # less tax 100,000 = 3,900,999; 千円未満切捨て 3,900,000; decision 5,000,000 does not limit it.
    assert values["net_cost"] == 8_500_000
    assert values["basic_amount"] == 8_001_999
    assert values["amount_at_rate"] == 4_000_999
    assert values["amount_after_tax"] == 3_900_999
    assert values["subsidy"] == 3_900_000
    assert values["determined"] == 3_900_000
    numbers = [row.number for row in year.rows if row.number]
    assert numbers == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]


def test_years_are_determined_separately_and_summed():
    result = determine(
        FIXED,
        [
            YearFigures(2020, decided=6_000_000, total_cost=7_000_000, eligible_cost=7_000_000),
            YearFigures(2019, decided=9_000_000, total_cost=4_321_000, eligible_cost=4_321_000),
        ],
    )
    assert [y.fiscal_year for y in result.years] == [2019, 2020]
    assert [y.determined for y in result.years] == [4_321_000, 6_000_000]
    assert result.determined_total == 10_321_000
    assert result.decided_total == 15_000_000
    assert [y.capped_by_decision for y in result.years] == [False, True]


def test_as_dict_is_plain_json_with_the_rule_and_every_row():
    result = determine(
        FIXED, [YearFigures(2019, decided=9_000_000, total_cost=8_500_000, eligible_cost=8_500_000)]
    )
    data = result.as_dict()
    assert data["rule"] == {"rate": "1/1", "rate_label": "定額", "cap": 10_000_000, "base_amount": 10_000_000}
    assert data["determined_total"] == 8_500_000
    (year,) = data["years"]
    assert year["fiscal_year"] == 2019 and year["fiscal_year_label"] == "平成31年度"
    assert year["rows"][0] == {
        "key": "total_cost",
        "number": "(1)",
        "label": "総事業費",
        "value": 8_500_000,
        "note": "",
    }


def test_wrong_figures_name_the_year_and_the_field():
    with pytest.raises(AmountInputError) as caught:
        determine(
            FIXED,
            [
                YearFigures(2019, decided=9_000_000, total_cost=100, eligible_cost=200),
                YearFigures(2020, decided=-1, total_cost=0),
            ],
        )
    fields = {p.field: p for p in caught.value.problems}
    assert set(fields) == {"2019.eligible_cost", "2020.decided"}
    assert fields["2019.eligible_cost"].message.startswith("平成31年度：")
    assert "マイナス" in fields["2020.decided"].message


def test_no_years_and_duplicate_years_are_refused():
    with pytest.raises(AmountInputError) as caught:
        determine(FIXED, [])
    assert caught.value.problems[0].code == "required"
    with pytest.raises(AmountInputError) as caught:
        determine(FIXED, [YearFigures(2019, 1, 0), YearFigures(2019, 1, 0)])
    assert caught.value.problems[0].code == "duplicate_year"


def test_decided_must_be_int_yen():
    with pytest.raises(AmountInputError) as caught:
        determine(FIXED, [YearFigures(2019, decided=1.5, total_cost=0)])  # type: ignore[arg-type]
    assert caught.value.problems[0].code == "not_integer"


def test_lines_before_the_decision_or_without_a_decided_year_are_not_eligible():
    lines = [
        CostLineInput("1", 2019, 1_000, date(2019, 7, 10)),  # paid on the decision day: eligible
        CostLineInput("2", 2019, 2_000, date(2019, 7, 9)),  # paid the day before
        CostLineInput("3", 2019, 4_000, date(2019, 8, 1), ordered_on=date(2019, 7, 1)),  # ordered before
        CostLineInput("4", 2020, 8_000, date(2020, 5, 1)),  # no decision for FY2020
        CostLineInput("5", 2019, 16_000, date(2019, 9, 1), ordered_on=date(2019, 7, 10)),
    ]
    checks = classify_lines(lines, DECIDED_ON, [2019])
    assert [c.eligible for c in checks] == [True, False, False, False, True]
    assert [c.code for c in checks] == ["", REASON_PAID_BEFORE, REASON_ORDERED_BEFORE, REASON_NO_DECISION, ""]
    assert "2019-07-10" in checks[1].reason and "2019-07-09" in checks[1].reason
    assert "発注" in checks[2].reason
    assert "令和2年度" in checks[3].reason
    (figures,) = figures_from_lines(checks, {2019: 9_000_000}, other_income={2019: 500})
    # (1) counts every line of the year, (4) only the eligible ones; FY2020 is in neither.
    assert figures.total_cost == 1_000 + 2_000 + 4_000 + 16_000
    assert figures.eligible_cost == 17_000
    assert figures.other_income == 500
    assert figures.consumption_tax_equivalent is None


def test_figures_for_a_decided_year_without_lines_are_zero():
    figures = figures_from_lines((), {2020: 1, 2019: 2}, consumption_tax_equivalent={2020: 0})
    assert [(f.fiscal_year, f.total_cost, f.eligible_cost) for f in figures] == [(2019, 0, 0), (2020, 0, 0)]
    assert figures[1].consumption_tax_equivalent == 0
    assert determine(FIXED, figures).determined_total == 0


# Properties -------------------------------------------------------------------------------------------

yen = st.integers(min_value=0, max_value=10**10)
rules = st.builds(
    AmountRule,
    rate=st.sampled_from([Fraction(1), Fraction(1, 2), Fraction(2, 3), Fraction(1, 3)]),
    cap=st.one_of(st.none(), st.integers(min_value=1, max_value=10**6).map(lambda n: n * 1000)),
    base_amount=st.one_of(st.none(), yen),
)


@st.composite
def year_figures(draw: st.DrawFn, fiscal_year: int = 2019) -> YearFigures:
    total = draw(yen)
    eligible = draw(st.integers(min_value=0, max_value=total))
    other = draw(st.integers(min_value=0, max_value=total))
    tax = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=eligible)))
    return YearFigures(fiscal_year, draw(yen), total, other, eligible, tax)


@settings(max_examples=300)
@given(rules, st.lists(year_figures(), min_size=1, max_size=4))
def test_never_above_the_decision(rule, drawn):
    years = [
        YearFigures(
            2019 + i, f.decided, f.total_cost, f.other_income, f.eligible_cost, f.consumption_tax_equivalent
        )
        for i, f in enumerate(drawn)
    ]
    result = determine(rule, years)
    for year in result.years:
        assert 0 <= year.determined <= year.decided
        assert year.determined <= year.estimate.subsidy
        assert year.determined == min(year.estimate.subsidy, year.decided)
        assert year.capped_by_decision == (year.estimate.subsidy > year.decided)
    assert result.determined_total <= result.decided_total
    assert result.determined_total == sum(y.determined for y in result.years)


@settings(max_examples=300)
@given(rules, year_figures(), yen)
def test_monotone_in_the_eligible_cost(rule, figures, more):
    # More eligible cost (and as much more total cost) never lowers the determined amount.
    richer = YearFigures(
        figures.fiscal_year,
        figures.decided,
        figures.total_cost + more,
        figures.other_income,
        figures.eligible_cost + more,
        figures.consumption_tax_equivalent,
    )
    before = determine(rule, [figures]).determined_total
    after = determine(rule, [richer]).determined_total
    assert after >= before


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=2018, max_value=2021), yen, st.integers(min_value=-400, max_value=400)
        ),
        max_size=12,
    )
)
def test_eligible_is_a_part_of_total_and_lines_are_counted_once(rows):
    lines = [
        CostLineInput(str(i), year, amount, date.fromordinal(DECIDED_ON.toordinal() + shift))
        for i, (year, amount, shift) in enumerate(rows)
    ]
    checks = classify_lines(lines, DECIDED_ON, [2019, 2020])
    figures = figures_from_lines(checks, {2019: 0, 2020: 0})
    assert all(f.eligible_cost <= f.total_cost for f in figures)
    in_decided_years = sum(line.amount for line in lines if line.fiscal_year in {2019, 2020})
    assert sum(f.total_cost for f in figures) == in_decided_years
    assert sum(f.eligible_cost for f in figures) == sum(c.line.amount for c in checks if c.eligible)
    assert all(
        c.eligible == (c.line.fiscal_year in {2019, 2020} and c.line.paid_on >= DECIDED_ON) for c in checks
    )

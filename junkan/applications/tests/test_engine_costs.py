"""様式3 as typed: lines per fiscal year, what is missing or inconsistent, and the subsidy engine."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from junkan.applications.engine import costs
from junkan.applications.engine.costs import Line, Problem, Year, eligibility_lines, estimate, read
from junkan.jp.money import MAX_YEN
from junkan.programs.engine import subsidy
from junkan.programs.engine.eligibility import CostLine

FIXED_CAPPED = subsidy.AmountRule(rate=Fraction(1), cap=10_000_000)  # seed 002, seed 003 FS調査
HALF_CAPPED = subsidy.AmountRule(rate=Fraction(1, 2), cap=10_000_000)  # seed 003 事業化計画
WITH_BASE = subsidy.AmountRule(rate=Fraction(1, 2), cap=None, base_amount=3_000_000)


def line(**extra: Any) -> dict[str, Any]:
    return {
        "category": "委託料",
        "description": "実現可能性調査委託",
        "unit_price": 1_000,
        "quantity": 1,
        **extra,
    }


def year(fiscal_year: Any = 2019, lines: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    data = {"fiscal_year": fiscal_year, "total_cost": 1_000, "lines": [line()] if lines is None else lines}
    data.update(extra)
    return data


def problems_of(*years: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.where, p.message) for p in read({"years": list(years)})[1]]


# Reading -------------------------------------------------------------------------------------------------


def test_a_complete_year() -> None:
    years, problems = read(
        {
            "years": [
                {
                    "fiscal_year": 2019,
                    "total_cost": 12_000_000,
                    "other_income": 500_000,
                    "consumption_tax": 800_000,
                    "consumption_tax_equivalent": 400_000,
                    "lines": [
                        line(unit_price=10_000_000, quantity=1, unit="式"),
                        line(
                            category="旅費",
                            description="現地調査",
                            unit_price=20_000,
                            quantity=5,
                            unit="回",
                            staff="local_government_staff",
                        ),
                    ],
                }
            ]
        }
    )
    assert problems == ()
    assert years == (
        Year(
            2019,
            12_000_000,
            500_000,
            800_000,
            400_000,
            (
                Line("委託料", "実現可能性調査委託", 10_000_000, 1, "式", ""),
                Line("旅費", "現地調査", 20_000, 5, "回", "local_government_staff"),
            ),
        ),
    )
    assert years[0].eligible_cost == 10_100_000


@pytest.mark.parametrize("data", [{}, {"years": []}, {"years": None}])
def test_no_years(data: dict[str, Any]) -> None:
    assert read(data) == ((), (Problem("years", "経費内訳（年度ごとの経費）が入力されていません。"),))


@pytest.mark.parametrize("fiscal_year", [None, "2019", 2019.0, True])
def test_a_year_without_a_fiscal_year_is_skipped(fiscal_year: Any) -> None:
    years, problems = read({"years": [year(fiscal_year), year(2020)]})
    assert [y.fiscal_year for y in years] == [2020]
    assert [(p.where, p.message) for p in problems] == [("years", "年度が入力されていない経費があります。")]


def test_a_duplicate_year_is_reported_and_the_first_kept() -> None:
    years, problems = read({"years": [year(2019, total_cost=5_000), year(2019, total_cost=9_000)]})
    assert [(y.fiscal_year, y.total_cost) for y in years] == [(2019, 5_000)]
    assert [(p.where, p.message) for p in problems] == [("2019", "平成31年度の経費が重複しています。")]


def test_years_are_returned_in_order_and_problems_in_input_order() -> None:
    years, problems = read({"years": [year(2021, total_cost=None), year(2019), year(2020, total_cost=None)]})
    assert [y.fiscal_year for y in years] == [2019, 2020, 2021]
    assert [p.where for p in problems] == ["2021.total_cost", "2020.total_cost"]
    assert problems[0].message == "令和3年度：(1)総事業費を入力してください。"


def test_a_blank_line_is_reported_and_adds_nothing() -> None:
    """The form drops blank rows before saving; a blank row in stored data is reported, never a 0-yen line."""
    years, problems = read({"years": [year(lines=[line(), {}])]})
    assert years[0].lines == (Line("委託料", "実現可能性調査委託", 1_000, 1),)
    assert [(p.where, p.message) for p in problems] == [
        ("2019.lines.2", "平成31年度の2行目：費目・細目を選んでください。"),
        ("2019.lines.2", "平成31年度の2行目：積算内訳を入力してください。"),
        ("2019.lines.2", "平成31年度の2行目：単価と数量を入力してください。"),
    ]


def test_only_blank_lines_need_one_line() -> None:
    assert problems_of(year(lines=[{}], total_cost=0))[-1] == (
        "2019",
        "平成31年度：補助対象経費の内訳を1行以上入力してください。",
    )
    assert problems_of(year(lines=[], total_cost=0)) == [
        ("2019", "平成31年度：補助対象経費の内訳を1行以上入力してください。")
    ]
    assert problems_of({"fiscal_year": 2019, "total_cost": 0, "lines": None}) == [
        ("2019", "平成31年度：補助対象経費の内訳を1行以上入力してください。")
    ]


@pytest.mark.parametrize(
    ("unit_price", "quantity"),
    [
        (-1, 1),
        (1_000, 0),
        (1_000, -3),
        (None, 1),
        (1_000, None),
        ("1000", 1),
        (1_000.0, 1),
        (1_000, 1.5),
        (True, 1),
        (1_000, True),
    ],
)
def test_bad_unit_price_or_quantity(unit_price: Any, quantity: Any) -> None:
    years, problems = read({"years": [year(lines=[line(), line(unit_price=unit_price, quantity=quantity)])]})
    assert years[0].eligible_cost == 1_000
    assert [(p.where, p.message) for p in problems] == [
        ("2019.lines.2", "平成31年度の2行目：単価と数量を入力してください。")
    ]


def test_a_zero_unit_price_is_a_line_of_nothing() -> None:
    years, problems = read({"years": [year(lines=[line(), line(unit_price=0, quantity=3)])]})
    assert problems == ()
    assert [ln.amount for ln in years[0].lines] == [1_000, 0]


def test_missing_category_or_description_is_reported_but_the_amount_counts() -> None:
    years, problems = read(
        {"years": [year(lines=[line(category=""), line(description=" \u3000")], total_cost=2_000)]}
    )
    assert years[0].eligible_cost == 2_000
    assert [(p.where, p.message) for p in problems] == [
        ("2019.lines.1", "平成31年度の1行目：費目・細目を選んでください。"),
        ("2019.lines.2", "平成31年度の2行目：積算内訳を入力してください。"),
    ]


def test_missing_total_uses_the_lines_and_is_reported() -> None:
    years, problems = read({"years": [year(total_cost=None, lines=[line(unit_price=3_000)])]})
    assert years[0].total_cost == 3_000
    assert [(p.where, p.message) for p in problems] == [
        ("2019.total_cost", "平成31年度：(1)総事業費を入力してください。")
    ]


def test_total_below_eligible() -> None:
    assert problems_of(year(2020, total_cost=900, lines=[line(unit_price=1_000, quantity=2)])) == [
        (
            "2020.total_cost",
            "令和2年度：(1)総事業費（900円）が補助対象経費の合計（2,000円）より少なくなっています。",
        )
    ]


def test_total_equal_to_eligible_or_above_is_fine() -> None:
    assert problems_of(year(total_cost=1_000)) == []
    assert problems_of(year(total_cost=50_000)) == []


def test_negative_total_is_below_eligible() -> None:
    assert [w for w, _ in problems_of(year(total_cost=-1))] == ["2019.total_cost"]


def test_tax_above_eligible() -> None:
    assert problems_of(year(consumption_tax=1_001)) == [
        ("2019.consumption_tax", "平成31年度：うち消費税額が補助対象経費の合計を超えています。")
    ]
    assert problems_of(year(consumption_tax=1_000)) == []


def test_other_income_above_total() -> None:
    """Otherwise the checklist is empty while the subsidy engine refuses to compute the amount."""
    assert problems_of(year(total_cost=1_000, other_income=1_001)) == [
        ("2019.other_income", "平成31年度：(2)寄付金その他の収入が(1)総事業費を超えています。")
    ]
    assert problems_of(year(total_cost=1_000, other_income=1_000)) == []


def test_tax_equivalent_above_eligible() -> None:
    assert problems_of(year(total_cost=5_000, consumption_tax_equivalent=1_001)) == [
        (
            "2019.consumption_tax_equivalent",
            "平成31年度：減額する消費税等相当額が補助対象経費の合計を超えています。",
        )
    ]
    assert problems_of(year(consumption_tax_equivalent=1_000)) == []


@pytest.mark.parametrize(
    ("unit_price", "quantity", "total"),
    [
        (100_000, 10_000_000, MAX_YEN),  # 1兆円 exactly: the subsidy engine takes amounts below 1兆円 only
        (MAX_YEN - 1, 2, 2 * MAX_YEN),
        (1, 1, MAX_YEN),
    ],
)
def test_amounts_of_one_trillion_yen_or_more(unit_price: int, quantity: int, total: int) -> None:
    assert ("2019", "平成31年度：金額が大きすぎます。") in problems_of(
        year(lines=[line(unit_price=unit_price, quantity=quantity)], total_cost=total)
    )


def test_just_below_one_trillion_yen_is_fine() -> None:
    assert problems_of(year(lines=[line(unit_price=MAX_YEN - 1)], total_cost=MAX_YEN - 1)) == []


def test_optional_figures() -> None:
    (only,), _ = read({"years": [year()]})
    assert (only.other_income, only.consumption_tax, only.consumption_tax_equivalent) == (0, 0, None)
    (zero,), _ = read(
        {"years": [year(other_income=None, consumption_tax=None, consumption_tax_equivalent=0)]}
    )
    assert (zero.other_income, zero.consumption_tax, zero.consumption_tax_equivalent) == (0, 0, 0)


def test_line_fields_are_read_as_text() -> None:
    (only,), _ = read({"years": [year(lines=[line(unit="式", staff="regular_staff")])]})
    assert only.lines[0] == Line("委託料", "実現可能性調査委託", 1_000, 1, "式", "regular_staff")


# Lines for the eligibility rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("staff", "local", "regular"),
    [("", False, False), ("local_government_staff", True, False), ("regular_staff", False, True)],
)
def test_as_eligibility_line(staff: str, local: bool, regular: bool) -> None:
    assert Line("旅費", "現地調査", 20_000, 5, "回", staff).as_eligibility_line() == CostLine(
        category="旅費",
        amount=100_000,
        description="現地調査",
        unit_price=20_000,
        quantity=5,
        for_local_government_staff=local,
        regular_staff=regular,
    )


def test_eligibility_lines_of_every_year_in_year_order() -> None:
    years, _ = read(
        {
            "years": [
                year(2020, lines=[line(description="二年目", unit_price=2_000)], total_cost=2_000),
                year(
                    2019, lines=[line(description="一年目a"), line(description="一年目b")], total_cost=2_000
                ),
            ]
        }
    )
    assert [(c.description, c.amount) for c in eligibility_lines(years)] == [
        ("一年目a", 1_000),
        ("一年目b", 1_000),
        ("二年目", 2_000),
    ]
    assert eligibility_lines(()) == ()


def test_staff_kinds() -> None:
    assert set(costs.STAFF_KINDS) == {"", "local_government_staff", "regular_staff"}


# The subsidy engine --------------------------------------------------------------------------------------


def test_inputs() -> None:
    y = Year(2019, 12_000_000, 500_000, 800_000, 400_000, (Line("委託料", "調査", 10_000_000, 1),))
    assert y.inputs(None) == subsidy.CostInputs(
        total_cost=12_000_000,
        other_income=500_000,
        eligible_cost=10_000_000,
        base_amount=None,
        consumption_tax_equivalent=400_000,
    )
    assert y.inputs(3_000_000).base_amount == 3_000_000


@pytest.mark.parametrize("rule", [FIXED_CAPPED, HALF_CAPPED, WITH_BASE], ids=["fixed", "half", "base"])
def test_estimate_is_the_subsidy_engine(rule: subsidy.AmountRule) -> None:
    years, problems = read(
        {
            "years": [
                year(2020, lines=[line(unit_price=8_000_000)], total_cost=9_000_000, other_income=100_000),
                year(2019, lines=[line(unit_price=15_000_000)], total_cost=15_000_000),
            ]
        }
    )
    assert problems == ()
    direct = subsidy.estimate_fiscal_years(
        rule,
        {
            2019: subsidy.CostInputs(15_000_000, 0, 15_000_000, rule.base_amount),
            2020: subsidy.CostInputs(9_000_000, 100_000, 8_000_000, rule.base_amount),
        },
    )
    assert estimate(years, rule) == direct


def test_estimate_figures_of_seed_002() -> None:
    """定額・上限1,000万円: 1,500万円 is capped, 800万円 − 寄付金 is truncated to the thousand."""
    years, _ = read(
        {
            "years": [
                year(2019, lines=[line(unit_price=15_000_000)], total_cost=15_000_000),
                year(2020, lines=[line(unit_price=8_000_000)], total_cost=8_000_000, other_income=123_456),
            ]
        }
    )
    result = estimate(years, FIXED_CAPPED)
    assert result is not None
    assert [(fy, e.subsidy, e.capped) for fy, e in result.years] == [
        (2019, 10_000_000, True),
        (2020, 7_876_000, False),
    ]
    assert result.subsidy_total == 17_876_000


def test_estimate_calls_the_subsidy_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[subsidy.AmountRule, dict[int, subsidy.CostInputs]]] = []
    real = subsidy.estimate_fiscal_years

    def spy(rule: subsidy.AmountRule, inputs: dict[int, subsidy.CostInputs]) -> subsidy.MultiYearEstimate:
        calls.append((rule, dict(inputs)))
        return real(rule, inputs)

    monkeypatch.setattr(subsidy, "estimate_fiscal_years", spy)
    years, _ = read({"years": [year()]})
    assert estimate(years, WITH_BASE) is not None
    assert calls == [(WITH_BASE, {2019: subsidy.CostInputs(1_000, 0, 1_000, 3_000_000, None)})]


def test_estimate_without_years_is_none() -> None:
    assert estimate((), FIXED_CAPPED) is None


def test_estimate_is_none_when_the_engine_refuses() -> None:
    bad = Year(2019, 1_000, 2_000, 0, None, (Line("委託料", "調査", 1_000, 1),))
    with pytest.raises(subsidy.AmountInputError):
        subsidy.estimate_fiscal_years(FIXED_CAPPED, {2019: bad.inputs(None)})
    assert estimate([bad], FIXED_CAPPED) is None


# Properties ----------------------------------------------------------------------------------------------

RULES = st.sampled_from([FIXED_CAPPED, HALF_CAPPED, WITH_BASE, subsidy.AmountRule(rate=Fraction(2, 3))])
prices = st.integers(min_value=0, max_value=10**9)
quantities = st.integers(min_value=1, max_value=10_000)
stored_lines = st.lists(
    st.fixed_dictionaries(
        {
            "category": st.sampled_from(["委託料", "旅費", "謝金", ""]),
            "description": st.sampled_from(["調査", "会議", " "]),
            "unit_price": st.one_of(prices, st.none()),
            "quantity": st.one_of(quantities, st.none()),
        }
    ),
    max_size=6,
)
optional_yen = st.one_of(st.none(), st.integers(min_value=0, max_value=10**11))
stored_years = st.lists(
    st.fixed_dictionaries(
        {
            "fiscal_year": st.integers(min_value=2015, max_value=2030),
            "total_cost": optional_yen,
            "other_income": optional_yen,
            "consumption_tax": optional_yen,
            "consumption_tax_equivalent": optional_yen,
            "lines": stored_lines,
        }
    ),
    max_size=4,
)
# Years as the form stores them (blank rows dropped, price and quantity given), with figures near the edges
# that matter: the total around the lines' sum, income around the total, tax around the lines' sum.
form_lines = st.lists(
    st.fixed_dictionaries(
        {
            "category": st.sampled_from(["委託料", "旅費", "謝金"]),
            "description": st.sampled_from(["調査", "会議"]),
            "unit_price": st.one_of(st.integers(0, 10**6), st.sampled_from([10**5, MAX_YEN - 1])),
            "quantity": st.one_of(st.integers(1, 100), st.just(10_000_000)),
        }
    ),
    min_size=1,
    max_size=4,
)


def near(value: int) -> st.SearchStrategy[int]:
    return st.integers(-2, 2).map(lambda d: max(value + d, 0)) | st.integers(0, 2 * value + 2)


@st.composite
def form_year(draw: st.DrawFn, fiscal_year: int) -> dict[str, Any]:
    lines = draw(form_lines)
    eligible = sum(ln["unit_price"] * ln["quantity"] for ln in lines)
    total = draw(st.none() | near(eligible))
    return {
        "fiscal_year": fiscal_year,
        "total_cost": total,
        "other_income": draw(st.none() | near(total or eligible)),
        "consumption_tax": draw(st.none() | near(eligible)),
        "consumption_tax_equivalent": draw(st.none() | near(eligible)),
        "lines": lines,
    }


form_years = st.lists(st.integers(2015, 2030), min_size=1, max_size=3, unique=True).flatmap(
    lambda fys: st.tuples(*(form_year(fy) for fy in fys)).map(list)
)


@given(st.lists(st.tuples(st.integers(0, 10**7), quantities), min_size=1, max_size=9))
def test_amounts_are_unit_price_times_quantity_summed(pairs: list[tuple[int, int]]) -> None:
    lines = [line(unit_price=p, quantity=q) for p, q in pairs]
    total = sum(p * q for p, q in pairs)
    years, problems = read({"years": [year(lines=lines, total_cost=total)]})
    assert problems == ()
    assert [ln.amount for ln in years[0].lines] == [p * q for p, q in pairs]
    assert years[0].eligible_cost == total
    assert sum(c.amount for c in eligibility_lines(years)) == total


@given(stored_years)
def test_what_read_returns_is_consistent(data: list[dict[str, Any]]) -> None:
    years, problems = read({"years": data})
    fiscal_years = [y.fiscal_year for y in years]
    assert fiscal_years == sorted(set(fiscal_years))
    assert set(fiscal_years) == {d["fiscal_year"] for d in data}
    for y in years:
        assert y.eligible_cost == sum(ln.unit_price * ln.quantity for ln in y.lines)
        assert all(ln.unit_price >= 0 and ln.quantity > 0 for ln in y.lines)
    if not data:
        assert problems


@settings(max_examples=300)
@example([year(total_cost=1_000, other_income=1_001)], FIXED_CAPPED)
@example([year(total_cost=1_000, consumption_tax_equivalent=1_001)], FIXED_CAPPED)
@example([year(lines=[line(unit_price=100_000, quantity=10_000_000)], total_cost=MAX_YEN)], FIXED_CAPPED)
@given(form_years, RULES)
def test_without_problems_the_amount_can_be_computed(
    data: list[dict[str, Any]], rule: subsidy.AmountRule
) -> None:
    """An empty checklist means the subsidy engine computes the amount: the two never disagree."""
    years, problems = read({"years": data})
    if problems:
        return
    for y in years:
        assert y.eligible_cost <= y.total_cost
        assert y.lines
    result = estimate(years, rule)
    assert result is not None
    assert result == subsidy.estimate_fiscal_years(
        rule, {y.fiscal_year: y.inputs(rule.base_amount) for y in years}
    )


@given(st.one_of(stored_years, form_years), RULES)
def test_the_subsidy_never_exceeds_the_cap_nor_the_eligible_cost(
    data: list[dict[str, Any]], rule: subsidy.AmountRule
) -> None:
    years, _ = read({"years": data})
    result = estimate(years, rule)
    if result is None:
        return
    by_year = {y.fiscal_year: y for y in years}
    assert [fy for fy, _ in result.years] == sorted(by_year)
    for fy, e in result.years:
        assert 0 <= e.subsidy <= by_year[fy].eligible_cost
        assert e.subsidy <= by_year[fy].total_cost - by_year[fy].other_income
        assert e.subsidy % 1_000 == 0
        if rule.cap is not None:
            assert e.subsidy <= rule.cap
        if rule.base_amount is not None:
            assert e.subsidy <= rule.base_amount
    assert result.subsidy_total == sum(e.subsidy for _, e in result.years)


@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "fiscal_year": st.one_of(
                    st.none(), st.integers(2015, 2030), st.text(max_size=4), st.booleans()
                ),
                "total_cost": st.one_of(st.none(), st.integers(-(10**13), 10**13), st.text(max_size=4)),
                "other_income": st.one_of(st.none(), st.integers(-(10**6), 10**6), st.floats(allow_nan=True)),
                "consumption_tax": st.one_of(st.none(), st.integers(-(10**6), 10**13)),
                "lines": st.lists(
                    st.dictionaries(
                        st.sampled_from(
                            ["category", "description", "unit_price", "quantity", "unit", "staff"]
                        ),
                        st.one_of(
                            st.none(), st.integers(-(10**13), 10**13), st.text(max_size=5), st.booleans()
                        ),
                    ),
                    max_size=4,
                ),
            }
        ),
        max_size=4,
    ),
    RULES,
)
def test_read_and_estimate_never_raise_on_stored_junk(
    data: list[dict[str, Any]], rule: subsidy.AmountRule
) -> None:
    years, problems = read({"years": data})
    assert all(isinstance(p, Problem) and p.message for p in problems)
    estimate(years, rule)

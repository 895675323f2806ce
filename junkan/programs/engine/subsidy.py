"""The subsidy amount of a call, step by step as 様式3 (経費内訳書) and the amount rules compute it.

The order follows the FY2019 call's 様式3 (seed 002) and §5 of the FY2015 エコタウン call (seed 003):

- (1) 総事業費, (2) 寄付金その他の収入, (3) 差引額 = (1) − (2): 様式3; seed 003 §5(1)ア
- (4) 補助対象経費支出予定額, (5) 基準額, (6) 選定額 = min((4), (5)): 様式3; seed 003 §5(1)イ
- (7) 補助基本額 = min((3), (6)): 様式3; seed 003 §5(1)ウ
- (7) × 補助率, yen fractions dropped (「少ない方の額に2分の1を乗じて得た額」): seed 003 §5(2)ウ;
  定額 is rate 1
- less the 消費税等相当額 where it is known (「これを減額して算出しなければならない」): seed 003 §5
- 千円未満切捨て (「1,000円未満の端数が生じた場合には、これを切り捨てる」): 様式3 (8); seed 003 §5(1)ウ
- never below zero, then the upper limit (「1,000万円を超える場合は、1,000万円とする」):
  seed 003 §5(1)ウ; seed 002 別表第1 「定額（上限1,000万円）」

The 消費税等相当額 is, by the definition in seed 003 §5, the deductible consumption tax already multiplied
by the 補助率; it is subtracted as given (``tax_equivalent`` computes it from the deductible tax).
Where the 基準額 is set per case (「環境大臣が必要と認めた額」) and not yet given, (6) is (4).
Multi-year plans are computed per fiscal year: each year is its own 様式3 and its own cap.
Amounts are ``int`` yen throughout; the rate is a ``Fraction``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

from junkan.jp.dates import fiscal_year_label
from junkan.jp.money import MAX_YEN, format_yen, truncate_below_thousand

FIELD_LABELS: Final[dict[str, str]] = {
    "total_cost": "(1)総事業費",
    "other_income": "(2)寄付金その他の収入",
    "eligible_cost": "(4)補助対象経費支出予定額",
    "base_amount": "(5)基準額",
    "consumption_tax_equivalent": "消費税等相当額",
}


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with the inputs: the field, a reason code and a Japanese message naming the field."""

    field: str
    code: str
    message: str


class AmountInputError(ValueError):
    """The inputs cannot be computed; ``problems`` lists every field at fault."""

    def __init__(self, problems: tuple[InputProblem, ...]) -> None:
        """Keep the problems; the message joins theirs."""
        self.problems = problems
        super().__init__(" ".join(problem.message for problem in problems))


@dataclass(frozen=True)
class AmountRule:
    """The amount rule of a project type: 補助率, fixed 基準額 (None when set per case) and upper limit."""

    rate: Fraction
    cap: int | None = None
    base_amount: int | None = None

    def __post_init__(self) -> None:
        """Refuse rules that could give a wrong amount: rate outside (0, 1], odd caps, negative 基準額."""
        if not isinstance(self.rate, Fraction) or not 0 < self.rate <= 1:
            raise ValueError(f"the rate must be a Fraction in (0, 1], got {self.rate!r}")
        if self.cap is not None:
            _require_int(self.cap)
            if self.cap <= 0 or self.cap % 1000:
                raise ValueError(f"the cap must be a positive multiple of 1,000 yen, got {self.cap}")
        if self.base_amount is not None and _require_int(self.base_amount) < 0:
            raise ValueError(f"the base amount must not be negative, got {self.base_amount}")


@dataclass(frozen=True)
class CostInputs:
    """What the applicant enters in 様式3 for one fiscal year."""

    total_cost: int
    other_income: int = 0
    eligible_cost: int = 0
    base_amount: int | None = None
    consumption_tax_equivalent: int | None = None


@dataclass(frozen=True)
class Step:
    """One line of the working: 様式3 number (or ""), label, value (None when not set) and a note."""

    key: str
    number: str
    label: str
    value: int | None
    note: str = ""


@dataclass(frozen=True)
class Estimate:
    """Every intermediate amount of the calculation, and the steps to show them."""

    total_cost: int
    other_income: int
    net_cost: int
    eligible_cost: int
    base_amount: int | None
    selected_amount: int
    basic_amount: int
    rate: Fraction
    amount_at_rate: int
    consumption_tax_equivalent: int | None
    amount_after_tax: int
    truncated_amount: int
    cap: int | None
    subsidy: int
    capped: bool
    steps: tuple[Step, ...] = field(repr=False)


@dataclass(frozen=True)
class MultiYearEstimate:
    """A multi-year plan: one estimate per fiscal year, in year order, and their sum."""

    years: tuple[tuple[int, Estimate], ...]
    subsidy_total: int


def _require_int(n: object) -> int:
    """Return ``n`` if it is an int (not a bool); TypeError otherwise (money is never a float)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected int yen, got {type(n).__name__}")
    return n


def rate_label(rate: Fraction) -> str:
    """The rate as a call writes it: 1 → 「定額」, 1/2 → 「2分の1」."""
    if rate == 1:
        return "定額"
    return f"{rate.denominator}分の{rate.numerator}"


def tax_equivalent(deductible_tax: int, rate: Fraction) -> int:
    """消費税等相当額 from the deductible consumption tax (国税と地方税): × 補助率, fractions dropped."""
    if _require_int(deductible_tax) < 0:
        raise ValueError("the deductible tax must not be negative")
    return math.floor(deductible_tax * rate)


def _amount_problem(name: str, value: object, *, optional: bool) -> InputProblem | None:
    """A problem with one amount field: missing, not an integer, negative or too large."""
    label = FIELD_LABELS[name]
    if value is None:
        if optional:
            return None
        return InputProblem(name, "required", f"{label}を入力してください。")
    if isinstance(value, bool) or not isinstance(value, int):
        return InputProblem(name, "not_integer", f"{label}は円単位の整数で入力してください。")
    if value < 0:
        return InputProblem(name, "negative", f"{label}にマイナスの金額は入力できません。")
    if value >= MAX_YEN:
        return InputProblem(name, "too_large", f"{label}が大きすぎます。1兆円未満で入力してください。")
    return None


def check_inputs(rule: AmountRule, inputs: CostInputs) -> tuple[InputProblem, ...]:
    """Every problem with the inputs, each naming its field in Japanese; empty when they can be computed."""
    problems = [
        problem
        for name, optional in (
            ("total_cost", False),
            ("other_income", False),
            ("eligible_cost", False),
            ("base_amount", True),
            ("consumption_tax_equivalent", True),
        )
        if (problem := _amount_problem(name, getattr(inputs, name), optional=optional)) is not None
    ]
    if problems:
        return tuple(problems)
    if inputs.other_income > inputs.total_cost:
        problems.append(
            InputProblem(
                "other_income", "exceeds_total", "(2)寄付金その他の収入が(1)総事業費を超えています。"
            )
        )
    if inputs.eligible_cost > inputs.total_cost:
        problems.append(
            InputProblem(
                "eligible_cost", "exceeds_total", "(4)補助対象経費支出予定額が(1)総事業費を超えています。"
            )
        )
    if rule.base_amount is not None and inputs.base_amount not in (None, rule.base_amount):
        problems.append(
            InputProblem(
                "base_amount",
                "fixed",
                f"この事業の(5)基準額は{format_yen(rule.base_amount)}と定められています。"
                "入力しないか、同じ額を入力してください。",
            )
        )
    tax = inputs.consumption_tax_equivalent
    if tax is not None and tax > inputs.eligible_cost:
        problems.append(
            InputProblem(
                "consumption_tax_equivalent",
                "exceeds_eligible",
                "消費税等相当額が(4)補助対象経費支出予定額を超えています。",
            )
        )
    return tuple(problems)


def estimate(rule: AmountRule, inputs: CostInputs) -> Estimate:
    """The subsidy for one fiscal year with every step; AmountInputError when the inputs are wrong."""
    problems = check_inputs(rule, inputs)
    if problems:
        raise AmountInputError(problems)
    net_cost = inputs.total_cost - inputs.other_income
    base_amount = rule.base_amount if rule.base_amount is not None else inputs.base_amount
    selected = inputs.eligible_cost if base_amount is None else min(inputs.eligible_cost, base_amount)
    basic = min(net_cost, selected)
    at_rate = math.floor(basic * rule.rate)
    tax = inputs.consumption_tax_equivalent
    after_tax = max(at_rate - (tax or 0), 0)
    truncated = truncate_below_thousand(after_tax)
    subsidy = truncated if rule.cap is None else min(truncated, rule.cap)
    label = rate_label(rule.rate)
    steps = (
        Step("total_cost", "(1)", "総事業費", inputs.total_cost),
        Step("other_income", "(2)", "寄付金その他の収入", inputs.other_income),
        Step("net_cost", "(3)", "差引額（(1)－(2)）", net_cost),
        Step("eligible_cost", "(4)", "補助対象経費支出予定額", inputs.eligible_cost),
        Step(
            "base_amount",
            "(5)",
            "基準額",
            base_amount,
            ""
            if base_amount is not None
            else "個別に定める額で、まだ定まっていないため、(4)を選定額とします。",
        ),
        Step("selected_amount", "(6)", "選定額（(4)と(5)を比較して少ない方の額）", selected),
        Step("basic_amount", "(7)", "補助基本額（(3)と(6)を比較して少ない方の額）", basic),
        Step(
            "amount_at_rate",
            "",
            f"(7)×補助率（{label}）",
            at_rate,
            "" if rule.rate == 1 else "1円未満の端数は切り捨てます。",
        ),
        Step(
            "consumption_tax_equivalent",
            "",
            "消費税等相当額（減額）",
            tax,
            "" if tax is not None else "金額が明らかでないため、減額していません。",
        ),
        Step("amount_after_tax", "", "消費税等相当額を減額した額", after_tax),
        Step("truncated_amount", "", "千円未満切捨て", truncated),
        Step(
            "cap",
            "",
            "上限額",
            rule.cap,
            "上限額を超えるため、上限額とします。" if rule.cap is not None and truncated > rule.cap else "",
        ),
        Step("subsidy", "(8)", "補助金所要額", subsidy),
    )
    return Estimate(
        total_cost=inputs.total_cost,
        other_income=inputs.other_income,
        net_cost=net_cost,
        eligible_cost=inputs.eligible_cost,
        base_amount=base_amount,
        selected_amount=selected,
        basic_amount=basic,
        rate=rule.rate,
        amount_at_rate=at_rate,
        consumption_tax_equivalent=tax,
        amount_after_tax=after_tax,
        truncated_amount=truncated,
        cap=rule.cap,
        subsidy=subsidy,
        capped=rule.cap is not None and truncated > rule.cap,
        steps=steps,
    )


def estimate_fiscal_years(rule: AmountRule, years: Mapping[int, CostInputs]) -> MultiYearEstimate:
    """A multi-year plan computed year by year; AmountInputError names the year and field at fault."""
    if not years:
        raise AmountInputError(
            (InputProblem("fiscal_years", "required", "年度ごとの経費を入力してください。"),)
        )
    results: list[tuple[int, Estimate]] = []
    problems: list[InputProblem] = []
    for fiscal_year in sorted(years):
        try:
            results.append((fiscal_year, estimate(rule, years[fiscal_year])))
        except AmountInputError as error:
            problems.extend(
                InputProblem(
                    f"{fiscal_year}.{p.field}", p.code, f"{fiscal_year_label(fiscal_year)}：{p.message}"
                )
                for p in error.problems
            )
    if problems:
        raise AmountInputError(tuple(problems))
    return MultiYearEstimate(tuple(results), sum(result.subsidy for _, result in results))

"""額の確定: the amount a completed project receives, from its actual eligible costs, never above decided.

Seed 002 「補助事業における留意事項等」2(5): the secretariat examines the 完了実績報告書 and, when the results
fit the decision, 「交付すべき補助金の額を決定し」 (交付額の確定). How this module reads it:

- **Per fiscal year**, as the decision is made year by year (``AwardYear``): each year's actual figures go
  through the call's own amount rule, step by step, with :func:`junkan.programs.engine.subsidy.estimate`
  ((1) 総事業費 … (8) 補助金所要額), so the working is the same 様式3 the grantee filled in for the decision,
  with actual figures instead of planned ones.
- **Actual figures**: (1) is every actual cost of the year; (4) only the eligible ones. A cost line is not
  eligible when it was ordered (契約・発注) or paid before the grant decision (seed 002 「皆様へ」2: 「協会
  から補助金の交付決定を通知する前において発注等を行った経費については…補助金の交付対象とはなりません」),
  or when it belongs to a fiscal year without a decision. :func:`classify_lines` says which and why.
- **Never above the decision**: the determined amount of a year is the smaller of (8) and the year's
  交付決定額, with a note when the decision is what limits it; the total is the sum of the years. The
  determined amount is therefore never above the decided one, whatever the actual costs.

Amounts are ``int`` yen, dates ``date``; no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from junkan.jp.dates import fiscal_year_label
from junkan.jp.money import MAX_YEN
from junkan.programs.engine.subsidy import (
    AmountInputError,
    AmountRule,
    CostInputs,
    Estimate,
    InputProblem,
    Step,
    estimate,
    rate_label,
)

__all__ = [
    "AmountInputError",
    "CostLineInput",
    "Determination",
    "InputProblem",
    "LineCheck",
    "YearDetermination",
    "YearFigures",
    "classify_lines",
    "determine",
    "figures_from_lines",
]

REASON_NO_DECISION: Final = "no_decision"
REASON_ORDERED_BEFORE: Final = "ordered_before_decision"
REASON_PAID_BEFORE: Final = "paid_before_decision"

CAPPED_NOTE: Final = "(8)補助金所要額が交付決定額を超えるため、交付決定額を確定額とします。"


@dataclass(frozen=True)
class CostLineInput:
    """One actual cost: its key (the row id), year, amount, payment day and its contract's order day."""

    key: str
    fiscal_year: int
    amount: int
    paid_on: date
    ordered_on: date | None = None


@dataclass(frozen=True)
class LineCheck:
    """Whether a cost line counts in (4), and when it does not, a reason code and a Japanese reason."""

    line: CostLineInput
    eligible: bool
    code: str = ""
    reason: str = ""


@dataclass(frozen=True)
class YearFigures:
    """The actual figures of one fiscal year and the year's 交付決定額."""

    fiscal_year: int
    decided: int
    total_cost: int
    other_income: int = 0
    eligible_cost: int = 0
    consumption_tax_equivalent: int | None = None
    base_amount: int | None = None


@dataclass(frozen=True)
class YearDetermination:
    """One year's determination: the figures, the engine's estimate, the determined amount and the working."""

    figures: YearFigures
    estimate: Estimate
    determined: int
    capped_by_decision: bool
    note: str
    rows: tuple[Step, ...]

    @property
    def fiscal_year(self) -> int:
        """The fiscal year."""
        return self.figures.fiscal_year

    @property
    def decided(self) -> int:
        """The year's 交付決定額."""
        return self.figures.decided


@dataclass(frozen=True)
class Determination:
    """Every year's determination and the totals."""

    rule: AmountRule
    years: tuple[YearDetermination, ...]
    decided_total: int
    estimate_total: int
    determined_total: int

    @property
    def capped_by_decision(self) -> bool:
        """Whether the decision limits the amount in any year."""
        return any(year.capped_by_decision for year in self.years)

    def as_dict(self) -> dict[str, Any]:
        """The result as plain JSON values (stored with the project as ``determination_working``)."""
        return {
            "rule": {
                "rate": f"{self.rule.rate.numerator}/{self.rule.rate.denominator}",
                "rate_label": rate_label(self.rule.rate),
                "cap": self.rule.cap,
                "base_amount": self.rule.base_amount,
            },
            "years": [_year_dict(year) for year in self.years],
            "decided_total": self.decided_total,
            "estimate_total": self.estimate_total,
            "determined_total": self.determined_total,
            "capped_by_decision": self.capped_by_decision,
        }


def _year_dict(year: YearDetermination) -> dict[str, Any]:
    """One year as plain JSON values, its working rows in order."""
    return {
        "fiscal_year": year.fiscal_year,
        "fiscal_year_label": fiscal_year_label(year.fiscal_year),
        "decided": year.decided,
        "estimate": year.estimate.subsidy,
        "determined": year.determined,
        "capped_by_decision": year.capped_by_decision,
        "note": year.note,
        "rows": [
            {"key": s.key, "number": s.number, "label": s.label, "value": s.value, "note": s.note}
            for s in year.rows
        ],
    }


def classify_lines(
    lines: Iterable[CostLineInput], decided_on: date, fiscal_years: Iterable[int]
) -> tuple[LineCheck, ...]:
    """Each cost line with whether it is eligible: not before the decision, in a year with a decision."""
    years = frozenset(fiscal_years)
    checks: list[LineCheck] = []
    for line in lines:
        if line.fiscal_year not in years:
            checks.append(
                LineCheck(
                    line,
                    False,
                    REASON_NO_DECISION,
                    f"交付決定のない年度（{fiscal_year_label(line.fiscal_year)}）の経費です。",
                )
            )
        elif line.ordered_on is not None and line.ordered_on < decided_on:
            checks.append(
                LineCheck(
                    line,
                    False,
                    REASON_ORDERED_BEFORE,
                    f"交付決定日（{decided_on.isoformat()}）より前に発注（契約）された経費です"
                    f"（発注日 {line.ordered_on.isoformat()}）。",
                )
            )
        elif line.paid_on < decided_on:
            checks.append(
                LineCheck(
                    line,
                    False,
                    REASON_PAID_BEFORE,
                    f"交付決定日（{decided_on.isoformat()}）より前に支払われた経費です"
                    f"（支払日 {line.paid_on.isoformat()}）。",
                )
            )
        else:
            checks.append(LineCheck(line, True))
    return tuple(checks)


def figures_from_lines(
    checks: Iterable[LineCheck],
    decided: Mapping[int, int],
    *,
    other_income: Mapping[int, int] | None = None,
    consumption_tax_equivalent: Mapping[int, int | None] | None = None,
) -> tuple[YearFigures, ...]:
    """Each decided year's figures: (1) every line of the year, (4) its eligible lines, in year order."""
    checks = tuple(checks)
    income = other_income or {}
    tax = consumption_tax_equivalent or {}
    figures: list[YearFigures] = []
    for year in sorted(decided):
        of_year = [c for c in checks if c.line.fiscal_year == year]
        figures.append(
            YearFigures(
                fiscal_year=year,
                decided=decided[year],
                total_cost=sum(c.line.amount for c in of_year),
                other_income=income.get(year, 0),
                eligible_cost=sum(c.line.amount for c in of_year if c.eligible),
                consumption_tax_equivalent=tax.get(year),
            )
        )
    return tuple(figures)


def _decided_problem(figures: YearFigures) -> InputProblem | None:
    """A problem with the year's 交付決定額: not an int, negative or too large."""
    value = figures.decided
    field = f"{figures.fiscal_year}.decided"
    label = f"{fiscal_year_label(figures.fiscal_year)}：交付決定額"
    if isinstance(value, bool) or not isinstance(value, int):
        return InputProblem(field, "not_integer", f"{label}は円単位の整数で入力してください。")
    if value < 0:
        return InputProblem(field, "negative", f"{label}にマイナスの金額は入力できません。")
    if value >= MAX_YEN:
        return InputProblem(field, "too_large", f"{label}が大きすぎます。")
    return None


def _year(rule: AmountRule, figures: YearFigures) -> YearDetermination:
    """One year: the engine's estimate on the actual figures, then the smaller of (8) and the decision."""
    result = estimate(
        rule,
        CostInputs(
            total_cost=figures.total_cost,
            other_income=figures.other_income,
            eligible_cost=figures.eligible_cost,
            base_amount=figures.base_amount,
            consumption_tax_equivalent=figures.consumption_tax_equivalent,
        ),
    )
    capped = result.subsidy > figures.decided
    determined = min(result.subsidy, figures.decided)
    note = CAPPED_NOTE if capped else ""
    rows = (
        *result.steps,
        Step("decided", "", "交付決定額", figures.decided),
        Step("determined", "", "確定額（(8)と交付決定額を比較して少ない方の額）", determined, note),
    )
    return YearDetermination(figures, result, determined, capped, note, rows)


def determine(rule: AmountRule, years: Sequence[YearFigures]) -> Determination:
    """The determined amount of each year and in total; AmountInputError names the year and field at fault."""
    if not years:
        raise AmountInputError(
            (InputProblem("fiscal_years", "required", "交付決定のある年度の実績を入力してください。"),)
        )
    seen: set[int] = set()
    problems: list[InputProblem] = []
    results: list[YearDetermination] = []
    for figures in sorted(years, key=lambda y: y.fiscal_year):
        if figures.fiscal_year in seen:
            problems.append(
                InputProblem(
                    f"{figures.fiscal_year}",
                    "duplicate_year",
                    f"{fiscal_year_label(figures.fiscal_year)}の実績が重複しています。",
                )
            )
            continue
        seen.add(figures.fiscal_year)
        problem = _decided_problem(figures)
        if problem is not None:
            problems.append(problem)
            continue
        try:
            results.append(_year(rule, figures))
        except AmountInputError as error:
            problems.extend(
                InputProblem(
                    f"{figures.fiscal_year}.{p.field}",
                    p.code,
                    f"{fiscal_year_label(figures.fiscal_year)}：{p.message}",
                )
                for p in error.problems
            )
    if problems:
        raise AmountInputError(tuple(problems))
    return Determination(
        rule=rule,
        years=tuple(results),
        decided_total=sum(y.decided for y in results),
        estimate_total=sum(y.estimate.subsidy for y in results),
        determined_total=sum(y.determined for y in results),
    )

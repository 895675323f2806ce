"""様式3 (経費内訳書) as the applicant fills it: cost lines per fiscal year, and the subsidy engine's inputs.

Each line is 費目/細目, 積算内訳 (what), unit price × quantity = amount (消費税込み). Per fiscal year
the applicant gives (1) 総事業費 (all costs of the project, eligible or not), (2) 寄付金その他の収入,
the consumption tax included in the lines (「うち消費税及び地方消費税相当額」, 様式3 注2) and,
where known, the 消費税等相当額 to deduct.
(4) 補助対象経費支出予定額 is the sum of the lines. The (1)–(8) block is computed by
:mod:`junkan.programs.engine.subsidy`; this module only reads and checks what was typed. Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from junkan.jp.dates import fiscal_year_label
from junkan.jp.money import MAX_YEN
from junkan.programs.engine import subsidy
from junkan.programs.engine.eligibility import CostLine

STAFF_KINDS: Final[dict[str, str]] = {
    "": "",
    "local_government_staff": "地方公共団体の職員の旅費",
    "regular_staff": "常勤職員の人件費",
}


@dataclass(frozen=True)
class Line:
    category: str
    description: str
    unit_price: int
    quantity: int
    unit: str = ""
    staff: str = ""

    @property
    def amount(self) -> int:
        return self.unit_price * self.quantity

    def as_eligibility_line(self) -> CostLine:
        return CostLine(
            category=self.category,
            amount=self.amount,
            description=self.description,
            unit_price=self.unit_price,
            quantity=self.quantity,
            for_local_government_staff=self.staff == "local_government_staff",
            regular_staff=self.staff == "regular_staff",
        )


@dataclass(frozen=True)
class Year:
    fiscal_year: int
    total_cost: int
    other_income: int
    consumption_tax: int
    consumption_tax_equivalent: int | None
    lines: tuple[Line, ...]

    @property
    def eligible_cost(self) -> int:
        return sum(line.amount for line in self.lines)

    def inputs(self, base_amount: int | None) -> subsidy.CostInputs:
        return subsidy.CostInputs(
            total_cost=self.total_cost,
            other_income=self.other_income,
            eligible_cost=self.eligible_cost,
            base_amount=base_amount,
            consumption_tax_equivalent=self.consumption_tax_equivalent,
        )


@dataclass(frozen=True)
class Problem:
    """Something in 様式3 that keeps the application from being submitted; ``where`` names the year/line."""

    where: str
    message: str


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return None


def read(data: Mapping[str, Any]) -> tuple[tuple[Year, ...], tuple[Problem, ...]]:
    """The years of the stored 様式3 data, and what is missing or inconsistent, in Japanese."""
    years: list[Year] = []
    problems: list[Problem] = []
    raw_years: Sequence[Mapping[str, Any]] = data.get("years") or []
    if not raw_years:
        return (), (Problem("years", "経費内訳（年度ごとの経費）が入力されていません。"),)
    seen: set[int] = set()
    for raw in raw_years:
        fy = _int(raw.get("fiscal_year"))
        if fy is None:
            problems.append(Problem("years", "年度が入力されていない経費があります。"))
            continue
        label = fiscal_year_label(fy)
        if fy in seen:
            problems.append(Problem(f"{fy}", f"{label}の経費が重複しています。"))
            continue
        seen.add(fy)
        lines = []
        for index, raw_line in enumerate(raw.get("lines") or [], start=1):
            unit_price, quantity = _int(raw_line.get("unit_price")), _int(raw_line.get("quantity"))
            category, description = str(raw_line.get("category", "")), str(raw_line.get("description", ""))
            where = f"{fy}.lines.{index}"
            if not category:
                problems.append(Problem(where, f"{label}の{index}行目：費目・細目を選んでください。"))
            if not description.strip():
                problems.append(Problem(where, f"{label}の{index}行目：積算内訳を入力してください。"))
            if unit_price is None or quantity is None or unit_price < 0 or quantity <= 0:
                problems.append(Problem(where, f"{label}の{index}行目：単価と数量を入力してください。"))
                continue
            lines.append(
                Line(
                    category,
                    description,
                    unit_price,
                    quantity,
                    str(raw_line.get("unit", "")),
                    str(raw_line.get("staff", "")),
                )
            )
        if not lines:
            problems.append(Problem(f"{fy}", f"{label}：補助対象経費の内訳を1行以上入力してください。"))
        total = _int(raw.get("total_cost"))
        income = _int(raw.get("other_income")) or 0
        tax = _int(raw.get("consumption_tax")) or 0
        equivalent = _int(raw.get("consumption_tax_equivalent"))
        eligible = sum(line.amount for line in lines)
        if total is None:
            problems.append(Problem(f"{fy}.total_cost", f"{label}：(1)総事業費を入力してください。"))
            total = eligible
        elif total < eligible:
            problems.append(
                Problem(
                    f"{fy}.total_cost",
                    f"{label}：(1)総事業費（{total:,}円）が補助対象経費の合計（{eligible:,}円）より少なくなっています。",
                )
            )
        elif income > total:
            problems.append(
                Problem(f"{fy}.other_income", f"{label}：(2)寄付金その他の収入が(1)総事業費を超えています。")
            )
        # The subsidy engine takes amounts below MAX_YEN (1兆円) only.
        if eligible >= MAX_YEN or total >= MAX_YEN:
            problems.append(Problem(f"{fy}", f"{label}：金額が大きすぎます。"))
        if tax > eligible:
            problems.append(
                Problem(f"{fy}.consumption_tax", f"{label}：うち消費税額が補助対象経費の合計を超えています。")
            )
        if equivalent is not None and equivalent > eligible:
            problems.append(
                Problem(
                    f"{fy}.consumption_tax_equivalent",
                    f"{label}：減額する消費税等相当額が補助対象経費の合計を超えています。",
                )
            )
        years.append(Year(fy, total, income, tax, equivalent, tuple(lines)))
    return tuple(sorted(years, key=lambda y: y.fiscal_year)), tuple(problems)


def estimate(years: Sequence[Year], rule: subsidy.AmountRule) -> subsidy.MultiYearEstimate | None:
    """The subsidy per year through the engine, or None when the figures cannot be computed yet."""
    if not years:
        return None
    try:
        return subsidy.estimate_fiscal_years(rule, {y.fiscal_year: y.inputs(rule.base_amount) for y in years})
    except subsidy.AmountInputError:
        return None


def eligibility_lines(years: Sequence[Year]) -> tuple[CostLine, ...]:
    return tuple(line.as_eligibility_line() for year in years for line in year.lines)

"""Industry structure: value added by industry, 特化係数, net exports and labour productivity.

- 特化係数 = the region's share of an industry ÷ the national share (富山県 統計, 産業連関表の解説);
  above 1 the region is specialised in it. 修正特化係数 (RESAS) is not computed: its formula is unverified.
- Net exports per industry = 移輸出 − 移輸入.
- 労働生産性 = 付加価値額 ÷ 従業者数 (unverified as the Ministry's exact definition; said on the page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from junkan.economy.engine.problems import EconomyInputError, InputProblem


@dataclass(frozen=True)
class IndustryRow:
    """One industry of the region, with the national figure to compare."""

    name: str
    value_added: Decimal
    national_value_added: Decimal | None = None
    exports: Decimal | None = None
    imports: Decimal | None = None
    employees: Decimal | None = None


@dataclass(frozen=True)
class IndustryFigures:
    """One industry's computed indicators (None where the input was not given)."""

    name: str
    value_added: Decimal
    share: Decimal
    specialization: Decimal | None
    net_exports: Decimal | None
    productivity: Decimal | None


def structure(rows: Sequence[IndustryRow]) -> list[IndustryFigures]:
    """The indicators of every industry; raises EconomyInputError on negative or empty totals."""
    problems: list[InputProblem] = []
    for index, row in enumerate(rows):
        if row.value_added < 0:
            problems.append(
                InputProblem(
                    f"industries[{index}].value_added",
                    "negative",
                    f"{index + 1}行目（{row.name}）の付加価値額は0以上の値を指定してください。",
                )
            )
        if row.employees is not None and row.employees < 0:
            problems.append(
                InputProblem(
                    f"industries[{index}].employees",
                    "negative",
                    f"{index + 1}行目（{row.name}）の従業者数は0以上の値を指定してください。",
                )
            )
    total = sum((row.value_added for row in rows), Decimal(0))
    if not problems and total <= 0:
        problems.append(
            InputProblem(
                "industries", "empty", "付加価値額の合計が0です。産業別の付加価値額を入力してください。"
            )
        )
    if problems:
        raise EconomyInputError(problems)
    national_total = sum((row.national_value_added or Decimal(0) for row in rows), Decimal(0))
    result = []
    for row in rows:
        share = row.value_added / total
        specialization = None
        if row.national_value_added and national_total > 0:
            specialization = share / (row.national_value_added / national_total)
        net = None
        if row.exports is not None and row.imports is not None:
            net = row.exports - row.imports
        productivity = None
        if row.employees:
            productivity = row.value_added / row.employees
        result.append(IndustryFigures(row.name, row.value_added, share, specialization, net, productivity))
    return result

"""The three sides of a region's economy (生産・分配・支出), 地域経済循環率 and energy payments.

Definitions (``/work/shared/data/economy_method.md``, from the Ministry's 地域経済循環分析 and RESAS):

- 地域経済循環率 = 生産（付加価値額） ÷ 分配（所得） × 100, shown to 0.1% as published
  (熊谷市 2013: 8,948億円 ÷ 7,316億円 = 122.3%).
- 分配 = 生産 + net inflow of 雇用者所得 + net inflow of その他所得 (identity seen in published diagrams);
  the gap ``分配 − (生産 + inflows)`` is reported, never forced to zero.
- 支出: 民間消費額・民間投資額・その他支出, each with its net outflow; 分配 − the three net outflows ≈ 生産,
  the gap reported likewise. ``expenditure_in_region`` = 分配 − the three net outflows.
- Energy payments: the net outflow (石炭・原油・天然ガス, 石油・石炭製品, 電気, ガス・熱供給) and its share of
  生産 (GRP). The Ministry's exact formula is unverified and changed from FY2023; the share here is simply
  net outflow ÷ 生産 × 100.

Money is in any one unit, used throughout (億円 or 百万円 in the published tools); exact Decimal arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from junkan.economy.engine.problems import EconomyInputError, InputProblem
from junkan.economy.engine.rounding import PERCENT_PLACES, rounded

# Larger than any region's economy in yen (日本のGDP is about 6×10^14 円).
MAX_AMOUNT: Final = Decimal("1e16")
MAX_POPULATION: Final = 200_000_000
# 生産 ÷ 分配 above this (1,000,000%) means the figures are in different units or mistyped.
MAX_RATIO: Final = Decimal(10_000)

ENERGY_CATEGORIES: Final = (
    ("coal_oil_gas", "石炭・原油・天然ガス"),
    ("petroleum_products", "石油・石炭製品"),
    ("electricity", "電気"),
    ("gas_heat", "ガス・熱供給"),
)

LABELS: Final = {
    "production": "生産（付加価値額）",
    "distribution": "分配（所得）",
    "income_inflows.employee": "雇用者所得の純流入",
    "income_inflows.other": "その他所得の純流入",
    "expenditure_outflows.consumption": "民間消費額の純流出",
    "expenditure_outflows.investment": "民間投資額の純流出",
    "expenditure_outflows.other": "その他支出の純流出",
    "energy_net_outflow": "エネルギー代金の純流出",
    "population": "人口",
}


@dataclass(frozen=True)
class IncomeInflows:
    """Net inflows of income from outside the region (negative: net outflow)."""

    employee: Decimal
    other: Decimal

    @property
    def total(self) -> Decimal:
        """Both kinds of income together."""
        return self.employee + self.other


@dataclass(frozen=True)
class ExpenditureOutflows:
    """Net outflows of spending to outside the region (negative: net inflow)."""

    consumption: Decimal
    investment: Decimal
    other: Decimal

    @property
    def total(self) -> Decimal:
        """The three outflows together."""
        return self.consumption + self.investment + self.other


@dataclass(frozen=True)
class CirculationInput:
    """A region's three sides in one money unit; everything but 生産 and 分配 is optional."""

    production: Decimal
    distribution: Decimal
    income_inflows: IncomeInflows | None = None
    expenditure_outflows: ExpenditureOutflows | None = None
    energy_net_outflow: Decimal | None = None
    population: int | None = None


@dataclass(frozen=True)
class Circulation:
    """What the three sides show; figures exact, ``*_pct`` rounded for display (0.1%)."""

    circulation_rate: Decimal
    circulation_rate_pct: Decimal
    expenditure_in_region: Decimal | None
    distribution_gap: Decimal | None
    expenditure_gap: Decimal | None
    energy_outflow_share: Decimal | None
    energy_outflow_share_pct: Decimal | None
    per_capita: dict[str, Decimal] | None


def field_label(field: str) -> str:
    """A field in Japanese with its JSON path: 人口（population）."""
    return f"{LABELS.get(field, field)}（{field}）"


def _check_amount(value: Decimal | None, field: str, problems: list[InputProblem], *, positive: bool) -> None:
    if value is None:
        return
    if not value.is_finite():
        problems.append(InputProblem(field, "not_finite", f"{field_label(field)}は数値で指定してください。"))
    elif abs(value) >= MAX_AMOUNT:
        problems.append(InputProblem(field, "too_large", f"{field_label(field)}が大きすぎます。"))
    elif positive and value <= 0:
        problems.append(
            InputProblem(field, "not_positive", f"{field_label(field)}は0より大きい値を指定してください。")
        )


def check(data: CirculationInput) -> list[InputProblem]:
    """Every problem with the input, in the order of the fields."""
    problems: list[InputProblem] = []
    _check_amount(data.production, "production", problems, positive=True)
    _check_amount(data.distribution, "distribution", problems, positive=True)
    if data.income_inflows is not None:
        _check_amount(data.income_inflows.employee, "income_inflows.employee", problems, positive=False)
        _check_amount(data.income_inflows.other, "income_inflows.other", problems, positive=False)
    if data.expenditure_outflows is not None:
        for name in ("consumption", "investment", "other"):
            value = getattr(data.expenditure_outflows, name)
            _check_amount(value, f"expenditure_outflows.{name}", problems, positive=False)
    _check_amount(data.energy_net_outflow, "energy_net_outflow", problems, positive=False)
    if not problems and data.production / data.distribution > MAX_RATIO:
        problems.append(
            InputProblem(
                "distribution",
                "too_small",
                f"{field_label('distribution')}が生産に比べて小さすぎます。同じ単位で入力されているか確かめてください。",
            )
        )
    if (
        not problems
        and data.energy_net_outflow is not None
        and abs(data.energy_net_outflow) / data.production > MAX_RATIO
    ):
        problems.append(
            InputProblem(
                "energy_net_outflow",
                "too_large",
                f"{field_label('energy_net_outflow')}が生産に比べて大きすぎます。同じ単位で入力されているか確かめてください。",
            )
        )
    if data.population is not None and not 1 <= data.population <= MAX_POPULATION:
        problems.append(
            InputProblem(
                "population",
                "out_of_range",
                f"{field_label('population')}は1人以上2億人以下で指定してください。",
            )
        )
    return problems


def circulation_rate(production: Decimal, distribution: Decimal) -> Decimal:
    """地域経済循環率 in percent, exact (生産 ÷ 分配 × 100)."""
    return production / distribution * 100


def compute(data: CirculationInput) -> Circulation:
    """The rate, the consistency gaps, energy share and per-capita figures; raises EconomyInputError."""
    problems = check(data)
    if problems:
        raise EconomyInputError(problems)
    rate = circulation_rate(data.production, data.distribution)
    distribution_gap = None
    if data.income_inflows is not None:
        distribution_gap = data.distribution - (data.production + data.income_inflows.total)
    in_region = expenditure_gap = None
    if data.expenditure_outflows is not None:
        in_region = data.distribution - data.expenditure_outflows.total
        expenditure_gap = in_region - data.production
    share = share_pct = None
    if data.energy_net_outflow is not None:
        share = data.energy_net_outflow / data.production * 100
        share_pct = rounded(share, PERCENT_PLACES)
    per_capita = None
    if data.population is not None:
        people = Decimal(data.population)
        per_capita = {
            "production": data.production / people,
            "distribution": data.distribution / people,
        }
        if data.energy_net_outflow is not None:
            per_capita["energy_net_outflow"] = data.energy_net_outflow / people
    return Circulation(
        circulation_rate=rate,
        circulation_rate_pct=rounded(rate, PERCENT_PLACES),
        expenditure_in_region=in_region,
        distribution_gap=distribution_gap,
        expenditure_gap=expenditure_gap,
        energy_outflow_share=share,
        energy_outflow_share_pct=share_pct,
        per_capita=per_capita,
    )


def energy_net_outflow(purchases: dict[str, Decimal], sales: dict[str, Decimal]) -> Decimal:
    """Net outflow over the four categories: what the region buys from outside minus what it sells."""
    keys = [key for key, _ in ENERGY_CATEGORIES]
    return sum((purchases.get(k, Decimal(0)) - sales.get(k, Decimal(0)) for k in keys), Decimal(0))

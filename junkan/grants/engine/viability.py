"""Business viability figures of a report (seed 003 §9(2)(3)（ウ）「事業採算性又は光熱費等削減の評価」).

The FS調査書 and the 事業化計画書 evaluate either the business's profitability (事業採算性) or the savings in
utility costs (光熱費等削減); seed 002's completion reports of types ①② evaluate the business (d. 事業性評価).
The report keeps the figures as numbers, in yen:

- ``investment``: the initial investment (設備導入費等), once;
- ``revenue`` and ``running_cost``: yearly income (売電・販売等) and yearly costs (運転・維持管理費等);
- ``savings``: the utility costs saved per year (光熱費等削減額);
- ``years``: the period the evaluation looks at (評価期間、年).

Derived (:func:`evaluate`): the **yearly balance** = revenue + savings − running cost (a figure not given
counts as zero, once any of the three is given); the **payback period** = investment ÷ yearly balance, in
years rounded up to one decimal (never optimistic), only when the balance is positive; the **balance over
the period** =
yearly balance × years − investment. Which reports show the block and when it is required follows the
report's own content items (:func:`block_of`). Money is ``int`` yen, never floats; no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal
from typing import Final

TENTH: Final = Decimal("0.1")

# The words of a content item that asks for the evaluation, and of the one that asks for it in figures.
ITEM_WORDS: Final = ("事業採算性", "事業性評価", "光熱費")
REQUIRED_WORDS: Final = ("事業採算性又は光熱費",)

# Problem codes (the service shows a translated message per code; ``message`` is the Japanese default).
FIGURES_MISSING: Final = "viability_missing"
YEARLY_MISSING: Final = "viability_yearly_missing"


@dataclass(frozen=True)
class Figures:
    """The figures as entered, in yen (revenue, running cost and savings per year); None when not given."""

    investment: int | None = None
    revenue: int | None = None
    running_cost: int | None = None
    savings: int | None = None
    years: int | None = None

    @property
    def is_empty(self) -> bool:
        """Nothing entered."""
        return all(v is None for v in (self.investment, self.revenue, self.running_cost, self.savings))


@dataclass(frozen=True)
class Evaluation:
    """What the figures give: the yearly balance, the payback period and the balance over the period."""

    yearly_balance: int | None
    payback_years: Decimal | None
    period_balance: int | None
    recovers: bool | None


@dataclass(frozen=True)
class Problem:
    """What is missing: the field it belongs to, a code and a Japanese message."""

    field: str
    code: str
    message: str


@dataclass(frozen=True)
class Block:
    """Whether a report shows the viability figures, and whether it needs them to be handed in."""

    shown: bool
    required: bool


def block_of(contents: Sequence[str]) -> Block:
    """A report's block from its items: shown when one asks for the evaluation, required for （ウ）."""
    shown = any(word in text for text in contents for word in ITEM_WORDS)
    required = any(word in text for text in contents for word in REQUIRED_WORDS)
    return Block(shown or required, required)


def yearly_balance(figures: Figures) -> int | None:
    """Revenue + savings − running cost per year; None when none of the three is given."""
    parts = (figures.revenue, figures.savings, figures.running_cost)
    if all(v is None for v in parts):
        return None
    return (figures.revenue or 0) + (figures.savings or 0) - (figures.running_cost or 0)


def payback_years(investment: int | None, balance: int | None) -> Decimal | None:
    """Years to recover the investment from the yearly balance, rounded up to 0.1; None when it never is."""
    if investment is None or balance is None or balance <= 0:
        return None
    if investment == 0:
        return Decimal(0)
    return (Decimal(investment) / Decimal(balance)).quantize(TENTH, rounding=ROUND_UP)


def evaluate(figures: Figures) -> Evaluation:
    """The derived figures of the evaluation."""
    balance = yearly_balance(figures)
    payback = payback_years(figures.investment, balance)
    period = None
    recovers = None
    if figures.years and balance is not None:
        period = balance * figures.years - (figures.investment or 0)
        recovers = period >= 0
    return Evaluation(balance, payback, period, recovers)


def problems(figures: Figures, block: Block) -> list[Problem]:
    """What keeps the figures incomplete: for （ウ） profit or savings; yearly figures for an investment."""
    found: list[Problem] = []
    if (
        block.required
        and figures.revenue is None
        and figures.running_cost is None
        and figures.savings is None
    ):
        found.append(
            Problem(
                "viability",
                FIGURES_MISSING,
                "事業採算性（年間の収入・支出）又は光熱費等削減額を入力してください。",
            )
        )
    elif figures.investment and yearly_balance(figures) is None:
        found.append(
            Problem(
                "annual_revenue",
                YEARLY_MISSING,
                "初期投資額を入力した場合は、年間の収入・支出又は光熱費等削減額も入力してください。",
            )
        )
    return found

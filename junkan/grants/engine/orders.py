"""Contracts and orders (契約・発注) against the grant decision, and the diff of two plan versions.

Seed 002 「補助事業の開始日等」: the project starts after the grant decision, and a contract or order must be
dated on or after the decision date (「交付決定日以降（交付決定日を含む。）」): an order of the decision day
itself is fine, one of the day before is not eligible. The counterparty is chosen by a competitive
procedure unless that is markedly difficult or unsuitable, so a non-competitive contract needs its reason.

An order is *eligible* when it carries no flag; every flagged amount is shown apart from the eligible total.

The plan diff flattens a plan's sections (section key → field key → value, with lists of rows such as
the cost lines of 様式3) to dotted paths and compares them with :mod:`junkan.common.engine.diff`,
the same comparison that shows what changed between two submissions of an application. Paths carry
keys only (no labels): the page that shows a change names the fields. Pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from junkan.common.engine.diff import Change, changes
from junkan.jp.dates import require_date

COMPETITIVE: Final = "competitive"
NON_COMPETITIVE: Final = "non_competitive"
METHODS: Final = frozenset({COMPETITIVE, NON_COMPETITIVE})

BEFORE_DECISION: Final = "before_decision"
NO_DECISION_YET: Final = "no_decision_yet"
NON_COMPETITIVE_WITHOUT_REASON: Final = "non_competitive_without_reason"
# The flags in the order a page lists them.
FLAG_CODES: Final[tuple[str, ...]] = (BEFORE_DECISION, NO_DECISION_YET, NON_COMPETITIVE_WITHOUT_REASON)

__all__ = ["Change", "Flags", "Order", "Totals", "check", "flatten", "merged", "plan_diff", "totals"]


@dataclass(frozen=True)
class Order:
    """One contract or order: its date, amount in yen (tax included), procurement method and reason."""

    ordered_on: date
    amount: int
    method: str
    reason: str = ""

    def __post_init__(self) -> None:
        """Refuse what no contract can be: a non-date, a non-int or negative amount, an unknown method."""
        require_date(self.ordered_on)
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise TypeError(f"amount must be int yen, got {type(self.amount).__name__}")
        if self.amount < 0:
            raise ValueError(f"amount must not be negative, got {self.amount}")
        if self.method not in METHODS:
            raise ValueError(f"unknown procurement method {self.method!r}")


@dataclass(frozen=True)
class Flags:
    """What is wrong with an order; an order with no flag is eligible."""

    before_decision: bool = False
    no_decision_yet: bool = False
    non_competitive_without_reason: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the flags that are set, in FLAG_CODES order."""
        return tuple(code for code in FLAG_CODES if getattr(self, code))

    @property
    def ineligible(self) -> bool:
        """Not eligible for the subsidy: ordered before the decision, or while there is none."""
        return self.before_decision or self.no_decision_yet

    @property
    def eligible(self) -> bool:
        """No flag at all."""
        return not self.codes


@dataclass(frozen=True)
class Totals:
    """The sum of eligible and flagged amounts of a project's orders, and how many were flagged."""

    eligible: int
    flagged: int
    flagged_count: int

    @property
    def total(self) -> int:
        """Every order's amount."""
        return self.eligible + self.flagged


def check(decided_on: date | None, order: Order) -> Flags:
    """The flags of ``order`` under a grant decision of ``decided_on`` (None: no decision yet)."""
    if decided_on is not None:
        require_date(decided_on)
    return Flags(
        before_decision=decided_on is not None and order.ordered_on < decided_on,
        no_decision_yet=decided_on is None,
        non_competitive_without_reason=order.method == NON_COMPETITIVE and not order.reason.strip(),
    )


def totals(decided_on: date | None, orders: Iterable[Order]) -> Totals:
    """Eligible and flagged sums of ``orders`` under a decision of ``decided_on``."""
    eligible = flagged = count = 0
    for order in orders:
        if check(decided_on, order).eligible:
            eligible += order.amount
        else:
            flagged += order.amount
            count += 1
    return Totals(eligible, flagged, count)


def _segment(index: int, item: Any) -> str:
    """A list item's path segment: its fiscal year when it is a year's row, else its 1-based position."""
    if isinstance(item, Mapping):
        year = item.get("fiscal_year")
        if isinstance(year, int) and not isinstance(year, bool):
            return f"fy{year}"
    return str(index)


def _walk(prefix: str, value: Any, rows: list[dict[str, Any]]) -> None:
    """Append one row per leaf of ``value`` below ``prefix``."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            _walk(f"{prefix}.{key}" if prefix else str(key), item, rows)
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes):
        for index, item in enumerate(value, start=1):
            _walk(f"{prefix}.{_segment(index, item)}", item, rows)
    else:
        rows.append({"path": prefix, "label": "", "value": value})


def flatten(sections: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The plan's leaves as diff rows ``{"path", "label": "", "value"}`` in the order of the sections."""
    rows: list[dict[str, Any]] = []
    _walk("", sections, rows)
    return rows


def plan_diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """What changed from ``before`` to ``after``: added, removed and changed leaves with their texts."""
    return changes(flatten(before), flatten(after))


def merged(base: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """The plan ``base`` updated by ``after`` field by field in each section (lists are replaced whole)."""
    result = dict(base)
    for key, section in after.items():
        old = base.get(key)
        if isinstance(old, Mapping) and isinstance(section, Mapping):
            result[key] = {**old, **section}
        else:
            result[key] = section
    return result

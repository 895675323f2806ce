"""The consortium stage's years (seed 000 ①: 「支援期間は原則1年。最長2年」).

A case covers one fiscal year. A region's first case is new; a continuing case is its second and last year,
and continues the case of the fiscal year just before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

MAX_CONSORTIUM_YEARS: Final = 2


class CaseKind(StrEnum):
    """新規 or 継続."""

    NEW = "new"
    CONTINUING = "continuing"


@dataclass(frozen=True)
class PastCase:
    """A case the region already had: its fiscal year and whether it was selected (supported)."""

    fiscal_year: int
    selected: bool


def kind_problem(kind: CaseKind, fiscal_year: int, past: Iterable[PastCase]) -> str | None:
    """Why a region cannot have a case of ``kind`` in ``fiscal_year`` given its past cases, or None."""
    supported = sorted({c.fiscal_year for c in past if c.selected})
    if len(supported) >= MAX_CONSORTIUM_YEARS:
        return (
            f"環境整備の支援は最長{MAX_CONSORTIUM_YEARS}年です。"
            f"この地域は既に{len(supported)}年度の支援を受けています。"
        )
    if kind is CaseKind.NEW:
        if supported:
            return "この地域は既に支援を受けています。2年目は「継続」として応募してください。"
        return None
    if not supported:
        return "継続として応募できるのは、前年度に支援を受けた地域です。"
    if supported[-1] != fiscal_year - 1:
        return "継続は前年度からの2年目に限ります（前年度に支援を受けていません）。"
    return None


def can_continue(kind: CaseKind) -> bool:
    """Whether a case of this kind may be followed by a continuing year (only a new case)."""
    return kind is CaseKind.NEW

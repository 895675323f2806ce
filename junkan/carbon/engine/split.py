"""Direct and indirect CO2 reductions reported separately (seed 002 4.(3)① ※), and their total.

「※形成される事業モデルによって直接的な削減効果と間接的な削減効果を分離して試算可能な場合は、分離して記載して
ください。」 How this module reads it:

- The split is optional (「分離して試算可能な場合は」): neither part given is no split.
- A split has both parts: one given without the other is a problem (a part may be zero).
- The parts add up to the total reduction: with a total given (a saved calculation's figure or the figure
  entered), ``direct + indirect`` must equal it exactly; without one, the total is the sum (:func:`total`).

Figures are ``Decimal`` t-CO2 per year with at most three decimals, never negative, never floats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

ZERO: Final = Decimal(0)

# Problem codes; ``message`` is the Japanese default.
PART_MISSING: Final = "split_part_missing"
SUM_MISMATCH: Final = "split_sum_mismatch"
NEGATIVE: Final = "split_negative"


@dataclass(frozen=True)
class SplitProblem:
    """What is wrong with a split: the part it belongs to (``direct``/``indirect``), a code and a message."""

    part: str
    code: str
    message: str
    params: Mapping[str, str] = field(default_factory=dict)


def _text(value: Decimal) -> str:
    """A figure as the forms show it: thousands separators, no trailing zeros beyond the integer."""
    normal = value.normalize()
    if normal == normal.to_integral():
        return f"{int(normal):,}"
    return f"{normal:,f}"


def is_split(direct: Decimal | None, indirect: Decimal | None) -> bool:
    """Whether a split was entered at all (either part given)."""
    return direct is not None or indirect is not None


def total(direct: Decimal | None, indirect: Decimal | None) -> Decimal | None:
    """The total of a complete split (``direct + indirect``), or None when a part is missing."""
    if direct is None or indirect is None:
        return None
    return direct + indirect


def check(
    total_t_co2: Decimal | None, direct: Decimal | None, indirect: Decimal | None
) -> list[SplitProblem]:
    """Every problem of a split against the total reduction (none when no split was entered)."""
    problems: list[SplitProblem] = []
    for part, value, label in (
        ("direct", direct, "直接的な削減効果"),
        ("indirect", indirect, "間接的な削減効果"),
    ):
        if value is not None and value < ZERO:
            problems.append(SplitProblem(part, NEGATIVE, f"{label}は0以上の数値で入力してください。"))
    if not is_split(direct, indirect) or problems:
        return problems
    if direct is None or indirect is None:
        missing = "direct" if direct is None else "indirect"
        label = "直接的な削減効果" if direct is None else "間接的な削減効果"
        return [
            SplitProblem(
                missing,
                PART_MISSING,
                f"分離して記載する場合は、{label}も入力してください（ない場合は0）。",
            )
        ]
    summed = direct + indirect
    if total_t_co2 is not None and summed != total_t_co2:
        problems.append(
            SplitProblem(
                "indirect",
                SUM_MISMATCH,
                f"直接的な削減効果（{_text(direct)}）と間接的な削減効果（{_text(indirect)}）の合計"
                f"（{_text(summed)} t-CO2/年）が、CO2削減量（{_text(total_t_co2)} t-CO2/年）と一致しません。",
                {
                    "direct": _text(direct),
                    "indirect": _text(indirect),
                    "sum": _text(summed),
                    "total": _text(total_t_co2),
                },
            )
        )
    return problems

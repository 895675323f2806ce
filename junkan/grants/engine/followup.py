"""The CO2 part of the annual follow-up reports (事業報告書, seed 003 §9(4)イ(イ) and (5)イ(イ)).

「本報告の対象とする年度において、…設備のうち、導入前のものは事業化により見込まれる二酸化炭素の削減量を、
導入後のものは稼働した実績による二酸化炭素の削減量を、算定方法及び算定根拠と共に記入することとする。なお、
導入後の設備の二酸化炭素削減量を算定した場合は、当該年度の光熱水量のデータ等、算定根拠として使用した具体的
資料を添付することとする。」 and 「②…①の削減量が、実績報告書に記載した二酸化炭素削減量に達しなかった場合に、
その原因を分析し、その結果を詳細かつ具体的に記入することとする（…達した場合は、記入を要しない。）。」

How this module reads it:

- **① the year's reduction** is the expected reduction of the equipment not yet installed plus the actual
  reduction of the equipment installed (:func:`year_reduction`); a figure not given counts as zero.
- **The promise** is the reduction written in the completion report (実績報告書, kept on the project when
  that report is submitted). ① is **below the promise** when it is strictly smaller; reaching it exactly is
  reaching it. With no promise recorded there is nothing to fall short of.
- **② the cause analysis** is required exactly when ① is below the promise (:func:`cause_required`).
- **Utility data** (光熱水量のデータ等) must be attached when an actual reduction was computed, i.e. when
  the actual figure is greater than zero (:func:`utility_data_required`).

Figures are ``Decimal`` t-CO2 per year, never floats, never negative (a reduction, not an emission).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

ZERO: Final = Decimal(0)

# The words that mark the content item ② of an annual report (its answer is the report's cause analysis).
CAUSE_ITEM_MARKERS: Final = ("達しなかった場合の原因",)


def figure(value: Decimal | None, name: str = "value") -> Decimal:
    """A CO2 figure checked as a finite, non-negative Decimal; None is zero."""
    if value is None:
        return ZERO
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal or None, got {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"{name} must be finite, got {value}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def year_reduction(expected_t_co2: Decimal | None, actual_t_co2: Decimal | None) -> Decimal:
    """① the year's reduction: expected (equipment not yet installed) plus actual (installed equipment)."""
    return figure(expected_t_co2, "expected_t_co2") + figure(actual_t_co2, "actual_t_co2")


def below_promise(reduction: Decimal, promised: Decimal | None) -> bool:
    """Whether ``reduction`` is short of the completion report's reduction (never if none was promised)."""
    value = figure(reduction, "reduction")
    if promised is None:
        return False
    return value < figure(promised, "promised")


def shortfall(reduction: Decimal, promised: Decimal | None) -> Decimal:
    """How far ``reduction`` is below the promise (zero when it reaches it or nothing was promised)."""
    if not below_promise(reduction, promised):
        return ZERO
    return figure(promised, "promised") - figure(reduction, "reduction")


def cause_required(
    expected_t_co2: Decimal | None, actual_t_co2: Decimal | None, promised: Decimal | None
) -> bool:
    """Whether ② the cause analysis must be written: ① is below the completion report's reduction."""
    return below_promise(year_reduction(expected_t_co2, actual_t_co2), promised)


def utility_data_required(actual_t_co2: Decimal | None) -> bool:
    """Whether the year's utility data must be attached: an actual reduction above zero was computed."""
    return figure(actual_t_co2, "actual_t_co2") > 0


def is_cause_item(text: str) -> bool:
    """Whether a content item of a report is ② the cause analysis (answered by the cause analysis field)."""
    return any(marker in text for marker in CAUSE_ITEM_MARKERS)

"""KPIs of a business plan (seed 000 ②: 「KPIを活用したPDCAを徹底」) and their achievement rates.

A KPI has a baseline and, per fiscal year, a target and an actual (Decimal). The achievement rate is the
share of the planned change achieved: (actual − baseline) / (target − baseline) × 100, so a KPI that should
go down (CO2 t/年) works like one that should go up; it is rounded half up to one decimal place. A target
equal to the baseline has no rate (None): the plan only means to hold the level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

ONE_PLACE: Final = Decimal("0.1")


class Area(StrEnum):
    """環境・経済・社会."""

    ENVIRONMENT = "environment"
    ECONOMY = "economy"
    SOCIETY = "society"


AREA_LABELS: Final[dict[Area, str]] = {Area.ENVIRONMENT: "環境", Area.ECONOMY: "経済", Area.SOCIETY: "社会"}


def achievement_rate(baseline: Decimal, target: Decimal, actual: Decimal) -> Decimal | None:
    """The share of the planned change achieved, in percent to 0.1; None when target equals baseline."""
    planned = target - baseline
    if planned == 0:
        return None
    rate = (actual - baseline) / planned * 100
    return rate.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class YearPoint:
    """One fiscal year of a KPI: its target, actual and achievement rate (each may be missing)."""

    fiscal_year: int
    target: Decimal | None
    actual: Decimal | None
    rate: Decimal | None


@dataclass(frozen=True)
class Progress:
    """A KPI's baseline and its years in order."""

    baseline: Decimal
    targets: Mapping[int, Decimal] = field(default_factory=dict)
    actuals: Mapping[int, Decimal] = field(default_factory=dict)

    def years(self) -> list[YearPoint]:
        """Every year with a target or an actual, oldest first, with the rate where both are known."""
        points = []
        for year in sorted(set(self.targets) | set(self.actuals)):
            target = self.targets.get(year)
            actual = self.actuals.get(year)
            rate = (
                achievement_rate(self.baseline, target, actual)
                if target is not None and actual is not None
                else None
            )
            points.append(YearPoint(year, target, actual, rate))
        return points

    def latest(self) -> YearPoint | None:
        """The latest year that has an actual, or None."""
        with_actual = [p for p in self.years() if p.actual is not None]
        return with_actual[-1] if with_actual else None

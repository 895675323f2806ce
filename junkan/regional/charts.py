"""A KPI's targets and actuals as a small server-rendered SVG line chart (the numbers: a table beside it).

Drawn here until a shared chart helper exists in junkan.common; only coordinates are computed, the template
draws them with presentation attributes (no inline style, for the Content-Security-Policy).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

WIDTH = 480
HEIGHT = 200
LEFT = 56
RIGHT = 16
TOP = 16
BOTTOM = 32


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: Decimal


def _scale(values: list[Decimal]) -> tuple[Decimal, Decimal]:
    """A range a tenth wider than the values on each side, never below zero when no value is negative."""
    low, high = min(values), max(values)
    pad = (high - low) / 10 if low != high else abs(low) / 10 or Decimal(1)
    bottom = low - pad
    if low >= 0 > bottom:
        bottom = Decimal(0)
    return bottom, high + pad


def kpi_chart(row: Any) -> dict[str, Any] | None:
    """Coordinates of the baseline, targets and actuals over the years; None when there is nothing to draw."""
    years = row.years
    if not years:
        return None
    baseline_year = int(row.kpi.baseline_year)
    all_years = sorted({baseline_year, *(p.fiscal_year for p in years)})
    values = [row.kpi.baseline, *(p.target for p in years if p.target is not None)]
    values += [p.actual for p in years if p.actual is not None]
    low, high = _scale(values)
    span_x = max(len(all_years) - 1, 1)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return round(LEFT + plot_w * all_years.index(year) / span_x, 1)

    def y(value: Decimal) -> float:
        return round(float(TOP + plot_h * (high - value) / (high - low)), 1)

    start = Point(x(baseline_year), y(row.kpi.baseline), str(baseline_year), row.kpi.baseline)
    targets = [start] + [
        Point(x(p.fiscal_year), y(p.target), str(p.fiscal_year), p.target)
        for p in years
        if p.target is not None
    ]
    actuals = [start] + [
        Point(x(p.fiscal_year), y(p.actual), str(p.fiscal_year), p.actual)
        for p in years
        if p.actual is not None
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "bottom": HEIGHT - BOTTOM,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "targets": " ".join(f"{p.x},{p.y}" for p in targets),
        "actuals": " ".join(f"{p.x},{p.y}" for p in actuals) if len(actuals) > 1 else "",
        "actual_points": actuals[1:],
        "target_points": targets[1:],
        "years": [{"x": x(year), "label": str(year)} for year in all_years],
        "high": high.normalize(),
        "low": low.normalize(),
        "label_y": HEIGHT - 10,
    }

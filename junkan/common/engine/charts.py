"""Geometry of the simple charts the templates draw as SVG: bars scaled to a nice maximum, with grid ticks.

The same numbers are always shown as a table beside the chart; this module only says where bars end and where
the grid lines go, in SVG user units, so that the template (``{% bar_chart %}`` in ``junkan.common``) stays
free of arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

Number = int | Decimal


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, value, and its extent along the value axis (0 … ``length``) in user units."""

    label: str
    value: Number
    length: float
    offset: float  # position along the other axis (top of a row, left of a column)


@dataclass(frozen=True, slots=True)
class Tick:
    """A grid line at ``value``, drawn at ``position`` along the value axis."""

    value: Number
    position: float


@dataclass(frozen=True, slots=True)
class Chart:
    """Bars and ticks laid out for an axis of ``extent`` units; ``maximum`` is the axis's top value."""

    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    maximum: Number
    extent: float
    band: float  # width of one bar's band along the other axis


def nice_maximum(value: Number) -> int:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ (n ≥ 0) at or above ``value``; 1 for 0 or less."""
    if value <= 0:
        return 1
    exponent = max(0, math.floor(math.log10(float(value))))
    base = 10**exponent
    for step in (1, 2, 2.5, 5, 10):
        candidate = int(step * base) if step * base == int(step * base) else math.ceil(step * base)
        if candidate >= value:
            return candidate
    return 10 * base  # pragma: no cover  (10 × base is always ≥ value)


def ticks(maximum: int, count: int = 4) -> list[int]:
    """Evenly spaced whole grid values from 0 to ``maximum`` (fewer when the maximum is small)."""
    if maximum <= 0:
        return [0]
    steps = min(count, maximum)
    step = maximum / steps
    values = sorted({round(step * i) for i in range(steps + 1)})
    return values


def layout(
    rows: Sequence[tuple[str, Number]], *, extent: float, band: float = 28.0, minimum: float = 0.0
) -> Chart:
    """Bars for ``(label, value)`` rows on an axis ``extent`` units long; negative values are drawn as 0.

    A positive value is drawn at least ``minimum`` long so that it is visible next to a zero.
    """
    if extent <= 0:
        raise ValueError("extent must be positive")
    top = nice_maximum(max((value for _, value in rows), default=0))
    bars = []
    for index, (label, value) in enumerate(rows):
        length = extent * float(max(value, 0)) / top
        if value > 0:
            length = max(length, minimum)
        bars.append(Bar(label=label, value=value, length=round(length, 1), offset=round(index * band, 1)))
    grid = tuple(Tick(value=v, position=round(extent * v / top, 1)) for v in ticks(top))
    return Chart(bars=tuple(bars), ticks=grid, maximum=top, extent=extent, band=band)

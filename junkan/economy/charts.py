"""Server-rendered SVG charts: geometry computed here, drawn by ``economy/_chart.html``.

Every chart is a figure with a title and a description, and every page shows the same numbers in a
table beside it (screen readers read the table). Colours come from CSS classes (no inline styles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from junkan.economy.engine.rounding import shown

Number = float | Decimal | int


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    css: str = ""


@dataclass
class Chart:
    """An SVG's view box, shapes and labels; ``title`` and ``description`` name it for screen readers."""

    key: str
    title: str
    description: str
    width: int
    height: int
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)


def with_unit(text: str, unit: str) -> str:
    """A figure and its unit: 3,200億円, but 3,200 million yen (a space before a unit in letters)."""
    return f"{text} {unit}" if unit[:1].isascii() else f"{text}{unit}"


def _signed(value: Number, places: int) -> str:
    text = shown(value, places)
    return text if text.startswith("-") or Decimal(str(value)) == 0 else f"+{text}"


def three_sides(
    *,
    production: Number,
    distribution: Number,
    income: Sequence[tuple[str, Number]],
    outflows: Sequence[tuple[str, Number]],
    in_region: Number | None,
    unit: str,
) -> Chart:
    """生産 → 分配 → 支出 as bars to one scale, with the income inflows and spending outflows between."""
    base, top = 300.0, 56.0
    values = [float(production), float(distribution), *(abs(float(v)) for _, v in income)]
    values += [abs(float(v)) for _, v in outflows]
    if in_region is not None:
        values.append(float(in_region))
    scale = (base - top) / max(max(values), 1e-12)
    chart = Chart(
        key="three-sides",
        title=_("地域経済循環図（生産・分配・支出）"),
        description=(
            _("生産 %(production)s、分配 %(distribution)s")
            % {
                "production": with_unit(shown(production, 0), unit),
                "distribution": with_unit(shown(distribution, 0), unit),
            }
            + (
                _("、地域内の支出 %(spent)s") % {"spent": with_unit(shown(in_region, 0), unit)}
                if in_region is not None
                else ""
            )
            + _("。所得の流入・支出の流出を同じ縮尺で示します。数値は下の表にあります。")
        ),
        width=760,
        height=370,
    )

    def column(x: float, label: str, value: Number | None, css: str) -> None:
        chart.texts.append(Text(x + 65, 22, label, css="chart-heading"))
        if value is None:
            chart.texts.append(Text(x + 65, base - 10, _("内訳なし"), css="chart-note"))
            return
        height = max(float(value), 0) * scale
        chart.rects.append(Rect(x, base - height, 130, height, css))
        chart.texts.append(
            Text(x + 65, base - height - 6, with_unit(shown(value, 0), unit), css="chart-value")
        )

    def flows(x: float, items: Sequence[tuple[str, Number]], inward: str, outward: str) -> None:
        for index, (label, value) in enumerate(items):
            amount = float(value)
            height = abs(amount) * scale
            left = x + index * 40
            chart.rects.append(Rect(left, base - height, 28, height, inward if amount >= 0 else outward))
            chart.texts.append(Text(left + 14, base - height - 6, _signed(value, 0), css="chart-small"))
            # One line per flow under the axis, so that long labels never overlap.
            chart.texts.append(Text(left + 14, base + 16 + index * 14, label, css="chart-small"))

    column(20, _("生産（付加価値額）"), production, "bar-production")
    flows(170, income, "flow-in", "flow-out")
    column(290, _("分配（所得）"), distribution, "bar-distribution")
    flows(440, [(label, -float(v)) for label, v in outflows], "flow-in", "flow-out")
    column(580, _("支出（地域内）"), in_region, "bar-expenditure")
    chart.lines.append((10, base, 750, base))
    chart.texts.append(
        Text(
            10,
            362,
            _("所得：＋は地域外からの流入、支出：－は地域外への流出"),
            anchor="start",
            css="chart-note",
        )
    )
    return chart


def horizontal_bars(
    key: str, title: str, description: str, items: Sequence[tuple[str, Number]], unit: str, places: int = 0
) -> Chart:
    """One bar per item (negative values to the left of the zero line), the value written beside each."""
    row, label_width, plot = 30, 190, 420
    chart = Chart(
        key=key,
        title=title,
        description=description,
        width=label_width + plot + 130,
        height=row * len(items) + 20,
    )
    numbers = [float(v) for _, v in items] or [0.0]
    low, high = min(0.0, *numbers), max(0.0, *numbers)
    span = (high - low) or 1.0
    zero = label_width + (-low) / span * plot
    for index, (label, value) in enumerate(items):
        y = 10 + index * row
        amount = float(value)
        width = abs(amount) / span * plot
        left = zero if amount >= 0 else zero - width
        chart.rects.append(
            Rect(left, y + 4, width, row - 10, "bar-positive" if amount >= 0 else "bar-negative")
        )
        chart.texts.append(Text(label_width - 8, y + row / 2 + 4, label, anchor="end"))
        chart.texts.append(
            Text(
                (left + width + 6) if amount >= 0 else (left - 6),
                y + row / 2 + 4,
                with_unit(shown(value, places), unit),
                anchor="start" if amount >= 0 else "end",
                css="chart-value",
            )
        )
    chart.lines.append((zero, 4, zero, chart.height - 4))
    return chart

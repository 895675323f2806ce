"""The design system's template tags: ``{% load ui %}``.

- ``{% icon "house" %}``: an icon from the sprite, hidden from screen readers;
  ``{% icon "info" label="お知らせ" %}`` gives it a name instead.
- ``{% bar_chart rows title unit label_heading value_heading %}`` and ``{% column_chart ... %}``: a
  server-drawn SVG chart of ``(label, value)`` rows followed by the same numbers as a table
  (``junkan.common.engine.charts`` lays it out).
- ``{% steps labels current %}``: the step indicator of a multi-part form (``current``: 1-based, or a label).
- ``{% disabled_button label reason name %}``: a button that cannot be pressed yet, with the reason beside it.
- ``{% banner kind text title=... %}``: a notification banner (success, info, warning, error).
- ``{% empty_state text action_url action_label %}``: what to do when a list is empty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language

from junkan.common.engine.charts import layout
from junkan.common.icons import ICONS, SPRITE

register = template.Library()

BANNER_ICONS = {
    "success": "circle-check",
    "info": "info",
    "warning": "triangle-alert",
    "error": "circle-alert",
}
# Django's message levels → banner kinds.
MESSAGE_KINDS = {
    "success": "success",
    "info": "info",
    "debug": "info",
    "warning": "warning",
    "error": "error",
}


@lru_cache(maxsize=1)
def _sprite_url() -> str:
    """The sprite's (hashed) URL: the same for the life of the process."""
    return static(SPRITE)


@register.simple_tag
def icon(name: str, label: str = "", css: str = "") -> str:
    """An inline SVG that uses the sprite's symbol; decorative unless labelled."""
    if name not in ICONS:
        raise template.TemplateSyntaxError(f"unknown icon {name!r}: add it to junkan/common/icons.py")
    href = f"{_sprite_url()}#{name}"
    classes = f"icon {css}".strip()
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}" focusable="false"><use href="{}"></use></svg>',
            classes,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>', classes, href
    )


@register.filter
def message_kind(tags: str) -> str:
    """The banner kind of a Django message from its tags ("success", "error extra" …)."""
    for tag in (tags or "").split():
        if tag in MESSAGE_KINDS:
            return MESSAGE_KINDS[tag]
    return "info"


@register.inclusion_tag("components/banner.html")
def banner(kind: str, text: Any = "", title: Any = "") -> dict[str, Any]:
    """A banner: errors and warnings are alerts, success and information a status."""
    if kind not in BANNER_ICONS:
        raise template.TemplateSyntaxError(f"unknown banner kind {kind!r}")
    return {
        "kind": kind,
        "text": text,
        "title": title,
        "icon_name": BANNER_ICONS[kind],
        "role": "alert" if kind in ("error", "warning") else "status",
    }


@register.inclusion_tag("components/empty_state.html")
def empty_state(text: Any, action_url: str = "", action_label: Any = "") -> dict[str, Any]:
    return {"text": text, "action_url": action_url, "action_label": action_label}


@register.inclusion_tag("components/steps.html")
def steps(labels: Sequence[Any], current: int | str = 1, urls: Sequence[str] | None = None) -> dict[str, Any]:
    """The steps as done / current / to do; ``current`` is a 1-based number or one of the labels."""
    labels = list(labels)
    if isinstance(current, int) or (isinstance(current, str) and current.isdigit()):
        position = int(current)
    else:  # a label (maybe a lazy translation)
        position = next((i for i, label in enumerate(labels, 1) if str(label) == str(current)), 1)
    items = []
    for number, label in enumerate(labels, 1):
        state = "done" if number < position else "current" if number == position else "todo"
        url = urls[number - 1] if urls and number - 1 < len(urls) else ""
        items.append({"number": number, "label": label, "state": state, "url": url})
    return {"items": items, "total": len(labels), "position": position}


def _rows(rows: Iterable[Any]) -> list[tuple[str, int | Decimal]]:
    """(label, value) pairs from pairs or from objects/dicts with ``label`` and ``value``."""
    result = []
    for row in rows:
        if isinstance(row, dict):
            result.append((str(row["label"]), row["value"]))
        elif isinstance(row, (tuple, list)):
            result.append((str(row[0]), row[1]))
        else:
            result.append((str(row.label), row.value))
    return result


def _ident(title: Any, data: Sequence[tuple[str, int | Decimal]]) -> str:
    """A stable id for the chart's <title> and <desc> (two charts on a page differ in title or numbers)."""
    digest = hashlib.blake2s(repr((str(title), data)).encode(), digest_size=5).hexdigest()
    return f"chart-{digest}"


def _description(data: Sequence[tuple[str, int | Decimal]], unit: str) -> str:
    """The numbers in one sentence for screen readers: 「北海道 12件、長野県 7件」."""
    separator = "、" if (get_language() or "ja").startswith("ja") else ", "
    return separator.join(f"{label} {_format(value, unit)}" for label, value in data)


def _format(value: int | Decimal, unit: str) -> str:
    return f"{value:,}{unit}"


def _short(value: int | Decimal) -> str:
    """A grid label that fits the axis: 30,000,000 → 3,000万 (2.5億), in English 30M."""
    if (get_language() or "ja").startswith("ja"):
        if value >= 100_000_000:
            return f"{Decimal(value) / 100_000_000:,f}".rstrip("0").rstrip(".") + "億"
        if value >= 10_000 and value % 10_000 == 0:
            return f"{int(value) // 10_000:,}万"
    elif value >= 1_000_000 and value % 100_000 == 0:
        return f"{Decimal(value) / 1_000_000:,f}".rstrip("0").rstrip(".") + "M"
    return f"{value:,}"


CHART_WIDTH = 480
LABEL_WIDTH = 120
VALUE_WIDTH = 72
BAND = 24


@register.inclusion_tag("components/bar_chart.html")
def bar_chart(
    rows: Iterable[Any], title: Any, unit: str = "", label_heading: Any = "", value_heading: Any = ""
) -> dict[str, Any]:
    """Horizontal bars (counts per prefecture, adoption per type …) and the table of the same numbers."""
    data = _rows(rows)
    extent = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    chart = layout(data, extent=extent, band=BAND, minimum=2)
    bars = [
        {
            "label": bar.label,
            "value": _format(bar.value, unit),
            "y": bar.offset + 5,
            "text_y": bar.offset + BAND / 2 + 4,
            "x": LABEL_WIDTH,
            "width": bar.length,
            "value_x": LABEL_WIDTH + bar.length + 6,
        }
        for bar in chart.bars
    ]
    height = len(bars) * BAND + 24
    grid = [
        {"x": LABEL_WIDTH + tick.position, "label": _short(tick.value), "y2": len(bars) * BAND}
        for tick in chart.ticks
    ]
    return {
        "title": title,
        "ident": _ident(title, data),
        "description": _description(data, unit),
        "bars": bars,
        "grid": grid,
        "width": CHART_WIDTH,
        "height": height,
        "label_x": LABEL_WIDTH - 8,
        "axis_y": height - 6,
        "label_heading": label_heading,
        "value_heading": value_heading or title,
    }


@register.inclusion_tag("components/column_chart.html")
def column_chart(
    rows: Iterable[Any], title: Any, unit: str = "", label_heading: Any = "", value_heading: Any = ""
) -> dict[str, Any]:
    """Vertical columns for a series over time (money by fiscal year …) and the table of the same numbers."""
    data = _rows(rows)
    plot_height = 200
    band = min(88, (CHART_WIDTH - 64) / max(len(data), 1))
    chart = layout(data, extent=plot_height, band=band, minimum=2)
    top = 24
    columns = [
        {
            "label": bar.label,
            "value": _format(bar.value, unit),
            "x": 64 + bar.offset + band * 0.15,
            "width": round(band * 0.7, 1),
            "y": top + plot_height - bar.length,
            "height": bar.length,
            "centre": round(64 + bar.offset + band / 2, 1),
            "value_y": top + plot_height - bar.length - 6,
        }
        for bar in chart.bars
    ]
    grid = [{"y": top + plot_height - tick.position, "label": _short(tick.value)} for tick in chart.ticks]
    return {
        "title": title,
        "ident": _ident(title, data),
        "description": _description(data, unit),
        "columns": columns,
        "grid": grid,
        "width": CHART_WIDTH,
        "height": top + plot_height + 32,
        "label_y": top + plot_height + 22,
        "unit": unit,
        "label_heading": label_heading,
        "value_heading": value_heading or title,
    }


@register.inclusion_tag("components/disabled_button.html")
def disabled_button(label: Any, reason: Any, name: str = "action") -> dict[str, Any]:
    """A button that cannot be pressed yet, the reason written beside it and tied to it for screen readers."""
    return {"label": label, "reason": reason, "reason_id": f"{name}-reason"}


@register.filter
def first_with(items: Iterable[Any], name: str) -> Any:
    """The first item whose attribute or key ``name`` is truthy, or None."""
    for item in items or ():
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value:
            return item
    return None


@register.filter
def pluck(items: Iterable[Any], name: str) -> list[Any]:
    """The attribute or key ``name`` of every item (``nav|pluck:"heading"``: the steps' labels)."""
    return [item.get(name) if isinstance(item, dict) else getattr(item, name, None) for item in items or ()]

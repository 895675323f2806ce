"""Template filters of the call pages: {% load programs %} then {{ kinds|kind_labels }}, {{ yen_or_none }}."""

from __future__ import annotations

from datetime import datetime

from django import template

from junkan.jp.money import format_yen
from junkan.programs import presentation

register = template.Library()


@register.filter
def kind_labels(value: object) -> str:
    """A list of organization kinds as 「都道府県、市町村」."""
    if not isinstance(value, list | tuple):
        return ""
    return presentation.kind_labels(value)


@register.filter
def yen_or_dash(value: object) -> str:
    """Whole yen as 1,234円, or 「―」 for None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return format_yen(value)
    return "―"


@register.filter
def moment(value: object) -> str:
    """An aware datetime as 令和元年(2019年)6月21日（金）17時00分."""
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return presentation.moment_text(value)
    return ""

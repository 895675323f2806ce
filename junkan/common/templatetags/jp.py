"""Template filters for Japanese display conventions: {% load jp %} then {{ d|wareki }}, {{ n|yen }}.

Every filter returns "" for None and for values it cannot display, so a template never fails on them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template

from junkan.jp.dates import fiscal_year, format_wareki, tokyo_date
from junkan.jp.dates import fiscal_year_label as _fiscal_year_label
from junkan.jp.money import format_thousand_yen, format_yen

register = template.Library()


def _as_date(value: object) -> date | None:
    """A date from a date or datetime (aware → Asia/Tokyo, naive → its own date); None otherwise."""
    if isinstance(value, datetime):
        return tokyo_date(value) if value.utcoffset() is not None else value.date()
    if isinstance(value, date):
        return value
    return None


def _as_int(value: object) -> int | None:
    """An int from an int or a whole Decimal; None otherwise (floats and bools are refused)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return None


def _format_date(value: object, *, seireki: bool) -> str:
    """Format a date in 和暦, or "" if it is not a date or precedes 明治."""
    d = _as_date(value)
    if d is None:
        return ""
    try:
        return format_wareki(d, seireki=seireki)
    except ValueError:
        return ""


@register.filter(is_safe=True)
def wareki(value: object) -> str:
    """A date (or aware datetime, in Japan time) as 令和元年(2019年)5月1日."""
    return _format_date(value, seireki=True)


@register.filter(is_safe=True)
def wareki_short(value: object) -> str:
    """A date (or aware datetime, in Japan time) as 令和元年5月1日."""
    return _format_date(value, seireki=False)


@register.filter(is_safe=True)
def fiscal_year_label(value: object) -> str:
    """A fiscal year (int) or the fiscal year of a date as 令和2年度."""
    d = _as_date(value)
    fy = fiscal_year(d) if d is not None else _as_int(value)
    if fy is None:
        return ""
    try:
        return _fiscal_year_label(fy)
    except ValueError:
        return ""


@register.filter(is_safe=True)
def yen(value: object) -> str:
    """Whole yen as 1,234,000円."""
    n = _as_int(value)
    return "" if n is None else format_yen(n)


@register.filter(is_safe=True)
def sen_yen(value: object) -> str:
    """Whole yen in thousands, truncated, as 1,234千円."""
    n = _as_int(value)
    return "" if n is None else format_thousand_yen(n)

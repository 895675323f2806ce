"""Display of CO2 figures: {% load co2 %} then {{ value|t_co2 }} (0.1 t), {{ value|exact }}, …"""

from __future__ import annotations

from decimal import Decimal

from django import template

from junkan.carbon.engine.numbers import grouped, plain, round_half_up

register = template.Library()

SIGNIFICANT_SHOWN = 10


def _decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return None
    return None


@register.filter(is_safe=True)
def t_co2(value: object) -> str:
    """A CO2 amount to 0.1 t with separators: 「1,234.5」 (四捨五入)."""
    number = _decimal(value)
    return "" if number is None else f"{round_half_up(number):,}"


@register.filter(is_safe=True)
def t_co2_line(value: object) -> str:
    """A trail line's CO2 to 0.001 t (1 kg)."""
    number = _decimal(value)
    return "" if number is None else f"{round_half_up(number, Decimal('0.001')):,}"


@register.filter(is_safe=True)
def exact(value: object) -> str:
    """The exact value with separators and no trailing zeros."""
    number = _decimal(value)
    return "" if number is None else grouped(number)


@register.filter(is_safe=True)
def factor(value: object) -> str:
    """A factor as published (0.000416, 2.70963); a long derived one to 10 significant digits and 「…」."""
    number = _decimal(value)
    if number is None:
        return ""
    text = plain(number)
    digits = text.replace("-", "").replace(".", "").lstrip("0")
    if len(digits) <= SIGNIFICANT_SHOWN:
        return text
    adjusted = number.adjusted()
    shown = number.quantize(Decimal(1).scaleb(adjusted - SIGNIFICANT_SHOWN + 1))
    return plain(shown) + "…"


@register.filter(is_safe=True)
def percent(value: object) -> str:
    """A percentage to 0.01 %."""
    number = _decimal(value)
    return "" if number is None else f"{round_half_up(number, Decimal('0.01')):,}"

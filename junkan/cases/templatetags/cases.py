"""Template filters of the cases app: the guides' simple markup and figures of outcomes."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.safestring import SafeString, mark_safe

from junkan.cases import markup

register = template.Library()


@register.filter
def simple_markup(text: str, options: str = "") -> SafeString:
    """Render the Markdown-like text; ``markup.render`` escapes everything the author typed.

    ``{{ text|simple_markup:"3 actions" }}``: headings from h3, with the ids actions-1, actions-2, ...
    """
    top, _space, prefix = str(options).partition(" ")
    return mark_safe(markup.render(text, int(top or 2), prefix or "section"))  # noqa: S308 - escaped


@register.filter
def figure(value: object) -> str:
    """1200.000 → 「1,200」, 12.500 → 「12.5」: thousands separators, no trailing zeros."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if number == number.to_integral_value():
        return f"{number.quantize(Decimal(1)):,}"
    return f"{number.normalize():,f}"

"""``{% localbiz_badges solution %}`` (``{% load localbiz %}``): the confirmed criteria of a target."""

from __future__ import annotations

from typing import Any

from django import template

from junkan.localbiz.models import SHORT

register = template.Library()


@register.inclusion_tag("localbiz/_badges.html")
def localbiz_badges(target: Any, owner: bool = False) -> dict[str, Any]:
    claims = list(target.localbiz_claims.all())
    return {
        "confirmed": [(SHORT[c.criterion], c) for c in claims if c.is_confirmed],
        "pending": [c for c in claims if not c.is_confirmed] if owner else [],
    }

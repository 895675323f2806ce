"""``{% localbiz_badges solution %}`` (``{% load localbiz %}``): the confirmed criteria of a target."""

from __future__ import annotations

from typing import Any

from django import template

from junkan.localbiz.models import SHORT, ClaimStatus

register = template.Library()


@register.inclusion_tag("localbiz/_badges.html")
def localbiz_badges(target: Any, owner: bool = False) -> dict[str, Any]:
    claims = list(target.localbiz_claims.all())
    return {
        "confirmed": [(SHORT[c.criterion], c) for c in claims if c.status == ClaimStatus.CONFIRMED],
        "pending": [c for c in claims if c.status != ClaimStatus.CONFIRMED] if owner else [],
    }

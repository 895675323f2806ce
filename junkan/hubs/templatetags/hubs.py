"""``{% load hubs %}``: the line "担当の拠点" shown on region profiles, grant projects and support cases."""

from __future__ import annotations

from typing import Any

from django import template

from junkan.hubs import areas

register = template.Library()


@register.inclusion_tag("hubs/_line.html")
def hubs_of_region(region: Any) -> dict[str, Any]:
    return {"hubs": areas.hubs_for_region(region)}


@register.inclusion_tag("hubs/_line.html")
def hubs_of_municipality(municipality: Any) -> dict[str, Any]:
    return {"hubs": areas.hubs_for(municipality)}

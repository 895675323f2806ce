"""Suggestions where people look: matching_for_region and matching_for_company (inclusion tags)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.matching import permissions, services

register = template.Library()
SHOWN = 5


@register.inclusion_tag("matching/_suggestions.html", takes_context=True)
def matching_for_region(context: dict[str, Any], region: Any, asking: bool | None = None) -> dict[str, Any]:
    """The solutions that fit an approved region, with reasons and a button to ask for an introduction
    (``asking``: ``permissions.offers_introduction`` by the caller)."""
    if not region.is_public:
        return {"items": []}
    items = services.solutions_for_region(region, SHOWN)
    if asking is None:
        asking = permissions.offers_introduction(context["request"].user, -1)
    for item in items:
        query = urlencode({"solution": item["id"], "origin": "suggestion", "score": item["score"]})
        item["ask_url"] = reverse("matching:ask") + "?" + query if asking else ""
    return {
        "items": items,
        "heading": _("この地域に合いそうなソリューション"),
        "lead": _(
            "地域資源・課題・場所が合う登録企業のソリューションです（理由は一致したものだけを示します）。"
        ),
    }


@register.inclusion_tag("matching/_suggestions.html", takes_context=True)
def matching_for_company(context: dict[str, Any], company: Any, asking: bool | None = None) -> dict[str, Any]:
    """The regions that fit an approved company's solutions (``asking``: ``permissions.offers_introduction``
    by the caller)."""
    if not company.is_public:
        return {"items": []}
    items = services.regions_for_company(company, SHOWN)
    if asking is None:
        asking = permissions.offers_introduction(context["request"].user, company.organization_id)
    for item in items:
        query = urlencode({"region": item["id"], "origin": "suggestion", "score": item["score"]})
        item["ask_url"] = reverse("matching:ask") + "?" + query if asking else ""
    return {
        "items": items,
        "heading": _("ソリューションに合いそうな実践地域"),
        "lead": _("登録されたソリューションの資源・解決する課題・対応地域が合う実践地域です。"),
    }

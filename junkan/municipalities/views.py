"""Partial pages over the master, for htmx: suggestions while an officer types a name."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from junkan.common.permissions import enforce
from junkan.municipalities.models import Municipality, MunicipalityKind
from junkan.municipalities.permissions import can_search_master
from junkan.municipalities.services import search_filter

MAX_SUGGESTIONS = 8


def suggest(request: HttpRequest) -> HttpResponse:
    """Up to eight local governments matching ``q`` (or the form's ``municipality_text``)."""
    enforce(can_search_master(request.user))
    query = (request.GET.get("q") or request.GET.get("municipality_text") or "").strip()[:50]
    matches: list[Municipality] = []
    if query:
        matches = list(
            Municipality.objects.filter(search_filter(query))
            .exclude(kind=MunicipalityKind.DESIGNATED_CITY_WARD)
            .order_by("code")[: MAX_SUGGESTIONS + 1]
        )
    return render(
        request,
        "municipalities/suggestions.html",
        {"query": query, "matches": matches[:MAX_SUGGESTIONS], "more": len(matches) > MAX_SUGGESTIONS},
    )

"""The search page: a plain GET form and the ranked results (works without JavaScript)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from junkan.common.permissions import enforce
from junkan.search import permissions, services
from junkan.search.forms import SearchForm
from junkan.search.models import DocumentKind


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def results(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_search(request.user))
    form = SearchForm(request.GET or None)
    found = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        filters = services.Filters(
            kind=data["kind"],
            prefecture=data["prefecture"],
            resource=data["resource"].code if data["resource"] else "",
            goal=data["goal"].number if data["goal"] else None,
        )
        found = services.search(data["q"], filters, request.GET.get("page"))
    kinds = [(kind, found.counts.get(kind, 0)) for kind in DocumentKind] if found else []
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "found": found,
            "kinds": kinds,
            "current_kind": form.cleaned_data.get("kind", "") if form.is_bound and form.is_valid() else "",
            "query": _query_without(request, "page"),
            "query_without_kind": _query_without(request, "page", "kind"),
        },
    )

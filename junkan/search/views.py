"""The search page: a plain GET form and the ranked results (works without JavaScript)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from junkan.common import cache
from junkan.common.permissions import enforce
from junkan.search import permissions, services, signals
from junkan.search.forms import SearchForm
from junkan.search.models import DocumentKind


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def results(request: HttpRequest) -> HttpResponse:
    """The page is the same for everyone who asks the same (a GET form, no token): the form, counts and
    page of hits are rendered once per change of the index or of the filters' lists, query and language."""
    enforce(permissions.can_search(request.user))
    scopes = (services.SCOPE, signals.FILTERS_SCOPE)
    page = cache.keyed("search:page", scopes, (request.GET.urlencode(),), lambda: _page(request))
    return render(request, "search/results.html", page)


def _page(request: HttpRequest) -> dict[str, object]:
    """The title's query and the rendered body of the page (raises Http404 for a page that does not exist)."""
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
    body = render_to_string(
        "search/_results_body.html",
        {
            "form": form,
            "found": found,
            "kinds": kinds,
            "current_kind": form.cleaned_data.get("kind", "") if form.is_bound and form.is_valid() else "",
            "query": _query_without(request, "page"),
            "query_without_kind": _query_without(request, "page", "kind"),
        },
        request=request,
    )
    return {"found": found is not None, "title_query": found.query if found else "", "body": mark_safe(body)}  # noqa: S308

"""Public pages: case studies (しる) with filters, and guides (まなぶ)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from junkan.accounts.permissions import is_secretariat
from junkan.cases import markup, permissions
from junkan.cases.forms import CaseFilterForm
from junkan.cases.models import CaseStudy, Guide, GuideCategory
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.localbiz.services import confirmed_case_ids
from junkan.municipalities.models import Municipality

PER_PAGE = 20


def _cases() -> QuerySet[CaseStudy]:
    return CaseStudy.objects.prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("code")),
        "themes",
        "resources",
        "sdg_goals",
    )


def _query_without_page(request: HttpRequest) -> str:
    """The active filters, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def case_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_browse(request.user))
    form = CaseFilterForm(request.GET or None)
    cases = _cases().published()
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        if data["prefecture"]:
            code = data["prefecture"]
            cases = cases.filter(
                Q(municipalities__code__startswith=code)
                | Q(municipalities__prefecture__code__startswith=code)
            )
        if data["resource"]:
            cases = cases.filter(resources=data["resource"])
        if data["theme"]:
            cases = cases.filter(themes=data["theme"])
        if data["goal"]:
            cases = cases.filter(sdg_goals=data["goal"])
        if data["localbiz"]:
            cases = cases.filter(pk__in=confirmed_case_ids(data["localbiz"]))
        filtered = any(data.values())
    page = page_of(request, cases.distinct(), PER_PAGE)
    return render(
        request,
        "cases/list.html",
        {"form": form, "page": page, "filtered": filtered, "query": _query_without_page(request)},
    )


def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_object_or_404(
        _cases().select_related("region_registration").prefetch_related("outcomes", "sources"),
        slug=slug,
    )
    enforce(permissions.can_view(request.user, case))
    registration = case.region_registration
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "can_declare": is_secretariat(request.user),
            # Linked only while the registration is public (the registry's own predicate).
            "registration": registration if registration is not None and registration.is_public else None,
        },
    )


def guide_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_browse(request.user))
    guides = list(Guide.objects.published().only("slug", "title", "summary", "category", "order"))
    groups = [
        (category, [g for g in guides if g.category == category])
        for category in GuideCategory
        if any(g.category == category for g in guides)
    ]
    return render(request, "cases/guides.html", {"groups": groups})


def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    guide = get_object_or_404(Guide, slug=slug)
    enforce(permissions.can_view(request.user, guide))
    others = (
        Guide.objects.published().filter(category=guide.category).exclude(pk=guide.pk).only("slug", "title")
    )
    return render(
        request,
        "cases/guide.html",
        {
            "guide": guide,
            "contents": [h for h in markup.headings(guide.body) if h[0] == 2],
            "others": others,
        },
    )

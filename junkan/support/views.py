"""Public pages of experts, specialist organizations, support measures and funding mechanisms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.municipalities.models import Municipality
from junkan.registry.models import RegionRegistration, RegistrationStatus
from junkan.support import permissions, services
from junkan.support.forms import (
    ExpertFilterForm,
    FundingFilterForm,
    InquiryForm,
    MeasureFilterForm,
    OrganizationFilterForm,
)
from junkan.support.models import (
    Expert,
    FundingKind,
    FundingMechanism,
    SpecialistOrganization,
    SupportMeasure,
)

PER_PAGE = 30


def _visible(request: HttpRequest, queryset: QuerySet) -> QuerySet:
    """Published entries; the secretariat also sees unpublished ones (marked on the page)."""
    if permissions.can_manage(request.user).allowed:
        return queryset
    return queryset.published()


def _page(request: HttpRequest, queryset: QuerySet):  # type: ignore[no-untyped-def]
    return page_of(request, queryset, PER_PAGE)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _get(request: HttpRequest, queryset: QuerySet, pk: int):  # type: ignore[no-untyped-def]
    entry = get_object_or_404(queryset, pk=pk)
    enforce(permissions.can_view(request.user, entry))
    return entry


def index(request: HttpRequest) -> HttpResponse:
    """/support/ has no page of its own: であう gathers the lists."""
    return redirect("portal:deau")


# Experts ---------------------------------------------------------------------------------------


def _experts() -> QuerySet[Expert]:
    return Expert.objects.prefetch_related(
        "fields", Prefetch("regions", queryset=Municipality.objects.order_by("code"))
    )


def expert_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_list(request.user))
    form = ExpertFilterForm(request.GET or None)
    experts = _visible(request, _experts())
    if form.is_valid():
        if form.cleaned_data["field"]:
            experts = experts.filter(fields=form.cleaned_data["field"])
        if form.cleaned_data["prefecture"]:
            # A subquery, not a join: an expert with several regions must not appear twice.
            in_region = Expert.objects.filter(regions=form.cleaned_data["prefecture"]).values("pk")
            experts = experts.filter(Q(pk__in=in_region) | Q(nationwide=True))
    return render(
        request,
        "support/expert_list.html",
        {"form": form, "page": _page(request, experts), "query": _query_without_page(request)},
    )


def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _get(request, _experts(), pk)
    return render(request, "support/expert_detail.html", _expert_context(request, expert, InquiryForm()))


def _expert_context(request: HttpRequest, expert: Expert, form: InquiryForm) -> dict:
    return {
        "expert": expert,
        "form": form,
        "can_send": permissions.can_send_inquiry(request.user, expert).allowed,
    }


@login_required
@require_POST
def expert_inquiry(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _get(request, _experts(), pk)
    enforce(permissions.can_send_inquiry(request.user, expert))
    form = InquiryForm(request.POST)
    if not form.is_valid():
        context = _expert_context(request, expert, form)
        return render(request, "support/expert_detail.html", context, status=400)
    services.send_inquiry(
        request.user, expert, form.cleaned_data["organization_name"], form.cleaned_data["message"]
    )
    messages.success(request, _("相談を事務局に送りました。事務局から専門家に取り次ぎ、ご連絡します。"))
    return redirect("support:expert", pk=expert.pk)


# Specialist organizations -------------------------------------------------------------------------


def organization_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_list(request.user))
    form = OrganizationFilterForm(request.GET or None)
    organizations = _visible(request, SpecialistOrganization.objects.prefetch_related("fields"))
    if form.is_valid():
        if form.cleaned_data["field"]:
            organizations = organizations.filter(fields=form.cleaned_data["field"])
        if form.cleaned_data["kind"]:
            organizations = organizations.filter(kind=form.cleaned_data["kind"])
    return render(
        request,
        "support/organization_list.html",
        {"form": form, "page": _page(request, organizations), "query": _query_without_page(request)},
    )


def organization_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _get(request, SpecialistOrganization.objects.prefetch_related("fields"), pk)
    return render(request, "support/organization_detail.html", {"organization": organization})


# Support measures -------------------------------------------------------------------------------


def measure_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_list(request.user))
    today = timezone.localdate()
    form = MeasureFilterForm(request.GET or None)
    measures = _visible(
        request,
        SupportMeasure.objects.select_related("ministry").prefetch_related("fields").with_state(today),
    )
    if form.is_valid():
        if form.cleaned_data["ministry"]:
            measures = measures.filter(ministry=form.cleaned_data["ministry"])
        if form.cleaned_data["field"]:
            measures = measures.filter(fields=form.cleaned_data["field"])
        if form.cleaned_data["open_only"]:
            measures = measures.filter(closed=0)
    return render(
        request,
        "support/measure_list.html",
        {
            "form": form,
            "page": _page(request, measures),
            "query": _query_without_page(request),
            "today": today,
        },
    )


def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _get(request, SupportMeasure.objects.select_related("ministry").prefetch_related("fields"), pk)
    today = timezone.localdate()
    return render(
        request,
        "support/measure_detail.html",
        {"measure": measure, "closed": measure.is_closed(today), "today": today},
    )


# Funding mechanisms (しかける) ---------------------------------------------------------------------


def _mechanisms() -> QuerySet[FundingMechanism]:
    approved = RegionRegistration.objects.filter(status=RegistrationStatus.APPROVED).order_by("name")
    return FundingMechanism.objects.prefetch_related(
        Prefetch("regions", queryset=approved, to_attr="approved_regions"),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("code")),
        "links",
    )


def funding_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_list(request.user))
    form = FundingFilterForm(request.GET or None)
    mechanisms = _visible(request, _mechanisms())
    if form.is_valid() and form.cleaned_data["kind"]:
        mechanisms = mechanisms.filter(kind=form.cleaned_data["kind"])
    return render(
        request,
        "support/funding_list.html",
        {
            "form": form,
            "page": _page(request, mechanisms),
            "query": _query_without_page(request),
            "kinds": FundingKind.choices,
        },
    )


def funding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mechanism = _get(request, _mechanisms(), pk)
    return render(request, "support/funding_detail.html", {"mechanism": mechanism})

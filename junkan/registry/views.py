"""Pages of the registry: owners' drafts, the secretariat's review queue, public directories and profiles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.accounts.permissions import is_secretariat
from junkan.audit.models import AuditEntry
from junkan.common import moves
from junkan.common.forms import service_errors
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.hubs.areas import area_ids, region_q
from junkan.hubs.models import Hub
from junkan.localbiz.services import confirmed_solution_ids
from junkan.matching.permissions import offers_introduction
from junkan.municipalities.models import Municipality
from junkan.organizations.models import Membership, Organization
from junkan.regional import permissions as regional_permissions
from junkan.registry import permissions, services
from junkan.registry.forms import CompanyForm, DirectoryFilterForm, ReasonForm, RegionForm, SolutionForm
from junkan.registry.models import (
    COMPANY_KINDS,
    CompanyRegistration,
    RegionRegistration,
    RegistrationStatus,
    Solution,
)
from junkan.registry.processes import process_of
from junkan.registry.stats import registered_counts

PER_PAGE = 30
MODELS = {"region": RegionRegistration, "company": CompanyRegistration}


def _regions() -> QuerySet[RegionRegistration]:
    return RegionRegistration.objects.select_related("organization", "partner_government").prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("code")), "resources", "sdg_goals"
    )


def _companies() -> QuerySet[CompanyRegistration]:
    return CompanyRegistration.objects.select_related(
        "organization", "industry", "industry__parent"
    ).prefetch_related(
        Prefetch(
            "solutions",
            queryset=Solution.objects.prefetch_related("resources", "sdg_goals", "regions_served"),
        )
    )


def _registration(request: HttpRequest, kind: str, pk: int) -> RegionRegistration | CompanyRegistration:
    if kind not in MODELS:
        raise Http404
    queryset = _regions() if kind == "region" else _companies()
    registration = get_object_or_404(queryset, pk=pk)
    enforce(permissions.can_view_registration(request.user, registration))
    return registration


def _organization(request: HttpRequest, pk: int) -> Organization:
    return get_object_or_404(Organization, pk=pk)


# Owners ------------------------------------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_list_own_registrations(request.user))
    memberships = list(Membership.objects.filter(user=request.user).select_related("organization"))
    org_ids = [m.organization_id for m in memberships]
    return render(
        request,
        "registry/mine.html",
        {
            "organizations": [m.organization for m in memberships],
            "company_kinds": COMPANY_KINDS,
            "regions": RegionRegistration.objects.filter(organization_id__in=org_ids).select_related(
                "organization"
            ),
            "companies": CompanyRegistration.objects.filter(organization_id__in=org_ids).select_related(
                "organization"
            ),
        },
    )


def _editable(
    request: HttpRequest, kind: str, pk: int | None, org_pk: int | None
) -> tuple[Any, Organization]:
    """The registration being edited (None for a new one) and its organization, permission checked."""
    if pk:
        registration = _registration(request, kind, pk)
        enforce(permissions.can_edit_registration(request.user, registration))
        return registration, registration.organization
    organization = _organization(request, org_pk)  # type: ignore[arg-type]
    can_create = permissions.can_create_region if kind == "region" else permissions.can_create_company
    enforce(can_create(request.user, organization))
    return None, organization


@login_required
def region_form(request: HttpRequest, org_pk: int | None = None, pk: int | None = None) -> HttpResponse:
    region, organization = _editable(request, "region", pk, org_pk)
    form = RegionForm(request.POST or None, instance=region)
    if request.method == "POST" and form.is_valid():
        data, m2m = form.service_data()
        with service_errors(form) as outcome:
            region = services.save_region(request.user, organization, data, m2m, region)
        if outcome.ok:
            messages.success(request, _("実践地域等登録を保存しました。内容を確認して申請してください。"))
            return redirect("registry:region", pk=region.pk)
    return render(
        request, "registry/region_form.html", {"form": form, "region": region, "organization": organization}
    )


@login_required
def company_form(request: HttpRequest, org_pk: int | None = None, pk: int | None = None) -> HttpResponse:
    company, organization = _editable(request, "company", pk, org_pk)
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            company = services.save_company(request.user, organization, form.service_data(), company)
        if outcome.ok:
            messages.success(request, _("企業等登録を保存しました。ソリューションを追加してください。"))
            return redirect("registry:company", pk=company.pk)
    return render(
        request,
        "registry/company_form.html",
        {"form": form, "company": company, "organization": organization},
    )


@login_required
def solution_form(request: HttpRequest, pk: int, solution_pk: int | None = None) -> HttpResponse:
    company = _registration(request, "company", pk)
    enforce(permissions.can_edit_registration(request.user, company))
    solution = get_object_or_404(Solution, pk=solution_pk, registration=company) if solution_pk else None
    form = SolutionForm(request.POST or None, instance=solution)
    if request.method == "POST" and form.is_valid():
        data, m2m = form.service_data()
        services.save_solution(request.user, company, data, m2m, solution)
        messages.success(request, _("ソリューションを保存しました。"))
        return redirect("registry:company", pk=company.pk)
    return render(
        request, "registry/solution_form.html", {"form": form, "company": company, "solution": solution}
    )


@login_required
@require_POST
def solution_delete(request: HttpRequest, pk: int, solution_pk: int) -> HttpResponse:
    company = _registration(request, "company", pk)
    solution = get_object_or_404(Solution, pk=solution_pk, registration=company)
    services.delete_solution(request.user, solution)
    messages.success(request, _("ソリューション「%(title)s」を削除しました。") % {"title": solution.title})
    return redirect("registry:company", pk=company.pk)


@login_required
@require_POST
def submit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    registration = _registration(request, kind, pk)
    with service_errors(request=request) as outcome:
        services.submit(request.user, registration)
    if outcome.ok:
        messages.success(request, _("事務局に申請しました。審査の結果をお待ちください。"))
    return redirect(f"registry:{kind}", pk=pk)


# Secretariat -------------------------------------------------------------------------------------


@login_required
def review(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_review(request.user))
    pending = RegistrationStatus.SUBMITTED
    hubs = list(Hub.objects.order_by("order"))
    hub = next((h for h in hubs if h.slug == request.GET.get("hub")), None)
    regions = RegionRegistration.objects.filter(status=pending).select_related("organization")
    if hub is not None:  # the secretariat's queue of one hub's area (seed 000: regional hubs)
        regions = regions.filter(region_q(area_ids([hub]))).distinct()
    return render(
        request,
        "registry/review.html",
        {
            "groups": [
                {
                    "kind": "region",
                    "url_name": "registry:region",
                    "title": _("実践地域等登録"),
                    "rows": regions,
                },
                {
                    "kind": "company",
                    "url_name": "registry:company",
                    "title": _("企業等登録"),
                    "rows": CompanyRegistration.objects.filter(status=pending).select_related("organization"),
                },
            ],
            "hubs": hubs,
            "hub": hub,
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, kind: str, pk: int, verb: str) -> HttpResponse:
    if verb not in ("approve", "refuse", "revoke"):
        raise Http404
    registration = _registration(request, kind, pk)
    enforce(permissions.can_decide_registration(request.user, registration))
    process = process_of(registration)
    name = {"approve": "approved", "refuse": "refused", "revoke": "revoked"}[verb]
    if moves.confirmation_needed(request, process.move(name)):
        return moves.confirmation_page(
            request,
            process,
            registration,
            name,
            cancel_url=reverse(f"registry:{kind}", args=[pk]),
            summary=[(_("理由"), request.POST.get("reason", ""))],
        )
    with service_errors(request=request):
        if verb == "approve":
            services.approve(request.user, registration)
            messages.success(request, _("「%(name)s」を承認し、公開しました。") % {"name": registration})
        else:
            action = services.refuse if verb == "refuse" else services.revoke
            action(request.user, registration, request.POST.get("reason", ""))
            messages.success(request, _("「%(name)s」の審査結果を登録しました。") % {"name": registration})
    if request.POST.get("next") == "review":
        return redirect("registry:review")
    return redirect(f"registry:{kind}", pk=pk)


# Profiles and directories -----------------------------------------------------------------------


def _profile_context(request: HttpRequest, registration: RegionRegistration | CompanyRegistration) -> dict:
    staff = is_secretariat(request.user)
    return {
        "is_owner": permissions.is_owner(request.user, registration),
        "can_edit": permissions.can_edit_registration(request.user, registration).allowed,
        "is_staff": staff,
        "reason_form": ReasonForm(),
        # What this person may do now, by move name (the template never compares the status).
        "may": moves.option_map(process_of(registration), request.user, registration),
        "audit": AuditEntry.objects.for_object(registration).order_by("-at")[:50] if staff else [],
    }


def _profile(request: HttpRequest, kind: str, pk: int) -> Any:
    """The registration's own row, permission checked: enough for the per-person parts around the cached
    body, which reads the rest (``details``) only when it is rendered."""
    registration = get_object_or_404(MODELS[kind].objects.select_related("organization"), pk=pk)
    enforce(permissions.can_view_registration(request.user, registration))
    return registration


def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The public body is cached per registry and regional support generation (the latter covers the hubs),
    region, and the viewer's kind (an insider of the regional support sees unpublished work; a member of an
    organization is offered to ask for an introduction); the owner panel, the audit and the forms stay per
    request."""
    region = _profile(request, "region", pk)
    return render(
        request,
        "registry/region_detail.html",
        {
            "region": region,
            "details": SimpleLazyObject(lambda: _regions().get(pk=region.pk)),
            "insider": regional_permissions.is_insider(request.user, region),
            "asking": region.is_public and offers_introduction(request.user, -1),
            **_profile_context(request, region),
        },
    )


def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The public body (facts, solutions, suggestions) is cached per registry generation, company and the
    viewer's kind (an owner sees the pending claims; a member of another organization may ask for an
    introduction); while the registration is editable its owners get it afresh with its forms."""
    company = _profile(request, "company", pk)
    return render(
        request,
        "registry/company_detail.html",
        {
            "company": company,
            "details": SimpleLazyObject(
                lambda: _companies().prefetch_related("solutions__localbiz_claims").get(pk=company.pk)
            ),
            "asking": company.is_public and offers_introduction(request.user, company.organization_id),
            **_profile_context(request, company),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    """The active filters, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def region_directory(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_browse_directory(request.user))
    form = DirectoryFilterForm(request.GET or None)
    del form.fields["industry"]
    del form.fields["localbiz"]
    regions = _regions().filter(status=RegistrationStatus.APPROVED)
    if form.is_valid():
        data = form.cleaned_data
        if data["prefecture"]:
            prefecture = data["prefecture"]
            regions = regions.filter(Q(municipalities__prefecture=prefecture) | Q(municipalities=prefecture))
        if data["resource"]:
            regions = regions.filter(resources=data["resource"])
        if data["goal"]:
            regions = regions.filter(sdg_goals=data["goal"])
    page = page_of(request, regions.distinct(), PER_PAGE)
    return render(
        request,
        "registry/region_directory.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "counts": SimpleLazyObject(registered_counts),
        },
    )


def company_directory(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_browse_directory(request.user))
    form = DirectoryFilterForm(request.GET or None)
    del form.fields["prefecture"]
    # The cards show the company's name, industry and solution titles: nothing more is read.
    companies = CompanyRegistration.objects.select_related(
        "organization", "industry", "industry__parent"
    ).prefetch_related(
        Prefetch("solutions", queryset=Solution.objects.only("id", "registration_id", "title"))
    )
    companies = companies.filter(status=RegistrationStatus.APPROVED)
    if form.is_valid():
        data = form.cleaned_data
        if data["industry"]:
            companies = companies.filter(industry__parent=data["industry"])
        if data["resource"]:
            companies = companies.filter(solutions__resources=data["resource"])
        if data["goal"]:
            companies = companies.filter(solutions__sdg_goals=data["goal"])
        if data["localbiz"]:
            companies = companies.filter(solutions__in=confirmed_solution_ids(data["localbiz"]))
    page = page_of(request, companies.distinct(), PER_PAGE)
    return render(
        request,
        "registry/company_directory.html",
        {
            "form": form,
            "page": page,
            "query": _query_without_page(request),
            "counts": SimpleLazyObject(registered_counts),
        },
    )

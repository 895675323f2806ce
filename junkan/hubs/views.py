"""Pages of the hubs: the public list of hubs and their areas, and each hub's pages of cases in its area."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from junkan.accounts.permissions import is_secretariat
from junkan.audit.models import AuditEntry
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.hubs import areas, permissions
from junkan.hubs.models import Hub
from junkan.municipalities.models import Municipality

PER_PAGE = 30
# The last word of a registry audit code, in words (the registry's process may later name its own).
VERBS = {
    "created": _("作成"),
    "updated": _("変更"),
    "submitted": _("申請"),
    "approved": _("承認"),
    "refused": _("不承認"),
    "revoked": _("登録取消し"),
}


def _action_label(action: str) -> str:
    from junkan.common.workflow import audit_label

    return audit_label(action) or str(VERBS.get(action.rpartition(".")[2], action))


def _hubs():
    prefectures = Municipality.objects.order_by("code")
    return Hub.objects.prefetch_related(Prefetch("prefectures", queryset=prefectures))


def hub_list(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_browse_hubs(request.user))
    hubs = list(_hubs())
    return render(
        request,
        "hubs/list.html",
        {"hubs": hubs, "my_hubs": permissions.staff_hubs(request.user)},
    )


def hub_detail(request: HttpRequest, slug: str) -> HttpResponse:
    enforce(permissions.can_browse_hubs(request.user))
    hub = get_object_or_404(_hubs(), slug=slug)
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    ids = [p.pk for p in hub.prefectures.all()]
    public_regions = (
        RegionRegistration.objects.filter(areas.region_q(ids), status=RegistrationStatus.APPROVED)
        .distinct()
        .count()
    )
    return render(
        request,
        "hubs/detail.html",
        {
            "hub": hub,
            "public_regions": public_regions,
            "can_view_area": permissions.can_view_area(request.user, hub).allowed,
        },
    )


def _area_hub(request: HttpRequest, slug: str) -> Hub:
    hub = get_object_or_404(_hubs(), slug=slug)
    enforce(permissions.can_view_area(request.user, hub))
    return hub


@login_required
def area_regions(request: HttpRequest, slug: str) -> HttpResponse:
    """The practice-region registrations of the hub's area in every state but draft, newest change first."""
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    hub = _area_hub(request, slug)
    ids = [p.pk for p in hub.prefectures.all()]
    regions = (
        RegionRegistration.objects.filter(areas.region_q(ids))
        .exclude(status=RegistrationStatus.DRAFT)
        .select_related("organization")
        .distinct()
        .order_by("-updated_at", "id")
    )
    page = page_of(request, regions, PER_PAGE)
    recent = list(
        AuditEntry.objects.filter(
            action__startswith="registry.",
            object_id__in=[str(r.pk) for r in page.object_list],
            content_type__model="regionregistration",
        ).order_by("-at")[:20]
    )
    for entry in recent:
        entry.label = _action_label(entry.action)
    return render(request, "hubs/area_regions.html", {"hub": hub, "page": page, "recent": recent})


@login_required
def area_projects(request: HttpRequest, slug: str) -> HttpResponse:
    """The grant projects of local governments in the hub's area (a read-only list)."""
    from junkan.grants.models import Project

    hub = _area_hub(request, slug)
    ids = [p.pk for p in hub.prefectures.all()]
    projects = (
        Project.objects.filter(areas.organization_q(ids))
        .select_related("organization", "program", "project_type")
        .order_by("-adopted_on", "id")
    )
    page = page_of(request, projects, PER_PAGE)
    return render(request, "hubs/area_projects.html", {"hub": hub, "page": page})


@dataclass(frozen=True)
class Case:
    """One row of the hub's cases: a regional support case or a grant project, and where it stands."""

    kind: str
    title: str
    party: str
    fiscal_year: int | None
    status: str
    url: str
    sort_key: tuple[int, str]


@login_required
def area_cases(request: HttpRequest, slug: str) -> HttpResponse:
    """The cases the hub follows: regional support cases and grant projects of its area, newest year first.

    Read-only. A row links to its page where the viewer may open it (the secretariat; a published case)."""
    from junkan.grants.models import Project
    from junkan.regional import permissions as regional_permissions
    from junkan.regional.models import CaseStatus, ConsortiumCase

    hub = _area_hub(request, slug)
    ids = [p.pk for p in hub.prefectures.all()]
    rows: list[Case] = []
    cases = (
        ConsortiumCase.objects.filter(areas.region_q(ids, prefix="region__"))
        .exclude(status=CaseStatus.DRAFT)
        .select_related("region__organization", "round")
        .distinct()
    )
    for case in cases:
        readable = regional_permissions.can_view_case(request.user, case).allowed
        rows.append(
            Case(
                kind=str(_("環境整備の支援案件")),
                title=f"{case.region.name}（{case.get_kind_display()}）",
                party=case.region.organization.name,
                fiscal_year=case.round.fiscal_year,
                status=case.get_status_display(),
                url=reverse("regional:case", args=[case.pk]) if readable else "",
                sort_key=(-case.round.fiscal_year, case.region.name),
            )
        )
    projects = Project.objects.filter(areas.organization_q(ids)).select_related("organization", "program")
    secretariat = is_secretariat(request.user)
    for project in projects:
        rows.append(
            Case(
                kind=str(_("補助事業")),
                title=project.title,
                party=project.organization.name,
                fiscal_year=project.program.fiscal_year,
                status=project.get_status_display(),
                url=reverse("grants:project", args=[project.public_id]) if secretariat else "",
                sort_key=(-(project.program.fiscal_year or 0), project.title),
            )
        )
    rows.sort(key=lambda row: row.sort_key)
    page = page_of(request, rows, PER_PAGE)
    return render(
        request,
        "hubs/area_cases.html",
        {"hub": hub, "page": page, "case_count": len(cases), "project_count": len(projects)},
    )

"""Pages of the hubs: the public list of hubs and their areas, and each hub's pages of cases in its area."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import CharField, F, Prefetch, QuerySet, Value
from django.db.models.functions import Cast, Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from junkan.accounts.permissions import is_secretariat
from junkan.audit.models import AuditEntry
from junkan.common import cache
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.grants import caching as grants_caching
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


def _area_hub(request: HttpRequest, slug: str, hubs: QuerySet[Hub] | None = None) -> Hub:
    """The hub of an area page, for its own staff and the secretariat (others 404); ``hubs`` without the
    prefectures for a page that reads them only when its cached list is rendered afresh."""
    hub = get_object_or_404(_hubs() if hubs is None else hubs, slug=slug)
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
    """The grant projects of local governments in the hub's area (a read-only list, the same for the hub's
    staff and the secretariat: rendered once per change of the grants, page and language)."""
    hub = _area_hub(request, slug, Hub.objects.all())
    listing = cache.fragment(
        "hub_projects",
        (grants_caching.SCOPE,),
        (hub.pk, request.GET.get("page", "")),
        lambda: _area_projects_listing(request, hub),
    )
    return render(request, "hubs/area_projects.html", {"hub": hub, "listing": listing})


def _area_projects_listing(request: HttpRequest, hub: Hub) -> str:
    from junkan.grants.models import Project

    ids = list(hub.prefectures.values_list("pk", flat=True))
    projects = (
        Project.objects.filter(areas.organization_q(ids))
        .select_related("organization", "program", "project_type")
        .only(
            "title",
            "status",
            "adopted_on",
            "organization__name",
            "program__name",
            "program__short_name",
            "project_type__code",
            "project_type__name",
        )
        .order_by("-adopted_on", "id")
    )
    page = page_of(request, projects, PER_PAGE)
    return render_to_string("hubs/_area_projects.html", {"page": page})


@dataclass(frozen=True)
class Case:
    """One row of the hub's cases: a regional support case or a grant project, and where it stands."""

    kind: str
    title: str
    party: str
    fiscal_year: int | None
    status: str
    url: str


# The columns both kinds of row give, in this order (a union pages them together in the database).
_CASE_COLUMNS = (
    "kind_order",
    "row_id",
    "ref",
    "sort_name",
    "party",
    "year",
    "sort_year",
    "row_status",
    "sub",
)


@login_required
def area_cases(request: HttpRequest, slug: str) -> HttpResponse:
    """The cases the hub follows: regional support cases and grant projects of its area, newest year first.

    Read-only. A row links to its page where the viewer may open it (the secretariat; a published case).
    Both kinds are paged together in the database (one union), so a page costs the same at national scale;
    the permission to open a case is checked for the rows of the page only."""
    from junkan.grants.models import Project, ProjectStatus
    from junkan.regional import permissions as regional_permissions
    from junkan.regional.models import CaseKind, CaseStatus, ConsortiumCase

    hub = _area_hub(request, slug)
    ids = [p.pk for p in hub.prefectures.all()]
    in_area = ConsortiumCase.objects.filter(areas.region_q(ids, prefix="region__")).values("pk")
    cases = ConsortiumCase.objects.filter(pk__in=in_area).exclude(status=CaseStatus.DRAFT)
    projects = Project.objects.filter(areas.organization_q(ids))
    case_rows = (
        cases.annotate(
            kind_order=Value(0),
            row_id=F("pk"),
            ref=Cast("pk", CharField()),
            sort_name=F("region__name"),
            party=F("region__organization__name"),
            year=F("round__fiscal_year"),
            sort_year=Coalesce("round__fiscal_year", 0),
            row_status=F("status"),
            sub=F("kind"),
        )
        .order_by()
        .values(*_CASE_COLUMNS)
    )
    project_rows = (
        projects.annotate(
            kind_order=Value(1),
            row_id=F("pk"),
            ref=Cast("public_id", CharField()),
            sort_name=F("title"),
            party=F("organization__name"),
            year=F("program__fiscal_year"),
            sort_year=Coalesce("program__fiscal_year", 0),
            row_status=F("status"),
            sub=Value(""),
        )
        .order_by()
        .values(*_CASE_COLUMNS)
    )
    rows = case_rows.union(project_rows, all=True).order_by("-sort_year", "sort_name", "kind_order", "row_id")
    page = page_of(request, rows, PER_PAGE)
    page_rows = list(page.object_list)
    case_ids = [row["row_id"] for row in page_rows if row["kind_order"] == 0]
    readable = {
        case.pk
        for case in ConsortiumCase.objects.filter(pk__in=case_ids).select_related("region")
        if regional_permissions.can_view_case(request.user, case).allowed
    }
    secretariat = is_secretariat(request.user)
    kinds = dict(CaseKind.choices)
    case_states = dict(CaseStatus.choices)
    project_states = dict(ProjectStatus.choices)
    case_label, project_label = str(_("環境整備の支援案件")), str(_("補助事業"))
    shown: list[Case] = []
    for row in page_rows:
        if row["kind_order"] == 0:
            shown.append(
                Case(
                    kind=case_label,
                    title=f"{row['sort_name']}（{kinds.get(row['sub'], row['sub'])}）",
                    party=row["party"],
                    fiscal_year=row["year"],
                    status=str(case_states.get(row["row_status"], row["row_status"])),
                    url=reverse("regional:case", args=[row["row_id"]]) if row["row_id"] in readable else "",
                )
            )
        else:
            shown.append(
                Case(
                    kind=project_label,
                    title=row["sort_name"],
                    party=row["party"],
                    fiscal_year=row["year"],
                    status=str(project_states.get(row["row_status"], row["row_status"])),
                    url=reverse("grants:project", args=[uuid.UUID(row["ref"])]) if secretariat else "",
                )
            )
    page.object_list = shown
    return render(
        request,
        "hubs/area_cases.html",
        {"hub": hub, "page": page, "case_count": cases.count(), "project_count": projects.count()},
    )

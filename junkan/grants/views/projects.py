"""The list of projects, a project's overview with its due dates, its history, and its files.

- ``grants:index``: one's own projects (lead or co-applicant); for the secretariat every project with filters,
  the reports overdue or due within 30 days, and the adopted decisions not yet opened as projects.
- ``grants:project``: the overview: figures, dates, what is owed next with the rule's text, what to do now.
- ``grants:history``: every audit entry of the project and its reports, plan changes, orders and requests.
- ``grants:document``: a file of the project, through the permission check, never from the web root.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from junkan.accounts.permissions import is_secretariat
from junkan.applications.models import CoApplicant, CoApplicantStatus, accepted_co_applicants
from junkan.audit.models import AuditEntry
from junkan.common import cache, files, workflow
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.grants import caching, charts, permissions
from junkan.grants.engine import post_evaluation as post_evaluation_engine
from junkan.grants.engine import reminders
from junkan.grants.models import (
    EDITABLE_REPORT_STATUSES,
    AdoptionCondition,
    ConditionStatus,
    GrantDocument,
    InfoRequest,
    InfoRequestStatus,
    Inspection,
    InspectionStatus,
    PlanChange,
    PlanChangeStatus,
    PostEvaluation,
    Project,
    ProjectStatus,
    Report,
    ReportStatus,
    ReturnOrder,
    ReturnOrderStatus,
)
from junkan.grants.processes import PROJECT, action_label
from junkan.grants.services import reports as report_services
from junkan.hubs.areas import area_ids, organization_q
from junkan.hubs.models import Hub
from junkan.organizations.models import Membership
from junkan.programs.models import Program, project_type_wide
from junkan.review.reads import adopted_without_project

PAGE_SIZE = 50
UPCOMING_DAYS = 30


def _open_reports() -> Prefetch[Report]:
    """The reports still to hand in, earliest due first (one query for all listed projects)."""
    return Prefetch(
        "reports",
        queryset=Report.objects.filter(status__in=EDITABLE_REPORT_STATUSES).order_by("due_on", "id"),
        to_attr="open_reports",
    )


def _projects() -> QuerySet[Project]:
    return Project.objects.select_related("program", "project_type", "organization").prefetch_related(
        _open_reports()
    )


def get_project(request: HttpRequest, public_id: Any, check: Any = permissions.can_view) -> Project:
    """The project of the URL after the permission ``check`` (404 for outsiders, 403 for onlookers).

    Every project page starts here; the co-applicants come along for the permission check."""
    project = get_object_or_404(
        Project.objects.select_related(
            "program", "project_type", "organization__municipality", "application__created_by"
        ).prefetch_related(
            Prefetch(
                "application__co_applicants", queryset=CoApplicant.objects.select_related("organization")
            )
        ),
        public_id=public_id,
    )
    enforce(check(request.user, project))
    return project


def _annotate_due(projects: list[Project], today: Any) -> None:
    for project in projects:
        open_reports = getattr(project, "open_reports", [])
        dated = [r for r in open_reports if r.due_on is not None]
        project.next_report = dated[0] if dated else (open_reports[0] if open_reports else None)
        project.overdue_reports = [r for r in dated if r.is_overdue(today)]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_list_projects(request.user))
    today = timezone.localdate()
    if is_secretariat(request.user):
        return _secretariat_index(request, today)
    org_ids = list(Membership.objects.filter(user=request.user).values_list("organization_id", flat=True))
    projects = list(
        _projects()
        .filter(
            Q(organization_id__in=org_ids)
            | Q(
                application__co_applicants__organization_id__in=org_ids,
                application__co_applicants__status=CoApplicantStatus.ACCEPTED,
            )
        )
        .distinct()
        .order_by("-adopted_on", "id")
    )
    _annotate_due(projects, today)
    return render(
        request,
        "grants/projects/index.html",
        {
            "projects": projects,
            "org_ids": set(org_ids),
            "today": today,
            "secretariat": False,
            "money_rows": charts.decided_by_year(Project.objects.filter(pk__in=[p.pk for p in projects])),
        },
    )


def _secretariat_index(request: HttpRequest, today: Any) -> HttpResponse:
    enforce(permissions.can_use_secretariat_pages(request.user))
    program_slug = request.GET.get("program", "")
    status = request.GET.get("status", "")
    overdue_only = request.GET.get("overdue") == "1"
    hub_slug = request.GET.get("hub", "")
    filters = {"program": program_slug, "status": status, "overdue": overdue_only, "hub": hub_slug}
    # The reports due, the filters, the chart and the page of projects are the same for every secretariat
    # member: rendered once per change of the grants (caching.SCOPE), day, filters, page and language.
    listing = cache.fragment(
        "grants_index",
        (caching.SCOPE,),
        (today.isoformat(), sorted(filters.items()), request.GET.get("page", "")),
        lambda: _secretariat_listing(request, today, filters),
    )
    # The forms that open adopted projects carry the person's CSRF token: never cached.
    to_open = (
        adopted_without_project()
        .values("application__program__slug", "application__program__name")
        .annotate(count=Count("id"))
        .order_by("application__program__slug")
    )
    return render(
        request,
        "grants/projects/index.html",
        {"secretariat": True, "to_open": list(to_open), "listing": listing},
    )


def _secretariat_listing(request: HttpRequest, today: Any, filters: dict[str, Any]) -> str:
    """The secretariat's list below the adopted projects to open (``grants/projects/_listing.html``)."""
    programs = list(
        Program.objects.filter(projects__isnull=False).distinct().order_by("-fiscal_year", "name")
    )
    qs = _projects().defer(*project_type_wide("project_type__"))
    hubs = list(Hub.objects.order_by("order"))
    if filters["program"]:
        qs = qs.filter(program__slug=filters["program"])
    hub = next((h for h in hubs if h.slug == filters["hub"]), None)
    if hub is not None:  # the local governments in the hub's area (seed 000: regional hubs)
        qs = qs.filter(organization_q(area_ids([hub])))
    if filters["status"] in ProjectStatus.values:
        qs = qs.filter(status=filters["status"])
    if filters["overdue"]:
        qs = qs.filter(reports__status__in=EDITABLE_REPORT_STATUSES, reports__due_on__lt=today).distinct()
    page = page_of(request, qs.order_by("program__fiscal_year", "organization__name", "id"), PAGE_SIZE)
    projects = list(page.object_list)
    _annotate_due(projects, today)
    due_reports = list(
        Report.objects.filter(
            status__in=EDITABLE_REPORT_STATUSES, due_on__lte=today + timedelta(days=UPCOMING_DAYS)
        )
        .exclude(project__status=ProjectStatus.CANCELLED)
        .select_related("project__organization")
        .order_by("due_on", "id")[:100]
    )
    for report in due_reports:
        report.days_overdue = reminders.days_overdue(report.due_on, today) if report.due_on else 0
    query = urlencode(
        {
            k: v
            for k, v in {
                "program": filters["program"],
                "status": filters["status"],
                "overdue": "1" if filters["overdue"] else "",
                "hub": hub.slug if hub else "",
            }.items()
            if v
        }
    )
    return render_to_string(
        "grants/projects/_listing.html",
        {
            "projects": projects,
            "page": page,
            "query": query,
            "today": today,
            "secretariat": True,
            "programs": programs,
            "statuses": ProjectStatus.choices,
            "filters": filters,
            "hubs": hubs,
            "due_reports": due_reports,
            "money_rows": charts.decided_by_year(qs),
        },
    )


# What each move asks of the person, and the page where it is done.
NEXT_STEPS: dict[str, tuple[str, str]] = {
    "grant_applied": (gettext_lazy("交付申請書を提出してください。"), "grants:plan"),
    "decided": (gettext_lazy("交付申請を審査し、交付決定を行ってください。"), "grants:decide"),
    "completed": (
        gettext_lazy("事業が完了したら、完了日を登録し、完了実績報告書を提出してください。"),
        "grants:reports",
    ),
    "determined": (
        gettext_lazy("完了実績報告書を受理したうえで、交付額を確定してください。"),
        "grants:money",
    ),
    "paid": (gettext_lazy("精算払請求を確認し、支払を記録してください。"), "grants:money"),
}


def _next_steps(request: HttpRequest, project: Project) -> list[tuple[str, str]]:
    """What the person can do now, in words, with the page to do it on."""
    steps = []
    for option in workflow.options(PROJECT, request.user, project):
        if option.name in NEXT_STEPS:
            label, url_name = NEXT_STEPS[option.name]
            try:
                steps.append((str(label), reverse(url_name, args=[project.public_id])))
            except NoReverseMatch:
                steps.append((str(label), ""))
    return steps


@login_required
def overview(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    today = timezone.localdate()
    # What is the same for everyone who may see the project is rendered once per change of the project or
    # of anything recorded under it (and per day: due dates turn overdue); what the person may do, the
    # statement link and the council (which offers to create one) stay per request.
    parts = cache.keyed(
        "grants:overview",
        (caching.PROJECT_SCOPE,),
        (project.pk, today),
        lambda: _overview_parts(project, today),
    )
    next_steps = _next_steps(request, project)
    return render(
        request,
        "grants/projects/overview.html",
        {
            "project": project,
            "parts": {name: mark_safe(html) for name, html in parts["html"].items()},  # noqa: S308 - rendered
            "pending_changes": parts["pending_changes"],
            "open_requests": parts["open_requests"],
            "next_steps": next_steps,
            "statement_url": reverse("grants:statement", args=[project.public_id])
            if permissions.can_download_statement(request.user, project)
            else "",
        },
    )


def _overview_parts(project: Project, today: date) -> dict[str, Any]:
    """The overview's shared parts as HTML, and the counts its next steps mention."""
    reports = list(project.reports.order_by("due_on", "fiscal_year", "id"))
    for report in reports:
        report.overdue = report.is_overdue(today)
        report.days_overdue = reminders.days_overdue(report.due_on, today) if report.overdue else 0
    award_years = list(project.award_years.order_by("fiscal_year"))
    context = {
        "project": project,
        "reports": reports,
        "award_years": award_years,
        "money_rows": charts.project_decided_by_year(award_years),
        "return_orders": list(project.return_orders.order_by("-ordered_on", "-id")),
        "conditions": list(project.conditions.order_by("created_at", "id")),
        "judgements": list(project.support_judgements.select_related("case__region", "case__round")),
        "co_applicants": accepted_co_applicants(project.application),  # prefetched by get_project
        "completion_figures": report_services.completion_figures(reports),
        "provisional": project.completed_on is None,
        "post_evaluation": _post_evaluation_line(project, today),
    }
    return {
        "html": {
            name: render_to_string(f"grants/projects/_overview_{name}.html", context)
            for name in ("figures", "money", "completion", "rest")
        },
        "pending_changes": project.plan_changes.filter(status=PlanChangeStatus.REQUESTED).count(),
        "open_requests": project.info_requests.filter(status=InfoRequestStatus.OPEN).count(),
    }


def _post_evaluation_line(project: Project, today: Any) -> dict[str, Any] | None:
    """The post-evaluation owed by a completed project: its due date and whether it is done or overdue."""
    if project.completed_on is None or project.status not in permissions.EVALUATED_STATES:
        return None
    done = PostEvaluation.objects.filter(project=project).exists()
    return {
        "due_on": post_evaluation_engine.due_on(project.completed_on),
        "standing": post_evaluation_engine.standing(project.completed_on, today, done=done).value,
    }


def project_entries(project: Project) -> QuerySet[AuditEntry]:
    """The audit entries of the project and of everything recorded under it, newest first."""
    objects: list[tuple[type, list[str]]] = [
        (Project, [str(project.pk)]),
        (Report, [str(pk) for pk in project.reports.values_list("pk", flat=True)]),
        (PlanChange, [str(pk) for pk in project.plan_changes.values_list("pk", flat=True)]),
        (ReturnOrder, [str(pk) for pk in project.return_orders.values_list("pk", flat=True)]),
        (InfoRequest, [str(pk) for pk in project.info_requests.values_list("pk", flat=True)]),
        (AdoptionCondition, [str(pk) for pk in project.conditions.values_list("pk", flat=True)]),
        (Inspection, [str(pk) for pk in project.inspections.values_list("pk", flat=True)]),
        (
            PostEvaluation,
            [str(pk) for pk in PostEvaluation.objects.filter(project=project).values_list("pk", flat=True)],
        ),
    ]
    condition = Q()
    for model, ids in objects:
        if ids:
            condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return AuditEntry.objects.filter(condition).select_related("content_type", "actor").order_by("-at", "-id")


@login_required
def history(request: HttpRequest, public_id: Any) -> HttpResponse:
    project = get_project(request, public_id)
    page = page_of(request, project_entries(project), PAGE_SIZE)
    for entry in page.object_list:
        entry.label = action_label(entry.action)
        entry.shown_changes = history_changes(entry)
    return render(request, "grants/projects/history.html", {"project": project, "page": page})


_STATES = {
    "grants.project": ProjectStatus,
    "grants.report": ReportStatus,
    "grants.plan_change": PlanChangeStatus,
    "grants.return_order": ReturnOrderStatus,
    "grants.info_request": InfoRequestStatus,
    "grants.condition": ConditionStatus,
    "grants.inspection": InspectionStatus,
}
_MODELS = {
    "grants.project": Project,
    "grants.report": Report,
    "grants.plan_change": PlanChange,
    "grants.return_order": ReturnOrder,
    "grants.info_request": InfoRequest,
    "grants.condition": AdoptionCondition,
    "grants.inspection": Inspection,
    "grants.post_evaluation": PostEvaluation,
}


def history_changes(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """The changed fields of an audit entry in words: the field's label, before and after (states by name,
    dates in 和暦, yen with separators)."""
    from junkan.common.moves import display_value
    from junkan.jp.money import format_yen

    key = entry.action.rpartition(".")[0]
    model = _MODELS.get(key)
    states = _STATES.get(key)
    rows = []
    for name, pair in (entry.changes or {}).items():
        before, after = [*pair, None, None][:2] if isinstance(pair, list | tuple) else (None, pair)
        label = name
        field = None
        if model is not None:
            try:
                field = model._meta.get_field(name)
                label = str(field.verbose_name)
            except Exception:
                field = None
        values = []
        for value in (before, after):
            if value is None or value == "":
                values.append("—")
            elif name == "status" and states is not None and value in states.values:
                values.append(str(states(value).label))
            elif name.endswith("amount") and isinstance(value, int):
                values.append(format_yen(value))
            elif field is not None and getattr(field, "get_internal_type", lambda: "")() == "DateField":
                try:
                    values.append(display_value(date.fromisoformat(str(value))))
                except ValueError:
                    values.append(str(value))
            else:
                values.append(str(value))
        rows.append((label, values[0], values[1]))
    return rows


@login_required
def document_download(request: HttpRequest, public_id: Any, document_id: Any) -> FileResponse:
    project = get_project(request, public_id)
    document = get_object_or_404(
        GrantDocument.objects.select_related("project"), project=project, public_id=document_id
    )
    enforce(permissions.can_download(request.user, document))
    return files.serve(
        request,
        document.file,
        document.original_name,
        document.content_type,
        audit_object=document,  # not the project: its history is the grantee's to read
        audit_action="grants.document.downloaded",
        audit_data={"document": str(document.public_id)},
    )


urlpatterns = [
    path("", index, name="index"),
    path("p/<uuid:public_id>/", overview, name="project"),
    path("p/<uuid:public_id>/history/", history, name="history"),
    path("p/<uuid:public_id>/files/<uuid:document_id>/", document_download, name="document"),
]

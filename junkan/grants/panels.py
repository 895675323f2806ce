"""Start-page panels of grants: the grantee's projects with the next report due; the secretariat's queues."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.applications.models import CoApplicantStatus
from junkan.dashboard.panels import LIMIT, Count, Item, Panel, register
from junkan.grants.models import (
    EDITABLE_REPORT_STATUSES,
    AdoptionCondition,
    ConditionStatus,
    Inspection,
    InspectionStatus,
    PlanChange,
    PlanChangeStatus,
    Project,
    ProjectStatus,
    Report,
    ReportStatus,
)
from junkan.grants.stages import PROJECT_STAGES
from junkan.jp.dates import format_date
from junkan.organizations.models import Membership


@register("grants", order=30)
def my_projects(request: HttpRequest) -> Panel | None:
    org_ids = list(Membership.objects.filter(user=request.user).values_list("organization_id", flat=True))
    if not org_ids:
        return None
    projects = list(
        Project.objects.filter(
            Q(organization_id__in=org_ids)
            | Q(
                application__co_applicants__organization_id__in=org_ids,
                application__co_applicants__status=CoApplicantStatus.ACCEPTED,
            )
        )
        .exclude(status=ProjectStatus.CANCELLED)
        .distinct()
        .order_by("-adopted_on", "id")[:LIMIT]
    )
    if not projects:
        return None
    next_reports: dict[int, Report] = {}
    for report in Report.objects.filter(
        project__in=projects, status__in=EDITABLE_REPORT_STATUSES, due_on__isnull=False
    ).order_by("due_on", "id"):
        next_reports.setdefault(report.project_id, report)
    today = timezone.localdate()
    items = []
    for project in projects:
        report = next_reports.get(project.pk)
        if report is not None:
            items.append(
                Item(
                    _("%(title)s：%(report)s") % {"title": project.title, "report": report},
                    reverse("grants:report", args=[project.public_id, report.pk]),
                    _("提出期限 %(date)s") % {"date": format_date(report.due_on)},
                    tone="warn" if report.is_overdue(today) else "",
                )
            )
        elif project.status == ProjectStatus.ADOPTED:
            items.append(
                Item(
                    project.title,
                    reverse("grants:plan", args=[project.public_id]),
                    _("交付申請をしてください"),
                    tone="warn",
                )
            )
        else:
            items.append(
                Item(
                    project.title,
                    reverse("grants:project", args=[project.public_id]),
                    str(PROJECT_STAGES[ProjectStatus(project.status)]),
                )
            )
    return Panel(
        title=_("補助事業"), items=items, more_url=reverse("grants:index"), more_label=_("補助事業の一覧")
    )


@register("secretariat", order=10)
def secretariat_queues(request: HttpRequest) -> Panel | None:
    """The secretariat's queues with their sizes, each linked to where the work is done."""
    if not is_secretariat(request.user):
        return None
    from django.db.models import Count as Counted

    from junkan.applications.models import Application, ApplicationStatus
    from junkan.grants.services import post_evaluation
    from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus
    from junkan.review.reads import adopted_without_project

    grants = reverse("grants:index")
    inboxes = (
        Application.objects.filter(status=ApplicationStatus.SUBMITTED)
        .values("program__slug", "program__name")
        .annotate(n=Counted("id"))
        .order_by("program__slug")[:LIMIT]
    )
    counts = [
        Count(
            _("受理・返却を待つ応募（%(call)s）") % {"call": row["program__name"]},
            row["n"],
            reverse("applications:inbox", args=[row["program__slug"]]),
        )
        for row in inboxes
    ]
    counts += [
        Count(
            _("審査を待つ登録の申請"),
            RegionRegistration.objects.filter(status=RegistrationStatus.SUBMITTED).count()
            + CompanyRegistration.objects.filter(status=RegistrationStatus.SUBMITTED).count(),
            reverse("registry:review"),
        ),
        Count(
            _("承認を待つ計画変更"),
            PlanChange.objects.filter(status=PlanChangeStatus.REQUESTED).count(),
            grants,
        ),
        Count(
            _("受理を待つ報告"),
            Report.objects.filter(status=ReportStatus.SUBMITTED).count(),
            grants,
        ),
        Count(
            _("交付決定を待つ交付申請"), Project.objects.filter(status=ProjectStatus.APPLIED).count(), grants
        ),
        Count(_("補助事業を開いていない採択"), adopted_without_project().count(), grants),
        Count(
            _("未達成の採択の条件"),
            AdoptionCondition.objects.filter(status=ConditionStatus.OPEN).count(),
            grants,
        ),
        Count(
            _("予定・是正確認中の現地調査"),
            Inspection.objects.filter(
                status__in=(InspectionStatus.PLANNED, InspectionStatus.FOLLOW_UP)
            ).count(),
            grants,
        ),
        Count(
            _("期限を過ぎた事後評価"),
            post_evaluation.projects("overdue", timezone.localdate()).count(),
            f"{reverse('grants:post_evaluations')}?filter=overdue",
        ),
    ]
    items = [
        Item(
            _("%(title)s：%(report)s") % {"title": r.project.title, "report": r},
            reverse("grants:report", args=[r.project.public_id, r.pk]),
            _("受理・差戻しをしてください"),
        )
        for r in Report.objects.filter(status=ReportStatus.SUBMITTED)
        .select_related("project")
        .order_by("submitted_at", "id")[:LIMIT]
    ]
    return Panel(title=_("事務局の受付"), counts=counts, items=items)

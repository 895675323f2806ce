"""Where an application stands once the review has decided: what other apps read of the grant (one place).

The application's own status ends at 受理; after that its real stage is the review's decision and then the
grant project's: 採択 → 交付申請中 → 交付決定 → 実績報告 → 額の確定 → 事後報告中 / 支払済み.
The application pages (and the start page) ask :func:`stage_of` instead of showing 「受理」 after adoption.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from junkan.grants.models import EDITABLE_REPORT_STATUSES, Project, ProjectStatus

# The stage shown for each project status (the project's own labels are written for the secretariat).
PROJECT_STAGES = {
    ProjectStatus.ADOPTED: _("採択（交付申請前）"),
    ProjectStatus.APPLIED: _("交付申請中"),
    ProjectStatus.DECIDED: _("交付決定（事業実施中）"),
    ProjectStatus.COMPLETED: _("実績報告（額の確定待ち）"),
    ProjectStatus.DETERMINED: _("額の確定"),
    ProjectStatus.PAID: _("支払済み"),
    ProjectStatus.CANCELLED: _("交付決定の解除"),
    ProjectStatus.DECLINED: _("辞退"),
}
REPORTING = _("事後報告中")


@dataclass(frozen=True)
class Stage:
    """The stage in words, a short code (for the badge's class) and the project when there is one."""

    code: str
    label: str
    project: Project | None = None


def project_of(application: Any) -> Project | None:
    """The grant project opened from ``application``, or None (one query)."""
    return Project.objects.filter(application_id=application.pk).first()


def has_project(application: Any) -> bool:
    return Project.objects.filter(application_id=application.pk).exists()


def stage_of(application: Any) -> Stage:
    """The application's real stage: its own status until the review decides, then the decision, then the
    project's stage. A project that has been paid and still owes reports is 「事後報告中」."""
    from junkan.review.reads import notified_decision_of

    project = project_of(application)
    if project is not None:
        if project.status in (ProjectStatus.DETERMINED, ProjectStatus.PAID) and (
            project.reports.filter(status__in=EDITABLE_REPORT_STATUSES).exists()
        ):
            return Stage("reporting", str(REPORTING), project)
        return Stage(f"project-{project.status}", str(PROJECT_STAGES[ProjectStatus(project.status)]), project)
    decision = notified_decision_of(application)
    if decision is not None:
        code = "adopted" if decision.is_adopted else "not-adopted"
        return Stage(code, decision.get_outcome_display())
    return Stage(str(application.status), application.get_status_display())

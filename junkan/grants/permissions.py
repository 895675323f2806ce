"""Who may see and act on grant projects. The calculators are public; the projects are not.

- The grantee (補助事業者): members of the lead organization act on the project (交付申請, contracts, plan
  changes, reports, payment request, answers to requests).
- Members of an accepted co-applicant organization read the project and its files; they cannot act (403).
- The secretariat (事務局・協会) sees every project and makes the decisions (交付決定, approvals, 額の確定,
  payments, cancellation and return orders, requests, disposal).
- Everyone else gets 404 on every URL and file of a project.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.applications.models import accepted_co_applicants
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.grants.models import (
    EDITABLE_REPORT_STATUSES,
    GrantDocument,
    Project,
    ProjectStatus,
    Report,
)
from junkan.organizations.models import MembershipRole
from junkan.organizations.permissions import membership_of

# What the grantee may still record, by the project's state (the moves themselves are in ``processes``).
RECORDING_OPEN = frozenset({ProjectStatus.DECIDED})
CONTINUATION_OPEN = frozenset({ProjectStatus.DECIDED, ProjectStatus.COMPLETED})
ENDED = frozenset({ProjectStatus.CANCELLED, ProjectStatus.DECLINED})


def can_use_calculator(user: object) -> Decision:
    """The 加算金 calculator is public: anyone may compute, nothing is stored."""
    return allow()


def is_grantee_member(user: object, project: Project) -> bool:
    """A member of the lead organization (代表申請者 = 補助事業者)."""
    return membership_of(user, project.organization) is not None


def is_co_applicant_member(user: object, project: Project) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return any(
        membership_of(user, co.organization) is not None for co in accepted_co_applicants(project.application)
    )


def can_list_projects(user: object) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("ログインしてください。"))
    return allow()


def can_view(user: object, project: Project) -> Decision:
    """See the project page, its reports, contracts, changes, orders and files."""
    if is_secretariat(user) or is_grantee_member(user, project) or is_co_applicant_member(user, project):
        return allow()
    return hide(_("この補助事業は見つかりません。"))


def can_act(user: object, project: Project) -> Decision:
    """Act as the grantee (lead organization's members). Co-applicants and the secretariat may only look."""
    if is_grantee_member(user, project):
        if project.disposed_at is not None:
            return deny(_("この補助事業の記録は保存期限を過ぎて廃棄されています。"))
        return allow()
    if can_view(user, project):
        return deny(_("補助事業者（代表申請者）の担当者のみ行えます。"))
    return hide(_("この補助事業は見つかりません。"))


def can_manage(user: object, project: Project) -> Decision:
    """Decide as the secretariat (交付決定, approvals, 額の確定, payments, cancellation, requests)."""
    if is_secretariat(user):
        return allow()
    if can_view(user, project):
        return deny(_("事務局のみ行えます。"))
    return hide(_("この補助事業は見つかりません。"))


def can_decline(user: object, project: Project) -> Decision:
    """辞退 is in the grantee's name: its owners (and the members an owner allows to act for applications)."""
    decision = can_act(user, project)
    if not decision:
        return decision
    membership = membership_of(user, project.organization)
    if membership is not None and (
        membership.role == MembershipRole.OWNER or membership.acts_for_applications
    ):
        return allow()
    return deny(
        _(
            "辞退の届出ができるのは、補助事業者の組織の管理者と、管理者が認めたメンバーです。"
            "組織の管理者にご相談ください。"
        )
    )


def _state(project: Project, states: frozenset[str], message: str) -> Decision:
    if project.status in states:
        return allow()
    return deny(message % {"status": project.get_status_display()})


def can_record_costs(user: object, project: Project) -> Decision:
    """Contracts and cost lines are recorded from the decision until the completion report is submitted."""
    decision = can_act(user, project)
    if not decision:
        return decision
    return _state(
        project,
        RECORDING_OPEN,
        _("この補助事業は「%(status)s」のため、契約・経費は変更できません（交付決定の後、事業完了まで）。"),
    )


def can_set_completion(user: object, project: Project) -> Decision:
    """The completion date is set after the decision, before the completion report is handed in."""
    return can_record_costs(user, project)


def can_edit_report(user: object, report: Report, project: Project) -> Decision:
    """Write a report: not handed in yet (or returned), of a project neither cancelled nor declined."""
    decision = can_act(user, project)
    if not decision:
        return decision
    if project.status in ENDED:
        return deny(_("交付決定が解除された補助事業の報告は変更できません。"))
    if report.status not in EDITABLE_REPORT_STATUSES:
        return deny(
            _("この報告は「%(status)s」のため、変更できません。") % {"status": report.get_status_display()}
        )
    return allow()


def change_open(project: Project) -> Decision:
    """計画変更 is requested and approved after the decision, until completion."""
    return _state(
        project,
        RECORDING_OPEN,
        _("この補助事業は「%(status)s」のため、計画変更の承認申請はできません（交付決定後、事業完了まで）。"),
    )


def can_request_change(user: object, project: Project) -> Decision:
    decision = can_act(user, project)
    if not decision:
        return decision
    return change_open(project)


def continuation_open(project: Project) -> Decision:
    """A multi-year project submits its next year's plan after the decision, also after completion."""
    if not project.multi_year:
        return deny(_("複数年度の事業のみ、継続年度の事業実施計画を提出できます。"))
    return _state(
        project,
        CONTINUATION_OPEN,
        _("この補助事業は「%(status)s」のため、継続年度の事業実施計画を提出できません。"),
    )


def can_continue(user: object, project: Project) -> Decision:
    decision = can_act(user, project)
    if not decision:
        return decision
    return continuation_open(project)


def can_use_secretariat_pages(user: object) -> Decision:
    """Pages across all projects (due-date board, retention list, opening projects): 404 for others."""
    if is_secretariat(user):
        return allow()
    return hide(_("このページは見つかりません。"))


def can_download(user: object, document: GrantDocument) -> Decision:
    """A file of a project: whoever may see the project, while the records are kept."""
    decision = can_view(user, document.project)
    if not decision:
        return decision
    if document.project.disposed_at is not None:
        return hide(_("この書類は保存期限を過ぎて廃棄されています。"))
    if document.inspection_id is not None:
        return can_see_inspection_record(user, document.inspection)
    return allow()


def can_see_inspection_record(user: object, inspection: Any) -> Decision:
    """An inspection's files: the secretariat always; the grantee and co-applicants once it took place
    (its findings and files are shown from the day it is recorded as done)."""
    decision = can_view(user, inspection.project)
    if not decision:
        return decision
    if is_secretariat(user) or inspection.done_on is not None:
        return allow()
    return deny(_("現地調査の結果と資料は、実施の記録の後に表示されます。"))


def can_download_statement(user: object, project: Project) -> Decision:
    """補助金調書 (seed 003 §6(1)): a local-government grantee's owners and members, and the secretariat.

    It is a document of the local government's own budget: co-applicants see the project but not this (403);
    for a grantee that is not a local government there is no such document (404)."""
    if not project.organization.is_local_government:
        return hide(_("この補助事業には補助金調書はありません。"))
    if not (is_secretariat(user) or is_grantee_member(user, project)):
        if can_view(user, project):
            return deny(_("補助金調書は、補助事業者（地方公共団体）の担当者と事務局のみ取得できます。"))
        return hide(_("この補助事業は見つかりません。"))
    if project.decided_on is None:
        return deny(_("補助金調書は、交付決定の後に作成できます。"))
    return allow()


# Projects that end with a post-evaluation (事後評価): completed, and neither cancelled nor declined.
EVALUATED_STATES = frozenset({ProjectStatus.COMPLETED, ProjectStatus.DETERMINED, ProjectStatus.PAID})


def can_record_post_evaluation(user: object, project: Project) -> Decision:
    """The secretariat records the post-evaluation of a completed project (seed 003 §9(4)イ)."""
    decision = can_manage(user, project)
    if not decision:
        return decision
    if project.completed_on is None or project.status not in EVALUATED_STATES:
        return deny(_("事後評価は、事業が完了した補助事業について記録できます。"))
    return allow()


def inspections_open(project: Project) -> Decision:
    """Site inspections are planned during the project (after the grant decision) or after it."""
    if project.decided_on is None:
        return deny(_("現地調査は交付決定の後（事業の実施中または完了後）に予定できます。"))
    return allow()

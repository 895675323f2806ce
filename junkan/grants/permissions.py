"""Who may see and act on grant projects. The calculators are public; the projects are not.

- The grantee (補助事業者): members of the lead organization act on the project (交付申請, contracts, plan
  changes, reports, payment request, answers to requests).
- Members of an accepted co-applicant organization read the project and its files; they cannot act (403).
- The secretariat (事務局・協会) sees every project and makes the decisions (交付決定, approvals, 額の確定,
  payments, cancellation and return orders, requests, disposal).
- Everyone else gets 404 on every URL and file of a project.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.applications.models import CoApplicantStatus
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.grants.models import GrantDocument, Project
from junkan.organizations.permissions import membership_of


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
        co.status == CoApplicantStatus.ACCEPTED and membership_of(user, co.organization) is not None
        for co in project.application.co_applicants.all()
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
    return allow()

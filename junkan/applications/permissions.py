"""Who may see and act on applications.

- The lead organization's members (代表申請者) edit, submit and withdraw.
- Members of a co-applicant organization (invited or accepted) read the application and write in its thread;
  they answer their own invitation.
- The secretariat sees an application once it has been submitted (drafts are the applicant's own), accepts it
  or returns it, and writes in the thread.
- Everyone else gets 404 for every URL of an application and its files.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.applications.models import (
    EDITABLE_STATUSES,
    Application,
    ApplicationStatus,
    CoApplicant,
    CoApplicantStatus,
)
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.organizations.models import Organization
from junkan.organizations.permissions import membership_of
from junkan.programs.models import Program, ProgramStatus, ProjectType


def is_lead_member(user: object, application: Application) -> bool:
    return membership_of(user, application.organization) is not None


def co_applicant_of(user: object, application: Application) -> CoApplicant | None:
    """The co-applicant row through which the person takes part, if any (invited or accepted)."""
    if not getattr(user, "is_authenticated", False):
        return None
    for co in application.co_applicants.all():
        if co.status != CoApplicantStatus.DECLINED and membership_of(user, co.organization) is not None:
            return co
    return None


def is_party(user: object, application: Application) -> bool:
    return is_lead_member(user, application) or co_applicant_of(user, application) is not None


def _secretariat_sees(user: object, application: Application) -> bool:
    return is_secretariat(user) and (
        application.status != ApplicationStatus.DRAFT or application.submitted_at is not None
    )


def can_start(
    user: object,
    program: Program,
    project_type: ProjectType,
    organization: Organization,
    now: datetime | None = None,
) -> Decision:
    if membership_of(user, organization) is None:
        return hide(_("この組織のメンバーではありません。"))
    if project_type.program_id != program.pk or not program.published:
        return hide(_("この公募は公開されていません。"))
    if program.status(now or timezone.now()) != ProgramStatus.OPEN:
        return deny(_("この公募は受付期間外のため、応募を始められません。"))
    return allow()


def can_open_start(user: object, program: Program, has_forms: bool, now: datetime | None = None) -> Decision:
    """The start page of a call: published, with online forms, and open now."""
    if not program.published or not has_forms:
        return hide(_("この公募はオンラインでの応募を受け付けていません。"))
    if not getattr(user, "is_authenticated", False):
        return deny(_("ログインしてください。"))
    if program.status(now or timezone.now()) != ProgramStatus.OPEN:
        return deny(_("この公募は受付期間外のため、応募を始められません。"))
    return allow()


def can_view(user: object, application: Application) -> Decision:
    if is_party(user, application):
        return allow(_("申請者のメンバーです。"))
    if _secretariat_sees(user, application):
        return allow(_("事務局として閲覧できます。"))
    return hide(_("この応募は見つかりません。"))


def can_edit(user: object, application: Application) -> Decision:
    if not is_lead_member(user, application):
        if can_view(user, application):
            return deny(_("応募の内容を変更できるのは代表申請者のメンバーのみです。"))
        return hide(_("この応募は見つかりません。"))
    if application.status not in EDITABLE_STATUSES:
        return deny(
            _("「%(status)s」の応募は変更できません。") % {"status": application.get_status_display()}
        )
    return allow()


def may_act_for_applicant(user: object, application: Application) -> Decision:
    """Submit and withdraw in the lead organization's name: its owners, and the members an owner allows."""
    membership = membership_of(user, application.organization)
    if membership is None:
        if can_view(user, application):
            return deny(_("提出・取下げは代表申請者が行います。"))
        return hide(_("この応募は見つかりません。"))
    if membership.may_act_for_applications:
        return allow()
    return deny(
        _(
            "応募の提出・取下げができるのは、組織の管理者と、管理者が認めたメンバーです。"
            "組織の管理者にご相談ください。"
        )
    )


def can_submit(user: object, application: Application, now: datetime | None = None) -> Decision:
    decision = can_edit(user, application)
    if not decision:
        return decision
    decision = may_act_for_applicant(user, application)
    if not decision:
        return decision
    if application.program.status(now or timezone.now()) != ProgramStatus.OPEN:
        return deny(_("受付期間外のため提出できません。"))
    return allow()


def can_withdraw(user: object, application: Application) -> Decision:
    """Who may withdraw (the state and the guards are the process's: ``applications.processes``)."""
    return may_act_for_applicant(user, application)


def can_manage_co_applicants(user: object, application: Application) -> Decision:
    return can_edit(user, application)


def can_respond_invitation(user: object, co_applicant: CoApplicant) -> Decision:
    if membership_of(user, co_applicant.organization) is None:
        return hide(_("この招待は見つかりません。"))
    if co_applicant.status != CoApplicantStatus.INVITED:
        return deny(_("この招待にはすでに回答済みです。"))
    if co_applicant.application.status not in EDITABLE_STATUSES:
        return deny(_("この応募は提出済みのため、回答できません。"))
    return allow()


def can_post_message(user: object, application: Application) -> Decision:
    if is_party(user, application) or _secretariat_sees(user, application):
        return allow()
    return hide(_("この応募は見つかりません。"))


def can_decide(user: object, application: Application) -> Decision:
    """受理 or 不備 (who; the state is the process's): the secretariat."""
    if not is_secretariat(user):
        if is_party(user, application):
            return deny(_("受理・返却は事務局が行います。"))
        return hide(_("この応募は見つかりません。"))
    return allow()


def can_view_inbox(user: object, program: Program) -> Decision:
    if is_secretariat(user):
        return allow()
    return hide(_("このページは事務局のみ利用できます。"))


def can_list_own(user: object) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("ログインしてください。"))
    return allow()

"""Who may see and do what in the review.

- The secretariat staff who manage a committee (its ``managers``; administrators manage every committee)
  set it up, assign, see the results and record the decisions. Other secretariat staff may set up a
  committee for a call that has none, and are refused (403) the pages of committees they do not manage.
- A member (審査委員: an active member holding the reviewer role) sees only the applications assigned to
  them and not excluded by a conflict; any other application is 404, as for everyone else.
- Applicants and everyone else get 404 for every non-public page. Once the committee has published its
  results, the list of adopted projects is public.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.models import Role
from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.review.models import (
    Assignment,
    Committee,
    CommitteeMember,
    CommitteeStatus,
    Declaration,
    ScoreSheet,
)


def _authenticated(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_reviewer(user: object) -> bool:
    return _authenticated(user) and user.has_role(Role.REVIEWER)  # type: ignore[attr-defined]


def manages(user: object, committee: Committee) -> bool:
    """Whether the person runs this committee: a manager of it, or an administrator."""
    if not is_secretariat(user):
        return False
    if user.is_superuser or user.has_role(Role.ADMINISTRATOR):  # type: ignore[attr-defined]
        return True
    if "managers" in getattr(committee, "_prefetched_objects_cache", {}):
        # A page that asks several times prefetched them (adding or removing a manager clears this).
        return any(manager.pk == user.pk for manager in committee.managers.all())  # type: ignore[attr-defined]
    return committee.managers.filter(pk=user.pk).exists()  # type: ignore[attr-defined]


def member_of(user: object, committee: Committee) -> CommitteeMember | None:
    """The person's active membership of the committee, if they hold the reviewer role."""
    if not is_reviewer(user):
        return None
    return CommitteeMember.objects.filter(committee=committee, user=user, active=True).first()


def can_open_index(user: object) -> Decision:
    if is_secretariat(user) or is_reviewer(user):
        return allow()
    return hide(_("このページは審査委員と事務局のみ利用できます。"))


def can_create_committee(user: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return hide(_("このページは事務局のみ利用できます。"))


def can_manage(user: object, committee: Committee) -> Decision:
    """Set up, assign, see results, decide, export: the committee's secretariat."""
    if manages(user, committee):
        return allow()
    if is_secretariat(user):
        return deny(_("この審査委員会の担当ではありません。担当の事務局職員に追加を依頼してください。"))
    if member_of(user, committee) is not None:
        return deny(_("このページは事務局のみ利用できます。"))
    return hide(_("このページは見つかりません。"))


def can_change_review(user: object, committee: Committee) -> Decision:
    """Changes to members, assignments and decisions: the committee's secretariat, while reviewing."""
    decision = can_manage(user, committee)
    if not decision:
        return decision
    if committee.status != CommitteeStatus.REVIEWING:
        return deny(_("採否を確定した審査委員会は変更できません。"))
    return allow()


def can_view_own_list(user: object, committee: Committee) -> Decision:
    """The list of a member's own assignments."""
    return own_list(user, committee)[0]


def own_list(user: object, committee: Committee) -> tuple[Decision, CommitteeMember | None]:
    """``can_view_own_list`` with the membership it found (the list's page reads it once)."""
    member = member_of(user, committee)
    if member is not None:
        return allow(), member
    return hide(_("このページは見つかりません。")), None


def can_review(user: object, assignment: Assignment | None, excluded: bool) -> Decision:
    """Open an application as a member: assigned (active), not excluded, holding the reviewer role."""
    if (
        assignment is None
        or not assignment.is_active
        or excluded
        or not assignment.member.active
        or assignment.member.user_id != getattr(user, "pk", None)
        or not is_reviewer(user)
    ):
        return hide(_("この応募は見つかりません。"))
    return allow()


def can_declare(user: object, assignment: Assignment | None, excluded: bool) -> Decision:
    """Declare a relationship. 「利害関係なし」 may later become a conflict, never the reverse."""
    decision = can_review(user, assignment, excluded)
    if not decision:
        return decision
    if assignment.committee.status != CommitteeStatus.REVIEWING:  # type: ignore[union-attr]
        return deny(_("審査は終了しています。"))
    return allow()


def can_score(
    user: object,
    assignment: Assignment | None,
    excluded: bool,
    declaration: Declaration | None,
    sheet: ScoreSheet | None,
) -> Decision:
    """Write and submit the score sheet: after declaring no relationship, until it is submitted."""
    decision = can_review(user, assignment, excluded)
    if not decision:
        return decision
    if assignment.committee.status != CommitteeStatus.REVIEWING:  # type: ignore[union-attr]
        return deny(_("審査は終了しています。"))
    if declaration is None or declaration.is_conflict:
        return deny(_("採点の前に、利害関係の申告をしてください。"))
    if sheet is not None and sheet.is_submitted:
        return deny(_("提出済みの採点票は変更できません。変更が必要な場合は事務局にご連絡ください。"))
    return allow()


def can_see_other_scores(sheet: ScoreSheet | None) -> bool:
    """A member sees the other members' scores of an application only after submitting their own."""
    return sheet is not None and sheet.is_submitted


def can_reopen_sheet(user: object, sheet: ScoreSheet) -> Decision:
    """Return a submitted sheet to its member (at their request): the committee's secretariat."""
    decision = can_change_review(user, sheet.assignment.committee)
    if not decision:
        return decision
    if not sheet.is_submitted:
        return deny(_("提出されていない採点票です。"))
    return allow()


def can_view_publication(committee: Committee | None) -> Decision:
    if committee is not None and committee.status == CommitteeStatus.PUBLISHED:
        return allow(_("公表されています。"))
    return hide(_("公表されていません。"))


def can_finalize(user: object, committee: Committee) -> Decision:
    return can_change_review(user, committee)


def can_publish(user: object, committee: Committee) -> Decision:
    decision = can_manage(user, committee)
    if not decision:
        return decision
    if committee.status != CommitteeStatus.DECIDED:
        return deny(_("採否を確定し、申請者に通知した後に公表できます。"))
    return allow()

"""Who declares and who confirms the criteria."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.organizations.permissions import membership_of


def can_declare_for_solution(user: object, solution: object) -> Decision:
    if membership_of(user, solution.registration.organization) is not None:  # type: ignore[attr-defined]
        return allow()
    if is_secretariat(user):
        return deny(_("ソリューションの要件は企業等が申告し、事務局が確認します。"))
    return hide(_("この企業等のメンバーではありません。"))


def can_declare_for_case(user: object, case: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return hide(_("事務局のページです。"))


def can_decide(user: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return hide(_("事務局のページです。"))

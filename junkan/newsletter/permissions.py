"""Who may do what with the mail magazine. Subscribing is open to anyone (the address is confirmed by
mail); composing, sending and the send log are the secretariat's and hidden (404) from everyone else."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.newsletter.models import Issue, IssueStatus


def can_subscribe(user: object) -> Decision:
    return allow()


def can_manage(user: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return hide(_("事務局のページです。"))


def can_edit_issue(user: object, issue: Issue) -> Decision:
    decision = can_manage(user)
    if not decision.allowed:
        return decision
    if issue.status != IssueStatus.DRAFT:
        return deny(_("配信を始めた号は変更できません。"))
    return allow()


def can_send_issue(user: object, issue: Issue) -> Decision:
    decision = can_manage(user)
    if not decision.allowed:
        return decision
    if issue.status != IssueStatus.DRAFT:
        return deny(_("この号はすでに配信しています。"))
    return allow()


def can_retry_issue(user: object, issue: Issue) -> Decision:
    decision = can_manage(user)
    if not decision.allowed:
        return decision
    if issue.status != IssueStatus.SENDING:
        return deny(_("再送できるのは配信中の号だけです。"))
    return allow()

"""Who may see the support pages and send an inquiry. Published entries are public; the rest is hidden (404)
from everyone but the secretariat, who may preview them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide


def can_list(user: object) -> Decision:
    """The lists of experts, organizations, measures and funding mechanisms are public."""
    return allow()


def can_view(user: object, entry: object) -> Decision:
    if entry.is_published:  # type: ignore[attr-defined]
        return allow(_("公開されています。"))
    if is_secretariat(user):
        return allow(_("事務局として非公開の項目を確認できます。"))
    return hide(_("公開されていません。"))


def can_manage(user: object) -> Decision:
    """Adding, changing and deleting entries in the admin: the secretariat only."""
    if is_secretariat(user):
        return allow()
    return deny(_("専門家・支援策・資金の仕組みの編集は事務局のみ行えます。"))


def can_send_inquiry(user: object, expert: object) -> Decision:
    """Anyone signed in may ask the secretariat to put them in touch with a published expert."""
    view = can_view(user, expert)
    if not view.allowed:
        return view
    if not expert.is_published:  # type: ignore[attr-defined]
        return deny(_("非公開の専門家には相談を送れません。"))
    if not getattr(user, "is_authenticated", False):
        return deny(_("相談を送るにはログインしてください。"))
    return allow()

"""Who may see and manage calls. Published calls are public; unpublished ones only for the secretariat."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.programs.models import Program


def can_view_program(user: object, program: Program) -> Decision:
    """Anyone may read a published call; an unpublished one is answered as if it did not exist."""
    if program.published:
        return allow(_("公開されている公募です。"))
    if is_secretariat(user):
        return allow(_("事務局として非公開の公募を閲覧できます。"))
    return hide(_("この公募は公開されていません。"))


def can_list_programs(user: object) -> Decision:
    """The list of published calls is public."""
    return allow()


def can_see_unpublished(user: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return deny(_("非公開の公募は事務局のみ閲覧できます。"))


def can_manage_programs(user: object) -> Decision:
    """Creating, editing, publishing, importing and exporting calls is secretariat work."""
    if is_secretariat(user):
        return allow()
    return deny(_("公募の登録・変更は事務局のみ行えます。"))

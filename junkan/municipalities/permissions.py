"""Who may do what with the master: everyone reads it, staff manage unions, nobody edits official rows."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny
from junkan.municipalities.models import Municipality


def can_view_in_admin(user: object) -> Decision:
    """The master in the admin is for the secretariat and administrators."""
    if is_secretariat(user):
        return allow()
    return deny(_("地方公共団体の管理は事務局のみ行えます。"))


def can_manage_unions(user: object) -> Decision:
    """Adding, changing and deleting 一部事務組合・広域連合 is secretariat work."""
    if is_secretariat(user):
        return allow()
    return deny(_("一部事務組合・広域連合の登録・変更は事務局のみ行えます。"))


def can_change(user: object, municipality: Municipality) -> Decision:
    """Official rows come from the national code list and are never edited by hand; unions are."""
    if municipality.is_official:
        return deny(_("全国地方公共団体コードに基づく団体は変更できません。"))
    return can_manage_unions(user)


def can_delete(user: object, municipality: Municipality) -> Decision:
    """Same rule as changing: only staff-added unions can be deleted, and only by staff."""
    if municipality.is_official:
        return deny(_("全国地方公共団体コードに基づく団体は削除できません。"))
    return can_manage_unions(user)


def can_search_master(user: object) -> Decision:
    """The code list is public data: anyone may search it."""
    return allow()

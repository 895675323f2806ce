"""Who may do what with people and roles."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.accounts.models import Role
from junkan.common.permissions import Decision, allow, deny


def is_secretariat(user: object) -> bool:
    """Secretariat staff or administrators: the people who run the programs."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or user.role_set & {Role.SECRETARIAT, Role.ADMINISTRATOR})  # type: ignore[attr-defined]
    )


def can_manage_roles(user: object) -> Decision:
    if getattr(user, "is_authenticated", False) and user.is_superuser:  # type: ignore[attr-defined]
        return allow()
    return deny(_("役割の付与・取消しはシステム管理者のみ行えます。"))

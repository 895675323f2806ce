"""State changes of people: granting and revoking platform roles. Each one is audited."""

from __future__ import annotations

from django.db import transaction

from junkan.accounts.models import STAFF_ROLES, Role, RoleGrant, User
from junkan.accounts.permissions import can_manage_roles
from junkan.audit.services import record
from junkan.common.permissions import enforce


def _sync_staff_flags(user: User) -> None:
    """is_staff follows the staff roles; is_superuser follows the administrator role."""
    roles = set(user.role_grants.values_list("role", flat=True))
    before = {"is_staff": user.is_staff, "is_superuser": user.is_superuser}
    user.is_staff = bool(roles & STAFF_ROLES)
    user.is_superuser = Role.ADMINISTRATOR in roles
    user.__dict__.pop("_role_set", None)  # recomputed on next use
    if before != {"is_staff": user.is_staff, "is_superuser": user.is_superuser}:
        user.save(update_fields=["is_staff", "is_superuser"])


def grant_role(actor: User | None, user: User, role: Role) -> RoleGrant:
    """Give ``user`` a platform role. ``actor`` None means the system (demo data, migrations)."""
    if actor is not None:
        enforce(can_manage_roles(actor))
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(user=user, role=role, defaults={"granted_by": actor})
        if created:
            _sync_staff_flags(user)
            record(actor, "accounts.role.granted", user, changes={"roles": [None, role.value]})
            _end_sessions_on_commit(user)
    return grant


def revoke_role(actor: User | None, user: User, role: Role) -> bool:
    """Take a platform role away. Returns whether the person had it."""
    if actor is not None:
        enforce(can_manage_roles(actor))
    with transaction.atomic():
        deleted, _ = RoleGrant.objects.filter(user=user, role=role).delete()
        if deleted:
            _sync_staff_flags(user)
            record(actor, "accounts.role.revoked", user, changes={"roles": [role.value, None]})
            _end_sessions_on_commit(user)
    return bool(deleted)


def _end_sessions_on_commit(user: User) -> None:
    """A change of privilege ends every session of the person: they sign in again under the new roles
    (with the second factor where the new role needs it), so no session carries rights it was not given."""
    from allauth.usersessions.models import UserSession

    def end() -> None:
        for session in UserSession.objects.filter(user=user):
            session.end()

    transaction.on_commit(end)

"""State changes of hubs: who works for which hub. Each is audited."""

from __future__ import annotations

from django.db import transaction

from junkan.accounts.models import Role
from junkan.accounts.services import grant_role
from junkan.audit.services import record
from junkan.common.permissions import enforce
from junkan.hubs import permissions
from junkan.hubs.models import Hub, HubStaff


def assign_staff(actor: object | None, hub: Hub, user: object) -> HubStaff:
    """Make ``user`` staff of ``hub`` (the hub-staff role is granted with it). ``actor`` None: the system."""
    if actor is not None:
        enforce(permissions.can_assign_staff(actor))
    with transaction.atomic():
        grant_role(None, user, Role.HUB_STAFF)
        assignment, created = HubStaff.objects.get_or_create(hub=hub, user=user)
        if created:
            record(actor, "hubs.staff.assigned", hub, data={"user": user.pk, "email": user.email})  # type: ignore[attr-defined]
    return assignment


def remove_staff(actor: object | None, hub: Hub, user: object) -> bool:
    if actor is not None:
        enforce(permissions.can_assign_staff(actor))
    with transaction.atomic():
        deleted, _ = HubStaff.objects.filter(hub=hub, user=user).delete()
        if deleted:
            record(actor, "hubs.staff.removed", hub, data={"user": user.pk, "email": user.email})  # type: ignore[attr-defined]
    return bool(deleted)

"""The one transition function of a project's status, and the lock every grant service takes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.audit.services import plain, record
from junkan.grants.engine import lifecycle
from junkan.grants.models import Project, ProjectStatus
from junkan.grants.permissions import is_grantee_member


def lock(project: Project) -> Project:
    """The project row, locked until the end of the transaction (call inside ``transaction.atomic()``)."""
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("program", "project_type", "organization")
        .get(pk=project.pk)
    )


def _may_act(actor: Any, side: str, project: Project) -> bool:
    if side == lifecycle.SECRETARIAT:
        return is_secretariat(actor)
    return is_grantee_member(actor, project)


def transition(
    actor: Any,
    project: Project,
    name: str,
    *,
    fields: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
) -> Project:
    """Move the (locked) ``project`` by the move ``name``, set ``fields`` with it and write the audit log.

    Must be called inside ``transaction.atomic()`` on a row from :func:`lock`. Checks that the move is
    possible from the current status and that ``actor`` is on the side that makes it; saves only the
    status and ``fields`` (``update_fields``). ``actor`` None is the system (commands, the demo loader)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition() must run inside transaction.atomic()")
    try:
        move = lifecycle.move(name, project.status)
    except lifecycle.NotAllowed:
        raise ValidationError(
            _("この補助事業は「%(status)s」のため、この手続はできません。")
            % {"status": project.get_status_display()}
        ) from None
    if actor is not None and not _may_act(actor, move.actor, project):
        raise PermissionDenied(_("この手続を行う権限がありません。"))
    before = project.status
    changes: dict[str, list[Any]] = {"status": [before, move.target]}
    for key, value in (fields or {}).items():
        old = getattr(project, key)
        if old != value:
            changes[key] = [plain(old), plain(value)]
        setattr(project, key, value)
    project.status = ProjectStatus(move.target)
    project.save(update_fields=["status", *(fields or {}).keys(), "updated_at"])
    record(actor, f"grants.project.{move.name}", project, changes=changes, data=dict(data or {}))
    return project


def update(
    actor: Any,
    project: Project,
    action: str,
    fields: Mapping[str, Any],
    data: Mapping[str, Any] | None = None,
) -> Project:
    """Change ``fields`` of the (locked) project without a move, audited as ``grants.project.<action>``."""
    changes = {
        key: [plain(getattr(project, key)), plain(value)]
        for key, value in fields.items()
        if getattr(project, key) != value
    }
    for key, value in fields.items():
        setattr(project, key, value)
    project.save(update_fields=[*fields.keys(), "updated_at"])
    record(actor, f"grants.project.{action}", project, changes=changes, data=dict(data or {}))
    return project

"""The lock every grant service takes, and audited changes of a project that are not moves.

The moves themselves (交付申請, 交付決定, 額の確定 …) are declared in :mod:`junkan.grants.processes` and run
by ``common.workflow.transition``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from junkan.audit.services import plain, record
from junkan.grants.models import Project


def lock(project: Project) -> Project:
    """The project row, locked until the end of the transaction (call inside ``transaction.atomic()``)."""
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("program", "project_type", "organization")
        .get(pk=project.pk)
    )


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

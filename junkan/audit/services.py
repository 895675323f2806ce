"""The one helper every state change calls to write the audit log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from junkan.audit.models import AuditEntry


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields`` on ``obj`` (foreign keys by primary key)."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        values[name] = getattr(obj, field.attname)  # type: ignore[union-attr]
    return values


def plain(value: Any) -> Any:
    """A field value as the audit log keeps it: objects by primary key, collections sorted, dates and
    decimals as text (``2020-03-10``, ``12.500``), JSON objects as they are."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | frozenset | models.QuerySet):
        return sorted(plain(item) for item in value)
    if value is None or isinstance(value, bool | int | float | str | dict):
        return value
    return str(value)


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields whose value changed."""
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}


def record(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    changes: Mapping[str, list[Any]] | None = None,
    data: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry. ``actor`` is a user, or None for the system itself.

    ``action`` is a namespaced code, ``<app>.<object>.<verb>`` (``organizations.membership.invited``).
    Call it inside the same ``transaction.atomic()`` block as the change it records, so that
    either both are saved or neither is.
    """
    if action.count(".") < 2:
        raise ValueError(f"audit action {action!r} must be namespaced as app.object.verb")
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_person else None,
        actor_label=(f"{actor} <{actor.email}>" if is_person else "system"),
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        changes=dict(changes or {}),
        data=dict(data or {}),
    )

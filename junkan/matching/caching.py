"""Matching's cache scope (``matching``): what the secretariat's view and a request's page show the same to
everyone who may see them is computed or rendered once per change.

Every save or delete of a collaboration request, a message of its thread, a matching event, a pair met at
an event or an organization (the names shown) bumps ``SCOPE``; so does an audit entry about a request (its
history) and a person's name changing (the authors and actors shown). Code that changes these
rows with ``QuerySet.update`` or ``bulk_create`` calls ``invalidate()``. Permission checks, the moves a person
may make and every form stay per request, outside what is cached.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import datetime
from typing import Any

from junkan.common import cache

SCOPE = "matching"


def invalidate() -> None:
    cache.bump(SCOPE)


def _updates_by_state() -> dict[str, list[float]]:
    from junkan.matching.models import CollaborationRequest

    found: dict[str, list[float]] = {}
    for status, updated_at in CollaborationRequest.objects.order_by().values_list("status", "updated_at"):
        found.setdefault(status, []).append(updated_at.timestamp())
    for stamps in found.values():
        stamps.sort()
    return found


def counts_since(since: list[datetime]) -> dict[str, list[int]]:
    """Per state: how many requests were last updated at or after each of ``since`` (in that order), then
    the total. Exact at any moment: the times of the last updates are read once per change of matching (kept
    in this process, sorted), and counted here for the moment asked."""
    updates = cache.memo("matching-updates-by-state", (SCOPE,), _updates_by_state)
    counts = {}
    for status, stamps in updates.items():
        counts[status] = [len(stamps) - bisect_left(stamps, moment.timestamp()) for moment in since]
        counts[status].append(len(stamps))
    return counts


def funnel() -> dict[str, int]:
    from junkan.matching.services import funnel

    return cache.cached("matching-funnel", (SCOPE,), funnel)


def _user_saved(sender: Any, update_fields: Any = None, **kwargs: Any) -> None:
    # Signing in saves last_login only: the names shown do not change then.
    if update_fields is None or "full_name" in update_fields:
        invalidate()


def _audited(sender: Any, instance: Any, **kwargs: Any) -> None:
    from django.contrib.contenttypes.models import ContentType

    from junkan.matching.models import CollaborationRequest

    if instance.content_type_id == ContentType.objects.get_for_model(CollaborationRequest).pk:
        invalidate()


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.db.models.signals import post_save

    from junkan.audit.models import AuditEntry
    from junkan.matching.models import CollaborationRequest, EventPair, MatchingEvent, RequestMessage
    from junkan.organizations.models import Organization

    cache.bump_on_change(SCOPE, CollaborationRequest, RequestMessage, MatchingEvent, EventPair, Organization)
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="cache-matching-user-names")
    post_save.connect(_audited, sender=AuditEntry, dispatch_uid="cache-matching-request-history")

"""Every change to case studies and guides: secretariat only, atomic and audited.

The admin saves a change form, its many-to-many fields and its inlines inside one transaction;
``begin_edit`` checks the permission and takes the stored state before the save, ``finish_edit``
writes the audit entry with what changed once everything is saved. Publishing from the list
(an admin action) goes through ``set_published``.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from junkan.audit.services import diff, record
from junkan.cases import permissions
from junkan.cases.models import CaseStudy, Guide
from junkan.common.permissions import enforce

Item = CaseStudy | Guide

CASE_FIELDS = (
    "slug",
    "title",
    "summary",
    "region_label",
    "region_registration_id",
    "background",
    "actions",
    "outcomes_note",
    "funding",
    "stakeholders",
    "published",
    "published_at",
)
GUIDE_FIELDS = ("slug", "title", "summary", "body", "category", "order", "published", "published_at")


def _noun(item: Item) -> str:
    return "case" if isinstance(item, CaseStudy) else "guide"


def snapshot(item: Item) -> dict[str, Any]:
    """The item as stored now, with its many-to-many sets and inline rows (read fresh from the database)."""
    if isinstance(item, CaseStudy):
        fresh = CaseStudy.objects.prefetch_related(
            "municipalities", "themes", "resources", "sdg_goals", "outcomes", "sources"
        ).get(pk=item.pk)
        state: dict[str, Any] = {name: getattr(fresh, name) for name in CASE_FIELDS}
        state["municipalities"] = sorted(m.code or str(m.pk) for m in fresh.municipalities.all())
        state["themes"] = sorted(t.code for t in fresh.themes.all())
        state["resources"] = sorted(r.code for r in fresh.resources.all())
        state["sdg_goals"] = sorted(g.number for g in fresh.sdg_goals.all())
        state["outcomes"] = [[o.label, str(o.value), o.unit, o.note] for o in fresh.outcomes.all()]
        state["sources"] = [[s.title, s.url] for s in fresh.sources.all()]
        return state
    fresh_guide = Guide.objects.get(pk=item.pk)
    return {name: getattr(fresh_guide, name) for name in GUIDE_FIELDS}


def prepare_publication(item: Item) -> None:
    """Stamp the first publication time; lists and feeds order by it."""
    if item.published and item.published_at is None:
        item.published_at = timezone.now()


def begin_edit(actor: Any, item: Item) -> dict[str, Any] | None:
    """Check the permission and take the state before an edit (None for a new item)."""
    enforce(permissions.can_manage(actor))
    prepare_publication(item)
    if item.pk is None:
        return None
    return snapshot(item)


def finish_edit(actor: Any, item: Item, before: dict[str, Any] | None) -> None:
    """Audit an edit the admin has just saved (inside its transaction)."""
    enforce(permissions.can_manage(actor))
    with transaction.atomic():
        after = snapshot(item)
        if before is None:
            record(actor, f"cases.{_noun(item)}.created", item, changes=diff({}, after))
            return
        changes = diff(before, after)
        if changes:
            record(actor, f"cases.{_noun(item)}.updated", item, changes=changes)


def set_published(actor: Any, item: Item, published: bool) -> Item:
    """Publish or withdraw a case study or guide."""
    enforce(permissions.can_manage(actor))
    model = type(item)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=item.pk)
        if locked.published == published:
            return locked
        before = {"published": locked.published, "published_at": locked.published_at}
        locked.published = published
        prepare_publication(locked)
        locked.save(update_fields=["published", "published_at", "updated_at"])
        verb = "published" if published else "withdrawn"
        record(
            actor,
            f"cases.{_noun(locked)}.{verb}",
            locked,
            changes=diff(before, {"published": locked.published, "published_at": locked.published_at}),
        )
    return locked


def delete(actor: Any, item: Item) -> None:
    enforce(permissions.can_manage(actor))
    with transaction.atomic():
        record(actor, f"cases.{_noun(item)}.deleted", item, data={"slug": item.slug, "title": item.title})
        item.delete()

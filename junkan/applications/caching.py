"""The applications' cache scopes: a call's inbox (totals per type, filters, the page of applications) is
rendered once per change of what it shows.

A save or delete of an application bumps its call's scope (``scope(program_id)``); a change of an
organization (the applicant's name and kind), a call, a project type or a municipality (the prefecture
filter) bumps ``GLOBAL``, which every inbox's key carries too. Code that changes these rows with
``QuerySet.update`` or ``bulk_create`` calls ``invalidate()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from junkan.common import cache

GLOBAL = "applications"


def scope(program_id: int) -> str:
    return f"applications:{program_id}"


def scopes(program_id: int) -> tuple[str, ...]:
    """What a call's inbox is keyed on."""
    return (GLOBAL, scope(program_id))


def invalidate(program_id: int | None = None) -> None:
    """Forget the inbox of one call, or of every call."""
    cache.bump(scope(program_id) if program_id is not None else GLOBAL)


def _application_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate(instance.program_id)


def connect() -> None:
    from junkan.applications.models import Application
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Organization
    from junkan.programs.models import Program, ProjectType

    post_save.connect(_application_changed, sender=Application, dispatch_uid="cache-applications-saved")
    post_delete.connect(_application_changed, sender=Application, dispatch_uid="cache-applications-deleted")
    cache.bump_on_change(GLOBAL, Organization, Program, ProjectType, Municipality)

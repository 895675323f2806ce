"""The review's results cached per committee (``analysis.cached_results``), invalidated by any change.

What the results are computed from, and the scope each change invalidates: score sheets and their
marks, assignments, members, exclusions, budgets, decisions and the committee itself (that committee);
the call's applications (every committee of the call); project types, criteria and organizations
(every committee). Changes through services, the admin or the shell all pass through these signals;
``QuerySet.update`` does not, so code that uses it calls ``invalidate`` itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from junkan.common import cache

GLOBAL = "review"


def scopes(committee_id: int, program_id: int) -> tuple[str, ...]:
    return (GLOBAL, f"review:program:{program_id}", f"review:committee:{committee_id}")


def invalidate(committee_id: int | None = None, program_id: int | None = None) -> None:
    """Forget the results of one committee, of the committees of a call, or of every committee."""
    if committee_id is not None:
        cache.bump(f"review:committee:{committee_id}")
    elif program_id is not None:
        cache.bump(f"review:program:{program_id}")
    else:
        cache.bump(GLOBAL)


def _cached_fk(instance: Any, name: str) -> Any:
    field = instance._meta.get_field(name)
    return getattr(instance, name) if field.is_cached(instance) else None


def _committee_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate(committee_id=instance.committee_id)


def _committee_itself(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate(committee_id=instance.pk)


def _sheet_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    assignment = _cached_fk(instance, "assignment")
    invalidate(committee_id=assignment.committee_id if assignment is not None else None)


def _mark_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    sheet = _cached_fk(instance, "sheet")
    if sheet is None:
        invalidate()
        return
    # Marks of a draft sheet count for nothing until it is submitted (which saves the sheet).
    from junkan.review.models import SheetStatus

    if sheet.status == SheetStatus.SUBMITTED:
        _sheet_changed(sender, sheet)


def _application_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate(program_id=instance.program_id)


def _everything(sender: Any, instance: Any, **kwargs: Any) -> None:
    invalidate()


def connect() -> None:
    from junkan.applications.models import Application
    from junkan.organizations.models import Organization
    from junkan.programs.models import ProjectType, ReviewCriterion
    from junkan.review.models import (
        Assignment,
        Budget,
        Committee,
        CommitteeMember,
        Decision,
        Exclusion,
        Mark,
        ScoreSheet,
    )

    handlers = [
        (_committee_changed, (Assignment, Budget, CommitteeMember, Decision, Exclusion)),
        (_committee_itself, (Committee,)),
        (_sheet_changed, (ScoreSheet,)),
        (_mark_changed, (Mark,)),
        (_application_changed, (Application,)),
        (_everything, (Organization, ProjectType, ReviewCriterion)),
    ]
    for handler, models in handlers:
        for model in models:
            uid = f"review-results-{model._meta.label}"
            post_save.connect(handler, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(handler, sender=model, dispatch_uid=uid + "-delete")

"""The review's results cached per committee (``analysis.cached_results``), invalidated by any change.

What the results are computed from, and the scope each change invalidates: score sheets and their
marks, assignments, members, exclusions, budgets, decisions and the committee itself (that committee);
the call's applications (every committee of the call); project types, criteria and organizations
(every committee). The members' lists also show declarations and hearings: those bump ``list_scopes``
only. The pages render their tables under these generations (``{% cache %}`` with the tokens).
Changes through services, the admin or the shell all pass through these signals; ``QuerySet.update``
and ``bulk_create`` do not, so code that uses them calls ``invalidate`` itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from junkan.common import cache

GLOBAL = "review"


def scopes(committee_id: int, program_id: int) -> tuple[str, ...]:
    return (GLOBAL, f"review:program:{program_id}", f"review:committee:{committee_id}")


def list_scopes(committee_id: int, program_id: int) -> tuple[str, ...]:
    """The members' lists: what the results depend on, and the members' declarations and the hearings
    (which leave the results alone, so they bump only this scope)."""
    return (*scopes(committee_id, program_id), f"review:lists:{committee_id}")


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


def _list_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    committee_id = getattr(instance, "committee_id", None)
    if committee_id is None:  # a declaration: its member's committee
        member = _cached_fk(instance, "member")
        if member is not None:
            committee_id = member.committee_id
        else:
            from junkan.review.models import CommitteeMember

            committee_id = (
                CommitteeMember.objects.filter(pk=instance.member_id)
                .values_list("committee_id", flat=True)
                .first()
            )
    if committee_id is not None:
        cache.bump(f"review:lists:{committee_id}")


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
        Declaration,
        Exclusion,
        HearingSlot,
        Mark,
        ScoreSheet,
    )

    handlers = [
        (_committee_changed, (Assignment, Budget, CommitteeMember, Decision, Exclusion)),
        (_committee_itself, (Committee,)),
        (_sheet_changed, (ScoreSheet,)),
        (_mark_changed, (Mark,)),
        (_list_changed, (Declaration, HearingSlot)),
        (_application_changed, (Application,)),
        (_everything, (Organization, ProjectType, ReviewCriterion)),
    ]
    for handler, models in handlers:
        for model in models:
            uid = f"review-results-{model._meta.label}"
            post_save.connect(handler, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(handler, sender=model, dispatch_uid=uid + "-delete")

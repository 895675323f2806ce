"""What other apps read of the review, in one place (they never query the review's tables themselves)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from junkan.review.models import ADOPTED_OUTCOMES, CommitteeStatus, Decision


def decision_of(application: Any) -> Decision | None:
    """The committee's decision on ``application`` (recorded, notified or not), or None."""
    return Decision.objects.filter(application_id=application.pk).first()


def notified_decision_of(application: Any) -> Decision | None:
    """The decision once the applicant has been told of it, or None."""
    return Decision.objects.filter(application_id=application.pk, notified_at__isnull=False).first()


def adopted_without_project(program: Any = None) -> QuerySet[Decision]:
    """Adopted and notified decisions (of ``program``, if given) for which no grant project is open yet."""
    decisions = Decision.objects.filter(
        outcome__in=sorted(ADOPTED_OUTCOMES), notified_at__isnull=False, application__project__isnull=True
    )
    return decisions if program is None else decisions.filter(application__program=program)


def published_adoption_count() -> int:
    """How many applications are adopted in the published results of every call."""
    return Decision.objects.filter(
        outcome__in=sorted(ADOPTED_OUTCOMES), committee__status=CommitteeStatus.PUBLISHED
    ).count()

"""What other apps read of the review, in one place (they never query the review's tables themselves)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from junkan.review.models import ADOPTED_OUTCOMES, Decision


def decision_of(application: Any) -> Decision | None:
    """The committee's decision on ``application`` (recorded, notified or not), or None."""
    return Decision.objects.filter(application_id=application.pk).first()


def notified_decision_of(application: Any) -> Decision | None:
    """The decision once the applicant has been told of it, or None."""
    return Decision.objects.filter(application_id=application.pk, notified_at__isnull=False).first()


def adopted_without_project() -> QuerySet[Decision]:
    """Adopted and notified decisions for which no grant project has been opened yet."""
    return Decision.objects.filter(
        outcome__in=sorted(ADOPTED_OUTCOMES), notified_at__isnull=False, application__project__isnull=True
    )

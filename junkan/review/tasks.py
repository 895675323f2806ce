"""Background work of the review: the automatic assignment of a large committee.

The assignment itself is the same service as on the page (exact: balanced, conflict-free max-flow);
only where it runs differs. Its progress is kept in the shared cache so that the assignment page on any
app server shows it.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django_tasks import task

# A committee with at least this many (application × member) pairs is assigned in the worker.
LARGE = 2_000
HOUR = 3600


def progress_key(committee_id: int) -> str:
    return f"review:auto-assign:{committee_id}"


def progress(committee_id: int) -> dict[str, Any] | None:
    """The last automatic assignment: queued, running, done (with counts) or failed (with messages)."""
    return cache.get(progress_key(committee_id))


def set_progress(committee_id: int, **state: Any) -> None:
    cache.set(progress_key(committee_id), state, HOUR)


@task()
def auto_assign(actor_id: int, committee_id: int) -> dict[str, Any]:
    from junkan.accounts.models import User
    from junkan.review import analysis, services
    from junkan.review.models import Committee

    set_progress(committee_id, state="running", step=1)
    actor = User.objects.get(pk=actor_id)
    committee = Committee.objects.get(pk=committee_id)
    try:
        result = services.auto_assign(actor, committee)
    except ValidationError as error:
        state = {"state": "failed", "messages": error.messages}
    else:
        shortage = services.shortage_message(result, analysis.review_applications(committee))
        state = {
            "state": "done",
            "added": len(result.added),
            "spread": result.spread,
            "messages": [shortage] if shortage else [],
        }
    set_progress(committee_id, **state)
    return state

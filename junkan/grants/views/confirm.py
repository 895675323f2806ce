"""The confirmation page (確認画面) of an irreversible grant step shows only what will really be done.

A form's step is *rehearsed* before its confirmation page: the service runs inside a transaction that is
rolled back whatever happens (no e-mail is queued: ``on_commit`` callbacks of a rolled-back transaction are
dropped). A refusal (a date before the completion, an amount above what was paid …) goes back to the form
with its errors; only a step that would succeed is shown for confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction


class _Rehearsed(Exception):
    """Raised to roll the rehearsal back after the service succeeded."""


def rehearse(step: Callable[[], Any]) -> ValidationError | None:
    """Run ``step`` and undo it; its ValidationError if it refused, else None."""
    try:
        with transaction.atomic():
            step()
            raise _Rehearsed
    except _Rehearsed:
        return None
    except ValidationError as error:
        return error

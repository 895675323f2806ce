"""The shape every permission check in the project returns, and how views act on it.

Each app has a ``permissions.py`` of small functions ``can_<action>(user, obj) -> Decision``.
A view calls one and hands the decision to :func:`enforce`:

- allowed: the view goes on;
- not allowed and the object is not visible to the person at all: 404, so that existence
  does not leak to outsiders;
- not allowed but visible (a member who is not an owner): 403 with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404


@dataclass(frozen=True, slots=True)
class Decision:
    """An answer with its reason. ``hide`` means "answer as if the object did not exist"."""

    allowed: bool
    reason: str
    hide: bool = False

    def __bool__(self) -> bool:
        return self.allowed

    def __iter__(self):  # type: ignore[no-untyped-def]
        """Unpack as ``allowed, reason = decision``."""
        yield self.allowed
        yield self.reason


def allow(reason: str = "") -> Decision:
    return Decision(True, reason)


def deny(reason: str) -> Decision:
    """Refuse, but the person may know the object exists (403)."""
    return Decision(False, reason)


def hide(reason: str) -> Decision:
    """Refuse and answer 404: the person must not learn that the object exists."""
    return Decision(False, reason, hide=True)


def enforce(decision: Decision) -> None:
    """Raise 404 or 403 unless the decision allows."""
    if decision.allowed:
        return
    if decision.hide:
        raise Http404(decision.reason)
    raise PermissionDenied(decision.reason)

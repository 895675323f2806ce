"""Where an adopted project may go next, and who moves it (no Django: the statuses are plain strings).

    adopted ─交付申請→ applied ─交付決定→ decided ─完了実績報告→ completed ─額の確定→ determined ─支払→ paid
    applied ─差戻し→ adopted;  completed ─報告の差戻し→ decided
    decided, completed, determined, paid ─交付決定の解除→ cancelled

- 交付申請 is the grantee's; the decision, the determination, the payment record and the cancellation are the
  secretariat's (協会). A grant application can be returned to the grantee before the decision.
- Cancellation (交付決定の解除) is possible from the decision on, also after payment (a return order follows).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

ADOPTED: Final = "adopted"
APPLIED: Final = "applied"
DECIDED: Final = "decided"
COMPLETED: Final = "completed"
DETERMINED: Final = "determined"
PAID: Final = "paid"
CANCELLED: Final = "cancelled"

GRANTEE: Final = "grantee"
SECRETARIAT: Final = "secretariat"


@dataclass(frozen=True)
class Move:
    """One allowed move: its name (the audit verb), from, to and who makes it."""

    name: str
    source: str
    target: str
    actor: str


MOVES: Final[tuple[Move, ...]] = (
    Move("grant_applied", ADOPTED, APPLIED, GRANTEE),
    Move("grant_application_returned", APPLIED, ADOPTED, SECRETARIAT),
    Move("decided", APPLIED, DECIDED, SECRETARIAT),
    Move("completed", DECIDED, COMPLETED, GRANTEE),
    Move("completion_reopened", COMPLETED, DECIDED, SECRETARIAT),
    Move("determined", COMPLETED, DETERMINED, SECRETARIAT),
    Move("paid", DETERMINED, PAID, SECRETARIAT),
    Move("cancelled", DECIDED, CANCELLED, SECRETARIAT),
    Move("cancelled", COMPLETED, CANCELLED, SECRETARIAT),
    Move("cancelled", DETERMINED, CANCELLED, SECRETARIAT),
    Move("cancelled", PAID, CANCELLED, SECRETARIAT),
)

_BY_KEY: Final = {(m.name, m.source): m for m in MOVES}


class NotAllowed(ValueError):
    """The move is not possible from the project's current status."""


def move(name: str, source: str) -> Move:
    """The move ``name`` from ``source``; :class:`NotAllowed` when the project cannot make it now."""
    try:
        return _BY_KEY[(name, source)]
    except KeyError:
        raise NotAllowed(f"{name!r} is not possible from {source!r}") from None


def moves_from(source: str) -> tuple[Move, ...]:
    return tuple(m for m in MOVES if m.source == source)


# Statuses in which the grant decision stands and the project is carried out or accounted for.
UNDER_DECISION: Final = frozenset({DECIDED, COMPLETED, DETERMINED, PAID})
# Statuses in which contracts and cost lines may still be recorded by the grantee.
RECORDING_OPEN: Final = frozenset({DECIDED})

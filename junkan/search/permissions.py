"""Who may search. Everyone: the index holds only public objects (see ``sources``)."""

from __future__ import annotations

from junkan.common.permissions import Decision, allow


def can_search(user: object) -> Decision:
    return allow()

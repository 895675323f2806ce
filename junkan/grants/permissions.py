"""Who may do what with grants. The calculators are public; the grant records (later) are not."""

from __future__ import annotations

from junkan.common.permissions import Decision, allow


def can_use_calculator(user: object) -> Decision:
    """The 加算金 calculator is public: anyone may compute, nothing is stored."""
    return allow()

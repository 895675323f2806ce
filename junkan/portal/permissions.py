"""Who may see the portal's pages. The public pages are for everyone, signed in or not."""

from __future__ import annotations

from junkan.common.permissions import Decision, allow


def can_view_public_page(user: object) -> Decision:
    return allow()

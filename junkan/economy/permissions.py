"""Who may do what with regional economy data and analyses."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.common.permissions import Decision, allow


def can_use_calculator(user: object) -> Decision:
    """The circulation and ripple calculators (and their API) are public: nothing is stored."""
    return allow(_("誰でも計算できます。"))

"""Who sees a start page: every signed-in person sees their own, and only their own."""

from __future__ import annotations

from django.utils.translation import gettext as _

from junkan.common.permissions import Decision, allow, deny, hide
from junkan.dashboard.models import Notification


def can_view_start_page(user: object) -> Decision:
    if not getattr(user, "is_authenticated", False):
        return deny(_("ログインしてください。"))
    return allow()


def can_view_notification(user: object, notification: Notification) -> Decision:
    if getattr(user, "pk", None) is not None and notification.user_id == user.pk:  # type: ignore[attr-defined]
        return allow()
    return hide(_("このお知らせは見つかりません。"))

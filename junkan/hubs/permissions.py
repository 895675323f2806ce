"""Who may see what of the hubs. Hub staff see the registrations and projects of their own area only."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from junkan.accounts.models import Role
from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.hubs.models import Hub


def is_hub_staff(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_role(Role.HUB_STAFF))  # type: ignore[attr-defined]


def staff_hubs(user: object) -> list[Hub]:
    """The hubs a person works for (none unless they hold the hub-staff role)."""
    if not is_hub_staff(user):
        return []
    cached = getattr(user, "_staff_hubs", None)
    if cached is None:
        cached = list(Hub.objects.filter(staff__user=user).order_by("order"))
        user._staff_hubs = cached  # type: ignore[attr-defined]
    return cached


def staff_area_ids(user: object) -> set[int]:
    """The prefectures of the areas of the hubs a person works for."""
    from junkan.hubs.areas import area_ids

    return area_ids(staff_hubs(user))


def covers(user: object, prefecture_ids: Iterable[int]) -> bool:
    """Does one of the person's hubs cover one of these prefectures?"""
    ids = set(prefecture_ids)
    return bool(ids) and bool(ids & staff_area_ids(user))


def can_browse_hubs(user: object) -> Decision:
    """The hubs and their areas are public facts."""
    return allow()


def can_view_area(user: object, hub: Hub) -> Decision:
    """The hub's page of cases in its area: its own staff and the secretariat."""
    if is_secretariat(user):
        return allow(_("事務局として閲覧できます。"))
    if hub in staff_hubs(user):
        return allow(_("この拠点の職員です。"))
    # Another hub's staff, like everyone else, do not learn what is in this hub's area (404).
    return hide(_("拠点の職員のページです。"))


def can_view_region_in_area(user: object, region: object) -> Decision:
    """Hub staff may see the registrations of their area, also before they are public."""
    from junkan.hubs.areas import region_prefecture_ids

    if is_hub_staff(user) and covers(user, region_prefecture_ids(region)):
        return allow(_("担当区域の登録です。"))
    return hide(_("公開されていない登録です。"))


def can_assign_staff(user: object) -> Decision:
    if is_secretariat(user):
        return allow()
    return deny(_("拠点の職員の登録は事務局のみ行えます。"))

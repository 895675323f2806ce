"""Who may do what with regional economy data and analyses.

Public data and analyses are for everyone. Private ones are for the members of the owning organization
and the secretariat; everyone else gets 404. Members of the organization change data and analyses;
data without an organization is the secretariat's reference data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.economy.models import Analysis, IOTable, RegionalAccount
from junkan.organizations.models import Membership

Owned = RegionalAccount | IOTable | Analysis


def can_use_calculator(user: object) -> Decision:
    """The circulation and ripple calculators (and their API) are public: nothing is stored."""
    return allow(_("誰でも計算できます。"))


def organization_ids(user: object) -> list[int]:
    """The organizations the person acts for."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Membership.objects.filter(user=user).values_list("organization_id", flat=True))


def _is_member(user: object, obj: Owned) -> bool:
    return obj.organization_id is not None and obj.organization_id in organization_ids(user)


def can_view(user: object, obj: Owned) -> Decision:
    """Public: everyone; private: the organization's members and the secretariat; others 404."""
    if obj.is_public:
        return allow(_("公開されています。"))
    if is_secretariat(user):
        return allow(_("事務局として閲覧できます。"))
    if _is_member(user, obj):
        return allow(_("所属組織のデータです。"))
    return hide(_("このデータは公開されていません。"))


def can_edit(user: object, obj: Owned) -> Decision:
    """The organization's members change it; the secretariat changes its own reference data."""
    seen = can_view(user, obj)
    if not seen:
        return seen
    if _is_member(user, obj):
        return allow()
    if obj.organization_id is None and is_secretariat(user):
        return allow(_("事務局の参考データです。"))
    return deny(_("変更できるのは登録した組織のメンバーです。"))


def can_create(user: object) -> Decision:
    """Anyone acting for an organization (or the secretariat) registers data and saves analyses."""
    if not getattr(user, "is_authenticated", False):
        return deny(_("登録するにはログインしてください。"))
    if organization_ids(user) or is_secretariat(user):
        return allow()
    return deny(_("データを登録するには、組織に所属している必要があります。"))


def sees_public_only(user: object) -> bool:
    """Whether the person sees only public data (no organization, not the secretariat): what is the same
    for everyone, and may be cached."""
    return not is_secretariat(user) and not organization_ids(user)


def visible(queryset: QuerySet[Any], user: object) -> QuerySet[Any]:
    """What the person may see of ``queryset``: public objects and private ones of their organizations."""
    if is_secretariat(user):
        return queryset
    return queryset.filter(Q(visibility="public") | Q(organization_id__in=organization_ids(user)))


def visible_rows(
    rows: list[tuple[Any, bool, int | None]],
    user: object,
    organizations: Callable[[set[int]], set[int]] | None = None,
) -> list[Any]:
    """``visible`` for rows already read, as (item, is public, owning organization's id): the same rule
    without a query where it can be avoided. ``organizations`` may answer which of the given private owners
    the person acts for more cheaply than ``organization_ids`` (a membership the page already knows)."""
    if is_secretariat(user):
        return [item for item, _public, _org in rows]
    private = {org for _item, public, org in rows if not public and org is not None}
    if not private:
        mine: set[int] = set()
    elif organizations is not None:
        mine = organizations(private)
    else:
        mine = set(organization_ids(user)) & private
    return [item for item, public, org in rows if public or org in mine]


def own(queryset: QuerySet[Any], user: object) -> QuerySet[Any]:
    """The objects of the person's organizations (what "my data" lists)."""
    return queryset.filter(organization_id__in=organization_ids(user))

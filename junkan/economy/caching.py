"""The economy analysis' cache scope: the public lists and a regional account's profile are rendered once per
change of what they show.

Every save, delete or many-to-many change of a regional account, its industry figures, an IO table, an
analysis, an organization (the owners' names) or a municipality (団体コード) bumps ``SCOPE``; code that
changes these rows with ``QuerySet.update`` or ``bulk_create`` calls ``invalidate()``.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "economy"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.economy.models import Analysis, IndustryFigure, IOTable, RegionalAccount
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Organization

    cache.bump_on_change(
        SCOPE, RegionalAccount, IndustryFigure, IOTable, Analysis, Organization, Municipality
    )

"""The calls' cache scope: the public list of calls and a call's page are rendered once per change of what
they show.

Every save, delete or many-to-many change of a call, its themes, attachments (公募資料), project types, cost
categories, review criteria, report rules or finder entries bumps ``SCOPE``; code that changes these rows
with ``QuerySet.update`` or ``bulk_create`` calls ``invalidate()``. What depends on the clock (open,
upcoming or closed; the countdown in days) is part of the cache key, not of the scope.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "programs"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.programs.models import (
        CostCategory,
        FinderEntry,
        Program,
        ProgramAttachment,
        ProjectType,
        ReportRule,
        ReviewCriterion,
        Theme,
    )

    cache.bump_on_change(
        SCOPE,
        Program,
        Theme,
        ProgramAttachment,
        ProjectType,
        CostCategory,
        ReviewCriterion,
        ReportRule,
        FinderEntry,
    )

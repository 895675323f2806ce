"""The regional support's cache scope: the secretariat's progress overview counts every region's stage once
per change of what a stage is computed from.

Every save, delete or many-to-many change of a region registration, a consortium case, its body, members,
meetings and cost lines, a hearing and its judgements, a support team with its experts and visits, or a
business plan with its KPIs bumps ``SCOPE``; code that changes these rows with ``QuerySet.update`` or
``bulk_create`` calls ``invalidate()``.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "regional"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.regional import models as m
    from junkan.registry.models import RegionRegistration

    cache.bump_on_change(
        SCOPE,
        RegionRegistration,
        m.Body,
        m.BodyMember,
        m.Meeting,
        m.ConsortiumCase,
        m.CostLine,
        m.Hearing,
        m.Judgement,
        m.SupportTeam,
        m.TeamExpert,
        m.Visit,
        m.BusinessPlan,
        m.Kpi,
        m.KpiYear,
    )

"""The regional support's cache scope: the secretariat's progress overview (the stage counts over every
region and each page of rows) and the read-only parts of a region's and a case's support pages, once per
change of what they show.

Every save, delete or many-to-many change of a region registration, a round, a consortium case, its body,
members, meetings, cost lines and analyses, a hearing and its judgements, a support team with its experts
and visits, a coordinator and their activities, a business plan with its KPIs and PDCA cycles, or a hub
(the line 「担当の拠点」) bumps ``SCOPE``; code that changes these rows with ``QuerySet.update`` or
``bulk_create`` calls ``invalidate()``. The fragments also carry the ``registry`` scope's token (the regions'
names and areas, organizations, municipalities).

A case's page reads two more things once per generation of their owners' scopes: the economy data near the
region (``services.economy_choices``: ``economy`` and ``registry``; each person's share is picked per request)
and the grant projects supported through the case (``views._supported_projects``: ``grants.project``; who may
see each is asked per request).
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "regional"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.hubs.models import Hub
    from junkan.regional import models as m
    from junkan.registry.models import RegionRegistration

    cache.bump_on_change(
        SCOPE,
        RegionRegistration,
        m.Round,
        m.Body,
        m.BodyMember,
        m.Meeting,
        m.ConsortiumCase,
        m.CostLine,
        m.AnalysisFile,
        m.Hearing,
        m.Judgement,
        m.SupportTeam,
        m.TeamExpert,
        m.Visit,
        m.Coordinator,
        m.Activity,
        m.BusinessPlan,
        m.Kpi,
        m.KpiYear,
        m.PdcaCycle,
        Hub,
    )

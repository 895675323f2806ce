"""The grants' cache scope: the secretariat's list of projects (and the hubs' lists of their area's projects)
is rendered once per change of what it shows.

Every save, delete or many-to-many change of a project, a report, an award year (the chart of decided
amounts), a call or a project type (their names), an organization (the grantee's name and place), a
municipality or a hub (the hub filter's areas) bumps ``SCOPE``; code that changes these rows with
``QuerySet.update`` or ``bulk_create`` calls ``invalidate()``.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "grants"
# The project overview's parts that are the same for every viewer (figures, award years, reports and their
# due dates, conditions, judgements, return orders, co-applicants, the post-evaluation line): any change to
# a project or to what is recorded under it bumps it.
PROJECT_SCOPE = "grants.project"


def invalidate() -> None:
    cache.bump(SCOPE, PROJECT_SCOPE)


def connect() -> None:
    from junkan.applications.models import CoApplicant
    from junkan.grants.models import (
        AdoptionCondition,
        AwardYear,
        InfoRequest,
        PlanChange,
        PostEvaluation,
        Project,
        Report,
        ReturnOrder,
        SupportJudgement,
    )
    from junkan.hubs.models import Hub
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Organization
    from junkan.programs.models import Program, ProjectType
    from junkan.regional.models import ConsortiumCase, Round
    from junkan.registry.models import RegionRegistration

    shown = (Project, Report, AwardYear, Program, ProjectType, Organization, Municipality, Hub)
    cache.bump_on_change(SCOPE, *shown)
    cache.bump_on_change(
        PROJECT_SCOPE,
        *shown,
        AdoptionCondition,
        CoApplicant,
        ConsortiumCase,
        InfoRequest,
        PlanChange,
        PostEvaluation,
        RegionRegistration,
        ReturnOrder,
        Round,
        SupportJudgement,
    )

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


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.grants.models import AwardYear, Project, Report
    from junkan.hubs.models import Hub
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Organization
    from junkan.programs.models import Program, ProjectType

    cache.bump_on_change(
        SCOPE, Project, Report, AwardYear, Program, ProjectType, Organization, Municipality, Hub
    )

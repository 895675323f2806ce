"""The registry's cache scope: the public directories' cards are rendered once per change of what they show.

Every save, delete or many-to-many change of a registration, a solution, an organization (its name is the
company's title), a municipality (a region's places), a local resource, an SDG goal, an industry, a matching
profile or a 「ローカルSDGsビジネス」 claim (the ``?localbiz=`` filter and the badges) bumps ``SCOPE``
(the matching suggestions on the profiles are keyed on it too); code that changes these rows with
``QuerySet.update`` or ``bulk_create`` calls ``invalidate()``.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "registry"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.localbiz.models import Claim
    from junkan.matching.models import SolutionProfile
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Organization
    from junkan.registry.models import (
        CompanyRegistration,
        Industry,
        LocalResource,
        RegionRegistration,
        SdgGoal,
        Solution,
    )

    cache.bump_on_change(
        SCOPE,
        RegionRegistration,
        CompanyRegistration,
        Solution,
        Organization,
        Municipality,
        LocalResource,
        SdgGoal,
        Industry,
        SolutionProfile,
        Claim,
    )

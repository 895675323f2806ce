"""The case studies' cache scope: the list (しる) is rendered once per change of what it shows or filters by.

Every save, delete or many-to-many change of a case study, a theme, a local resource, an SDG goal, a
municipality or a 「ローカルSDGsビジネス」 claim (the ``?localbiz=`` filter) bumps ``SCOPE``; code that
changes these rows with ``QuerySet.update`` or ``bulk_create`` calls ``invalidate()``.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "cases"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.cases.models import CaseStudy, CaseTheme
    from junkan.localbiz.models import Claim
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import LocalResource, SdgGoal

    cache.bump_on_change(SCOPE, CaseStudy, CaseTheme, LocalResource, SdgGoal, Municipality, Claim)

"""The support directory's cache scope: what であう shows of experts, specialist organizations and other
ministries' measures is rendered once per change of them.

Every save, delete or many-to-many change of an expert, a specialist organization, a support measure, a
ministry or a support field bumps ``SCOPE``; code that changes these rows with ``QuerySet.update`` or
``bulk_create`` calls ``invalidate()``. What depends on the day (open measures) is keyed by the date.
"""

from __future__ import annotations

from junkan.common import cache

SCOPE = "support"


def invalidate() -> None:
    cache.bump(SCOPE)


def connect() -> None:
    from junkan.support.models import Expert, Ministry, SpecialistOrganization, SupportField, SupportMeasure

    cache.bump_on_change(SCOPE, Expert, SpecialistOrganization, SupportMeasure, Ministry, SupportField)

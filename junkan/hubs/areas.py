"""Which hub covers a place. Other apps call these (registry profiles, grant projects, support cases).

Every prefecture is in the area of one 地方環境事務所 and one EPO. Municipalities are placed by their
prefecture; a union without a prefecture (one spanning several) has no hub of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from junkan.common import cache
from junkan.hubs import caching
from junkan.hubs.models import Hub, HubKind
from junkan.municipalities.models import Municipality, MunicipalityKind


def prefecture_of(municipality: Municipality | None) -> Municipality | None:
    """The prefecture of a municipality (a prefecture is its own)."""
    if municipality is None:
        return None
    if municipality.kind == MunicipalityKind.PREFECTURE:
        return municipality
    return municipality.prefecture


def _prefecture_id(municipality: Municipality | None) -> int | None:
    if municipality is None:
        return None
    if municipality.kind == MunicipalityKind.PREFECTURE:
        return municipality.pk
    return municipality.prefecture_id


def _offices_first(hubs: Iterable[Hub]) -> list[Hub]:
    return sorted(hubs, key=lambda hub: (hub.kind != HubKind.REGIONAL_OFFICE, hub.order))


def _by_prefecture() -> dict[int, list[Hub]]:
    """Every prefecture's hubs, the regional office first: read once per change of the hubs (per process)."""

    def compute() -> dict[int, list[Hub]]:
        hubs = {hub.pk: hub for hub in Hub.objects.all()}
        found: dict[int, list[Hub]] = {}
        for hub_id, prefecture_id in Hub.prefectures.through.objects.values_list("hub_id", "municipality_id"):
            found.setdefault(prefecture_id, []).append(hubs[hub_id])
        return {pk: _offices_first(listed) for pk, listed in found.items()}

    return cache.memo("hubs:by_prefecture", (caching.SCOPE,), compute)


def hubs_for_prefecture(prefecture: Municipality | int | None) -> list[Hub]:
    """The hubs whose area includes the prefecture: the regional office first, then the EPO."""
    if prefecture is None:
        return []
    pk = prefecture if isinstance(prefecture, int) else prefecture.pk
    return list(_by_prefecture().get(pk, []))


def hub_for_prefecture(
    prefecture: Municipality | int | None, kind: str = HubKind.REGIONAL_OFFICE
) -> Hub | None:
    """The hub of one kind (the 地方環境事務所 by default) for a prefecture, or None."""
    if prefecture is None:
        return None
    pk = prefecture if isinstance(prefecture, int) else prefecture.pk
    of_kind = [hub for hub in _by_prefecture().get(pk, []) if hub.kind == kind]
    return min(of_kind, key=lambda hub: hub.order) if of_kind else None


def hub_for(municipality: Municipality | None, kind: str = HubKind.REGIONAL_OFFICE) -> Hub | None:
    """The hub of one kind for any municipality (by its prefecture), or None."""
    return hub_for_prefecture(_prefecture_id(municipality), kind)


def hubs_for(municipality: Municipality | None) -> list[Hub]:
    """Both hubs (regional office, EPO) for a municipality."""
    return hubs_for_prefecture(_prefecture_id(municipality))


def prefecture_ids_of_municipalities(municipalities: Iterable[Municipality]) -> set[int]:
    ids = {_prefecture_id(m) for m in municipalities}
    return {pk for pk in ids if pk is not None}


def region_prefecture_ids(region: Any) -> set[int]:
    """The prefectures of a practice region: its target areas, else its organization's or partner's place."""
    ids = prefecture_ids_of_municipalities(region.municipalities.all())
    if not ids:
        ids = prefecture_ids_of_municipalities(
            m for m in (region.organization.municipality, region.partner_government) if m is not None
        )
    return ids


def hubs_for_region(region: Any) -> list[Hub]:
    by_prefecture = _by_prefecture()
    hubs = {hub.pk: hub for pk in region_prefecture_ids(region) for hub in by_prefecture.get(pk, [])}
    return _offices_first(hubs.values())


def area_ids(hubs: Iterable[Hub]) -> set[int]:
    """The prefecture ids of the areas of several hubs."""
    pks = [hub.pk for hub in hubs]
    return set(
        Hub.prefectures.through.objects.filter(hub_id__in=pks).values_list("municipality_id", flat=True)
    )


def region_q(prefecture_ids: Iterable[int], prefix: str = "") -> Q:
    """A filter on practice-region registrations whose areas lie in the prefectures (``prefix`` for joins)."""
    ids = list(prefecture_ids)
    return (
        Q(**{f"{prefix}municipalities__prefecture_id__in": ids})
        | Q(**{f"{prefix}municipalities__in": ids})
        | Q(**{f"{prefix}organization__municipality__prefecture_id__in": ids})
        | Q(**{f"{prefix}organization__municipality_id__in": ids})
    )


def organization_q(prefecture_ids: Iterable[int], prefix: str = "organization__") -> Q:
    """A filter on objects of an organization (a grant project) placed in the prefectures."""
    ids = list(prefecture_ids)
    return Q(**{f"{prefix}municipality__prefecture_id__in": ids}) | Q(**{f"{prefix}municipality_id__in": ids})

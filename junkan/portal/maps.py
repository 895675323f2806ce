"""The つながる map: municipal offices as a faint base layer, approved regions as links on top.

The base layer (about 1,900 offices) changes only with the municipality master, so it is built
once and cached; the regions are read on every request (one query plus prefetches, whatever
their number). The projection lives in ``engine/mapproj.py``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch
from django.urls import reverse

from junkan.municipalities.models import Municipality, MunicipalityKind
from junkan.portal.engine.mapproj import JAPAN, LatLng, Point, anchor, dot_path, fmt
from junkan.registry.models import RegionRegistration, RegistrationStatus

BASE_CACHE_KEY = "portal:map:base:v1"
BASE_CACHE_SECONDS = 24 * 60 * 60
# Wards of designated cities sit next to their city's office; drawing them only thickens the cities.
BASE_KINDS = (
    MunicipalityKind.DESIGNATED_CITY,
    MunicipalityKind.CITY,
    MunicipalityKind.TOWN,
    MunicipalityKind.VILLAGE,
    MunicipalityKind.SPECIAL_WARD,
)


@dataclass(frozen=True)
class BaseLayer:
    """What the cache keeps: SVG path data of the offices and where each prefecture's offices centre."""

    width: str
    height: str
    dots: str
    insets: list[dict[str, str]]
    prefecture_centres: dict[int, tuple[float, float]]
    office_count: int


@dataclass
class Marker:
    region: RegionRegistration
    x: str
    y: str
    label: str
    url: str
    position: LatLng
    highlights: list[Point] = field(default_factory=list)


def _prefecture_code(municipality: Municipality) -> str | None:
    return municipality.code[:2] if municipality.code else None


def build_base_layer() -> BaseLayer:
    rows = Municipality.objects.filter(
        kind__in=BASE_KINDS, latitude__isnull=False, longitude__isnull=False
    ).values_list("code", "latitude", "longitude", "prefecture_id")
    points: list[Point] = []
    by_prefecture: dict[int, list[LatLng]] = defaultdict(list)
    for code, lat, lng, prefecture_id in rows:
        position = LatLng(float(lat), float(lng))
        point = JAPAN.place(position, code[:2])
        if point is not None:
            points.append(point)
        if prefecture_id is not None:
            by_prefecture[prefecture_id].append(position)
    centres = {}
    for prefecture_id, positions in by_prefecture.items():
        middle = anchor(positions)
        centres[prefecture_id] = (middle.lat, middle.lng)
    insets = [
        {
            "name": frame.name,
            "x": fmt(frame.origin.x),
            "y": fmt(frame.origin.y),
            "width": fmt(frame.width),
            "height": fmt(frame.height),
        }
        for frame in JAPAN.insets.values()
    ]
    return BaseLayer(
        width=fmt(JAPAN.width),
        height=fmt(JAPAN.height),
        dots=dot_path(points),
        insets=insets,
        prefecture_centres=centres,
        office_count=len(points),
    )


def base_layer() -> BaseLayer:
    """The cached base layer (rebuilt at most once a day; the master changes only with a migration)."""
    return cache.get_or_set(BASE_CACHE_KEY, build_base_layer, BASE_CACHE_SECONDS)


def approved_regions() -> list[RegionRegistration]:
    """Approved regions with their municipalities and those municipalities' prefectures, in two queries."""
    municipalities = Municipality.objects.select_related("prefecture").order_by("code")
    return list(
        RegionRegistration.objects.filter(status=RegistrationStatus.APPROVED)
        .select_related("organization")
        .prefetch_related(Prefetch("municipalities", queryset=municipalities))
        .order_by("name", "id")
    )


def _position(
    municipality: Municipality, centres: dict[int, tuple[float, float]]
) -> tuple[LatLng, str | None] | None:
    """Where a municipality is drawn: its office, or for a prefecture or union, its prefecture's middle."""
    code = _prefecture_code(municipality)
    if municipality.latitude is not None and municipality.longitude is not None:
        return LatLng(float(municipality.latitude), float(municipality.longitude)), code
    key = municipality.pk if municipality.kind == MunicipalityKind.PREFECTURE else municipality.prefecture_id
    if key in centres:
        prefecture = (
            municipality if municipality.kind == MunicipalityKind.PREFECTURE else municipality.prefecture
        )
        return LatLng(*centres[key]), _prefecture_code(prefecture) if prefecture else code
    return None


def prefectures_of(region: RegionRegistration) -> list[Municipality]:
    """The prefectures a region lies in, by code."""
    found: dict[int, Municipality] = {}
    for municipality in region.municipalities.all():
        prefecture = (
            municipality if municipality.kind == MunicipalityKind.PREFECTURE else municipality.prefecture
        )
        if prefecture is not None:
            found[prefecture.pk] = prefecture
    return sorted(found.values(), key=lambda p: p.code or "")


def markers(regions: list[RegionRegistration], base: BaseLayer) -> list[Marker]:
    """One marker per region that has a position, north to south by latitude (Okinawa, drawn in its
    inset at the top, comes last), so that Tab moves through the country in reading order."""
    result: list[Marker] = []
    for region in regions:
        placed = [
            p for p in (_position(m, base.prefecture_centres) for m in region.municipalities.all()) if p
        ]
        if not placed:
            continue
        codes = dict(placed)
        where = anchor(list(codes))
        point = JAPAN.place(where, codes[where])
        if point is None:
            continue
        highlights = [
            p
            for m in region.municipalities.all()
            if m.latitude is not None
            and (p := JAPAN.place(LatLng(float(m.latitude), float(m.longitude)), _prefecture_code(m)))
        ]
        prefectures = "・".join(p.name for p in prefectures_of(region))
        result.append(
            Marker(
                region=region,
                x=fmt(point.x),
                y=fmt(point.y),
                label=f"{region.name}（{prefectures}）" if prefectures else region.name,
                url=reverse("registry:region", args=[region.pk]),
                highlights=highlights,
                position=where,
            )
        )
    result.sort(key=lambda m: (-m.position.lat, m.position.lng, m.label))
    return result


def regions_by_prefecture(regions: list[RegionRegistration]) -> list[dict[str, Any]]:
    """The text alternative of the map: prefectures in code order, each with the regions in it."""
    groups: dict[int, dict[str, Any]] = {}
    for region in regions:
        for prefecture in prefectures_of(region):
            group = groups.setdefault(prefecture.pk, {"prefecture": prefecture, "regions": []})
            group["regions"].append(region)
    return sorted(groups.values(), key=lambda g: g["prefecture"].code or "")


def map_context() -> dict[str, Any]:
    base = base_layer()
    regions = approved_regions()
    placed = markers(regions, base)
    highlight_path = dot_path(point for marker in placed for point in marker.highlights)
    return {
        "base": base,
        "markers": placed,
        "highlights": highlight_path,
        "groups": regions_by_prefecture(regions),
        "region_count": len(regions),
    }

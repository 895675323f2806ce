"""The つながる map: prefecture outlines shaded by how many regions each has, the approved regions on top.

- The base layer (outlines from ``data/prefectures.json`` and the outlying islands from ``data/islands.json``,
  projected and simplified; the middle of each prefecture's offices) changes only with the data files, so it
  is built once a day.
- The regions layer is read with ``.values()`` rows (four queries, whatever the number of regions) and cached
  under a version number that every change of a registration or of its municipalities raises (``signals``), so
  a newly approved region shows at once and an unchanged registry costs no query.
- Up to ``MARKER_LINKS_MAX`` regions, each is a link on the map (keyboard and screen readers reach them north
  to south); above that, 1,800 links would make the page heavy and a keyboard user would tab through all of
  them, so the regions are drawn as one layer of dots and each prefecture becomes the link, with its count.
- The list beside the map is grouped by prefecture and shows at most ``LIST_PER_PREFECTURE`` regions each,
  with a link to the directory filtered by that prefecture: its length does not grow with the registry.

The projection and the geometry live in ``engine/mapproj.py``.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from functools import cache as memoize
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from junkan.municipalities.models import Municipality, MunicipalityKind
from junkan.portal.engine.mapproj import (
    JAPAN,
    LatLng,
    Point,
    anchor,
    dot_path,
    fmt,
    ring_path,
    shade,
    simplify,
)
from junkan.registry.models import RegionRegistration, RegistrationStatus

OUTLINES = Path(__file__).with_name("data") / "prefectures.json"
ISLANDS = Path(__file__).with_name("data") / "islands.json"
BASE_CACHE_KEY = "portal:map:base:v3"
BASE_CACHE_SECONDS = 24 * 60 * 60
VERSION_KEY = "portal:map:version"
REGIONS_CACHE_SECONDS = 24 * 60 * 60
MARKER_LINKS_MAX = 300
LIST_PER_PREFECTURE = 5
SIMPLIFY_TOLERANCE = 0.5  # canvas units; 36 units are one degree of latitude, so about 1.5 km
SHADE_STEPS = (1, 3, 10, 30)
# Wards of designated cities sit next to their city's office; they add nothing to a prefecture's middle.
OFFICE_KINDS = (
    MunicipalityKind.DESIGNATED_CITY,
    MunicipalityKind.CITY,
    MunicipalityKind.TOWN,
    MunicipalityKind.VILLAGE,
    MunicipalityKind.SPECIAL_WARD,
)


@dataclass(frozen=True)
class BaseLayer:
    """What the base cache keeps: canvas, insets, each prefecture's outline and its offices' middle."""

    width: str
    height: str
    insets: list[dict[str, str]]
    outlines: dict[str, str]  # two-digit prefecture code → SVG path data
    prefecture_centres: dict[str, tuple[float, float]]  # two-digit code → (lat, lng) of the middle office


@memoize
def _outline_points() -> dict[str, list[tuple[float, float]]]:
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    return {code: [(lat, lng) for lng, lat in ring] for code, ring in data.items()}


@memoize
def _island_points() -> dict[str, list[list[tuple[float, float]]]]:
    data = json.loads(ISLANDS.read_text(encoding="utf-8"))
    return {code: [[(lat, lng) for lng, lat in ring] for ring in rings] for code, rings in data.items()}


def island_paths(code: str) -> list[str]:
    """The outlying islands of a prefecture as SVG rings, in its frame (沖縄県's in the inset).

    An island whose middle lies outside the frame (沖ノ鳥島, 南鳥島, 母島 below the main frame's edge) is left
    out, and so is one that simplifies to fewer than three points (smaller than about 1.5 km across).
    """
    frame = JAPAN.frame_for(code)
    paths = []
    for ring in _island_points().get(code, []):
        lats, lngs = [lat for lat, _ in ring], [lng for _, lng in ring]
        middle = LatLng((min(lats) + max(lats)) / 2, (min(lngs) + max(lngs)) / 2)
        if not frame.box.contains(middle):
            continue
        points = simplify([frame.project(LatLng(lat, lng)) for lat, lng in ring], SIMPLIFY_TOLERANCE)
        if len({(fmt(p.x), fmt(p.y)) for p in points}) >= 3:
            paths.append(ring_path(points))
    return paths


def build_base_layer() -> BaseLayer:
    outlines = {}
    for code, ring in _outline_points().items():
        frame = JAPAN.frame_for(code)
        points = [frame.project(LatLng(lat, lng)) for lat, lng in ring]
        outlines[code] = " ".join([ring_path(simplify(points, SIMPLIFY_TOLERANCE)), *island_paths(code)])
    by_prefecture: dict[str, list[LatLng]] = defaultdict(list)
    rows = Municipality.objects.filter(
        kind__in=OFFICE_KINDS, latitude__isnull=False, longitude__isnull=False
    ).values_list("code", "latitude", "longitude")
    for code, lat, lng in rows:
        by_prefecture[code[:2]].append(LatLng(float(lat), float(lng)))
    centres = {}
    for code, positions in by_prefecture.items():
        middle = anchor(positions)
        centres[code] = (middle.lat, middle.lng)
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
        insets=insets,
        outlines=outlines,
        prefecture_centres=centres,
    )


def base_layer() -> BaseLayer:
    """The cached base layer (rebuilt at most once a day; outlines and offices change only with a release)."""
    return cache.get_or_set(BASE_CACHE_KEY, build_base_layer, BASE_CACHE_SECONDS)


# The regions layer ---------------------------------------------------------------------------------------


def version() -> int:
    """The current version of the regions layer (raised by every change of a registration)."""
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, 1, None)
        current = cache.get(VERSION_KEY, 1)
    return int(current)


def _raise_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (evicted or never read): any new number will do
        cache.set(VERSION_KEY, 2, None)


def invalidate() -> None:
    """Forget the regions layer now and again after the transaction commits (so no reader caches old rows)."""
    _raise_version()
    transaction.on_commit(_raise_version)


@dataclass
class _Region:
    pk: int
    name: str
    places: list[tuple[LatLng, str]]  # (position, two-digit code of the frame) of each placed municipality
    offices: list[Point]  # canvas points of its municipalities' offices
    prefectures: dict[str, str]  # six-digit prefecture code → name
    municipality_names: list[str]


def _read_regions(base: BaseLayer) -> tuple[list[_Region], dict[str, dict[str, Any]]]:
    """Approved regions and where they are, from ``.values()`` rows; every prefecture by six-digit code."""
    prefectures = {
        pk: {"pk": pk, "code": code, "name": name}
        for pk, code, name in Municipality.objects.filter(kind=MunicipalityKind.PREFECTURE).values_list(
            "pk", "code", "name"
        )
    }
    regions = {
        pk: _Region(pk=pk, name=name, places=[], offices=[], prefectures={}, municipality_names=[])
        for pk, name in RegionRegistration.objects.filter(status=RegistrationStatus.APPROVED)
        .order_by("name", "pk")
        .values_list("pk", "name")
    }
    through = RegionRegistration.municipalities.through
    links = (
        through.objects.filter(regionregistration__status=RegistrationStatus.APPROVED)
        .order_by("municipality__code")
        .values_list(
            "regionregistration_id",
            "municipality_id",
            "municipality__code",
            "municipality__name",
            "municipality__kind",
            "municipality__latitude",
            "municipality__longitude",
            "municipality__prefecture_id",
        )
    )
    for region_pk, municipality_pk, code, name, kind, lat, lng, prefecture_pk in links:
        region = regions.get(region_pk)
        if region is None:
            continue
        region.municipality_names.append(name)
        prefecture = prefectures.get(
            municipality_pk if kind == MunicipalityKind.PREFECTURE else prefecture_pk
        )
        if prefecture is not None:
            region.prefectures[prefecture["code"]] = prefecture["name"]
        frame_code = (prefecture["code"] if prefecture else code or "")[:2]
        if lat is not None and lng is not None:
            position = LatLng(float(lat), float(lng))
            region.places.append((position, frame_code))
            point = JAPAN.place(position, frame_code)
            if point is not None:
                region.offices.append(point)
        elif frame_code in base.prefecture_centres:  # a prefecture or a union: its prefecture's middle
            region.places.append((LatLng(*base.prefecture_centres[frame_code]), frame_code))
    by_code = {p["code"]: p for p in prefectures.values()}
    return list(regions.values()), by_code


def _url_for_pk(name: str) -> Any:
    """A function pk → URL of a view that takes one pk: reversed once, not once per region."""
    marker = 987654321
    head, tail = reverse(name, args=[marker]).split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def build_regions_layer(base: BaseLayer) -> dict[str, Any]:
    """Everything the page draws about regions, as plain data (cached as it is)."""
    regions, prefectures = _read_regions(base)
    region_url = _url_for_pk("registry:region")
    markers = []
    for region in regions:
        if not region.places:
            continue
        codes = dict(region.places)
        where = anchor(list(codes))
        point = JAPAN.place(where, codes[where])
        if point is None:
            continue
        names = "・".join(name for _, name in sorted(region.prefectures.items()))
        markers.append(
            {
                "x": fmt(point.x),
                "y": fmt(point.y),
                "label": f"{region.name}（{names}）" if names else region.name,
                "url": region_url(region.pk),
                "order": (-where.lat, where.lng),
            }
        )
    markers.sort(key=lambda m: (m["order"], m["label"]))
    counts: dict[str, int] = defaultdict(int)
    members: dict[str, list[_Region]] = defaultdict(list)
    for region in regions:
        for code in region.prefectures:
            counts[code] += 1
            members[code].append(region)
    directory = reverse("registry:regions")
    groups = [
        {
            "code": code,
            "name": prefectures[code]["name"],
            "count": counts[code],
            "regions": [
                {
                    "url": region_url(r.pk),
                    "name": r.name,
                    "municipalities": "、".join(r.municipality_names),
                }
                for r in members[code][:LIST_PER_PREFECTURE]
            ],
            "more_url": f"{directory}?prefecture={prefectures[code]['pk']}",
        }
        for code in sorted(counts)
    ]
    shaded = {code2: shade(0, SHADE_STEPS) for code2 in base.outlines}
    for code, count in counts.items():
        shaded[code[:2]] = shade(count, SHADE_STEPS)
    link_prefectures = len(markers) > MARKER_LINKS_MAX
    group_by_code2 = {g["code"][:2]: g for g in groups}
    shapes = [
        {
            "code": code2,
            "d": path,
            "shade": shaded[code2],
            "link": group_by_code2.get(code2) if link_prefectures else None,
        }
        for code2, path in sorted(base.outlines.items())
    ]
    return {
        "shapes": shapes,
        "markers": []
        if link_prefectures
        else [{k: v for k, v in m.items() if k != "order"} for m in markers],
        "marker_count": len(markers),
        "prefectures_are_links": link_prefectures,
        "region_dots": dot_path(Point(float(m["x"]), float(m["y"])) for m in markers)
        if link_prefectures
        else "",
        "highlights": dot_path(p for r in regions for p in r.offices),
        "groups": groups,
        "chart_rows": [(g["name"], g["count"]) for g in groups],
        "region_count": len(regions),
    }


def regions_layer(base: BaseLayer) -> dict[str, Any]:
    key = f"portal:map:regions:{version()}"
    # ``layer_id`` names this build: the page's rendered map and list are cached under it.
    return cache.get_or_set(
        key, lambda: {**build_regions_layer(base), "layer_id": uuid.uuid4().hex}, REGIONS_CACHE_SECONDS
    )


def map_context() -> dict[str, Any]:
    base = base_layer()
    return {"base": base, "shade_steps": SHADE_STEPS, **regions_layer(base)}

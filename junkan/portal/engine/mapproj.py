"""A map of Japan without a map service: office coordinates projected onto an SVG canvas.

The projection is equirectangular with a cos(latitude) correction: one degree of longitude is
drawn cos(φ₀) times as wide as one degree of latitude, φ₀ being the frame's reference latitude.
At Japan's scale this keeps shapes recognisable without the trigonometry of a conformal projection.

Okinawa Prefecture lies far to the south-west of the mainland; like printed maps of Japan, it is
drawn in an inset placed in the empty Sea of Japan corner (north-west of the canvas), at the same
scale and with its own reference latitude. Everything else, including the Amami islands of
Kagoshima and the Ogasawara islands of Tokyo, is drawn at its true place in the main frame.
The SVG y axis points down, so north is up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# Decimal places of SVG coordinates: 0.1 unit is far below a pixel on any screen.
PRECISION = 1


@dataclass(frozen=True, slots=True)
class LatLng:
    """A position in degrees (WGS84 / JGD2011; the difference is invisible at this scale)."""

    lat: float
    lng: float


@dataclass(frozen=True, slots=True)
class Point:
    """A position on the SVG canvas in user units (x to the right, y down)."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Box:
    """A latitude/longitude rectangle, bounds included."""

    south: float
    north: float
    west: float
    east: float

    def __post_init__(self) -> None:
        """Reject empty or inverted boxes."""
        if not (self.south < self.north and self.west < self.east):
            raise ValueError(f"empty box: {self}")

    def contains(self, position: LatLng) -> bool:
        """Whether the position lies inside the box (edges included)."""
        return self.south <= position.lat <= self.north and self.west <= position.lng <= self.east


@dataclass(frozen=True, slots=True)
class Frame:
    """A part of the earth (``box``) drawn at ``origin`` (its north-west corner) on the canvas."""

    name: str
    box: Box
    ref_lat: float
    scale: float  # canvas units per degree of latitude
    origin: Point

    def __post_init__(self) -> None:
        """Reject a scale or reference latitude that would flatten the frame."""
        if self.scale <= 0:
            raise ValueError("scale must be positive")
        if not -80 <= self.ref_lat <= 80:
            raise ValueError("reference latitude must be within ±80°")

    @property
    def x_scale(self) -> float:
        """Canvas units per degree of longitude."""
        return self.scale * math.cos(math.radians(self.ref_lat))

    @property
    def width(self) -> float:
        """Width of the frame on the canvas."""
        return (self.box.east - self.box.west) * self.x_scale

    @property
    def height(self) -> float:
        """Height of the frame on the canvas."""
        return (self.box.north - self.box.south) * self.scale

    def project(self, position: LatLng) -> Point:
        """The canvas point of a position (also outside the box: the formula is linear)."""
        return Point(
            self.origin.x + (position.lng - self.box.west) * self.x_scale,
            self.origin.y + (self.box.north - position.lat) * self.scale,
        )

    def unproject(self, point: Point) -> LatLng:
        """The position drawn at a canvas point: the inverse of :meth:`project`."""
        return LatLng(
            self.box.north - (point.y - self.origin.y) / self.scale,
            self.box.west + (point.x - self.origin.x) / self.x_scale,
        )

    def contains_point(self, point: Point, margin: float = 0.0) -> bool:
        """Whether a canvas point lies within the frame's rectangle grown by ``margin``."""
        return (
            self.origin.x - margin <= point.x <= self.origin.x + self.width + margin
            and self.origin.y - margin <= point.y <= self.origin.y + self.height + margin
        )


@dataclass(frozen=True, slots=True)
class MapLayout:
    """The canvas: a main frame and insets chosen by prefecture code (two digits, "47" for 沖縄県)."""

    main: Frame
    insets: Mapping[str, Frame] = field(default_factory=dict)
    padding: float = 0.0

    @property
    def width(self) -> float:
        """Width of the canvas."""
        right = max(frame.origin.x + frame.width for frame in (self.main, *self.insets.values()))
        return right + self.padding

    @property
    def height(self) -> float:
        """Height of the canvas."""
        bottom = max(frame.origin.y + frame.height for frame in (self.main, *self.insets.values()))
        return bottom + self.padding

    def frame_for(self, prefecture_code: str | None) -> Frame:
        """The frame in which the given prefecture is drawn."""
        return self.insets.get(prefecture_code or "", self.main)

    def place(self, position: LatLng, prefecture_code: str | None) -> Point | None:
        """The canvas point of a position in a prefecture, or None when it falls outside its frame."""
        frame = self.frame_for(prefecture_code)
        if not frame.box.contains(position):
            return None
        return frame.project(position)


def _layout() -> MapLayout:
    """The layout used by the portal: mainland with Okinawa inset in the north-west corner."""
    scale = 36.0
    padding = 8.0
    main = Frame(
        name="main",
        box=Box(south=26.8, north=45.8, west=128.0, east=146.0),
        ref_lat=36.3,
        scale=scale,
        origin=Point(padding, padding),
    )
    okinawa = Frame(
        name="okinawa",
        box=Box(south=24.0, north=27.3, west=122.8, east=131.6),
        ref_lat=25.7,
        scale=scale,
        origin=Point(padding + 6.0, padding + 6.0),
    )
    return MapLayout(main=main, insets={"47": okinawa}, padding=padding)


JAPAN = _layout()


def planar_distance(a: LatLng, b: LatLng) -> float:
    """Distance in degrees of latitude, with longitude shrunk by cos of the mean latitude."""
    k = math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(a.lat - b.lat, (a.lng - b.lng) * k)


def centroid(positions: Sequence[LatLng]) -> LatLng:
    """The arithmetic mean of positions (fine for the few degrees a region spans)."""
    if not positions:
        raise ValueError("no positions")
    return LatLng(
        sum(p.lat for p in positions) / len(positions),
        sum(p.lng for p in positions) / len(positions),
    )


def anchor(positions: Sequence[LatLng]) -> LatLng:
    """Where to put one marker for several offices: the office nearest their centroid.

    The centroid itself may fall in the sea (a region along a coast or across a strait); an office
    never does. Ties go to the smallest (lat, lng), so the answer does not depend on the order.
    """
    middle = centroid(positions)
    return min(positions, key=lambda p: (round(planar_distance(p, middle), 12), p.lat, p.lng))


def fmt(value: float) -> str:
    """A coordinate for SVG: rounded, without trailing zeros ("12.5", "3", "-0.1")."""
    text = f"{round(value, PRECISION):.{PRECISION}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def dot_path(points: Iterable[Point]) -> str:
    """SVG path data drawing one dot per point (a zero-length segment with a round line cap).

    One ``<path>`` for 1,900 offices is a few dozen kilobytes, a tenth of as many ``<circle>``s.
    Points that round to the same place are drawn once.
    """
    seen: set[tuple[str, str]] = set()
    parts: list[str] = []
    for point in points:
        key = (fmt(point.x), fmt(point.y))
        if key in seen:
            continue
        seen.add(key)
        parts.append(f"M{key[0]} {key[1]}h0")
    return "".join(parts)


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    """Distance on the canvas from ``p`` to the segment ``a``–``b``."""
    dx, dy = b.x - a.x, b.y - a.y
    length2 = dx * dx + dy * dy
    # Zero also when the ends differ by less than the square root of the smallest float (underflow).
    if length2 == 0:
        return math.hypot(p.x - a.x, p.y - a.y)
    t = max(0.0, min(1.0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2))
    return math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Ramer–Douglas–Peucker: drop points closer than ``tolerance`` to the line kept (ends always kept).

    Iterative (a stack, no recursion), so a long coastline cannot exhaust Python's recursion limit.
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index != -1 and worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def ring_path(points: Sequence[Point]) -> str:
    """SVG path data of a closed ring ("M x y L x y … Z"); repeated points after rounding are dropped."""
    parts: list[str] = []
    last = None
    for point in points:
        key = (fmt(point.x), fmt(point.y))
        if key == last:
            continue
        parts.append(("M" if not parts else "L") + f"{key[0]} {key[1]}")
        last = key
    return "".join(parts) + "Z" if len(parts) >= 3 else ""


def shade(count: int, steps: Sequence[int] = (1, 3, 10, 30)) -> int:
    """The shade class of a prefecture with ``count`` regions: 0 for none, then one more per step reached."""
    if count < 0:
        raise ValueError("a count cannot be negative")
    return sum(1 for step in steps if count >= step)

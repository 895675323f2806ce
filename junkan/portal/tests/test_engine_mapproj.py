"""The map projection: hand-worked numbers, every office of the shipped master, and properties."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from junkan.common.purity import django_imports, impure_imports, typing_problems
from junkan.portal.engine import mapproj
from junkan.portal.engine.mapproj import JAPAN, Box, Frame, LatLng, MapLayout, Point

ENGINE = Path(mapproj.__file__)
OFFICES = Path(__file__).resolve().parents[2] / "municipalities" / "data" / "lg_offices.csv"

lats = st.floats(min_value=-60, max_value=60, allow_nan=False)
lngs = st.floats(min_value=-170, max_value=170, allow_nan=False)
positions = st.builds(LatLng, lats, lngs)


def frames() -> st.SearchStrategy[Frame]:
    def build(south: float, height: float, west: float, width: float, ref: float, scale: float) -> Frame:
        return Frame(
            name="f",
            box=Box(south=south, north=south + height, west=west, east=west + width),
            ref_lat=ref,
            scale=scale,
            origin=Point(10, 20),
        )

    return st.builds(
        build,
        st.floats(-50, 50),
        st.floats(0.5, 20),
        st.floats(-170, 150),
        st.floats(0.5, 20),
        st.floats(-60, 60),
        st.floats(1, 100),
    )


def _offices() -> list[tuple[str, LatLng]]:
    with OFFICES.open(encoding="utf-8-sig", newline="") as handle:
        return [
            (row["lgcode"][:2], LatLng(float(row["lat"]), float(row["lng"])))
            for row in csv.DictReader(handle)
        ]


# Purity -----------------------------------------------------------------------------------------


def test_no_django_import() -> None:
    assert impure_imports(ENGINE, ("junkan.portal.engine",)) == []
    assert django_imports([Path(__file__)]) == []


def test_engine_is_typed_with_one_line_docstrings() -> None:
    assert typing_problems(ENGINE, docstrings="summary line") == []


# Hand-worked numbers ----------------------------------------------------------------------------


def test_equator_frame_is_a_plain_scaling():
    frame = Frame("f", Box(south=0, north=10, west=100, east=120), ref_lat=0, scale=10, origin=Point(5, 5))
    assert frame.project(LatLng(10, 100)) == Point(5, 5)  # north-west corner at the origin
    assert frame.project(LatLng(0, 120)) == Point(205, 105)  # south-east corner
    assert (frame.width, frame.height) == (200, 100)


def test_cos_correction_at_60_degrees_halves_longitude():
    frame = Frame("f", Box(south=50, north=70, west=0, east=10), ref_lat=60, scale=10, origin=Point(0, 0))
    assert frame.x_scale == pytest.approx(5)
    point = frame.project(LatLng(60, 4))
    assert point.x == pytest.approx(20)
    assert point.y == pytest.approx(100)


def test_tokyo_and_sapporo_on_the_japan_map():
    tokyo = JAPAN.place(LatLng(35.6895, 139.6917), "13")  # 新宿 (都庁)
    sapporo = JAPAN.place(LatLng(43.0621, 141.3544), "01")
    assert tokyo is not None and sapporo is not None
    assert sapporo.y < tokyo.y  # north is up
    assert sapporo.x > tokyo.x  # Sapporo lies east of Tokyo
    # 7.37° of latitude at 36 units per degree.
    assert tokyo.y - sapporo.y == pytest.approx((43.0621 - 35.6895) * 36)
    # 1.66° of longitude shrunk by cos(36.3°).
    assert sapporo.x - tokyo.x == pytest.approx((141.3544 - 139.6917) * 36 * math.cos(math.radians(36.3)))


def test_okinawa_goes_into_the_inset_and_others_do_not():
    naha = LatLng(26.212295, 127.679218)
    in_inset = JAPAN.place(naha, "47")
    assert JAPAN.frame_for("47").name == "okinawa"
    assert JAPAN.insets["47"].contains_point(in_inset)
    # Drawn where the main frame would put it, Naha would fall outside the main box.
    assert JAPAN.place(naha, "46") is None
    assert JAPAN.frame_for(None) is JAPAN.main
    assert JAPAN.frame_for("13") is JAPAN.main


def test_a_position_outside_its_frame_is_not_placed():
    assert JAPAN.place(LatLng(51.5, -0.12), "13") is None  # London
    assert JAPAN.place(LatLng(35.68, 139.69), "47") is None  # Tokyo is not in the Okinawa inset


def test_boxes_and_frames_reject_nonsense():
    with pytest.raises(ValueError, match="empty box"):
        Box(south=10, north=10, west=0, east=1)
    with pytest.raises(ValueError, match="scale"):
        Frame("f", Box(0, 1, 0, 1), ref_lat=0, scale=0, origin=Point(0, 0))
    with pytest.raises(ValueError, match="reference latitude"):
        Frame("f", Box(0, 1, 0, 1), ref_lat=89, scale=1, origin=Point(0, 0))


def test_layout_size_includes_insets_and_padding():
    main = Frame("m", Box(0, 10, 0, 10), ref_lat=0, scale=1, origin=Point(2, 2))
    inset = Frame("i", Box(0, 1, 0, 30), ref_lat=0, scale=1, origin=Point(2, 2))
    layout = MapLayout(main=main, insets={"99": inset}, padding=2)
    assert (layout.width, layout.height) == (34, 14)


def test_centroid_and_anchor():
    a, b, c = LatLng(35, 139), LatLng(35, 141), LatLng(35.2, 140.1)
    assert mapproj.centroid([a, b]) == LatLng(35, 140)
    assert mapproj.anchor([a, b, c]) == c  # the office nearest the middle, not the middle itself
    assert mapproj.anchor([a]) == a
    with pytest.raises(ValueError, match="no positions"):
        mapproj.centroid([])


def test_anchor_of_a_bay_region_is_on_land():
    # 小田原市 and 南房総市 across Sagami Bay and Tokyo Bay: their mean is in the sea.
    odawara, minamiboso = LatLng(35.2645, 139.1521), LatLng(34.9430, 139.8401)
    assert mapproj.anchor([odawara, minamiboso]) in (odawara, minamiboso)


def test_fmt_and_dot_path():
    assert mapproj.fmt(12.34) == "12.3"
    assert mapproj.fmt(3.0) == "3"
    assert mapproj.fmt(-0.04) == "0"
    assert mapproj.fmt(10.05) in ("10", "10.1")  # binary rounding; either is a tenth away
    path = mapproj.dot_path([Point(1, 2), Point(1.01, 2.02), Point(3.5, 4)])
    assert path == "M1 2h0M3.5 4h0"  # the second point rounds onto the first
    assert mapproj.dot_path([]) == ""


# The shipped master ----------------------------------------------------------------------------


def test_every_office_of_the_master_is_on_the_canvas():
    offices = _offices()
    assert len(offices) > 1_900
    for prefecture, position in offices:
        point = JAPAN.place(position, prefecture)
        assert point is not None, (prefecture, position)
        assert 0 <= point.x <= JAPAN.width and 0 <= point.y <= JAPAN.height


def test_no_mainland_office_is_hidden_under_the_okinawa_inset():
    inset = JAPAN.insets["47"]
    for prefecture, position in _offices():
        point = JAPAN.place(position, prefecture)
        assert point is not None
        inside = inset.contains_point(point, margin=6)
        assert inside is (prefecture == "47"), (prefecture, position)


def test_remote_islands_are_at_their_true_place():
    ogasawara = JAPAN.place(LatLng(27.09444444, 142.1919444), "13")
    yoron = JAPAN.place(LatLng(27.044904, 128.421675), "46")
    hachijo = JAPAN.place(LatLng(33.1125, 139.7894), "13")
    tokyo = JAPAN.place(LatLng(35.6895, 139.6917), "13")
    assert ogasawara is not None and yoron is not None and hachijo is not None and tokyo is not None
    assert ogasawara.y > hachijo.y > tokyo.y  # 小笠原 far south of 八丈島, south of Tokyo
    assert JAPAN.main.contains_point(ogasawara) and JAPAN.main.contains_point(yoron)


# Properties ------------------------------------------------------------------------------------


@given(frames(), positions)
def test_unproject_inverts_project(frame: Frame, position: LatLng):
    back = frame.unproject(frame.project(position))
    assert back.lat == pytest.approx(position.lat, abs=1e-6)
    assert back.lng == pytest.approx(position.lng, abs=1e-6)


@given(frames(), positions, positions)
def test_north_is_up_and_east_is_right(frame: Frame, a: LatLng, b: LatLng):
    pa, pb = frame.project(a), frame.project(b)
    assert (pa.y <= pb.y) if a.lat >= b.lat else (pa.y >= pb.y)
    assert (pa.x >= pb.x) if a.lng >= b.lng else (pa.x <= pb.x)
    if a.lat - b.lat > 1e-6:
        assert pa.y < pb.y
    if a.lng - b.lng > 1e-6:
        assert pa.x > pb.x


@given(frames(), st.floats(0, 1), st.floats(0, 1))
def test_positions_in_the_box_land_in_the_frame(frame: Frame, u: float, v: float):
    box = frame.box
    position = LatLng(box.south + u * (box.north - box.south), box.west + v * (box.east - box.west))
    assume(box.contains(position))
    assert frame.contains_point(frame.project(position), margin=1e-6)


@given(frames(), positions, st.floats(0.01, 5))
def test_one_degree_east_is_cos_ref_of_one_degree_north(frame: Frame, start: LatLng, step: float):
    origin = frame.project(start)
    east = frame.project(LatLng(start.lat, start.lng + step))
    north = frame.project(LatLng(start.lat + step, start.lng))
    ratio = (east.x - origin.x) / (origin.y - north.y)
    assert ratio == pytest.approx(math.cos(math.radians(frame.ref_lat)), rel=1e-6)


@given(
    st.lists(st.builds(LatLng, st.floats(24, 46), st.floats(122, 154)), min_size=1, max_size=12), st.randoms()
)
def test_anchor_is_one_of_the_offices_whatever_the_order(offices: list[LatLng], rnd):
    chosen = mapproj.anchor(offices)
    assert chosen in offices
    shuffled = list(offices)
    rnd.shuffle(shuffled)
    assert mapproj.anchor(shuffled) == chosen


@given(st.lists(st.builds(Point, st.floats(0, 600), st.floats(0, 800)), max_size=50))
def test_dot_path_draws_each_distinct_point_once(points: list[Point]):
    path = mapproj.dot_path(points)
    distinct = {(mapproj.fmt(p.x), mapproj.fmt(p.y)) for p in points}
    assert path.count("M") == len(distinct)
    assert path.count("h0") == len(distinct)


# Outlines: simplification, ring paths, shades -----------------------------------------------------

OUTLINES = Path(mapproj.__file__).parents[1] / "data" / "prefectures.json"


def test_simplify_drops_points_on_a_straight_line_and_keeps_corners():
    line = [Point(float(i), 0.0) for i in range(10)] + [Point(9.0, 5.0)]
    assert mapproj.simplify(line, 0.1) == [Point(0.0, 0.0), Point(9.0, 0.0), Point(9.0, 5.0)]
    assert mapproj.simplify(line[:2], 5) == line[:2]


def test_ring_path_closes_and_skips_repeats():
    ring = [Point(0, 0), Point(10, 0), Point(10.01, 0), Point(10, 10)]
    assert mapproj.ring_path(ring) == "M0 0L10 0L10 10Z"
    assert mapproj.ring_path([Point(0, 0), Point(1, 1)]) == ""


def test_shade_steps():
    assert [mapproj.shade(n) for n in (0, 1, 2, 3, 9, 10, 29, 30, 500)] == [0, 1, 1, 2, 2, 3, 3, 4, 4]
    with pytest.raises(ValueError, match="negative"):
        mapproj.shade(-1)


def test_every_prefecture_outline_lies_in_its_frame():
    import json

    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    assert sorted(data) == [f"{i:02d}" for i in range(1, 48)]
    for code, ring in data.items():
        frame = JAPAN.frame_for(code)
        assert len(ring) >= 20, code
        assert all(frame.box.contains(LatLng(lat, lng)) for lng, lat in ring), code


@given(
    st.lists(st.builds(Point, st.floats(0, 500), st.floats(0, 500)), min_size=3, max_size=60),
    st.floats(0.01, 20),
)
def test_simplified_points_are_a_subsequence_with_both_ends(points: list[Point], tolerance: float):
    kept = mapproj.simplify(points, tolerance)
    assert kept[0] == points[0] and kept[-1] == points[-1]
    iterator = iter(points)
    assert all(any(p == q for q in iterator) for p in kept)  # in order, nothing invented

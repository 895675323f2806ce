"""Write islands.json (the outlying islands of the つながる map) from Natural Earth's 1:10m countries, as the
world-atlas package ships them (TopoJSON; ISC licence, Natural Earth is in the public domain).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python junkan/portal/data/build_islands.py package/countries-10m.json /path/to/lg_offices.csv

japanmap's outlines (prefectures.json) have one ring per prefecture, the area around its office:
沖縄県's other islands, 東京都's 伊豆・小笠原, 鹿児島県's 奄美 and 屋久島, 佐渡, 隠岐, 対馬, 五島, 淡路島 …
are missing.
Every polygon of Japan in Natural Earth that holds no municipal office lying inside one of those rings is such
an island (本州 holds hundreds; 佐渡 holds only 佐渡市's, which is outside 新潟県's ring); it is given to the
prefecture of the nearest municipal office (lg_offices.csv). Coordinates are kept to 3 decimals;
the server simplifies when it draws and leaves out islands too small to see. Standard library only.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).parent
TARGET = HERE / "islands.json"
JAPAN = "392"  # ISO 3166-1 numeric


def _decode(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc of the topology as (lng, lat) points (quantized, delta-encoded arcs decoded)."""
    scale_x, scale_y = topology["transform"]["scale"]
    move_x, move_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def _ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    return ring


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _middle(ring: list[tuple[float, float]]) -> tuple[float, float]:
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def main(countries: str, offices: str) -> None:
    """Japan's polygons outside every prefecture ring, per prefecture: {"13": [[[lng, lat], ...], ...]}."""
    topology = json.loads(Path(countries).read_text(encoding="utf-8"))
    arcs = _decode(topology)
    japan = next(g for g in topology["objects"]["countries"]["geometries"] if str(g.get("id")) == JAPAN)
    polygons = japan["arcs"] if japan["type"] == "MultiPolygon" else [japan["arcs"]]
    mainland = {
        code: [(lng, lat) for lng, lat in ring]
        for code, ring in json.loads((HERE / "prefectures.json").read_text(encoding="utf-8")).items()
    }
    with open(offices, encoding="utf-8-sig", newline="") as handle:
        places = [
            (row["lgcode"][:2], float(row["lng"]), float(row["lat"]))
            for row in csv.DictReader(handle)
            if row["lat"] and row["lng"]
        ]
    on_mainland = [(lng, lat) for code, lng, lat in places if _inside((lng, lat), mainland[code])]
    result: dict[str, list[list[list[float]]]] = {}
    for polygon in polygons:
        outer = _ring(arcs, polygon[0])
        middle = _middle(outer)
        west, east = min(p[0] for p in outer), max(p[0] for p in outer)
        south, north = min(p[1] for p in outer), max(p[1] for p in outer)
        if any(
            west <= lng <= east and south <= lat <= north and _inside((lng, lat), outer)
            for lng, lat in on_mainland
        ):
            continue  # drawn already (本州, 北海道, 九州, 四国, 沖縄本島 …)
        lat_scale = math.cos(math.radians(middle[1]))
        code = min(places, key=lambda p: ((p[1] - middle[0]) * lat_scale) ** 2 + (p[2] - middle[1]) ** 2)[0]
        ring = []
        for lng, lat in outer:
            pair = [round(lng, 3), round(lat, 3)]
            if not ring or ring[-1] != pair:
                ring.append(pair)
        result.setdefault(code, []).append(ring)
    result = dict(sorted(result.items()))
    TARGET.write_text(json.dumps(result, separators=(",", ":")) + "\n", encoding="utf-8")
    count = sum(len(rings) for rings in result.values())
    points = sum(len(ring) for rings in result.values() for ring in rings)
    print(f"{TARGET}: {count} islands in {len(result)} prefectures, {points} points")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

"""Write prefectures.json (the つながる map's outlines) from the japanmap package's japan.json.

    pip download japanmap==0.6.0 --no-deps -d /tmp/jm
    unzip -o /tmp/jm/japanmap-0.6.0-py3-none-any.whl -d /tmp/jm
    python junkan/portal/data/build_prefectures.py /tmp/jm/japanmap/japan.json

japan.json holds shared boundary points and, per prefecture, the boundary segments around the area that
contains the prefectural office (so one ring each: outlying islands are not drawn). Coordinates are kept to
3 decimals (about 100 m); the server simplifies further when it draws (``engine/mapproj.simplify``).
Standard library only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path(__file__).with_name("prefectures.json")


def main(source: str) -> None:
    """Read japanmap's points and segments, write {"01": [[lng, lat], ...], ...}."""
    points, outlines = json.loads(Path(source).read_text(encoding="utf-8"))
    result = {}
    for index, segments in enumerate(outlines, start=1):
        ring: list[list[float]] = []
        for _neighbour, indices in segments:
            for i in indices:
                lng, lat = points[i][0]
                pair = [round(lng, 3), round(lat, 3)]
                if not ring or ring[-1] != pair:
                    ring.append(pair)
        result[f"{index:02d}"] = ring
    TARGET.write_text(json.dumps(result, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(result)} prefectures, {sum(len(r) for r in result.values())} points")


if __name__ == "__main__":
    main(sys.argv[1])

"""Matching at national scale: rank the top 10 of 60,000 solutions for one region (p50/p95/max, ms).

Run: ``python bench/matching_bench.py [--solutions 60000] [--rounds 200]``. No database: the solutions
are the judged set's 50, varied (titles and texts mixed, areas and goals drawn at random with a fixed
seed) and prepared once, as the platform does when a registration is approved; the index is built once
per process. What is timed is what a region's page or ``GET /api/v1/matching/regions/{id}/solutions``
does per request: prepare the region and rank.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from junkan.matching.engine import geography, ranking
from junkan.matching.engine.index import SolutionIndex
from junkan.matching.evaluation.evaluate import as_region, as_solution
from junkan.matching.evaluation.judged import REGIONS, SOLUTIONS

EXTRA = [
    "地域の事業者と連携します。",
    "導入後の運用も支援します。",
    "自治体の計画づくりから関わります。",
    "補助金の申請も手伝います。",
    "",
]


def solutions(count: int, seed: int = 14) -> list[ranking.PreparedSolution]:
    """``count`` prepared solutions varied from the judged set's."""
    rnd = random.Random(seed)
    base = [as_solution(s) for s in SOLUTIONS]
    codes = [c for c, p in geography.places().items() if c[2:5] != "000" and p.position is not None]
    prepared_text: dict[tuple[str, str], ranking.PreparedSolution] = {}
    out = []
    for number in range(count):
        a, b = rnd.choice(base), rnd.choice(base)
        text = a.text + rnd.choice(EXTRA) + (b.text if rnd.random() < 0.3 else "")
        served: tuple[str, ...]
        roll = rnd.random()
        if roll < 0.3:
            served = ("全国",)
        elif roll < 0.8:
            served = tuple(rnd.sample(geography.PREFECTURES, rnd.randint(1, 4)))
        else:
            served = tuple(rnd.sample(codes, rnd.randint(1, 3)))
        key = (a.title, text)
        template = prepared_text.get(key)
        if template is None:
            template = ranking.prepare_solution(
                ranking.Solution(
                    id="t", title=a.title, text=text, fields=a.fields, uses_resources=a.uses_resources
                )
            )
            prepared_text[key] = template
        out.append(
            ranking.PreparedSolution(
                id=f"s{number:06d}",
                title=template.title,
                concepts=template.concepts,
                core=template.core,
                field_concepts=template.field_concepts,
                words=template.words,
                grams=template.grams,
                served=geography.parse_served(list(served)),
                sdgs=frozenset(rnd.sample(range(1, 18), rnd.randint(1, 4))),
            )
        )
    return out


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--solutions", type=int, default=60_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    started = time.perf_counter()
    prepared = solutions(args.solutions)
    prepared_at = time.perf_counter()
    index = SolutionIndex(prepared)
    built = time.perf_counter()
    regions = [as_region(r) for r in REGIONS]
    for region in regions[:3]:  # warm the caches as a running server has them
        index.rank(ranking.prepare_region(region), 10)
    timings = []
    for round_ in range(args.rounds):
        region = regions[round_ % len(regions)]
        t0 = time.perf_counter()
        results = index.rank(ranking.prepare_region(region), 10)
        timings.append((time.perf_counter() - t0) * 1000)
        assert len(results) == 10
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"solutions: {args.solutions}, prepare {prepared_at - started:.1f} s, "
        f"index {built - prepared_at:.1f} s"
    )
    print(
        f"rank top 10 ({args.rounds} requests, {len(regions)} regions): "
        f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure the engine on the judged set: nDCG@10 and precision@5 (grade ≥ 2), engine against baselines.

Run: ``python -m junkan.matching.evaluation.evaluate`` (``--json`` writes the judged set in the API's
format to stdout instead). Figures go to junkan/matching/README.md by hand.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence

from junkan.matching.engine import ranking
from junkan.matching.evaluation.judged import HELD_OUT, REGIONS, SOLUTIONS, TUNING, JRegion, JSolution, grade

Ranker = Callable[[JRegion, Sequence[JSolution]], list[str]]


def as_region(region: JRegion) -> ranking.Region:
    """A judged region as the API gives it."""
    return ranking.Region(
        name=region.name,
        municipalities=region.municipalities,
        resources=region.resources,
        challenges=region.challenges,
        sdgs=region.sdgs,
        text=region.text,
    )


def as_solution(solution: JSolution) -> ranking.Solution:
    """A judged solution as the API gives it."""
    return ranking.Solution(
        id=solution.key,
        title=solution.title,
        text=solution.text,
        fields=solution.fields,
        uses_resources=solution.uses_resources,
        sdgs=solution.sdgs,
        regions_served=solution.served,
    )


def engine(region: JRegion, solutions: Sequence[JSolution]) -> list[str]:
    """The engine's order."""
    results = ranking.rank_raw(as_region(region), [as_solution(s) for s in solutions], limit=len(solutions))
    return [r.id for r in results]


def _by_score(solutions: Sequence[JSolution], score: Callable[[JSolution], float]) -> list[str]:
    return [s.key for s in sorted(solutions, key=lambda s: (-score(s), s.key))]


def sdg_overlap(region: JRegion, solutions: Sequence[JSolution]) -> list[str]:
    """Baseline: Jaccard overlap of SDG goals."""
    goals = set(region.sdgs)
    return _by_score(solutions, lambda s: len(goals & set(s.sdgs)) / max(1, len(goals | set(s.sdgs))))


def resource_jaccard(region: JRegion, solutions: Sequence[JSolution]) -> list[str]:
    """Baseline: Jaccard over the resource tags as written (solution: its resources and fields)."""
    mine = set(region.resources)
    return _by_score(
        solutions,
        lambda s: (
            len(mine & (set(s.uses_resources) | set(s.fields))) / max(1, len(mine | set(s.uses_resources)))
        ),
    )


def ndcg(order: Sequence[str], grades: dict[str, int], k: int = 10) -> float:
    """nDCG@k with gains 2^grade − 1."""
    dcg = sum((2 ** grades[key] - 1) / math.log2(i + 2) for i, key in enumerate(order[:k]))
    ideal = sorted(grades.values(), reverse=True)
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal[:k]))
    return dcg / idcg if idcg else 0.0


def precision(order: Sequence[str], grades: dict[str, int], k: int = 5) -> float:
    """Share of the first k with grade ≥ 2."""
    return sum(1 for key in order[:k] if grades[key] >= 2) / k


def measure(ranker: Ranker, regions: Sequence[JRegion]) -> tuple[float, float]:
    """Mean nDCG@10 and P@5 over ``regions``."""
    n = p = 0.0
    for region in regions:
        grades = {s.key: grade(region, s) for s in SOLUTIONS}
        order = ranker(region, SOLUTIONS)
        n += ndcg(order, grades)
        p += precision(order, grades)
    return n / len(regions), p / len(regions)


def judged_json() -> dict[str, object]:
    """The judged set as API requests with grades."""
    return {
        "regions": [
            {
                "key": r.key,
                "part": "tuning" if r.key in TUNING else "held-out",
                "region": as_region(r).__dict__,
                "grades": {s.key: grade(r, s) for s in SOLUTIONS},
            }
            for r in REGIONS
        ],
        "solutions": [as_solution(s).__dict__ for s in SOLUTIONS],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table of figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--detail", action="store_true", help="per region nDCG of the engine")
    args = parser.parse_args(argv)
    if args.json:
        json.dump(judged_json(), sys.stdout, ensure_ascii=False, indent=1, default=list)
        return 0
    parts = {
        "tuning (1–12)": [r for r in REGIONS if r.key in TUNING],
        "held-out (13–24)": [r for r in REGIONS if r.key in HELD_OUT],
        "all 24": list(REGIONS),
    }
    rankers: dict[str, Ranker] = {
        "engine": engine,
        "SDG overlap": sdg_overlap,
        "resource Jaccard": resource_jaccard,
    }
    print("| method | part | nDCG@10 | P@5 |")
    print("|---|---|---|---|")
    for name, ranker in rankers.items():
        for part, regions in parts.items():
            n, p = measure(ranker, regions)
            print(f"| {name} | {part} | {n:.3f} | {p:.3f} |")
    if args.detail:
        for region in REGIONS:
            grades = {s.key: grade(region, s) for s in SOLUTIONS}
            order = engine(region, SOLUTIONS)
            top = " ".join(f"{k}:{grades[k]}" for k in order[:10])
            print(f"{region.key} {ndcg(order, grades):.3f} {top}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

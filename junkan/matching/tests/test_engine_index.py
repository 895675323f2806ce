"""The vectorized index gives the scalar scorer's scores and order (judged set and areas of every kind)."""

from __future__ import annotations

import pytest

from junkan.matching.engine import ranking
from junkan.matching.engine.index import SolutionIndex
from junkan.matching.evaluation.evaluate import as_region, as_solution
from junkan.matching.evaluation.judged import REGIONS, SOLUTIONS

EXTRA = [
    ranking.Solution(
        id="x-place", title="堆肥化", text="生ごみの堆肥化", regions_served=("北海道下川町", "北海道名寄市")
    ),
    ranking.Solution(
        id="x-far-place", title="堆肥化", text="生ごみの堆肥化", regions_served=("沖縄県宮古島市",)
    ),
    ranking.Solution(id="x-unknown", title="堆肥化", text="生ごみの堆肥化"),
    ranking.Solution(id="x-block", title="堆肥化", text="生ごみの堆肥化", regions_served=("東北", "関西")),
]


@pytest.fixture(scope="module")
def index() -> SolutionIndex:
    return SolutionIndex(
        [ranking.prepare_solution(as_solution(s)) for s in SOLUTIONS]
        + [ranking.prepare_solution(s) for s in EXTRA]
    )


@pytest.mark.parametrize("region", REGIONS[:8], ids=lambda r: r.key)
def test_index_scores_are_the_scalar_scores(index: SolutionIndex, region: object) -> None:
    prepared = ranking.prepare_region(as_region(region))  # type: ignore[arg-type]
    vector = index.scores(prepared)
    for row, solution in enumerate(index.solutions):
        assert vector[row] == pytest.approx(ranking.score(prepared, solution, index.corpus).score, abs=1e-6)
    assert [r.id for r in index.rank(prepared, 10)] == [
        r.id for r in ranking.rank(prepared, index.solutions, 10)
    ]


def test_empty_index_and_zero_limit() -> None:
    region = ranking.prepare_region(ranking.Region(name="町"))
    assert SolutionIndex([]).rank(region, 10) == []
    assert SolutionIndex([ranking.prepare_solution(EXTRA[0])]).rank(region, 0) == []

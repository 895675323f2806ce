"""The adoption proposal: the best total score within each type's budget, against brute force; cut line."""

from __future__ import annotations

import random
from decimal import Decimal
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.review.engine.adoption import (
    AdoptionInputError,
    Candidate,
    Excluded,
    ExclusionReason,
    NextCandidate,
    knapsack,
    propose,
    propose_type,
)


def preference(c: Candidate):
    return c.rank is None, c.rank or 0, -(c.score or 0), c.application_id


def brute_force(candidates: list[Candidate], budget: int) -> tuple[Decimal, tuple[int, ...]]:
    """The best total score, and among equal totals the set that adopts the better-ranked ones first."""
    pool = sorted(
        (
            c
            for c in candidates
            if c.eligible and not c.failed_required and c.score is not None and c.score > 0
        ),
        key=preference,
    )
    best_key, best_set = None, ()
    for size in range(len(pool) + 1):
        for chosen in combinations(range(len(pool)), size):
            if sum(pool[i].amount for i in chosen) > budget:
                continue
            key = (
                sum((pool[i].score for i in chosen), Decimal(0)),
                [int(i in chosen) for i in range(len(pool))],
            )
            if best_key is None or key > best_key:
                best_key, best_set = key, tuple(pool[i].application_id for i in chosen)
    return (best_key[0] if best_key else Decimal(0)), best_set


def ranked(scores: list[tuple[int, int, str]]) -> list[Candidate]:
    """Candidates (id, amount, score) of type 1 with competition ranks from their scores."""
    values = sorted((Decimal(s) for _i, _a, s in scores), reverse=True)
    return [Candidate(i, "1", a, Decimal(s), values.index(Decimal(s)) + 1) for i, a, s in scores]


def test_the_best_total_rather_than_the_top_ranks():
    candidates = ranked(
        [(1, 10_000_000, "90"), (2, 6_000_000, "80"), (3, 5_000_000, "75"), (4, 1_000_000, "10")]
    )
    proposal = propose(candidates, {"1": 11_000_000})["1"]
    assert proposal.chosen == (2, 3)  # 155 points, where rank order would adopt 1 and 4 for 100
    assert proposal.total_amount == 11_000_000 and proposal.remaining == 0
    assert proposal.total_score == Decimal("155")
    assert proposal.optimal and proposal.gap == 0
    assert proposal.status == "予算の範囲内で合計点が最大となる組合せ（最適解）です。"
    assert proposal.summary == "採択案2件、合計11,000,000円、予算残0円（予算11,000,000円）"
    assert proposal.lowest_adopted == 3 and proposal.first_not_adopted == 1
    assert proposal.next_candidates == (
        NextCandidate(1, 1, Decimal("90"), 10_000_000, False),
        NextCandidate(4, 4, Decimal("10"), 1_000_000, False),
    )


def test_nothing_fits():
    proposal = propose(ranked([(1, 5_000_000, "90"), (2, 6_000_000, "80")]), {"1": 4_999_999})["1"]
    assert proposal.chosen == () and proposal.total_amount == 0 and proposal.total_score == 0
    assert proposal.remaining == 4_999_999 and proposal.optimal
    assert proposal.lowest_adopted is None and proposal.first_not_adopted == 1
    assert [c.fits_remaining for c in proposal.next_candidates] == [False, False]


def test_everything_fits():
    proposal = propose(ranked([(1, 5_000_000, "90"), (2, 6_000_000, "80")]), {"1": 20_000_000})["1"]
    assert proposal.chosen == (1, 2) and proposal.remaining == 9_000_000
    assert proposal.first_not_adopted is None and proposal.next_candidates == ()
    assert proposal.lowest_adopted == 2


def test_no_candidates_and_a_zero_budget():
    assert propose([], {"1": 0})["1"].chosen == ()
    assert propose(ranked([(1, 1, "50")]), {"1": 0})["1"].chosen == ()
    assert propose(ranked([(1, 0, "50")]), {"1": 0})["1"].chosen == (1,)


def test_equal_scores_are_decided_by_rank_then_id():
    candidates = [
        Candidate(7, "1", 3_000_000, Decimal("80"), 1),
        Candidate(5, "1", 3_000_000, Decimal("80"), 1),
        Candidate(9, "1", 3_000_000, Decimal("80"), 1),
    ]
    assert propose(candidates, {"1": 6_000_000})["1"].chosen == (5, 7)
    # Same total score either way (80 = 50 + 30): the set with the better-ranked application wins.
    candidates = [
        Candidate(1, "1", 6_000_000, Decimal("50"), 2),
        Candidate(2, "1", 3_000_000, Decimal("30"), 3),
        Candidate(3, "1", 9_000_000, Decimal("80"), 1),
    ]
    assert propose(candidates, {"1": 9_000_000})["1"].chosen == (3,)


def test_excluded_candidates_are_listed_with_their_reasons():
    candidates = [
        Candidate(1, "1", 1_000_000, Decimal("95"), 1, eligible=False),
        Candidate(2, "1", 1_000_000, Decimal("90"), None, failed_required=True),
        Candidate(3, "1", 1_000_000, None, None),
        Candidate(4, "1", 1_000_000, Decimal("0"), 3),
        Candidate(5, "1", 1_000_000, Decimal("60"), 2),
    ]
    proposal = propose(candidates, {"1": 10_000_000})["1"]
    assert proposal.chosen == (5,)
    assert proposal.excluded == (
        Excluded(1, ExclusionReason.INELIGIBLE),
        Excluded(4, ExclusionReason.ZERO_SCORE),
        Excluded(2, ExclusionReason.FAILED_REQUIRED),
        Excluded(3, ExclusionReason.NO_SCORE),
    )
    assert proposal.excluded[0].label == "基本的要件に適合しない、又は応募書類に不備があるため対象外"


def test_types_are_separate_budgets():
    candidates = [
        Candidate(1, "1", 10_000_000, Decimal("70"), 1),
        Candidate(2, "3", 3_000_000, Decimal("60"), 1),
        Candidate(3, "3", 3_000_000, Decimal("50"), 2),
    ]
    proposals = propose(candidates, {"1": 10_000_000, "3": 3_000_000, "2": 0})
    assert list(proposals) == ["1", "2", "3"]
    assert proposals["1"].chosen == (1,) and proposals["3"].chosen == (2,) and proposals["2"].chosen == ()
    assert proposals["3"].next_candidates == (NextCandidate(3, 2, Decimal("50"), 3_000_000, False),)


def test_bad_inputs_are_refused_in_japanese():
    with pytest.raises(AdoptionInputError, match="予算額が設定されていない事業区分があります：3"):
        propose([Candidate(1, "3", 1, Decimal(1))], {"1": 1})
    with pytest.raises(AdoptionInputError, match="重複"):
        propose([Candidate(1, "1", 1, Decimal(1)), Candidate(1, "1", 1, Decimal(1))], {"1": 1})
    with pytest.raises(AdoptionInputError, match="マイナス"):
        propose([Candidate(1, "1", -1, Decimal(1))], {"1": 1})
    with pytest.raises(AdoptionInputError, match="予算額は0円以上"):
        propose([], {"1": -5})
    with pytest.raises(AdoptionInputError, match="小数点以下10桁まで"):
        propose([Candidate(1, "1", 1, Decimal("1.00000000001"))], {"1": 1})
    with pytest.raises(AdoptionInputError, match="マイナス"):
        knapsack([1], [1], -1)


tie_heavy = st.sampled_from(["0", "50", "60", "70", "75.5"]).map(Decimal)
spread_out = st.integers(0, 10000).map(lambda n: Decimal(n) / 100)


@st.composite
def instances(draw):
    """Up to 12 candidates; per instance one money scale (yen to 10^10 yen) and tie-heavy or spread scores."""
    count = draw(st.integers(0, 12))
    scale = draw(st.sampled_from([1, 1_000, 1_000_000, 250_000_000]))
    scores = draw(st.sampled_from([tie_heavy, spread_out]))
    candidates = []
    for i in range(count):
        candidates.append(
            Candidate(
                application_id=draw(st.integers(1, 10**6)) * 100 + i,
                project_type="1",
                amount=draw(st.integers(0, 40)) * scale,
                score=draw(st.none() | scores) if draw(st.integers(0, 9)) == 0 else draw(scores),
                rank=draw(st.none() | st.integers(1, 5)),
                eligible=draw(st.integers(0, 9)) > 0,
                failed_required=draw(st.integers(0, 9)) == 0,
            )
        )
    total = sum(c.amount for c in candidates)
    budget = draw(st.integers(0, max(total, 1)))
    return candidates, budget


@settings(max_examples=300, deadline=None)
@given(instances())
def test_agrees_with_brute_force_on_every_small_case(instance):
    candidates, budget = instance
    proposal = propose_type("1", candidates, budget)
    best, best_set = brute_force(candidates, budget)
    assert proposal.optimal
    assert proposal.total_score == best
    assert set(proposal.chosen) == set(best_set)
    assert proposal.total_amount <= budget
    assert proposal.remaining == budget - proposal.total_amount
    by_id = {c.application_id: c for c in candidates}
    assert list(proposal.chosen) == sorted(proposal.chosen, key=lambda i: preference(by_id[i]))
    for candidate in proposal.next_candidates:
        assert candidate.fits_remaining == (candidate.amount <= proposal.remaining)


@settings(max_examples=100, deadline=None)
@given(instances(), st.integers(1, 20))
def test_a_node_limit_gives_a_proven_bound(instance, limit):
    candidates, budget = instance
    proposal = propose_type("1", candidates, budget, node_limit=limit)
    best, _best_set = brute_force(candidates, budget)
    assert proposal.total_score <= best <= proposal.upper_bound
    assert proposal.gap >= 0
    if proposal.optimal:
        assert proposal.total_score == best
    assert proposal.nodes <= limit


def random_call(seed: int, count: int = 400) -> list[Candidate]:
    rng = random.Random(seed)
    candidates = [
        Candidate(i, "1", rng.randrange(1_000, 10_001) * 1_000, Decimal(rng.randrange(3_000, 9_500)) / 100)
        for i in range(count)
    ]
    values = sorted((c.score for c in candidates), reverse=True)
    return [
        Candidate(c.application_id, "1", c.amount, c.score, values.index(c.score) + 1) for c in candidates
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_400_applications_are_solved_exactly_in_few_nodes(seed):
    candidates = random_call(seed)
    budget = sum(c.amount for c in candidates) * 2 // 5
    proposal = propose(candidates[::-1], {"1": budget})["1"]
    assert proposal.optimal
    assert proposal.nodes < 20_000
    # The greedy fill by rank is never better than the proposal.
    room, greedy = budget, Decimal(0)
    for candidate in sorted(candidates, key=preference):
        if candidate.amount <= room:
            room -= candidate.amount
            greedy += candidate.score
    assert proposal.total_score >= greedy


def test_a_hard_instance_stops_at_the_node_limit_with_its_gap():
    rng = random.Random(5)
    # Strongly correlated: score proportional to amount plus a constant, the classic hard case.
    candidates = []
    for i in range(400):
        amount = rng.randrange(1_000, 10_001) * 1_000
        candidates.append(Candidate(i, "1", amount, Decimal(amount // 1_000) / 100 + 10, None))
    budget = sum(c.amount for c in candidates) // 2
    proposal = propose(candidates, {"1": budget}, node_limit=5_000)["1"]
    assert proposal.nodes == 5_000
    assert not proposal.optimal
    assert proposal.total_amount <= budget
    assert 0 <= proposal.gap < Decimal("0.005") * proposal.total_score
    assert proposal.status.startswith("探索の上限に達したため、最適解との差は最大")


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 30)), max_size=10),
    st.integers(0, 120),
)
def test_the_knapsack_core_agrees_with_brute_force(items, capacity):
    weights, values = [w for w, _v in items], [v for _w, v in items]
    best = max(
        sum(values[i] for i in chosen)
        for size in range(len(items) + 1)
        for chosen in combinations(range(len(items)), size)
        if sum(weights[i] for i in chosen) <= capacity
    )
    result = knapsack(weights, values, capacity)
    assert result.complete and result.value == best == result.upper_bound
    assert sum(weights[i] for i in result.chosen) <= capacity
    assert sum(values[i] for i in result.chosen) == best


def test_the_knapsack_core_returns_input_indices():
    result = knapsack([5, 4, 3], [10, 40, 30], 7)
    assert result.chosen == (1, 2) and result.value == 70 and result.complete and result.upper_bound == 70

"""Automatic assignment: k reviewers each, no conflicted pair, manual ones kept, the least possible spread."""

from __future__ import annotations

import random
from itertools import combinations, product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.review.engine.assignment import AssignmentInputError, Shortage, assign, shortage_message
from junkan.review.engine.flow import Arc, FlowNetwork, feasible_flow


def check_valid(result, applications, members, k, forbidden, manual):
    """The invariants every result must meet."""
    pairs = set(result.pairs)
    assert not pairs & set(forbidden), "no conflicted pair"
    assert set(result.kept) == set(manual) - set(forbidden)
    assert set(result.withdrawn) == set(manual) & set(forbidden)
    assert pairs == set(result.kept) | set(result.added)
    assert len(pairs) == len(result.pairs)
    short = {s.application_id: s for s in result.shortages}
    for application in applications:
        kept = sum(1 for m, a in result.kept if a == application)
        allowed = sum(1 for m in members if (m, application) not in forbidden)
        got = len(result.reviewers(application))
        assert got == max(kept, min(k, allowed))
        assert (application in short) == (allowed < k)
        if application in short:
            assert short[application] == Shortage(application, k, allowed)
    assert sum(result.loads.values()) == len(pairs)
    assert set(result.loads) == set(members)


def brute_force_spread(applications, members, k, forbidden, manual):
    """The least spread over every valid assignment (tiny cases only)."""
    kept = set(manual) - set(forbidden)
    options = []
    for application in applications:
        have = {m for m, a in kept if a == application}
        allowed = [m for m in members if m not in have and (m, application) not in forbidden]
        need = min(max(0, k - len(have)), len(allowed))
        options.append([[(m, application) for m in chosen] for chosen in combinations(allowed, need)])
    best = None
    for choice in product(*options):
        loads = dict.fromkeys(members, 0)
        for m, _a in kept:
            loads[m] += 1
        for group in choice:
            for m, _a in group:
                loads[m] += 1
        spread = max(loads.values()) - min(loads.values())
        best = spread if best is None else min(best, spread)
    return best


def test_every_application_gets_k_and_the_load_is_even():
    result = assign(range(1, 8), [1, 2, 3], 2)
    assert result.feasible and result.message() is None
    assert all(len(result.reviewers(a)) == 2 for a in range(1, 8))
    assert sorted(result.loads.values()) == [4, 5, 5]
    assert result.spread == 1


def test_conflicts_are_respected_and_the_rest_balanced():
    forbidden = {(1, 1), (1, 2), (2, 3)}
    result = assign([1, 2, 3, 4], [1, 2, 3], 2, forbidden)
    check_valid(result, [1, 2, 3, 4], [1, 2, 3], 2, forbidden, set())
    assert result.reviewers(1) == (2, 3) and result.reviewers(2) == (2, 3) and result.reviewers(3) == (1, 3)
    assert result.spread == 1


def test_manual_assignments_are_kept_and_counted():
    manual = {(1, 1), (1, 2), (1, 3)}
    result = assign([1, 2, 3], [1, 2, 3], 1, manual=manual)
    assert set(result.pairs) == manual and result.added == ()
    assert result.loads == {1: 3, 2: 0, 3: 0}
    result = assign([1, 2, 3, 4, 5, 6], [1, 2, 3], 2, manual={(1, 1), (1, 2)})
    assert result.loads == {1: 4, 2: 4, 3: 4}


def test_a_conflict_declared_after_a_manual_assignment_withdraws_it():
    result = assign([1, 2], [1, 2, 3], 1, forbidden={(1, 1)}, manual={(1, 1), (2, 2)})
    assert result.withdrawn == ((1, 1),)
    assert result.kept == ((2, 2),)
    assert (1, 1) not in result.pairs and len(result.reviewers(1)) == 1


def test_too_few_members_is_reported_in_japanese_and_the_rest_assigned():
    forbidden = {(1, 10), (2, 10), (1, 11)}
    result = assign([10, 11, 12], [1, 2, 3], 2, forbidden)
    assert not result.feasible
    assert result.shortages == (Shortage(10, 2, 1),)
    assert result.reviewers(10) == (3,)
    assert len(result.reviewers(11)) == 2 and len(result.reviewers(12)) == 2
    assert result.message({10: "長野県飯田市「地域新電力F/S」"}) == (
        "利益相反のない審査委員が足りないため、次の1件の申請に必要な人数の審査委員を割り当てられません："
        "長野県飯田市「地域新電力F/S」（必要2名、割当て可能1名）。審査委員を追加するか、割当て人数を見直してください。"
    )
    assert "申請10（必要2名、割当て可能1名）" in (result.message() or "")
    assert shortage_message([]) is None


def test_no_members_at_all():
    result = assign([1, 2], [], 1)
    assert result.pairs == () and len(result.shortages) == 2 and result.spread == 0


def test_bad_inputs_are_refused():
    with pytest.raises(AssignmentInputError, match="1名以上"):
        assign([1], [1], 0)
    with pytest.raises(AssignmentInputError, match="見つからない割当て"):
        assign([1], [1], 1, manual={(9, 1)})


def test_the_same_input_in_another_order_gives_the_same_result():
    rng = random.Random(7)
    applications, members = list(range(30)), list(range(100, 108))
    forbidden = {(rng.choice(members), rng.choice(applications)) for _ in range(40)}
    manual = {(m, a) for m, a in {(rng.choice(members), rng.choice(applications)) for _ in range(10)}}
    first = assign(applications, members, 3, forbidden, manual)
    rng.shuffle(applications)
    rng.shuffle(members)
    second = assign(applications, members, 3, list(forbidden)[::-1], list(manual))
    assert first == second


def test_a_call_of_400_applications_and_5_members():
    applications, members = range(400), range(1, 6)
    forbidden = {(1 + a % 5, a) for a in range(0, 400, 7)}
    result = assign(applications, members, 3, forbidden)
    check_valid(result, list(applications), list(members), 3, forbidden, set())
    assert result.feasible and result.spread <= 1


@settings(max_examples=60, deadline=None)
@given(
    applications=st.integers(1, 12),
    members=st.integers(1, 7),
    k=st.integers(1, 4),
)
def test_without_conflicts_loads_differ_by_at_most_one(applications, members, k):
    result = assign(range(applications), range(members), k)
    check_valid(result, list(range(applications)), list(range(members)), k, set(), set())
    if k <= members:
        assert result.feasible
        assert result.spread <= 1


@st.composite
def cases(draw):
    applications = list(range(draw(st.integers(1, 4))))
    members = list(range(10, 10 + draw(st.integers(1, 4))))
    k = draw(st.integers(1, 3))
    pairs = [(m, a) for m in members for a in applications]
    forbidden = set(draw(st.lists(st.sampled_from(pairs), max_size=len(pairs))))
    manual = set(draw(st.lists(st.sampled_from(pairs), max_size=3)))
    return applications, members, k, forbidden, manual


@settings(max_examples=200, deadline=None)
@given(cases())
def test_the_spread_is_the_least_possible(case):
    applications, members, k, forbidden, manual = case
    result = assign(applications, members, k, forbidden, manual)
    check_valid(result, applications, members, k, forbidden, manual)
    assert result.spread == brute_force_spread(applications, members, k, forbidden, manual)


def test_max_flow_on_a_textbook_network():
    network = FlowNetwork(4)
    arcs = [
        network.add(0, 1, 3),
        network.add(0, 2, 2),
        network.add(1, 2, 5),
        network.add(1, 3, 2),
        network.add(2, 3, 3),
    ]
    assert network.max_flow(0, 3) == 5
    assert [network.flow(arc) for arc in arcs][3:] == [2, 3]


def test_lower_bounds_that_cannot_be_met():
    assert feasible_flow(2, [Arc(0, 1, 2, 3), Arc(1, 0, 0, 1)]) is None
    assert feasible_flow(2, [Arc(0, 1, 1, 3), Arc(1, 0, 0, 1)]) == [1, 1]
    assert feasible_flow(2, [Arc(0, 1, 3, 2)]) is None

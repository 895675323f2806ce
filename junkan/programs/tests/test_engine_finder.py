"""The program finder with the ◎○△ table of seed 003 §12."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from junkan.programs.engine.finder import MARK_SCORES, Candidate, check_fits, suggest

NATURES = ("model_project", "high_co2_reduction", "leads_to_facilities", "study_or_plan")
ADVANCED = Candidate(
    "advanced",
    "エコタウン等高度化モデル事業",
    {"model_project": "◎", "high_co2_reduction": "○", "leads_to_facilities": "△", "study_or_plan": "△"},
)
LOW_CARBON = Candidate(
    "low_carbon",
    "低炭素地域づくり補助金事業",
    {"model_project": "○", "high_co2_reduction": "◎", "leads_to_facilities": "◎", "study_or_plan": "◎"},
)
SEED_003 = [ADVANCED, LOW_CARBON]


def test_a_model_project_points_to_the_advanced_model_program():
    first, second = suggest(SEED_003, ["model_project"])
    assert first.candidate is ADVANCED and first.best
    assert (first.score, first.max_score) == (2, 2)
    assert second.candidate is LOW_CARBON and not second.best


@pytest.mark.parametrize("nature", ["high_co2_reduction", "leads_to_facilities", "study_or_plan"])
def test_co2_facilities_or_a_study_point_to_the_low_carbon_program(nature):
    first, _second = suggest(SEED_003, [nature])
    assert first.candidate is LOW_CARBON and first.best


def test_all_natures_together():
    first, second = suggest(SEED_003, list(NATURES))
    assert (first.candidate, first.score, first.max_score) == (LOW_CARBON, 7, 8)
    assert (second.candidate, second.score) == (ADVANCED, 3)
    assert first.marks == (
        ("model_project", "○"),
        ("high_co2_reduction", "◎"),
        ("leads_to_facilities", "◎"),
        ("study_or_plan", "◎"),
    )


def test_ties_are_all_suggested_and_more_double_circles_come_first():
    a = Candidate("a", "A", {"x": "○", "y": "○"})
    b = Candidate("b", "B", {"x": "◎", "y": "△"})
    first, second = suggest([a, b], ["x", "y"])
    assert first.candidate is b and second.candidate is a
    assert first.best and second.best


def test_only_triangles_suggest_nothing():
    (only,) = suggest([Candidate("a", "A", {"x": "△"})], ["x"])
    assert only.score == 0 and not only.best


def test_unmarked_natures_count_nothing_and_duplicates_count_once():
    (only,) = suggest([Candidate("a", "A", {"x": "◎"})], ["x", "y", "x"])
    assert only.marks == (("x", "◎"), ("y", None))
    assert (only.score, only.max_score) == (2, 4)


def test_at_least_one_nature_is_needed():
    with pytest.raises(ValueError, match="at least one"):
        suggest(SEED_003, [])


def test_no_candidates():
    assert suggest([], ["x"]) == ()


def test_fits_data_is_checked():
    assert check_fits(LOW_CARBON.fits, NATURES) == []
    assert check_fits({"speed": "◎", "model_project": "×"}, NATURES) == [
        "事業の性質「speed」はありません。",
        "適合性「×」は使えません（◎・○・△のいずれか）。",
    ]


MARKS = st.sampled_from(sorted(MARK_SCORES))
CANDIDATES = st.lists(
    st.builds(
        Candidate,
        st.text(min_size=1, max_size=3),
        st.just("x"),
        st.dictionaries(st.sampled_from(NATURES), MARKS),
    ),
    max_size=5,
)


@given(CANDIDATES, st.lists(st.sampled_from(NATURES), min_size=1))
def test_ranking_is_by_score_and_the_best_have_the_top_score(candidates, chosen):
    ranked = suggest(candidates, chosen)
    assert len(ranked) == len(candidates)
    scores = [s.score for s in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s.score <= s.max_score for s in ranked)
    assert all(s.best == (s.score == scores[0] and s.score > 0) for s in ranked)

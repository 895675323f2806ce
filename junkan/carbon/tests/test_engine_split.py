"""Direct and indirect reductions (seed 002 4.(3)① ※): optional, both or none, adding up to the total."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from junkan.carbon.engine import split

D = Decimal


def codes(problems: list[split.SplitProblem]) -> list[tuple[str, str]]:
    return [(p.part, p.code) for p in problems]


def test_no_split_is_fine_with_or_without_a_total():
    assert split.check(D("1250.5"), None, None) == []
    assert split.check(None, None, None) == []
    assert not split.is_split(None, None)


def test_parts_adding_up_to_the_total():
    assert split.check(D("1250.5"), D("1000"), D("250.5")) == []
    assert split.total(D("1000"), D("250.5")) == D("1250.5")


def test_a_part_may_be_zero_but_not_missing():
    assert split.check(D("10"), D("10"), D("0")) == []
    assert codes(split.check(D("10"), D("10"), None)) == [("indirect", split.PART_MISSING)]
    assert codes(split.check(D("10"), None, D("3"))) == [("direct", split.PART_MISSING)]
    assert split.total(D("10"), None) is None


def test_a_mismatch_names_both_figures():
    problems = split.check(D("1250.5"), D("1000"), D("200"))
    assert codes(problems) == [("indirect", split.SUM_MISMATCH)]
    assert problems[0].message == (
        "直接的な削減効果（1,000）と間接的な削減効果（200）の合計（1,200 t-CO2/年）が、"
        "CO2削減量（1,250.5 t-CO2/年）と一致しません。"
    )


def test_without_a_total_the_sum_is_the_total():
    assert split.check(None, D("1.5"), D("2.25")) == []
    assert split.total(D("1.5"), D("2.25")) == D("3.75")


def test_negative_parts_are_refused():
    assert codes(split.check(None, D("-1"), D("2"))) == [("direct", split.NEGATIVE)]


FIGURES = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)


@given(FIGURES, FIGURES)
def test_the_sum_of_a_split_always_checks_against_itself(direct: Decimal, indirect: Decimal):
    """A split is consistent with exactly one total: its own sum (exact Decimal, no rounding)."""
    summed = split.total(direct, indirect)
    assert summed is not None and summed == direct + indirect
    assert split.check(summed, direct, indirect) == []
    assert codes(split.check(summed + D("0.001"), direct, indirect)) == [("indirect", split.SUM_MISMATCH)]


@given(st.one_of(st.none(), FIGURES), st.one_of(st.none(), FIGURES), st.one_of(st.none(), FIGURES))
def test_at_most_one_problem_for_non_negative_figures(total, direct, indirect):
    problems = split.check(total, direct, indirect)
    assert len(problems) <= 1
    if direct is None and indirect is None:
        assert problems == []

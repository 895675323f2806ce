"""The CO2 part of the annual reports (seed 003 §9(4)(5)): ①, below the promise, ② and the utility data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from junkan.grants.engine.followup import (
    below_promise,
    cause_required,
    figure,
    is_cause_item,
    shortfall,
    utility_data_required,
    year_reduction,
)

D = Decimal
figures = st.decimals(min_value=0, max_value=D("1e9"), places=3, allow_nan=False, allow_infinity=False)
maybe = st.none() | figures


@pytest.mark.parametrize(
    ("expected", "actual", "total"),
    [
        (D("120.5"), D("30.25"), D("150.75")),  # equipment not yet installed + installed
        (D("120.5"), None, D("120.5")),  # nothing installed yet
        (None, D("30.25"), D("30.25")),  # everything installed
        (None, None, D(0)),
        (D("0.001"), D("0.002"), D("0.003")),  # exact, no float drift
    ],
)
def test_year_reduction_adds_expected_and_actual(expected, actual, total):
    result = year_reduction(expected, actual)
    assert result == total
    assert isinstance(result, Decimal)


@pytest.mark.parametrize(
    ("reduction", "promised", "below"),
    [
        (D("99.999"), D("100"), True),
        (D("100"), D("100"), False),  # reaching it exactly is reaching it
        (D("100.000"), D("100"), False),
        (D("150"), D("100"), False),
        (D(0), D("0.001"), True),
        (D(0), None, False),  # nothing promised: nothing to fall short of
    ],
)
def test_below_promise(reduction, promised, below):
    assert below_promise(reduction, promised) is below


def test_cause_required_when_the_sum_is_below_the_promise():
    # Expected 60 + actual 30 = 90 < 100: the cause analysis is needed.
    assert cause_required(D(60), D(30), D(100)) is True
    # Expected 60 + actual 40 = 100: reached.
    assert cause_required(D(60), D(40), D(100)) is False
    assert cause_required(None, None, None) is False
    assert cause_required(None, None, D(1)) is True


def test_shortfall():
    assert shortfall(D(90), D(100)) == D(10)
    assert shortfall(D(100), D(100)) == D(0)
    assert shortfall(D(5), None) == D(0)


@pytest.mark.parametrize(
    ("actual", "required"),
    [(None, False), (D(0), False), (D("0.000"), False), (D("0.001"), True), (D(12), True)],
)
def test_utility_data_required_when_an_actual_reduction_was_computed(actual, required):
    assert utility_data_required(actual) is required


@pytest.mark.parametrize("bad", [1.5, 1, "1", True])
def test_figures_must_be_decimal(bad):
    with pytest.raises(TypeError):
        year_reduction(bad, None)
    with pytest.raises(TypeError):
        utility_data_required(bad)


@pytest.mark.parametrize("bad", [D(-1), D("-0.001"), D("NaN"), D("Infinity")])
def test_figures_must_be_finite_and_not_negative(bad):
    with pytest.raises(ValueError, match="actual_t_co2"):
        year_reduction(None, bad)
    with pytest.raises(ValueError, match="promised"):
        below_promise(D(1), bad)


def test_figure_of_none_is_zero():
    assert figure(None) == D(0)


def test_the_cause_item_is_recognised_in_both_calls_data():
    assert is_cause_item(
        "（イ）②実績報告書における削減量に達しなかった場合の原因：①の削減量が、実績報告書に記載した…"
    )
    assert not is_cause_item("（イ）①二酸化炭素の削減量：FS調査結果と連携して導入する設備のうち…")
    assert not is_cause_item("a. 事業の背景")


@given(maybe, maybe)
def test_reduction_is_never_below_either_part(expected, actual):
    total = year_reduction(expected, actual)
    assert total >= (expected or 0)
    assert total >= (actual or 0)
    assert total == (expected or 0) + (actual or 0)


@given(figures, maybe)
def test_below_promise_is_strict_comparison(reduction, promised):
    assert below_promise(reduction, promised) == (promised is not None and reduction < promised)
    assert shortfall(reduction, promised) >= 0
    if below_promise(reduction, promised):
        assert reduction + shortfall(reduction, promised) == promised


@given(maybe, maybe, figures, figures)
def test_more_reduction_never_makes_the_cause_required(expected, actual, extra, promised):
    # Adding reduction can only take a report from "below" to "reached", never the other way.
    if not cause_required(expected, actual, promised):
        assert not cause_required((expected or 0) + extra, actual, promised)

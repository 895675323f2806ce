"""Chart geometry: nice maxima, ticks, bar lengths; pure and typed."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from junkan.common.engine import charts
from junkan.common.engine.charts import layout, nice_maximum, ticks
from junkan.common.purity import django_imports, impure_imports, typing_problems

ENGINE = Path(charts.__file__)


def test_no_django_import() -> None:
    assert impure_imports(ENGINE, ("junkan.common.engine",)) == []
    assert django_imports([Path(__file__)]) == []


def test_engine_is_typed() -> None:
    assert typing_problems(ENGINE, docstrings="summary line") == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 1),
        (-5, 1),
        (1, 1),
        (3, 3),
        (7, 10),
        (12, 20),
        (21, 25),
        (26, 50),
        (99, 100),
        (25_000_000, 25_000_000),
        (30_000_000, 50_000_000),
        (Decimal("2.4"), 3),
    ],
)
def test_nice_maximum(value, expected) -> None:
    assert nice_maximum(value) == expected


def test_ticks_are_whole_and_end_at_the_maximum() -> None:
    assert ticks(20) == [0, 5, 10, 15, 20]
    assert ticks(2) == [0, 1, 2]
    assert ticks(0) == [0]


def test_bars_scale_to_the_nice_maximum() -> None:
    chart = layout([("北海道", 12), ("長野県", 7), ("東京都", 0)], extent=400, band=28, minimum=2)
    assert chart.maximum == 20
    assert [bar.length for bar in chart.bars] == [240.0, 140.0, 0.0]
    assert [bar.offset for bar in chart.bars] == [0.0, 28.0, 56.0]
    assert chart.ticks[-1].position == 400


def test_a_small_positive_value_stays_visible() -> None:
    chart = layout([("a", 1000), ("b", 1)], extent=100, minimum=2)
    assert chart.bars[1].length == 2


def test_extent_must_be_positive() -> None:
    with pytest.raises(ValueError, match="extent"):
        layout([("a", 1)], extent=0)


@given(st.lists(st.integers(min_value=-10, max_value=10**9), min_size=1, max_size=50))
def test_no_bar_is_longer_than_the_axis(values: list[int]) -> None:
    chart = layout([(str(i), v) for i, v in enumerate(values)], extent=300, minimum=2)
    assert chart.maximum >= max(values)
    assert all(0 <= bar.length <= 300 for bar in chart.bars)
    ordered = sorted(chart.bars, key=lambda bar: bar.value)
    assert all(a.length <= b.length for a, b in itertools.pairwise(ordered))

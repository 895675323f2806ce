"""Properties of the ripple effect for any valid table (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.economy.engine import io

unit = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def tables(draw: st.DrawFn) -> io.IOModel:
    size = draw(st.integers(min_value=1, max_value=6))
    raw = np.array(draw(st.lists(st.lists(unit, min_size=size, max_size=size), min_size=size, max_size=size)))
    # Scale each column so that its sum stays below 1 (a table where every sector has value added).
    limit = draw(st.floats(min_value=0.05, max_value=0.95))
    sums = raw.sum(axis=0)
    scaled = np.where(sums > limit, raw * (limit / np.maximum(sums, 1e-12)), raw)
    shares = draw(st.lists(unit, min_size=size, max_size=size))
    income = draw(st.lists(unit, min_size=size, max_size=size))
    pattern = np.array(draw(st.lists(st.floats(0.01, 1), min_size=size, max_size=size)))
    conversion = draw(st.none() | unit)
    return io.model(
        [f"部門{i}" for i in range(size)],
        scaled.tolist(),
        shares,
        income,
        consumption_conversion=conversion,
        consumption_pattern=(pattern / pattern.sum()).tolist() if conversion is not None else None,
        value_added_ratio=(1 - scaled.sum(axis=0)).tolist(),
    )


def demands(size: int) -> st.SearchStrategy[list[float]]:
    return st.lists(st.floats(-1e6, 1e6), min_size=size, max_size=size)


@settings(max_examples=150)
@given(tables())
def test_zero_demand_has_zero_effect(table: io.IOModel) -> None:
    result = io.ripple(table, [0.0] * table.size)
    assert not result.total.any() and not result.income_first.any() and not result.second.any()
    assert result.multiplier is None


@settings(max_examples=150)
@given(tables(), st.data(), st.floats(-100, 100))
def test_effects_scale_linearly(table: io.IOModel, data: st.DataObject, factor: float) -> None:
    demand = data.draw(demands(table.size))
    once = io.ripple(table, demand)
    scaled = io.ripple(table, [factor * d for d in demand])
    scale = max(1.0, float(np.abs(once.total).max()) * abs(factor))
    assert np.allclose(scaled.total, factor * once.total, atol=1e-9 * scale)
    assert np.allclose(scaled.second, factor * once.second, atol=1e-9 * scale)


@settings(max_examples=150)
@given(tables(), st.data())
def test_effects_add_up(table: io.IOModel, data: st.DataObject) -> None:
    first, other = data.draw(demands(table.size)), data.draw(demands(table.size))
    both = io.ripple(table, [a + b for a, b in zip(first, other, strict=True)])
    apart = io.ripple(table, first).total + io.ripple(table, other).total
    assert np.allclose(both.total, apart, atol=1e-6 * max(1.0, float(np.abs(apart).max())))


@settings(max_examples=150)
@given(tables(), st.data())
def test_a_sector_that_supplies_nothing_induces_nothing(table: io.IOModel, data: st.DataObject) -> None:
    sector = data.draw(st.integers(0, table.size - 1))
    shares = table.self_sufficiency.copy()
    shares[sector] = 0.0
    closed = io.model(
        table.sectors,
        table.coefficients.tolist(),
        shares.tolist(),
        table.employee_income_ratio.tolist(),
        consumption_conversion=table.consumption_conversion,
        consumption_pattern=None if table.consumption_pattern is None else table.consumption_pattern.tolist(),
    )
    demand = [0.0] * table.size
    demand[sector] = data.draw(st.floats(1, 1e6))
    result = io.ripple(closed, demand)
    assert not result.total.any() and not result.income_first.any()


@settings(max_examples=150)
@given(tables())
def test_the_inverse_is_the_inverse(table: io.IOModel) -> None:
    inverse = io.inverse(table)
    leontief = np.eye(table.size) - np.diag(table.self_sufficiency) @ table.coefficients
    assert np.abs(inverse @ leontief - np.eye(table.size)).max() < 1e-9


@settings(max_examples=100)
@given(tables(), st.data())
def test_non_negative_demand_never_induces_less_than_the_direct_effect(
    table: io.IOModel, data: st.DataObject
) -> None:
    demand = data.draw(st.lists(st.floats(0, 1e6), min_size=table.size, max_size=table.size))
    result = io.ripple(table, demand)
    assert (result.first >= -1e-9).all() and (result.second >= -1e-9).all()
    assert (result.total >= result.direct - 1e-9).all()
    assert np.allclose(result.influence.mean(), 1.0) and np.allclose(result.sensitivity.mean(), 1.0)

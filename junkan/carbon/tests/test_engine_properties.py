"""Properties that hold for any input: swapping sides negates, scaling scales, biomass adds nothing."""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.carbon.engine import (
    Biomass,
    Calculation,
    ElectricityUse,
    FuelUse,
    GasUse,
    Heat,
    Incineration,
    Other,
    Residue,
    Side,
    Transport,
    calculate,
    calculation_to_dict,
    parse_calculation,
)
from junkan.carbon.engine.numbers import add, mul
from junkan.carbon.tests.shipped import factor_set

FACTORS = factor_set("2010")
FUELS = sorted(FACTORS.fuels)
AMOUNT_FIELDS = ("amount", "kwh", "gj", "tkm")

amounts = st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False, allow_infinity=False)
factors = st.decimals(min_value=0, max_value=10, places=6, allow_nan=False, allow_infinity=False)
efficiencies = st.decimals(
    min_value=Decimal("0.05"), max_value=1, places=2, allow_nan=False, allow_infinity=False
)

activities = st.one_of(
    st.builds(FuelUse, fuel=st.sampled_from(FUELS), amount=amounts),
    st.builds(ElectricityUse, kwh=amounts, t_co2_per_kwh=factors),
    st.builds(
        ElectricityUse,
        kwh=amounts,
        utility=st.sampled_from(["代替値", "全国平均係数"]),
    ),
    st.builds(GasUse, amount=amounts, t_co2_per_unit=factors),
    st.builds(
        Heat,
        amount=amounts,
        unit=st.just("t"),
        heat_gj_per_unit=st.decimals(min_value=1, max_value=50, places=1),
        efficiency=efficiencies,
        replaces=st.sampled_from(FUELS),
        replaced_efficiency=efficiencies,
    ),
    st.builds(Heat, gj=amounts, t_co2_per_gj=factors, source=st.just("文献")),
    st.builds(Transport, tkm=amounts, t_co2_per_tkm=factors, source=st.just("文献")),
    st.builds(Transport, fuel=st.sampled_from(FUELS), amount=amounts),
    st.builds(Incineration, amount=amounts, t_co2_per_t=factors, source=st.just("文献")),
    st.builds(Residue, amount=amounts, t_co2_per_t=factors, source=st.just("文献")),
    st.builds(Biomass, amount=amounts, unit=st.just("t")),
    st.builds(Other, label=st.just("その他"), amount=amounts, t_co2_per_unit=factors, source=st.just("文献")),
)
parts = st.lists(activities, max_size=4).map(tuple)
sides = st.builds(Side, process=parts, substitution=parts)
calculations = st.builds(Calculation, baseline=sides, project=sides, fuel_revision=st.just("2010"))
scales = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


def scaled(activity: object, k: Decimal) -> object:
    """The activity with every amount (not factors, heat values or efficiencies) multiplied by k."""
    values = {f.name: getattr(activity, f.name) for f in fields(activity) if f.name in AMOUNT_FIELDS}
    return replace(activity, **{name: mul(value, k) for name, value in values.items() if value is not None})


def scaled_side(side: Side, k: Decimal) -> Side:
    return Side(tuple(scaled(a, k) for a in side.process), tuple(scaled(a, k) for a in side.substitution))


@settings(max_examples=60, deadline=None)
@given(calculations)
def test_swapping_baseline_and_project_negates_the_reduction(calculation: Calculation) -> None:
    result = calculate(calculation, FACTORS)
    swapped = calculate(
        replace(calculation, baseline=calculation.project, project=calculation.baseline), FACTORS
    )
    assert swapped.reduction_t_co2 == result.reduction_t_co2.copy_negate()  # no rounding, unlike unary minus


@settings(max_examples=60, deadline=None)
@given(calculations, scales)
def test_scaling_every_amount_by_k_scales_the_reduction_by_k(calculation: Calculation, k: Decimal) -> None:
    result = calculate(calculation, FACTORS)
    bigger = calculate(
        replace(
            calculation,
            baseline=scaled_side(calculation.baseline, k),
            project=scaled_side(calculation.project, k),
        ),
        FACTORS,
    )
    # mul() multiplies exactly; "*" would round to the default 28 digits.
    assert bigger.reduction_t_co2 == mul(result.reduction_t_co2, k)
    assert bigger.baseline_t_co2 == mul(result.baseline_t_co2, k)


@settings(max_examples=60, deadline=None)
@given(calculations, st.lists(st.builds(Biomass, amount=amounts, unit=st.just("t")), min_size=1, max_size=3))
def test_biomass_never_adds_emissions(calculation: Calculation, burned: list[Biomass]) -> None:
    result = calculate(calculation, FACTORS)
    extra = tuple(burned)
    with_biomass = replace(
        calculation,
        baseline=Side(calculation.baseline.process + extra, calculation.baseline.substitution + extra),
        project=Side(calculation.project.process + extra, calculation.project.substitution + extra),
    )
    again = calculate(with_biomass, FACTORS)
    assert again.totals == result.totals
    assert all(line.t_co2 == 0 for line in again.trail if line.kind == "biomass")


@settings(max_examples=60, deadline=None)
@given(calculations)
def test_every_line_is_amount_times_factor_and_parts_add_up(calculation: Calculation) -> None:
    result = calculate(calculation, FACTORS)
    for line in result.trail:
        assert line.t_co2 == mul(line.amount, line.factor)
        assert line.t_co2 >= 0
    for part, lines in result.lines_by_part.items():
        assert result.totals[part] == add(*(line.t_co2 for line in lines))


@settings(max_examples=60, deadline=None)
@given(calculations)
def test_stored_input_reads_back_the_same(calculation: Calculation) -> None:
    assert parse_calculation(calculation_to_dict(calculation)) == calculation

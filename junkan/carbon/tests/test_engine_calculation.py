"""The whole calculation: (C − D) − (A − B), worked examples, notes, and the factors recorded."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from junkan.carbon.engine import (
    Biomass,
    BoundaryNote,
    Calculation,
    ElectricityUse,
    FuelUse,
    Heat,
    Part,
    Side,
    Transport,
    calculate,
    factor_set_from_snapshot,
    factors_used_to_dict,
    parse_calculation,
    result_to_dict,
    stringify,
    to_json,
    tonnes,
)
from junkan.carbon.tests.shipped import factor_set

F2010 = factor_set("2010")

WOOD_CHIP_BOILER = Calculation(
    # Baseline: a school heats with 100 kL/年 of A重油.
    baseline=Side(process=(FuelUse("heavy_oil_a", D(100)),)),
    # Project: 900 t/年 of wood chips (0), the chip boiler's electricity and the chips' transport.
    project=Side(
        process=(
            Biomass(D(900), "t", "木質チップ"),
            ElectricityUse(kwh=D(30000), t_co2_per_kwh=D("0.000416")),
            Transport(fuel="diesel", amount=D(2)),
        )
    ),
    fuel_revision="2010",
    boundary_notes=(BoundaryNote("灰の処分", "実施前後とも同じ処分場に同量を運ぶため"),),
)


def test_wood_chip_boiler_by_hand():
    # C = 100 kL × 2.70963 = 270.963
    # A = 0 + 30,000 × 0.000416 + 2 kL × (37.7 × 0.0187 × 44/12 = 2.584963333…) = 12.48 + 5.169926666…
    #   = 17.649926666…
    # reduction = (270.963 − 0) − (17.649926666… − 0) = 253.313073333… → 253.3 t-CO2/年
    result = calculate(WOOD_CHIP_BOILER, F2010)
    assert result.totals[Part.BASELINE_PROCESS] == D("270.963")
    assert result.totals[Part.BASELINE_SUBSTITUTION] == 0
    assert tonnes(result.project_t_co2) == "17.6"
    assert abs(result.reduction_t_co2 - D("253.3130733333333")) < D("1e-12")
    assert tonnes(result.reduction_t_co2) == "253.3"
    assert [(line.part.letter, line.index) for line in result.trail] == [
        ("C", 1),
        ("A", 1),
        ("A", 2),
        ("A", 3),
    ]
    assert result.boundary_notes[0].process == "灰の処分"


def test_substitution_effects_are_subtracted_on_each_side():
    # C 100, D 30, A 40, B 25 (t, by "other" lines of 1 unit): (100 − 30) − (40 − 25) = 55.
    def other(value: str) -> object:
        from junkan.carbon.engine import Other

        return Other(label="x", amount=D(1), t_co2_per_unit=D(value), source="s")

    calc = Calculation(Side((other("100"),), (other("30"),)), Side((other("40"),), (other("25"),)))
    result = calculate(calc, F2010)
    assert (result.baseline_t_co2, result.project_t_co2, result.reduction_t_co2) == (D(70), D(15), D(55))


def test_biomass_fuel_substitution_counts_in_full():
    # Biomass burned in A counts 0; the heavy oil it replaces counts in B in full.
    calc = Calculation(
        Side(),
        Side(
            process=(Biomass(D(100), "t"),),
            substitution=(Heat(gj=D(800), replaces="heavy_oil_a", replaced_efficiency=D("0.85")),),
        ),
    )
    result = calculate(calc, F2010)
    assert result.totals[Part.PROJECT_PROCESS] == 0
    assert result.reduction_t_co2 == result.totals[Part.PROJECT_SUBSTITUTION] > 0
    assert "実施前の代替効果（D）も必ず計上" in result.notes[0]


def test_lower_heat_value_in_the_baseline_substitution_is_flagged():
    calc = Calculation(
        Side(
            substitution=(
                Heat(amount=D(1), heat_gj_per_unit=D(10), heat_gj_per_unit_high=D(12), replaces="kerosene"),
            )
        ),
        Side(),
    )
    notes = calculate(calc, F2010).notes
    assert any("削減量は大きめに算定されます" in note for note in notes)


def test_factors_used_rebuild_the_same_figures():
    result = calculate(WOOD_CHIP_BOILER, F2010)
    used = factors_used_to_dict(result.factors_used)
    assert [fuel["key"] for fuel in used["fuels"]] == ["diesel", "heavy_oil_a"]
    assert used["fuels"][1]["heat_gj_per_unit"] == "39.1"
    again = calculate(WOOD_CHIP_BOILER, factor_set_from_snapshot(stringify(used)))
    assert again.reduction_t_co2 == result.reduction_t_co2
    assert again.trail == result.trail


def test_result_as_json_has_exact_numbers():
    data = result_to_dict(calculate(WOOD_CHIP_BOILER, F2010))
    text = to_json(data)
    assert '"baseline_t_co2":270.963' in text
    assert '"factor":2.70963' in text
    import json

    parsed = json.loads(text, parse_float=D)
    assert parsed["reduction_t_co2"] == data["reduction_t_co2"]
    assert parsed["parts"]["baseline_process"]["letter"] == "C"


def test_to_json_refuses_floats():
    with pytest.raises(TypeError):
        to_json({"x": 0.1})


def test_parse_and_compute_the_api_example():
    data = {
        "fuel_revision": "2010",
        "baseline": {"process": [{"kind": "fuel", "fuel": "heavy_oil_a", "amount": 100}], "substitution": []},
        "project": {
            "process": [
                {"kind": "biomass", "label": "木質チップ", "amount": 900, "unit": "t"},
                {"kind": "electricity", "kwh": 30000, "t_co2_per_kwh": D("0.000416")},
            ]
        },
    }
    result = calculate(parse_calculation(data), F2010)
    # 270.963 − 12.48 = 258.483
    assert result.reduction_t_co2 == D("258.483")


def test_empty_calculation_is_zero():
    result = calculate(Calculation(Side(), Side()), F2010)
    assert result.reduction_t_co2 == 0 and result.trail == ()

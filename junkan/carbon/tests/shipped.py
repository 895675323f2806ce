"""The shipped factor files as engine FactorSets, for the pure tests (no Django, no database)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from junkan.carbon.engine import FactorSet, FuelFactor, SupplierFactor, tables

DATA = Path(__file__).resolve().parents[1] / "data"


@cache
def factor_set(revision: str = "2010") -> FactorSet:
    """The fuel table of ``revision`` with the R6 electricity and R7 gas factors."""
    if revision == "2025":
        table = tables.read_fuel_per_unit(
            (DATA / "ghg_fuel_co2_factors_2025.tsv").read_text(encoding="utf-8")
        )
    else:
        text = (DATA / "ghg_fuel_heat_carbon_factors.csv").read_text(encoding="utf-8")
        table = tables.read_fuel_heat_carbon(text)[revision]
    source = f"算定省令 {revision}"
    fuels = {
        row.key: FuelFactor(
            row.key,
            row.name,
            row.unit,
            row.heat_gj_per_unit,
            row.carbon_tc_per_gj,
            row.t_co2_per_unit,
            source,
        )
        for row in table.rows
    }
    electricity = tables.read_electricity(
        (DATA / "ghg_electricity_factors_R6_major.csv").read_text(encoding="utf-8")
    )
    gas = tables.read_gas((DATA / "ghg_gas_utility_factors_R7.tsv").read_text(encoding="utf-8"))
    return FactorSet(
        fuel_revision=revision,
        fuel_source=source,
        fuels=fuels,
        electricity=tuple(
            SupplierFactor(r.utility, r.menu, 2024, r.basic, r.adjusted, "電気R6", r.reg_no, r.kind)
            for r in electricity.rows
        ),
        gas=tuple(
            SupplierFactor(r.utility, r.menu, 2025, r.basic, r.adjusted, "ガスR7", r.reg_no, r.kind)
            for r in gas.rows
        ),
    )

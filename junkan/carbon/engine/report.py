"""A result as JSON-ready data, JSON with exact numbers, and factor snapshots that rebuild a FactorSet."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from junkan.carbon.engine.calculation import FactorsUsed, Part, Result
from junkan.carbon.engine.factors import FactorSet, FuelFactor, SupplierFactor
from junkan.carbon.engine.numbers import plain


def factors_used_to_dict(used: FactorsUsed) -> dict[str, Any]:
    """The factors a result used, as stored with a saved calculation."""
    return {
        "fuel_revision": used.fuel_revision,
        "fuel_source": used.fuel_source,
        "fuels": [fuel.to_dict() for fuel in used.fuels],
        "electricity": [row.to_dict() for row in used.electricity],
        "gas": [row.to_dict() for row in used.gas],
    }


def factor_set_from_snapshot(snapshot: Mapping[str, Any]) -> FactorSet:
    """A FactorSet holding exactly the stored factors: the same input gives the same figures again."""
    return FactorSet(
        fuel_revision=snapshot.get("fuel_revision", ""),
        fuel_source=snapshot.get("fuel_source", ""),
        fuels={row["key"]: FuelFactor.from_dict(row) for row in snapshot.get("fuels", [])},
        electricity=tuple(SupplierFactor.from_dict(row) for row in snapshot.get("electricity", [])),
        gas=tuple(SupplierFactor.from_dict(row) for row in snapshot.get("gas", [])),
    )


def result_to_dict(result: Result) -> dict[str, Any]:
    """Totals, trail and derived figures with Decimal values (exact); see to_json / stringify."""
    data: dict[str, Any] = {
        "baseline_t_co2": result.baseline_t_co2,
        "project_t_co2": result.project_t_co2,
        "reduction_t_co2": result.reduction_t_co2,
        "parts": {
            part.value: {"letter": part.letter, "label": part.label, "t_co2": result.totals[part]}
            for part in Part
        },
        "trail": [
            {
                "part": line.part.value,
                "letter": line.part.letter,
                "line": line.index,
                "kind": line.kind,
                "label": line.label,
                "amount": line.amount,
                "unit": line.unit,
                "factor": line.factor,
                "factor_unit": line.factor_unit,
                "source": line.source,
                "t_co2": line.t_co2,
                "note": line.note,
            }
            for line in result.trail
        ],
        "boundary_notes": [{"process": n.process, "reason": n.reason} for n in result.boundary_notes],
        "notes": list(result.notes),
        "factors": factors_used_to_dict(result.factors_used),
    }
    if result.cost is not None:
        data["cost_effectiveness"] = {
            "subsidy_yen": result.cost.subsidy_yen,
            "life_years": result.cost.life_years,
            "yen_per_t_co2_year": result.cost.yen_per_t_co2_year,
            "yen_per_t_co2_life": result.cost.yen_per_t_co2_life,
            "note": result.cost.note,
        }
    if result.renewables is not None:
        data["renewables"] = {
            "capacity_kw": result.renewables.capacity_kw,
            "annual_kwh": result.renewables.annual_kwh,
            "annual_heat_gj": result.renewables.annual_heat_gj,
            "installations": [
                {
                    "label": item.label,
                    "capacity_kw": item.capacity_kw,
                    "annual_kwh": item.annual_kwh,
                    "annual_heat_gj": item.annual_heat_gj,
                    "capacity_factor_percent": item.capacity_factor_percent,
                }
                for item in result.renewables.installations
            ],
        }
    if result.regional is not None:
        data["regional_share"] = {
            "region_total_t_co2": result.regional.region_total_t_co2,
            "share_percent": result.regional.share_percent,
            "target_percent": result.regional.target_percent,
            "target_reduction_t_co2": result.regional.target_reduction_t_co2,
            "contribution_percent": result.regional.contribution_percent,
        }
    if result.resource is not None:
        resource = result.resource
        data["resource_productivity"] = {
            "unused_resource": resource.inputs.unused_resource,
            "before_yen_per_t": resource.before_yen_per_t,
            "after_yen_per_t": resource.after_yen_per_t,
            "change_yen_per_t": resource.change_yen_per_t,
            "change_percent": resource.change_percent,
            "resource_input_change_t": resource.resource_input_change_t,
            "value_added_change_yen": resource.value_added_change_yen,
        }
    return data


def stringify(value: Any) -> Any:
    """The same structure with every Decimal as its exact string (for JSON columns)."""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, Mapping):
        return {key: stringify(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [stringify(item) for item in value]
    return value


def to_json(value: Any) -> str:
    """JSON text in which Decimals are written as exact JSON numbers (never through float)."""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, bool) or value is None or isinstance(value, int | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        items = (f"{json.dumps(str(key), ensure_ascii=False)}:{to_json(item)}" for key, item in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(to_json(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")

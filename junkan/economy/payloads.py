"""Engine results as JSON-ready dictionaries (the API answers them; the pages and exports show them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from junkan.economy.engine import io
from junkan.economy.engine.circulation import Circulation


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def circulation_payload(result: Circulation) -> dict[str, Any]:
    """The answer of ``POST /api/v1/economy/circulation``."""
    return {
        "circulation_rate_pct": str(result.circulation_rate_pct),
        "expenditure_in_region": _number(result.expenditure_in_region),
        "gaps": {
            "distribution_minus_production_and_income_inflows": _number(result.distribution_gap),
            "expenditure_in_region_minus_production": _number(result.expenditure_gap),
        },
        "energy_outflow_share_pct": None
        if result.energy_outflow_share_pct is None
        else str(result.energy_outflow_share_pct),
        "per_capita": None
        if result.per_capita is None
        else {key: float(value) for key, value in result.per_capita.items()},
    }


def assumptions() -> list[str]:
    """The textbook assumptions of an input–output ripple computation (富山県), for every result."""
    return [
        _("投入係数と自給率は一定とします（技術や取引先の変化を考えません）。"),
        _("生産能力の上限や在庫の取崩しは考えません（需要はすべて生産で満たされるとします）。"),
        _("消費転換率と民間消費支出の構成は一定とします。"),
        _("波及がいつまでに生じるか（時期）は示しません。"),
    ]


def _list(vector: Any) -> list[float]:
    return [float(value) for value in vector]


def ripple_payload(table: io.IOModel, result: io.Ripple) -> dict[str, Any]:
    """The answer of ``POST /api/v1/economy/ripple`` (per-sector lists in the order of ``sectors``)."""
    totals = result.totals()
    value_added = None
    if table.value_added_ratio is not None:
        value_added = {**result.through(table.value_added_ratio), "by_sector": _list(result.value_added)}
    employment = None
    if table.employment_per_unit is not None:
        employment = {**result.through(table.employment_per_unit), "by_sector": _list(result.employment)}
    first_income = float(result.income_first.sum())
    second_income = float(result.income_second.sum())
    return {
        "sectors": list(result.sectors),
        "direct": _list(result.direct),
        "first": _list(result.first),
        "second": _list(result.second),
        "total": _list(result.total),
        "totals": totals,
        "multiplier": result.multiplier,
        "employee_income": {
            "first_round": first_income,
            "second_round": second_income,
            "total": first_income + second_income,
        },
        "value_added": value_added,
        "employment": employment,
        "influence": _list(result.influence),
        "sensitivity": _list(result.sensitivity),
        "assumptions": assumptions(),
    }

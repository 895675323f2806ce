"""Fixtures of the carbon tests: a saved calculation owned by the organization's owner."""

from __future__ import annotations

import pytest

API_EXAMPLE = {
    "fuel_revision": "2010",
    "baseline": {"process": [{"kind": "fuel", "fuel": "heavy_oil_a", "amount": 100}], "substitution": []},
    "project": {
        "process": [
            {"kind": "biomass", "label": "木質チップ", "amount": 900, "unit": "t"},
            {"kind": "electricity", "kwh": 30000, "t_co2_per_kwh": "0.000416"},
        ],
        "substitution": [],
    },
}


@pytest.fixture
def calculation(owner, organization):
    """A draft of the owner, in the organization: 270.963 − 12.48 = 258.483 t-CO2/年."""
    from junkan.carbon import services

    return services.save_calculation(owner, API_EXAMPLE, title="チップボイラー", organization=organization)

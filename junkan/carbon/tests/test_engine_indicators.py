"""Cost-effectiveness, renewables, regional share and resource productivity, worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from junkan.carbon.engine import (
    RenewableInstallation,
    ResourceInput,
    cost_effectiveness,
    regional_share,
    renewable_summary,
    resource_productivity,
)
from junkan.carbon.engine.numbers import NumberError


def test_cost_effectiveness_by_hand():
    # 10,000,000円 ÷ 258.483 t-CO2/年 = 38,686.96… → 38,687円/(t-CO2/年);
    # over 15 years: 10,000,000 ÷ (258.483 × 15 = 3,877.245) = 2,579.13… → 2,579円/t-CO2.
    cost = cost_effectiveness(10_000_000, D("258.483"), 15)
    assert (cost.yen_per_t_co2_year, cost.yen_per_t_co2_life) == (38687, 2579)
    assert cost_effectiveness(10_000_000, D("258.483"), None).yen_per_t_co2_life is None


def test_cost_effectiveness_without_reduction():
    cost = cost_effectiveness(1_000, D(0), 10)
    assert cost.yen_per_t_co2_year is None and "0以下" in cost.note
    with pytest.raises(NumberError):
        cost_effectiveness(-1, D(1), 1)
    with pytest.raises(NumberError):
        cost_effectiveness(1, D(1), 0)


def test_renewables_by_hand():
    # 50 kW of PV making 55,000 kWh/年: capacity factor 55,000 ÷ (50 × 8,760 = 438,000) = 12.557% → 12.6%.
    pv = RenewableInstallation("太陽光", D(50), D(55000))
    boiler = RenewableInstallation("木質チップボイラー", D(500), D(0), D(3000))
    summary = renewable_summary((pv, boiler))
    assert (summary.capacity_kw, summary.annual_kwh, summary.annual_heat_gj) == (D(550), D(55000), D(3000))
    assert pv.capacity_factor_percent == D("12.6")
    assert RenewableInstallation("x", D(0), D(1)).capacity_factor_percent is None
    with pytest.raises(NumberError, match="8,760時間を超えています"):
        renewable_summary((RenewableInstallation("x", D(1), D(8761)),))


def test_regional_share_by_hand():
    # 258.483 of 120,000 t-CO2/年 = 0.2154025%; 80% target = 96,000 t → 0.26925…% of it.
    share = regional_share(D("258.483"), D(120000))
    assert share.share_percent == D("0.2154025")
    assert share.target_reduction_t_co2 == D(96000)
    assert str(share.contribution_percent).startswith("0.269253125")
    assert regional_share(D(10), D(100), D(100)).contribution_percent == D(10)
    with pytest.raises(NumberError):
        regional_share(D(1), D(0))
    with pytest.raises(NumberError):
        regional_share(D(1), D(1), D(101))


def test_resource_productivity_by_hand():
    # Before: 100,000,000円 ÷ 5,000 t = 20,000円/t; after: 120,000,000 ÷ 4,000 t = 30,000円/t (+10,000, +50%).
    result = resource_productivity(ResourceInput("林地残材", 100_000_000, D(5000), 120_000_000, D(4000)))
    assert (result.before_yen_per_t, result.after_yen_per_t, result.change_yen_per_t) == (20000, 30000, 10000)
    assert result.change_percent == D("50.0")
    assert result.resource_input_change_t == D(-1000)
    assert result.value_added_change_yen == 20_000_000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ResourceInput(" ", 1, D(1), 1, D(1)), "未利用資源"),
        (ResourceInput("x", 1, D(0), 1, D(1)), "天然資源等投入量"),
        (ResourceInput("x", -1, D(1), 1, D(1)), "マイナス"),
    ],
)
def test_resource_productivity_mistakes(data, message):
    with pytest.raises(NumberError, match=message):
        resource_productivity(data)

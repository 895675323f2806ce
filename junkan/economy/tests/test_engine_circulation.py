"""The three sides, 地域経済循環率 and energy payments, against a published figure and hand arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest

from junkan.economy.engine import circulation
from junkan.economy.engine.circulation import CirculationInput, ExpenditureOutflows, IncomeInflows
from junkan.economy.engine.problems import EconomyInputError

D = Decimal


def test_kumagaya_2013_published_rate() -> None:
    """熊谷市 2013 (環境省 地域経済循環分析, as RESAS shows it): 8,948億円 ÷ 7,316億円 = 122.3%."""
    result = circulation.compute(CirculationInput(production=D(8948), distribution=D(7316)))
    assert result.circulation_rate_pct == D("122.3")
    assert str(result.circulation_rate_pct) == "122.3"


def test_gaps_are_reported_not_forced() -> None:
    data = CirculationInput(
        production=D(1000),
        distribution=D(1100),
        income_inflows=IncomeInflows(employee=D(60), other=D(30)),
        expenditure_outflows=ExpenditureOutflows(consumption=D(40), investment=D(20), other=D(35)),
    )
    result = circulation.compute(data)
    # 分配 − (生産 + inflows) = 1100 − 1090 = 10; 分配 − outflows = 1100 − 95 = 1005; − 生産 = 5.
    assert result.distribution_gap == D(10)
    assert result.expenditure_in_region == D(1005)
    assert result.expenditure_gap == D(5)
    assert result.circulation_rate_pct == D("90.9")


def test_energy_share_and_per_capita() -> None:
    data = CirculationInput(
        production=D(2000), distribution=D(2500), energy_net_outflow=D(215), population=50_000
    )
    result = circulation.compute(data)
    assert result.energy_outflow_share_pct == D("10.8")  # 10.75 → 10.8 (half up)
    assert result.per_capita == {
        "production": D("0.04"),
        "distribution": D("0.05"),
        "energy_net_outflow": D("0.0043"),
    }
    assert result.expenditure_in_region is None and result.distribution_gap is None


def test_net_inflows_may_be_negative() -> None:
    data = CirculationInput(
        production=D(500), distribution=D(450), income_inflows=IncomeInflows(employee=D(-80), other=D(30))
    )
    assert circulation.compute(data).distribution_gap == D(0)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (CirculationInput(production=D(0), distribution=D(1)), "production"),
        (CirculationInput(production=D(1), distribution=D(-5)), "distribution"),
        (CirculationInput(production=D(1), distribution=D(1), population=0), "population"),
        (CirculationInput(production=D("1e17"), distribution=D(1)), "production"),
        (
            CirculationInput(
                production=D(1), distribution=D(1), income_inflows=IncomeInflows(D("NaN"), D(0))
            ),
            "income_inflows.employee",
        ),
    ],
)
def test_bad_input_names_the_field_in_japanese(data: CirculationInput, field: str) -> None:
    with pytest.raises(EconomyInputError) as caught:
        circulation.compute(data)
    assert [p.field for p in caught.value.problems] == [field]
    assert f"（{field}）" in str(caught.value)


def test_energy_net_outflow_over_the_four_categories() -> None:
    purchases = {"coal_oil_gas": D(10), "petroleum_products": D(50), "electricity": D(40), "gas_heat": D(5)}
    sales = {"electricity": D(12)}
    assert circulation.energy_net_outflow(purchases, sales) == D(93)

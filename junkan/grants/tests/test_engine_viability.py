"""Business viability figures (seed 003 §9(2)(3)（ウ）): yearly balance, payback, balance over the period."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from junkan.grants.engine import viability
from junkan.grants.engine.viability import Block, Figures

D = Decimal
SEED_003_ITEM = "（ウ）事業採算性又は光熱費等削減の評価"
SEED_002_ITEM = "d. 事業性評価（評価方法及び設定条件、評価結果等）"


def test_which_reports_show_and_require_the_figures():
    assert viability.block_of(["（ア）調査又は検討結果", SEED_003_ITEM]) == Block(True, True)
    assert viability.block_of(["a. 事業の背景", SEED_002_ITEM]) == Block(True, False)
    assert viability.block_of(["a. 事業の背景・目的", "b. 協議会の運営や情報発信の体制"]) == Block(
        False, False
    )


def test_a_plant_with_revenue_costs_and_savings():
    figures = Figures(
        investment=120_000_000, revenue=18_000_000, running_cost=6_500_000, savings=2_400_000, years=20
    )
    result = viability.evaluate(figures)
    assert result.yearly_balance == 13_900_000
    assert result.payback_years == D("8.7")  # 120,000,000 / 13,900,000 = 8.63… → 8.7 (rounded up)
    assert result.period_balance == 13_900_000 * 20 - 120_000_000 == 158_000_000
    assert result.recovers is True


def test_utility_savings_alone():
    result = viability.evaluate(Figures(investment=30_000_000, savings=3_000_000, years=8))
    assert (result.yearly_balance, result.payback_years) == (3_000_000, D("10.0"))
    assert (result.period_balance, result.recovers) == (-6_000_000, False)


def test_a_loss_never_pays_back():
    result = viability.evaluate(Figures(investment=10_000_000, revenue=1_000_000, running_cost=1_500_000))
    assert result.yearly_balance == -500_000
    assert result.payback_years is None and result.period_balance is None and result.recovers is None


def test_nothing_entered():
    assert viability.evaluate(Figures()) == viability.Evaluation(None, None, None, None)
    assert Figures().is_empty


def test_required_figures_and_an_investment_without_yearly_figures():
    required, optional = Block(True, True), Block(True, False)
    assert [p.code for p in viability.problems(Figures(), required)] == [viability.FIGURES_MISSING]
    assert viability.problems(Figures(), optional) == []
    assert viability.problems(Figures(savings=0), required) == []
    assert [p.code for p in viability.problems(Figures(investment=5), optional)] == [viability.YEARLY_MISSING]


YEN = st.integers(min_value=0, max_value=10**12)


@given(YEN, YEN, YEN, YEN, st.integers(min_value=1, max_value=50))
def test_payback_is_never_optimistic(investment, revenue, cost, savings, years):
    """The rounded payback period recovers the investment, and the period balance agrees with it."""
    result = viability.evaluate(Figures(investment, revenue, cost, savings, years))
    balance = revenue + savings - cost
    assert result.yearly_balance == balance
    assert result.period_balance == balance * years - investment
    if result.payback_years is not None:
        assert result.payback_years * balance >= investment
        assert (result.payback_years - D("0.1")) * balance < investment or investment == 0
        if result.payback_years <= years:
            assert result.recovers
    elif investment:
        assert balance <= 0

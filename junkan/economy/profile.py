"""What the pages, the PDF and the xlsx show of an account and an analysis: rows of figures and charts.

Everything is computed by the engines; here the results become labelled rows (rounded per
:mod:`junkan.economy.engine.rounding`) so that the page, the PDF and the spreadsheet show the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.economy import charts, services
from junkan.economy.engine import circulation
from junkan.economy.engine.industry import IndustryFigures
from junkan.economy.engine.rounding import (
    COEFFICIENT_PLACES,
    MONEY_PLACES,
    MULTIPLIER_PLACES,
    PEOPLE_PLACES,
    PERCENT_PLACES,
    shown,
)
from junkan.economy.models import Analysis, MoneyUnit, RegionalAccount

ROUNDING_NOTE = gettext_lazy(
    "表示は四捨五入しています：金額は表の単位で整数（地域経済循環）または小数1桁（波及効果）、"
    "率（%）は小数1桁、係数は小数4桁、波及倍率は小数2桁、人数は小数1桁。計算は端数処理をせずに行っています。"
)
ENERGY_NOTE = gettext_lazy(
    "エネルギー代金の純流出は、石炭・原油・天然ガス、石油・石炭製品、電気、ガス・熱供給の純流出の合計です。"
    "生産（GRP）に対する割合は 純流出 ÷ 生産 × 100 で計算しています。環境省の地域経済循環分析では"
    "2023年度から推計方法が変わったため、前後の年の値は比べられません。"
)


@dataclass
class AccountProfile:
    account: RegionalAccount
    unit: str
    result: circulation.Circulation
    sides: list[tuple[str, str]]
    flows: list[tuple[str, str]]
    energy: list[tuple[str, str]]
    industries: list[IndustryFigures]
    industry_rows: list[list[str]]
    three_sides: charts.Chart
    energy_chart: charts.Chart | None
    industry_chart: charts.Chart | None


def _money(value: Decimal | None, places: int = 0) -> str:
    return "—" if value is None else shown(value, places)


def account_profile(account: RegionalAccount) -> AccountProfile:
    """The three sides, energy payments and industries of an account, as rows and charts."""
    unit = MoneyUnit(account.unit).label
    result = services.circulation_of(account)
    sides = [
        (_("生産（付加価値額）"), _money(account.production)),
        (_("分配（所得）"), _money(account.distribution)),
        (_("地域経済循環率（%）"), shown(result.circulation_rate_pct, PERCENT_PLACES)),
    ]
    if result.expenditure_in_region is not None:
        sides.append((_("支出（分配 − 支出の純流出）"), _money(result.expenditure_in_region)))
    flows = [
        (_("雇用者所得の純流入"), _money(account.income_employee)),
        (_("その他所得の純流入"), _money(account.income_other)),
        (_("民間消費額の純流出"), _money(account.outflow_consumption)),
        (_("民間投資額の純流出"), _money(account.outflow_investment)),
        (_("その他支出の純流出"), _money(account.outflow_other)),
    ]
    if result.distribution_gap is not None:
        flows.append((_("整合の差：分配 −（生産 + 所得の純流入）"), _money(result.distribution_gap)))
    if result.expenditure_gap is not None:
        flows.append((_("整合の差：支出 − 生産"), _money(result.expenditure_gap)))
    energy_items = [
        (_("石炭・原油・天然ガス"), account.energy_coal_oil_gas),
        (_("石油・石炭製品"), account.energy_petroleum_products),
        (_("電気"), account.energy_electricity),
        (_("ガス・熱供給"), account.energy_gas_heat),
    ]
    energy = [(label, _money(value)) for label, value in energy_items if value is not None]
    total = services.energy_total(account.__dict__)
    energy_chart = None
    if total is not None:
        energy.append((_("合計（純流出）"), _money(total)))
        energy.append(
            (_("生産（GRP）に対する割合（%）"), shown(result.energy_outflow_share_pct or 0, PERCENT_PLACES))
        )
        if result.per_capita and "energy_net_outflow" in result.per_capita:
            energy.append(
                (
                    _("人口1人あたり（%(unit)s）") % {"unit": unit},
                    shown(result.per_capita["energy_net_outflow"], 4),
                )
            )
        energy_chart = charts.horizontal_bars(
            "energy",
            _("エネルギー代金の純流出"),
            _("エネルギー代金の純流出は合計%(total)s、生産の%(share)s%%です。内訳は下の表にあります。")
            % {
                "total": charts.with_unit(_money(total), unit),
                "share": shown(result.energy_outflow_share_pct or 0, PERCENT_PLACES),
            },
            [(label, value) for label, value in energy_items if value is not None] + [(_("合計"), total)],
            unit,
        )
    income = [(_("雇用者所得"), account.income_employee or 0), (_("その他所得"), account.income_other or 0)]
    outflows = [
        (_("民間消費"), account.outflow_consumption or 0),
        (_("民間投資"), account.outflow_investment or 0),
        (_("その他支出"), account.outflow_other or 0),
    ]
    three = charts.three_sides(
        production=account.production,
        distribution=account.distribution,
        income=income,
        outflows=outflows,
        in_region=result.expenditure_in_region,
        unit=unit,
    )
    industries = services.industries_of(account)
    industry_rows = [
        [
            f.name,
            _money(f.value_added),
            shown(f.share * 100, PERCENT_PLACES),
            "—" if f.specialization is None else shown(f.specialization, COEFFICIENT_PLACES),
            _money(f.net_exports),
            "—" if f.productivity is None else shown(f.productivity, 2),
        ]
        for f in industries
    ]
    industry_chart = None
    if industries:
        industry_chart = charts.horizontal_bars(
            "industries",
            _("産業別の付加価値額"),
            _("産業別の付加価値額です。構成比・特化係数・純移輸出は下の表にあります。"),
            [(f.name, f.value_added) for f in industries],
            unit,
        )
    return AccountProfile(
        account,
        unit,
        result,
        sides,
        flows,
        energy,
        industries,
        industry_rows,
        three,
        energy_chart,
        industry_chart,
    )


@dataclass
class AnalysisView:
    unit: str
    sector_rows: list[list[str]]
    total_row: list[str]
    summary: list[tuple[str, str]]
    chart: charts.Chart
    assumptions: list[str]


def analysis_view(analysis: Analysis) -> AnalysisView:
    """The frozen result of an analysis as rows and a chart."""
    return result_view(analysis.result, analysis.demand, analysis.io_table.unit)


def result_view(result: dict[str, Any], demand: list[float], unit_code: str) -> AnalysisView:
    """A ripple payload as rows (per sector and totals), a summary and a chart."""
    unit = MoneyUnit(unit_code).label
    rows = []
    for index, name in enumerate(result["sectors"]):
        rows.append(
            [
                name,
                shown(demand[index], MONEY_PLACES),
                shown(result["direct"][index], MONEY_PLACES),
                shown(result["first"][index], MONEY_PLACES),
                shown(result["second"][index], MONEY_PLACES),
                shown(result["total"][index], MONEY_PLACES),
                shown(result["influence"][index], COEFFICIENT_PLACES),
                shown(result["sensitivity"][index], COEFFICIENT_PLACES),
            ]
        )
    totals = result["totals"]
    total_row = [
        _("合計"),
        shown(sum(demand), MONEY_PLACES),
        *(shown(totals[k], MONEY_PLACES) for k in ("direct", "first", "second", "total")),
        "",
        "",
    ]
    summary = [
        (_("最終需要の増加額（%(unit)s）") % {"unit": unit}, shown(sum(demand), MONEY_PLACES)),
        (_("直接効果（%(unit)s）") % {"unit": unit}, shown(totals["direct"], MONEY_PLACES)),
        (_("第1次間接波及効果（%(unit)s）") % {"unit": unit}, shown(totals["first"], MONEY_PLACES)),
        (_("第2次間接波及効果（%(unit)s）") % {"unit": unit}, shown(totals["second"], MONEY_PLACES)),
        (_("生産誘発額の合計（%(unit)s）") % {"unit": unit}, shown(totals["total"], MONEY_PLACES)),
        (
            _("波及倍率（合計 ÷ 最終需要）"),
            "—" if result["multiplier"] is None else shown(result["multiplier"], MULTIPLIER_PLACES),
        ),
        (
            _("雇用者所得誘発額（%(unit)s）") % {"unit": unit},
            shown(result["employee_income"]["total"], MONEY_PLACES),
        ),
    ]
    if result.get("value_added"):
        summary.append(
            (
                _("粗付加価値誘発額（%(unit)s）") % {"unit": unit},
                shown(result["value_added"]["total"], MONEY_PLACES),
            )
        )
    if result.get("employment"):
        summary.append((_("就業誘発数（人）"), shown(result["employment"]["total"], PEOPLE_PLACES)))
    chart = charts.horizontal_bars(
        "ripple",
        _("部門別の生産誘発額（直接効果・第1次・第2次の合計）"),
        _("生産誘発額の合計は%(total)s%(unit)sです。部門別の内訳は下の表にあります。")
        % {"total": shown(totals["total"], MONEY_PLACES), "unit": unit},
        list(zip(result["sectors"], result["total"], strict=True)),
        unit,
        places=MONEY_PLACES,
    )
    return AnalysisView(unit, rows, total_row, summary, chart, list(result.get("assumptions", [])))

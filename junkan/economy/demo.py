"""Demo: a fictional input–output table and a fictional region's account (both labelled 架空), and a
private ripple analysis of officer@example.jp (長野県飯田市) on that table.

Every figure here is made up for the demo: 架空県 and 架空市 are not real places, and the pages say so.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from junkan.accounts.demo import demo_user
from junkan.economy import services
from junkan.economy.engine import io
from junkan.economy.models import Analysis, IOTable, RegionalAccount, Visibility
from junkan.organizations.models import Organization

D = Decimal

TABLE_TITLE = "架空県 産業連関表（5部門・デモ用）"
SECTORS = ["農林水産業", "製造業", "建設", "電力・ガス・熱供給", "商業・サービス"]
# Column j: inputs per unit of sector j's output (column sums 0.40, 0.57, 0.52, 0.45, 0.33).
COEFFICIENTS = [
    [0.10, 0.08, 0.02, 0.00, 0.01],
    [0.15, 0.30, 0.30, 0.10, 0.07],
    [0.01, 0.01, 0.01, 0.05, 0.02],
    [0.02, 0.03, 0.01, 0.10, 0.03],
    [0.12, 0.15, 0.18, 0.20, 0.20],
]
SELF_SUFFICIENCY = [0.55, 0.25, 0.95, 0.40, 0.80]
EMPLOYEE_INCOME = [0.15, 0.18, 0.38, 0.12, 0.40]
VALUE_ADDED = [0.60, 0.43, 0.48, 0.55, 0.67]
CONSUMPTION_PATTERN = [0.03, 0.22, 0.00, 0.05, 0.70]
EMPLOYMENT = [0.12, 0.03, 0.08, 0.01, 0.10]  # 人 per 百万円
CONVERSION = 0.70
TABLE_SETTINGS = {
    "title": TABLE_TITLE,
    "area_name": "架空県",
    "data_year": 2015,
    "unit": "million",
    "consumption_conversion": CONVERSION,
    "source": "デモ用の架空の数値です。実在する地域の産業連関表ではありません。",
}

ACCOUNT: dict[str, Any] = {
    "area_name": "架空市",
    "data_year": 2018,
    "unit": "oku",
    "source": "デモ用の架空の数値です。実在する地域の地域経済循環分析ではありません。",
    "population": 60000,
    "production": D(3200),
    "distribution": D(3650),
    "income_employee": D(250),
    "income_other": D(210),
    "outflow_consumption": D(180),
    "outflow_investment": D(120),
    "outflow_other": D(160),
    "energy_coal_oil_gas": D(30),
    "energy_petroleum_products": D(140),
    "energy_electricity": D(150),
    "energy_gas_heat": D(25),
}
INDUSTRIES: list[dict[str, Any]] = [
    {
        "name": "農林水産業",
        "value_added": D(120),
        "national_value_added": D(57000),
        "exports": D(90),
        "imports": D(60),
        "employees": D(1500),
    },
    {
        "name": "製造業",
        "value_added": D(900),
        "national_value_added": D(1150000),
        "exports": D(1400),
        "imports": D(1900),
        "employees": D(7000),
    },
    {
        "name": "建設",
        "value_added": D(260),
        "national_value_added": D(300000),
        "exports": D(0),
        "imports": D(20),
        "employees": D(2400),
    },
    {
        "name": "電力・ガス・熱供給",
        "value_added": D(60),
        "national_value_added": D(130000),
        "exports": D(10),
        "imports": D(330),
        "employees": D(250),
    },
    {
        "name": "商業・サービス",
        "value_added": D(1860),
        "national_value_added": D(3860000),
        "exports": D(700),
        "imports": D(900),
        "employees": D(19000),
    },
]
ANALYSIS_TITLE = "木質チップボイラー導入の経済波及効果（架空県の表による試算）"
# 設備工事 80百万円 (建設), ボイラー本体 60百万円 (製造業), 設計・調査 10百万円 (商業・サービス).
ANALYSIS_DEMAND = [0.0, 60.0, 80.0, 0.0, 10.0]
DEMAND_NOTE = (
    "設備工事 80百万円（建設）、ボイラー本体 60百万円（製造業）、設計・調査 10百万円（商業・サービス）"
)


def demo_model() -> io.IOModel:
    """The demo table as the engine's model."""
    return io.model(
        SECTORS,
        COEFFICIENTS,
        SELF_SUFFICIENCY,
        EMPLOYEE_INCOME,
        value_added_ratio=VALUE_ADDED,
        consumption_conversion=CONVERSION,
        consumption_pattern=CONSUMPTION_PATTERN,
        employment_per_unit=EMPLOYMENT,
    )


def template_example() -> dict[str, Any]:
    """The account as the downloadable template shows it (its example rows)."""
    return {**ACCOUNT, "unit": "億円", "industries": INDUSTRIES}


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    secretariat = demo_user("secretariat@example.jp")
    table = IOTable.objects.filter(title=TABLE_TITLE, organization=None).first()
    if table is None:
        table = services.save_table(
            secretariat,
            demo_model(),
            TABLE_SETTINGS,
            organization=None,
            visibility=Visibility.PUBLIC,
            how="demo",
            is_fictional=True,
        )
    account = RegionalAccount.objects.filter(area_name="架空市", organization=None).first()
    if account is None:
        account = services.save_account(
            secretariat,
            ACCOUNT,
            INDUSTRIES,
            organization=None,
            visibility=Visibility.PUBLIC,
            how="demo",
            is_fictional=True,
        )
    officer = demo_user("officer@example.jp")
    organization = Organization.objects.filter(name="長野県飯田市").first()
    if organization is not None and not Analysis.objects.filter(title=ANALYSIS_TITLE).exists():
        services.save_analysis(
            officer,
            organization,
            table,
            ANALYSIS_DEMAND,
            title=ANALYSIS_TITLE,
            visibility=Visibility.PRIVATE,
            account=account,
            demand_note=DEMAND_NOTE,
        )
    log(
        "economy: a fictional 5-sector IO table (架空県), a fictional account (架空市), 1 analysis (officer@)"
    )
    return []

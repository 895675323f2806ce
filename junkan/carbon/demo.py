"""Demo: one saved calculation of officer@example.jp (a wood-chip boiler replacing A重油, electricity)."""

from __future__ import annotations

from collections.abc import Callable

from junkan.accounts.demo import demo_user
from junkan.carbon import services
from junkan.carbon.models import SavedCalculation
from junkan.organizations.models import Organization

TITLE = "温浴施設の木質チップボイラー導入（A重油からの転換）"

# A hot-spring bath (fictional) burns 120 kL/年 of A重油. The project burns local wood chips in a
# boiler (efficiency 80 %), adds the boiler's electricity and the chips' transport, and sells the
# surplus heat to a neighbouring greenhouse, which stops burning kerosene.
INPUT = {
    "fuel_revision": "2023",
    "baseline": {
        "process": [
            {"kind": "fuel", "fuel": "heavy_oil_a", "amount": "120", "label": "ボイラー燃料（A重油）"},
            {
                "kind": "electricity",
                "kwh": "18000",
                "utility": "中部電力ミライズ(株)",
                "menu": "メニューB(残差)",
                "label": "重油ボイラーの補機電力",
            },
        ],
        "substitution": [],
    },
    "project": {
        "process": [
            {"kind": "biomass", "label": "木質チップ（未利用間伐材）", "amount": "1100", "unit": "t"},
            {
                "kind": "electricity",
                "kwh": "42000",
                "utility": "中部電力ミライズ(株)",
                "menu": "メニューB(残差)",
                "label": "チップボイラーの補機電力",
            },
            {"kind": "transport", "fuel": "diesel", "amount": "3.5", "label": "チップの輸送（軽油）"},
        ],
        "substitution": [
            {
                "kind": "heat",
                "label": "隣接するハウスへの熱供給（灯油の代替）",
                "amount": "150",
                "unit": "t",
                "heat_gj_per_unit": "9.5",
                "heat_gj_per_unit_high": "12.5",
                "efficiency": "0.8",
                "replaces": "kerosene",
                "replaced_efficiency": "0.85",
            }
        ],
    },
    "boundary_notes": [
        {"process": "焼却灰の処分", "reason": "重油ボイラーの時期も同じ処分場へ同程度の量を運んでいたため"}
    ],
    "subsidy_yen": 48000000,
    "life_years": 15,
    "region_total_t_co2": "312000",
    "renewables": [
        {
            "label": "木質チップボイラー（熱）",
            "capacity_kw": "700",
            "annual_kwh": "0",
            "annual_heat_gj": "10200",
        }
    ],
    "resource_productivity": {
        "unused_resource": "市内の未利用間伐材",
        "value_added_before_yen": 180000000,
        "resource_input_before_t": "2400",
        "value_added_after_yen": 210000000,
        "resource_input_after_t": "2300",
    },
}


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    officer = demo_user("officer@example.jp")
    if not SavedCalculation.objects.filter(owner=officer, title=TITLE).exists():
        organization = Organization.objects.filter(name="長野県飯田市").first()
        services.save_calculation(officer, INPUT, title=TITLE, organization=organization)
    log("carbon: 1 demo CO2 calculation (officer@example.jp)")
    return []

"""Every activity kind, with the working done by hand in the comments (factors from the shipped files)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from junkan.carbon.engine import (
    Biomass,
    Calculation,
    CalculationError,
    ElectricityUse,
    FactorError,
    FuelUse,
    GasUse,
    Heat,
    Incineration,
    Other,
    Part,
    Residue,
    Side,
    Transport,
    calculate,
    tonnes,
)
from junkan.carbon.tests.shipped import factor_set

F2010 = factor_set("2010")
F2023 = factor_set("2023")
F2025 = factor_set("2025")


def one(activity: object, factors: object = F2010) -> object:
    """The trail line of a calculation with the activity alone in the baseline process (C)."""
    result = calculate(Calculation(Side(process=(activity,)), Side()), factors)  # type: ignore[arg-type]
    assert len(result.trail) == 1
    return result.trail[0]


# --- fuel


def test_heavy_oil_a_2010_by_hand():
    # 算定省令 2010: A重油 39.1 GJ/kL × 0.0189 tC/GJ = 0.73899 tC/kL; × 44/12 = 2.70963 t-CO2/kL.
    # 100 kL × 2.70963 = 270.963 t-CO2 (not 270.97: 2.70963 rounds to 2.7096, not 2.7097).
    line = one(FuelUse(fuel="heavy_oil_a", amount=D(100)))
    assert line.factor == D("2.70963")
    assert line.t_co2 == D("270.963")
    assert (line.amount, line.unit, line.factor_unit) == (D(100), "kL", "t-CO2/kL")
    assert line.label == "A重油"
    assert "39.1 GJ/kL × 0.0189 tC/GJ × 44/12" in line.note
    assert tonnes(line.t_co2) == "271.0"


def test_heavy_oil_a_2006_and_2023_differ_as_the_tables_do():
    # 2006: same heat and carbon as 2010 → 270.963. 2023: 38.9 × 0.0193 = 0.75077 tC/kL;
    # × 44 = 33.03388; ÷ 12 = 2.752823333… t-CO2/kL; × 100 kL = 275.2823333… t.
    assert one(FuelUse("heavy_oil_a", D(100)), factor_set("2006")).t_co2 == D("270.963")
    line = one(FuelUse("heavy_oil_a", D(100)), F2023)
    assert str(line.factor).startswith("2.75282333333333")
    assert tonnes(line.t_co2) == "275.3"


def test_lpg_2010_in_tonnes():
    # LPG 50.8 GJ/t × 0.0161 tC/GJ = 0.81788 tC/t; × 44/12 = 2.99889333… t-CO2/t; × 2 t = 5.99778666… t.
    line = one(FuelUse("lpg", D(2)))
    assert line.unit == "t"
    assert abs(line.t_co2 - D("5.997786666666666")) < D("1e-15")


def test_per_unit_list_2025_uses_the_published_value():
    # 算定方法・排出係数一覧 2025: A重油 2.75 t-CO2/kL (published, no heat value) → 100 kL = 275 t.
    line = one(FuelUse("heavy_oil_a", D(100)), F2025)
    assert line.factor == D("2.75")
    assert line.t_co2 == D("275.00")
    assert "公表値" in line.note


def test_unknown_fuel_names_the_revision_and_the_choices():
    with pytest.raises(CalculationError) as caught:
        one(FuelUse("coal_imported", D(1)))  # only in the 2023 table
    assert "燃料「coal_imported」は2010年の係数表にありません" in caught.value.message
    assert caught.value.part == Part.BASELINE_PROCESS and caught.value.index == 1
    assert caught.value.field == "fuel"
    assert caught.value.located.startswith("事業実施前（ベースライン）のプロセス C 1行目：")


# --- electricity and gas


def test_electricity_with_a_given_factor():
    # 30,000 kWh × 0.000416 t-CO2/kWh (代替値) = 12.48 t.
    line = one(ElectricityUse(kwh=D(30000), t_co2_per_kwh=D("0.000416")))
    assert line.t_co2 == D("12.48")
    assert line.source == "入力値（出典の記載なし）"


def test_electricity_of_a_supplier_menu():
    # 中部電力ミライズ メニューB(残差), R6: 0.000411 t-CO2/kWh × 1,000 kWh = 0.411 t.
    line = one(ElectricityUse(kwh=D(1000), utility="中部電力ミライズ(株)", menu="メニューB(残差)"))
    assert line.t_co2 == D("0.411")
    assert "2024年度実績" in line.source and "基礎排出係数" in line.source


def test_electricity_by_registration_number_and_substitute_value():
    assert one(ElectricityUse(kwh=D(1000), utility="A0270", menu="メニューB(残差)")).factor == D("0.000411")
    # 代替値 and 全国平均係数 have a single row, so no menu is needed.
    assert one(ElectricityUse(kwh=D(1000), utility="代替値")).t_co2 == D("0.416")
    assert one(ElectricityUse(kwh=D(1000), utility="全国平均係数")).t_co2 == D("0.423")


def test_electricity_menu_is_required_when_a_supplier_has_several():
    with pytest.raises(CalculationError) as caught:
        one(ElectricityUse(kwh=D(1), utility="中部電力ミライズ(株)"))
    assert "メニューを指定してください" in caught.value.message
    assert "「メニューB(残差)」" in caught.value.message


def test_electricity_unknown_supplier_year_and_missing_factor():
    with pytest.raises(CalculationError, match="登録されていません"):
        one(ElectricityUse(kwh=D(1), utility="架空電力(株)"))
    with pytest.raises(CalculationError, match="2019年度の排出係数はありません"):
        one(ElectricityUse(kwh=D(1), utility="代替値", year=2019))
    with pytest.raises(CalculationError, match="電力の排出係数（t-CO2/kWh）か、電気事業者を指定") as caught:
        one(ElectricityUse(kwh=D(1)))
    assert caught.value.field == "t_co2_per_kwh"


def test_adjusted_factor_of_a_zero_emission_gas_menu():
    # 東京瓦斯 メニューA: basic 2.09, adjusted 0.00 t-CO2/千m3; 10 千m3 → 20.9 t basic, 0 adjusted.
    menu = "東京ガスネットワーク株式会社の供給区域（東京地区等）及び特定ガス導管事業の供給地点 メニューA"
    assert one(GasUse(amount=D(10), utility="東京瓦斯株式会社", menu=menu)).t_co2 == D("20.90")
    adjusted = one(GasUse(amount=D(10), utility="東京瓦斯株式会社", menu=menu, basis="adjusted"))
    assert adjusted.t_co2 == 0
    assert "調整後排出係数" in adjusted.source


def test_adjusted_factor_missing_is_an_error():
    with pytest.raises(CalculationError, match="調整後排出係数がありません"):
        one(ElectricityUse(kwh=D(1), utility="代替値", basis="adjusted"))


def test_gas_with_a_given_factor():
    # 5 千m3 × 2.23 t-CO2/千m3 = 11.15 t.
    assert one(GasUse(amount=D(5), t_co2_per_unit=D("2.23"), source="ガス会社の公表値")).t_co2 == D("11.15")


# --- heat and functional equivalence


def test_heat_replacing_heavy_oil_on_equal_delivered_heat():
    # 100 t of chips × 10 GJ/t × boiler 0.8 = 800 GJ delivered.
    # The same heat from A重油 (2010) in a boiler of 0.85: 800 ÷ (39.1 × 0.85) = 24.07 kL;
    # t-CO2 = 800 GJ × 0.0189 tC/GJ × 44/12 ÷ 0.85 = 55.44 ÷ 0.85 = 65.2235294… t.
    line = one(
        Heat(
            amount=D(100),
            unit="t",
            heat_gj_per_unit=D(10),
            efficiency=D("0.8"),
            replaces="heavy_oil_a",
            replaced_efficiency=D("0.85"),
        )
    )
    assert (line.amount, line.unit) == (D(800), "GJ")
    assert abs(line.t_co2 - D("65.22352941176470588")) < D("1e-15")
    assert "A重油約24.07 kL" in line.note
    assert "供給熱量 = 100 t × 10 GJ/t × 効率0.8 = 800 GJ" in line.note


def test_heat_of_uncertain_quality_takes_the_lower_heat_value_and_says_so():
    # Heat value known only as 10〜14 GJ/t: the lower value is used (800 GJ as above, not 1,120 GJ).
    line = one(
        Heat(
            amount=D(100),
            unit="t",
            heat_gj_per_unit=D(14),
            heat_gj_per_unit_high=D(10),
            efficiency=D("0.8"),
            t_co2_per_gj=D("0.057"),
            source="算定省令（温水）",
        )
    )
    assert line.amount == D(800)
    assert "低い側の10 GJ/tで評価しました" in line.note


def test_heat_in_gj_with_a_cited_factor():
    # 500 GJ of hot water × 0.057 t-CO2/GJ = 28.5 t.
    line = one(Heat(gj=D(500), t_co2_per_gj=D("0.057"), source="算定省令 温水・冷水"))
    assert line.t_co2 == D("28.500")
    with pytest.raises(CalculationError, match="熱の排出係数の出典"):
        one(Heat(gj=D(500), t_co2_per_gj=D("0.057")))
    with pytest.raises(CalculationError, match="代替される燃料を指定"):
        one(Heat(gj=D(500)))
    with pytest.raises(CalculationError, match="熱量（GJ）か、数量と発熱量"):
        one(Heat(amount=D(5), replaces="kerosene"))


def test_heat_comparison_needs_a_table_with_heat_values():
    with pytest.raises(CalculationError, match="発熱量がないため、熱量で比べられません"):
        one(Heat(gj=D(100), replaces="heavy_oil_a"), F2025)


# --- transport, incineration, residue


def test_transport_by_ton_kilometre_and_by_fuel():
    # 12,000 t·km × 0.000173 t-CO2/t·km = 2.076 t.
    line = one(Transport(tkm=D(12000), t_co2_per_tkm=D("0.000173"), source="輸送トンキロ法の原単位"))
    assert line.t_co2 == D("2.076") and line.unit == "t·km"
    # 5 kL of diesel (2010): 37.7 × 0.0187 × 44/12 = 2.58496333… t-CO2/kL; × 5 = 12.9248166… t.
    line = one(Transport(fuel="diesel", amount=D(5)))
    assert tonnes(line.t_co2) == "12.9" and line.label == "輸送（軽油）"
    with pytest.raises(CalculationError, match="輸送量（t·km）か"):
        one(Transport())
    with pytest.raises(CalculationError, match="輸送の排出係数の出典"):
        one(Transport(tkm=D(1), t_co2_per_tkm=D(1)))


def test_incineration_of_fossil_waste():
    # 100 t of waste plastics × 2.77 t-CO2/t = 277 t.
    assert one(Incineration(amount=D(100), t_co2_per_t=D("2.77"), source="算定省令 廃プラ")).t_co2 == D(
        "277.00"
    )
    # From the 2025 list: 廃プラスチック類（産業廃棄物） 2.57 × 10 t = 25.7 t.
    assert one(Incineration(amount=D(10), fuel="waste_plastic_industrial"), F2025).t_co2 == D("25.70")
    with pytest.raises(CalculationError, match="焼却の排出係数"):
        one(Incineration(amount=D(1)))


def test_residue_disposal():
    # 40 t × 0.025 t-CO2/t = 1 t.
    assert one(Residue(amount=D(40), t_co2_per_t=D("0.025"), source="最終処分場の文献値")).t_co2 == D("1.000")
    with pytest.raises(CalculationError, match="残渣の処分の排出係数"):
        one(Residue(amount=D(1)))


# --- biomass and other


def test_biomass_counts_zero_with_the_reason():
    line = one(Biomass(amount=D(900), unit="t", label="木質チップ"))
    assert line.t_co2 == 0 and line.factor == 0
    assert "カーボン・ニュートラル" in line.note
    assert (line.label, line.unit) == ("木質チップ", "t")


def test_other_needs_a_source():
    # 3 units × 1.5 t-CO2/unit = 4.5 t.
    assert one(Other(label="薬剤", amount=D(3), t_co2_per_unit=D("1.5"), source="3EID", unit="t")).t_co2 == D(
        "4.5"
    )
    with pytest.raises(CalculationError, match="排出係数の出典"):
        one(Other(label="薬剤", amount=D(3), t_co2_per_unit=D("1.5"), source=" "))


def test_factor_error_carries_the_field():
    assert FactorError("x", "fuel").field == "fuel"

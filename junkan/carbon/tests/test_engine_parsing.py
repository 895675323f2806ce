"""Reading the JSON-like input: every kind, and a Japanese message that names the line for each mistake."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from junkan.carbon.engine import (
    CalculationError,
    ElectricityUse,
    FuelUse,
    Heat,
    Other,
    Part,
    parse_calculation,
    parse_decimal,
)
from junkan.carbon.engine.numbers import NumberError, grouped, plain, round_half_up, tonnes


def parse_one(activity: dict, where: str = "baseline") -> object:
    return parse_calculation({where: {"process": [activity]}})


def test_fuel_and_electricity():
    calc = parse_calculation(
        {
            "fuel_revision": 2010,
            "baseline": {"process": [{"kind": "fuel", "fuel": "heavy_oil_a", "amount": 100}]},
            "project": {"process": [{"kind": "electricity", "kwh": "30,000", "t_co2_per_kwh": "0.000416"}]},
        }
    )
    assert calc.fuel_revision == "2010"
    assert calc.baseline.process == (FuelUse("heavy_oil_a", D(100)),)
    assert calc.project.process == (ElectricityUse(kwh=D(30000), t_co2_per_kwh=D("0.000416")),)


def test_heat_and_efficiencies():
    calc = parse_one(
        {
            "kind": "heat",
            "amount": "１００",
            "unit": "t",
            "heat_gj_per_unit": 10,
            "efficiency": "0.8",
            "replaces": "kerosene",
        }
    )
    assert calc.baseline.process[0] == Heat(
        amount=D(100), unit="t", heat_gj_per_unit=D(10), efficiency=D("0.8"), replaces="kerosene"
    )


@pytest.mark.parametrize(
    ("activity", "message", "field"),
    [
        ({"kind": "coal"}, "活動の種類「coal」は指定できません", "kind"),
        ({"fuel": "kerosene"}, "活動の種類「None」は指定できません", "kind"),
        ({"kind": "fuel", "fuel": "kerosene", "amount": -1}, "数量にマイナスの値は入力できません", "amount"),
        (
            {"kind": "fuel", "fuel": "kerosene", "amount": "−1"},
            "数量にマイナスの値は入力できません",
            "amount",
        ),
        ({"kind": "fuel", "fuel": "kerosene"}, "数量を入力してください", "amount"),
        ({"kind": "fuel", "amount": 1}, "燃料を入力してください", "fuel"),
        (
            {"kind": "fuel", "fuel": "kerosene", "amount": "たくさん"},
            "数量を数値で入力してください",
            "amount",
        ),
        ({"kind": "fuel", "fuel": "kerosene", "amount": 0.5}, "数量を数値で入力してください", "amount"),
        ({"kind": "fuel", "fuel": "kerosene", "amount": True}, "数量を数値で入力してください", "amount"),
        ({"kind": "fuel", "fuel": "kerosene", "amount": D("NaN")}, "有限の数値", "amount"),
        ({"kind": "fuel", "fuel": "kerosene", "amount": D("Infinity")}, "有限の数値", "amount"),
        ({"kind": "fuel", "fuel": "kerosene", "amount": D("1e13")}, "大きすぎます", "amount"),
        ({"kind": "fuel", "fuel": "kerosene", "amount": "0.00000000001"}, "小数部は10桁まで", "amount"),
        (
            {"kind": "other", "amount": 1, "t_co2_per_unit": 1, "source": "x"},
            "項目名を入力してください",
            "label",
        ),
        (
            {"kind": "other", "label": "x", "amount": 1, "source": "s"},
            "排出係数（t-CO2/単位）を入力",
            "t_co2_per_unit",
        ),
        ({"kind": "heat", "gj": 1, "efficiency": "1.2"}, "効率は0より大きく1以下", "efficiency"),
        ({"kind": "heat", "gj": 1, "efficiency": 0}, "効率は0より大きい値", "efficiency"),
        ({"kind": "electricity", "kwh": 1, "utility": "代替値", "year": "R6"}, "年度を数値で入力", "year"),
        ({"kind": "electricity", "kwh": 1, "utility": "代替値", "year": 1800}, "西暦の年度", "year"),
        (
            {"kind": "electricity", "kwh": 1, "utility": "代替値", "basis": "x"},
            "basic（基礎排出係数）か",
            "basis",
        ),
        ({"kind": "fuel", "fuel": 3, "amount": 1}, "燃料は文字列で入力", "fuel"),
        ("fuel", "の形で指定してください", ""),
    ],
)
def test_mistakes_name_the_line_and_field(activity, message, field):
    with pytest.raises(CalculationError) as caught:
        parse_calculation({"project": {"substitution": [{"kind": "biomass", "amount": 1}, activity]}})
    error = caught.value
    assert message in error.message
    assert error.part == Part.PROJECT_SUBSTITUTION and error.index == 2 and error.field == field
    assert error.located.startswith("事業実施後の代替効果 B 2行目：")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON のオブジェクト"),
        ({"baseline": []}, "「baseline」は"),
        ({"baseline": {"process": {}}}, "リスト"),
        ({"boundary_notes": [{"process": "輸送"}]}, "バウンダリの注記1行目：省略したプロセスとその理由"),
        ({"subsidy_yen": "1.5"}, "補助金額（円）は整数"),
        ({"subsidy_yen": -1}, "マイナス"),
        ({"life_years": 0}, "1〜100年"),
        ({"region_total_t_co2": 0}, "0より大きい値"),
        ({"renewables": [{"capacity_kw": -1}]}, "再エネ設備1行目：設備容量（kW）にマイナス"),
        ({"renewables": ["x"]}, "再エネ設備1行目"),
        ({"resource_productivity": {"unused_resource": "x"}}, "資源生産性："),
        ({"fuel_revision": ["2010"]}, "fuel_revision"),
        ({"baseline": {"process": [{"kind": "biomass", "amount": 1}] * 101}}, "100行まで"),
    ],
)
def test_top_level_mistakes(data, message):
    with pytest.raises(CalculationError, match=message):
        parse_calculation(data)


def test_extras_and_other_parse():
    calc = parse_calculation(
        {
            "baseline": {
                "process": [
                    {"kind": "other", "label": "薬剤", "amount": 1, "t_co2_per_unit": 2, "source": "s"}
                ]
            },
            "subsidy_yen": 12000000,
            "life_years": 15,
            "region_total_t_co2": "120,000",
            "target_percent": 100,
            "renewables": [{"label": "太陽光", "capacity_kw": 50, "annual_kwh": 55000}],
            "resource_productivity": {
                "unused_resource": "林地残材",
                "value_added_before_yen": 100,
                "resource_input_before_t": 10,
                "value_added_after_yen": 150,
                "resource_input_after_t": 10,
            },
            "boundary_notes": [{"process": "輸送", "reason": "同じ"}],
        }
    )
    assert calc.baseline.process == (Other(label="薬剤", amount=D(1), t_co2_per_unit=D(2), source="s"),)
    assert (calc.subsidy_yen, calc.life_years, calc.region_total_t_co2, calc.target_percent) == (
        12000000,
        15,
        D(120000),
        D(100),
    )
    assert calc.renewables[0].annual_kwh == D(55000)
    assert calc.resource.unused_resource == "林地残材"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,234.5", D("1234.5")),
        ("１２３", D(123)),
        ("1e3", D(1000)),
        (" 0.000416 ", D("0.000416")),
        ("1、000", D(1000)),
    ],
)
def test_numbers_as_people_type_them(text, value):
    assert parse_decimal(text, "数量") == value


@pytest.mark.parametrize("text", ["1,23", "", "1.2.3", "一"])
def test_not_numbers(text):
    with pytest.raises(NumberError, match="数値で入力"):
        parse_decimal(text, "数量")


def test_display_helpers():
    assert plain(D("270.9630000")) == "270.963"
    assert plain(D("1E+3")) == "1000"
    assert plain(D("0E-10")) == "0"
    assert grouped(D("-1234567.890")) == "-1,234,567.89"
    assert tonnes(D("253.35")) == "253.4"  # 四捨五入
    assert tonnes(D("-253.35")) == "-253.4"
    assert round_half_up(D("1234.5"), D(1)) == D(1235)

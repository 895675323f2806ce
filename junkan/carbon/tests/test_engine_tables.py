"""Reading the factor files: the shipped ones load, and every bad line is reported by number."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from junkan.carbon.engine import tables
from junkan.carbon.tests.shipped import DATA
from junkan.common.purity import impure_imports, typing_problems

ENGINE = Path(__file__).resolve().parents[1] / "engine"


def test_shipped_fuel_table_has_three_revisions():
    by_revision = tables.read_fuel_heat_carbon((DATA / "ghg_fuel_heat_carbon_factors.csv").read_text())
    assert {revision: len(table.rows) for revision, table in by_revision.items()} == {
        "2006": 7,
        "2010": 8,
        "2023": 9,
    }
    heavy = next(row for row in by_revision["2010"].rows if row.key == "heavy_oil_a")
    assert (heavy.heat_gj_per_unit, heavy.carbon_tc_per_gj, heavy.unit) == (D("39.1"), D("0.0189"), "kL")
    assert "44/12" in by_revision["2010"].comments


def test_shipped_lists_load_with_attribution():
    per_unit = tables.read_fuel_per_unit((DATA / "ghg_fuel_co2_factors_2025.tsv").read_text())
    assert len(per_unit.rows) == 35
    assert {"diesel", "coal_imported", "coal_domestic"} <= {row.key for row in per_unit.rows}
    assert "公共データ利用規約" in per_unit.comments
    electricity = tables.read_electricity((DATA / "ghg_electricity_factors_R6_major.csv").read_text())
    assert len(electricity.rows) == 35
    tso = [row for row in electricity.rows if row.kind == "tso"]
    assert len(tso) == 10 and all(row.menu == tables.TSO_MENU for row in tso)
    gas = tables.read_gas((DATA / "ghg_gas_utility_factors_R7.tsv").read_text())
    assert len(gas.rows) == 113
    assert any(row.adjusted == 0 for row in gas.rows)


def test_bad_fuel_lines_are_all_reported():
    text = "\n".join(
        [
            "# comment",
            ",".join(tables.FUEL_HEADER),
            "kerosene,灯油,kL,2030,36.7,0.0185,primary",
            "kerosene,灯油,kL,2030,36.7,0.0185,primary",
            "Diesel,軽油,kL,2030,abc,0.0187,primary",
            "lpg,LPG,t,20x0,-1,0.0161,maybe",
            "short,line",
        ]
    )
    with pytest.raises(tables.TableError) as caught:
        tables.read_fuel_heat_carbon(text)
    errors = caught.value.errors
    assert "4行目：2030年改定の燃料キー「kerosene」が重複しています。" in errors
    assert any(e.startswith("5行目：燃料キー「Diesel」") for e in errors)
    assert any(e.startswith("5行目：単位発熱量を数値で") for e in errors)
    assert any(e.startswith("6行目：改定「20x0」") for e in errors)
    assert any(e.startswith("6行目：confidence") for e in errors)
    assert any(e.startswith("6行目：単位発熱量は0より大きい") for e in errors)
    assert "7行目：列が2個あります。7個にしてください。" in errors


def test_header_and_empty_files():
    with pytest.raises(tables.TableError, match="1行目（見出し）"):
        tables.read_fuel_heat_carbon("a,b\n")
    with pytest.raises(tables.TableError, match="1行目（見出し）"):
        tables.read_electricity("")
    with pytest.raises(tables.TableError, match="データの行がありません"):
        tables.read_gas("# only a comment\n")


def test_bad_supplier_lines():
    rows = [
        ",".join(tables.ELECTRICITY_HEADER),
        "A1,,x,retail_total,0.1,",
        "A2,東電,M,nope,0.1,",
        "A3,東電,M,retail_total,-0.1,",
        "A4,東電,M,retail_total,0.1,",
        "A5,東電,M,retail_total,0.2,",
    ]
    text = "\n".join(rows)
    with pytest.raises(tables.TableError) as caught:
        tables.read_electricity(text)
    errors = caught.value.errors
    assert "2行目：事業者名を入力してください。" in errors
    assert any(e.startswith("3行目：kind「nope」") for e in errors)
    assert any(e.startswith("4行目：基礎排出係数にマイナス") for e in errors)
    assert "6行目：「東電 M」が5行目と重複しています。" in errors


def test_per_unit_and_gas_lines():
    with pytest.raises(tables.TableError) as caught:
        tables.read_fuel_per_unit("a\tb\nx\t名\tfuel\tkL\t1\ny\t\tfuel\ttCO2/t\t1\n")
    assert "1行目：列が2個あります。タブ区切りで5個にしてください。" in caught.value.errors
    assert any(e.startswith("2行目：単位「kL」") for e in caught.value.errors)
    assert "3行目：燃料名を入力してください。" in caught.value.errors
    with pytest.raises(tables.TableError, match="2行目：調整後排出係数を数値で"):
        tables.read_gas("A1\tガス\tM\t2.0\t2.0\nA2\tガス\tN\t2.0\tx\n")


def test_decode_utf8_bom_and_shift_jis():
    assert tables.decode("\ufeff灯油".encode()) == "灯油"
    assert tables.decode("灯油".encode("cp932")) == "灯油"
    with pytest.raises(tables.TableError, match="大きすぎます"):
        tables.decode(b"x" * (tables.MAX_BYTES + 1))


def test_engine_is_pure_and_typed() -> None:
    assert impure_imports(ENGINE, ("junkan.carbon.engine",)) == []
    assert typing_problems(ENGINE, docstrings="any", public_docstrings=True) == []

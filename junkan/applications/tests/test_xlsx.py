"""様式3 as an Excel workbook: a sheet per fiscal year, numbers as numbers, formulas, totals as submitted.

No database access: the workbook is made from the snapshot alone, after a trip through JSON as stored.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from junkan.applications import xlsx
from junkan.applications.tests import sample_snapshot as sample


def workbook_of(snapshot: dict[str, Any]) -> Workbook:
    data = xlsx.render_xlsx(json.loads(json.dumps(snapshot)))
    assert data.startswith(b"PK")  # a zip container, as .xlsx is
    return load_workbook(io.BytesIO(data))


def row_of(ws: Worksheet, label: str, column: str = "A") -> int:
    """The first row whose cell in ``column`` reads ``label``."""
    for cell in ws[column]:
        if cell.value == label:
            return cell.row
    raise AssertionError(f"{label!r} not found in column {column} of {ws.title}")


def line_rows(ws: Worksheet) -> range:
    header = row_of(ws, "経費区分・費目")
    return range(header + 1, row_of(ws, "合計"))


def evaluate(ws: Worksheet, formula: str) -> int:
    """The two kinds of formula the sheet uses, computed as Excel would."""
    body = formula.removeprefix("=")
    if body.startswith("SUM("):
        first, last = body.removeprefix("SUM(").removesuffix(")").split(":")
        column = first[0]
        assert last[0] == column
        return sum(cell_value(ws, f"{column}{r}") for r in range(int(first[1:]), int(last[1:]) + 1))
    left, right = body.split("*")
    return cell_value(ws, left) * cell_value(ws, right)


def cell_value(ws: Worksheet, ref: str) -> int:
    value = ws[ref].value
    if isinstance(value, str) and value.startswith("="):
        return evaluate(ws, value)
    assert isinstance(value, int), (ref, value)
    return value


@pytest.fixture(scope="module")
def type1() -> dict[str, Any]:
    return sample.type1_snapshot()


@pytest.fixture(scope="module")
def book(type1: dict[str, Any]) -> Workbook:
    return workbook_of(type1)


def test_it_has_a_summary_and_one_sheet_per_fiscal_year(book: Workbook) -> None:
    assert book.sheetnames == ["総括表", "平成31年度"]
    assert book.sheetnames == [ws.title for ws in book.worksheets]


@pytest.mark.parametrize(
    ("make", "names"),
    [
        (sample.type3_snapshot, ["総括表", "平成31年度", "令和2年度"]),
        (sample.ecotown_snapshot, ["総括表", "平成27年度", "平成28年度"]),
    ],
)
def test_multi_year_applications_get_a_sheet_per_year(make: Any, names: list[str]) -> None:
    assert workbook_of(make()).sheetnames == names


def test_the_block_holds_the_computed_amounts_as_numbers(book: Workbook, type1: dict[str, Any]) -> None:
    ws = book["平成31年度"]
    expected = {s["key"]: s["value"] for s in type1["costs"]["years"][0]["steps"]}
    for label, column, key in (
        ("(1)総事業費", "B", "total_cost"),
        ("(2)寄付金その他の収入", "B", "other_income"),
        ("(3)差引額（(1)－(2)）", "B", "net_cost"),
        ("(4)補助対象経費支出予定額", "B", "eligible_cost"),
    ):
        cell = ws[f"{column}{row_of(ws, label)}"]
        assert cell.value == expected[key]
        assert isinstance(cell.value, int)
        assert cell.number_format == "#,##0"
    for label, key in (
        ("(5)基準額", "base_amount"),
        ("(6)選定額（(4)と(5)を比較して少ない方の額）", "selected_amount"),
        ("(7)補助基本額（(3)と(6)を比較して少ない方の額）", "basic_amount"),
        ("(8)補助金所要額（(7)の額、千円未満切捨て）", "subsidy"),
    ):
        cell = ws[f"F{row_of(ws, label, 'C')}"]
        assert cell.value == expected[key]
        assert cell.number_format == "#,##0"
    assert ws[f"F{row_of(ws, '(8)補助金所要額（(7)の額、千円未満切捨て）', 'C')}"].value == 6_957_000


def test_the_lines_are_numbers_with_formulas(book: Workbook, type1: dict[str, Any]) -> None:
    ws = book["平成31年度"]
    lines = type1["costs"]["years"][0]["lines"]
    rows = line_rows(ws)
    assert len(rows) == len(lines) == 6
    for row, line in zip(rows, lines, strict=True):
        assert ws[f"A{row}"].value == line["category"]
        assert ws[f"B{row}"].value == line["description"]
        for column, key in (("C", "unit_price"), ("D", "quantity")):
            cell = ws[f"{column}{row}"]
            assert cell.value == line[key]
            assert cell.data_type == "n"
            assert cell.number_format == "#,##0"
        assert ws[f"E{row}"].value == line["unit"]
        amount = ws[f"F{row}"]
        assert amount.value == f"=C{row}*D{row}"
        assert amount.number_format == "#,##0"
        assert evaluate(ws, amount.value) == line["amount"]


def test_the_total_is_a_sum_that_equals_the_snapshot(book: Workbook, type1: dict[str, Any]) -> None:
    ws = book["平成31年度"]
    rows = line_rows(ws)
    total = ws[f"F{row_of(ws, '合計')}"]
    assert total.value == f"=SUM(F{rows.start}:F{rows.stop - 1})"
    assert total.number_format == "#,##0"
    year = type1["costs"]["years"][0]
    assert evaluate(ws, total.value) == year["eligible_cost"] == 6_957_600
    tax = ws[f"F{row_of(ws, 'うち消費税及び地方消費税相当額')}"]
    assert tax.value == year["consumption_tax"] == 515_377
    assert tax.number_format == "#,##0"


def test_the_summary_lists_every_year_and_the_total_requested() -> None:
    snapshot = sample.type3_snapshot()
    ws = workbook_of(snapshot)["総括表"]
    years = snapshot["costs"]["years"]
    first = row_of(ws, "年度") + 1
    for offset, year in enumerate(years):
        row = first + offset
        assert ws[f"A{row}"].value == year["label"]
        assert ws[f"A{row}"].hyperlink.location == f"'{year['label']}'!A1"
        assert [ws[f"{c}{row}"].value for c in "BCDE"] == [
            year["total_cost"],
            year["other_income"],
            year["eligible_cost"],
            year["subsidy"],
        ]
        assert all(ws[f"{c}{row}"].number_format == "#,##0" for c in "BCDE")
    total_row = row_of(ws, "合計")
    assert total_row == first + len(years)
    assert ws[f"E{total_row}"].value == f"=SUM(E{first}:E{total_row - 1})"
    assert evaluate(ws, ws[f"E{total_row}"].value) == snapshot["costs"]["requested"] == 4_300_000
    assert evaluate(ws, ws[f"B{total_row}"].value) == snapshot["costs"]["total_cost"] == 4_500_000
    assert ws[f"E{row_of(ws, '補助金所要額の合計（提出時の計算）')}"].value == 4_300_000
    assert ws[f"E{row_of(ws, '総事業費の合計（提出時の計算）')}"].value == 4_500_000


def test_every_year_sheet_adds_up_to_its_snapshot_figures() -> None:
    for snapshot in (sample.type3_snapshot(), sample.ecotown_snapshot()):
        book = workbook_of(snapshot)
        for year in snapshot["costs"]["years"]:
            ws = book[year["label"]]
            assert evaluate(ws, ws[f"F{row_of(ws, '合計')}"].value) == year["eligible_cost"]
            eligible = ws[f"B{row_of(ws, '(4)補助対象経費支出予定額')}"].value
            assert eligible == year["eligible_cost"]


def test_a_base_amount_set_per_case_is_left_empty() -> None:
    ws = workbook_of(sample.ecotown_snapshot())["平成27年度"]
    assert ws[f"F{row_of(ws, '(5)基準額', 'C')}"].value is None
    assert ws[f"F{row_of(ws, '(8)補助金所要額（(7)の額、千円未満切捨て）', 'C')}"].value == 4_437_000
    assert ws[f"B{row_of(ws, '消費税等相当額（減額）')}"].value == 362_962


def test_titles_name_the_call_and_the_receipt(book: Workbook, type1: dict[str, Any]) -> None:
    name = type1["meta"]["program"]["name"]
    for ws in book.worksheets:
        assert ws["A1"].value == f"{name}　受付番号 2019-001-0001"
        assert ws["A1"].font.b
        assert ws["A2"].value == "第1版　受信日時 2019年06月20日 16時59分58秒"
        assert f"申請者：{sample.ORGANIZATION}" in ws["A4"].value
    assert book["平成31年度"]["A3"].value == "様式3　経費内訳書（平成31年度）"


def test_it_is_set_up_for_reading_and_printing(book: Workbook) -> None:
    ws = book["平成31年度"]
    header = row_of(ws, "経費区分・費目")
    assert [ws.cell(row=header, column=c).value for c in range(1, 7)] == list(xlsx.LINE_HEADERS)
    assert all(ws.cell(row=header, column=c).font.b for c in range(1, 7))
    assert [ws.column_dimensions[c].width for c in "ABCDEF"] == list(xlsx.YEAR_WIDTHS)
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${header}:${header}"  # the header row repeats on every printed page
    assert book.calculation.fullCalcOnLoad


def test_japanese_text_is_intact(book: Workbook) -> None:
    ws = book["平成31年度"]
    assert ws[f"B{line_rows(ws).start}"].value == sample.LINE_DESCRIPTION
    assert ws[f"A{line_rows(ws).start}"].value == "業務費／委託料"
    assert book.properties.title == "2019-001-0001 飯田市卒FIT電源の地域内活用に関する実現可能性調査事業"


def test_typed_text_never_becomes_a_formula() -> None:
    snapshot = sample.type1_snapshot(
        costs={
            "years": [
                {
                    "fiscal_year": 2019,
                    "total_cost": 100_000,
                    "other_income": 0,
                    "consumption_tax": 0,
                    "lines": [
                        {
                            "category": "業務費／委託料",
                            "description": '=HYPERLINK("http://example.invalid","x")\x00\x07',
                            "unit_price": 100_000,
                            "quantity": 1,
                            "unit": "+1",
                        }
                    ],
                }
            ]
        },
    )
    ws = workbook_of(snapshot)["平成31年度"]
    row = line_rows(ws).start
    assert ws[f"B{row}"].value == '=HYPERLINK("http://example.invalid","x")'
    assert ws[f"B{row}"].data_type == "s"
    assert ws[f"E{row}"].value == "+1"
    assert ws[f"E{row}"].data_type == "s"
    assert ws[f"F{row}"].data_type == "f"  # only the amount is a formula


def test_a_year_without_lines_still_opens() -> None:
    snapshot = json.loads(json.dumps(sample.type1_snapshot()))
    snapshot["costs"]["years"][0]["lines"] = []
    ws = load_workbook(io.BytesIO(xlsx.render_xlsx(snapshot)))["平成31年度"]
    assert ws[f"F{row_of(ws, '合計')}"].value == 0


@pytest.mark.parametrize(
    ("label", "taken", "expected"),
    [
        ("令和元年度", set(), "令和元年度"),
        ("令和2年度", {"令和2年度"}, "令和2年度（2）"),
        ("令和2年度", {"令和2年度", "令和2年度（2）"}, "令和2年度（3）"),
        ("a/b\\c?d*e[f]g:h", set(), "abcdefgh"),
        ("'年度'", set(), "年度"),
        ("[]", set(), "年度"),
        ("あ" * 40, set(), "あ" * 31),
        ("あ" * 40, {"あ" * 31}, "あ" * 28 + "（2）"),
    ],
)
def test_sheet_names_are_valid_and_unique(label: str, taken: set[str], expected: str) -> None:
    name = xlsx.sheet_name(label, taken)
    assert name == expected
    assert len(name) <= 31
    assert name in taken

"""様式3 (経費内訳書) of a submission as an Excel workbook, from the frozen snapshot only.

One sheet per fiscal year, named as the year is written (「平成31年度」, 「令和2年度」), after a summary
sheet (総括表) with every year and the total requested amount. On a year's sheet: the title (call and receipt
number), the (1)–(8) block with the amounts computed at submission as plain numbers, then the lines of
補助対象経費支出予定額内訳 with 金額 as a formula (単価 × 数量) and the 合計 as ``=SUM(...)``, so that an
officer who changes a line sees Excel recompute. openpyxl cannot store a formula's cached result, so the
workbook asks Excel to calculate on opening; the snapshot's own figures stay readable in the block and on the
summary sheet.
Numbers are numbers (format ``#,##0``); text the applicant typed is stored as text, never as a formula.
"""

from __future__ import annotations

import io
import math
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

NUMBER_FORMAT = "#,##0"
SUMMARY_TITLE = "総括表"
# Excel refuses these in sheet names; a name has at most 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
LABEL_FILL = PatternFill("solid", fgColor="F5F5F5")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=12)
LINK_FONT = Font(color="0563C1", underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")
MIDDLE = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

# The (1)–(8) block: left column (1)–(4), right column (5)–(8), as the official grid's two rows read down.
BLOCK = (
    (("total_cost", "(1)総事業費"), ("base_amount", "(5)基準額")),
    (
        ("other_income", "(2)寄付金その他の収入"),
        ("selected_amount", "(6)選定額（(4)と(5)を比較して少ない方の額）"),
    ),
    (
        ("net_cost", "(3)差引額（(1)－(2)）"),
        ("basic_amount", "(7)補助基本額（(3)と(6)を比較して少ない方の額）"),
    ),
    (
        ("eligible_cost", "(4)補助対象経費支出予定額"),
        ("subsidy", "(8)補助金所要額（(7)の額、千円未満切捨て）"),
    ),
)
LINE_HEADERS = ("経費区分・費目", "積算内訳", "単価（円）", "数量", "単位", "金額（円）")
YEAR_WIDTHS = (28, 46, 14, 10, 8, 18)
SUMMARY_HEADERS = (
    "年度",
    "(1)総事業費",
    "(2)寄付金その他の収入",
    "(4)補助対象経費支出予定額",
    "(8)補助金所要額",
)
SUMMARY_WIDTHS = (16, 18, 20, 24, 18)


def sheet_name(label: str, taken: set[str]) -> str:
    """A valid, unused sheet name: forbidden characters dropped, at most 31 characters."""
    base = _SHEET_FORBIDDEN.sub("", label).strip("'").strip() or "年度"
    name = base[:SHEET_NAME_MAX]
    number = 2
    while name in taken:
        suffix = f"（{number}）"
        name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        number += 1
    taken.add(name)
    return name


def _text(cell: Cell, value: object) -> Cell:
    """Text as text: characters Excel cannot store removed; a leading 「=」 does not make it a formula."""
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value)).replace("\r\n", "\n")
    if cell.data_type != "s":
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _number(cell: Cell, value: int | None) -> Cell:
    cell.value = value
    cell.number_format = NUMBER_FORMAT
    return cell


def _formula(cell: Cell, formula: str) -> Cell:
    cell.value = formula
    cell.number_format = NUMBER_FORMAT
    return cell


def _box(ws: Worksheet, cells: str) -> None:
    for row in ws[cells]:
        for cell in row:
            cell.border = BORDER


def _height(text: str, width: float, line: float) -> float:
    """The height of a wrapped row: a full-width character takes about two units of column width."""
    return line * max(1, math.ceil(sum(2 if ord(c) > 0xFF else 1 for c in text) / max(width, 1)))


def _title(ws: Worksheet, snapshot: dict[str, Any], subtitle: str, columns: int) -> int:
    """Rows 1–4: the call, receipt number and time, the form and the applicant. Returns the next free row."""
    meta = snapshot["meta"]
    width = sum(ws.column_dimensions[get_column_letter(i)].width for i in range(1, columns + 1))
    last_column = get_column_letter(columns)
    title = _text(ws["A1"], f"{meta['program']['name']}　受付番号 {meta['receipt_number']}")
    title.font = TITLE_FONT
    title.alignment = WRAP
    ws.merge_cells(f"A1:{last_column}1")
    ws.row_dimensions[1].height = _height(str(title.value), width, 18)
    _text(ws["A2"], f"第{meta['version']}版　受信日時 {meta['received_at_text']}")
    ws.merge_cells(f"A2:{last_column}2")
    heading = _text(ws["A3"], subtitle)
    heading.font = BOLD
    ws.merge_cells(f"A3:{last_column}3")
    names = (
        f"申請者：{meta['applicant']['name']}",
        f"補助事業名：{meta['title']}",
        f"申請事業：{meta['project_type']['name']}",
    )
    applicant = _text(ws["A4"], "　".join(names))
    applicant.alignment = WRAP
    ws.merge_cells(f"A4:{last_column}4")
    ws.row_dimensions[4].height = _height(str(applicant.value), width, 15)
    return 6


def _print_setup(ws: Worksheet, snapshot: dict[str, Any], title_rows: str | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.left.text = (
        f"受付番号 {snapshot['meta']['receipt_number']}　第{snapshot['meta']['version']}版"
    )
    ws.oddFooter.right.text = "&P / &N"


def _steps(year: dict[str, Any]) -> dict[str, int | None]:
    values: dict[str, int | None] = {s["key"]: s["value"] for s in year.get("steps", [])}
    values.setdefault("total_cost", year.get("total_cost"))
    values.setdefault("other_income", year.get("other_income"))
    values.setdefault("eligible_cost", year.get("eligible_cost"))
    return values


def year_sheet(ws: Worksheet, snapshot: dict[str, Any], year: dict[str, Any], form: str) -> None:
    """One fiscal year's 様式3."""
    for index, width in enumerate(YEAR_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    row = _title(ws, snapshot, f"{form}（{year['label']}）", len(YEAR_WIDTHS))

    values = _steps(year)
    first_block = row
    for (left_key, left_label), (right_key, right_label) in BLOCK:
        for column, label in (("A", left_label), ("C", right_label)):
            cell = _text(ws[f"{column}{row}"], label)
            cell.fill = LABEL_FILL
            cell.alignment = MIDDLE
        ws.merge_cells(f"C{row}:E{row}")
        _number(ws[f"B{row}"], values.get(left_key)).alignment = MIDDLE
        _number(ws[f"F{row}"], values.get(right_key)).alignment = MIDDLE
        ws.row_dimensions[row].height = 30
        row += 1
    _box(ws, f"A{first_block}:F{row - 1}")
    _text(ws[f"A{row}"], f"補助率：{snapshot['costs'].get('rate', '')}　（金額は提出時に計算した額）")
    ws.merge_cells(f"A{row}:F{row}")
    row += 2

    caption = _text(ws[f"A{row}"], "補助対象経費支出予定額内訳")
    caption.font = BOLD
    row += 1
    header_row = row
    for index, header in enumerate(LINE_HEADERS, start=1):
        cell = _text(ws.cell(row=row, column=index), header)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
    row += 1
    first_line = row
    for line in year["lines"]:
        _text(ws[f"A{row}"], line["category"]).alignment = WRAP
        _text(ws[f"B{row}"], line["description"]).alignment = WRAP
        _number(ws[f"C{row}"], line["unit_price"])
        _number(ws[f"D{row}"], line["quantity"])
        _text(ws[f"E{row}"], line.get("unit", ""))
        _formula(ws[f"F{row}"], f"=C{row}*D{row}")
        row += 1
    last_line = row - 1
    total = _text(ws[f"A{row}"], "合計")
    total.font = BOLD
    ws.merge_cells(f"A{row}:E{row}")
    if last_line >= first_line:
        _formula(ws[f"F{row}"], f"=SUM(F{first_line}:F{last_line})").font = BOLD
    else:
        _number(ws[f"F{row}"], 0).font = BOLD
    row += 1
    _text(ws[f"A{row}"], "うち消費税及び地方消費税相当額")
    ws.merge_cells(f"A{row}:E{row}")
    _number(ws[f"F{row}"], year.get("consumption_tax"))
    _box(ws, f"A{header_row}:F{row}")
    row += 2

    steps = [s for s in year.get("steps", []) if not s["number"]]
    if steps:
        _text(ws[f"A{row}"], "（参考）補助金所要額の算定").font = BOLD
        row += 1
        first_step = row
        for step in steps:
            _text(ws[f"A{row}"], step["label"]).alignment = WRAP
            _number(ws[f"B{row}"], step["value"])
            _text(ws[f"C{row}"], step.get("note", "")).alignment = WRAP
            ws.merge_cells(f"C{row}:F{row}")
            row += 1
        _box(ws, f"A{first_step}:F{row - 1}")
    _print_setup(ws, snapshot, f"{header_row}:{header_row}")


def summary_sheet(ws: Worksheet, snapshot: dict[str, Any], names: list[str]) -> None:
    """Every fiscal year's figures and the totals; the sheet an officer sees first."""
    costs = snapshot["costs"]
    for index, width in enumerate(SUMMARY_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    row = _title(ws, snapshot, f"総括表（補助率：{costs.get('rate', '')}）", len(SUMMARY_WIDTHS))
    header_row = row
    for index, header in enumerate(SUMMARY_HEADERS, start=1):
        cell = _text(ws.cell(row=row, column=index), header)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = CENTER
    row += 1
    first = row
    for year, name in zip(costs["years"], names, strict=True):
        cell = _text(ws[f"A{row}"], year["label"])
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{name}'!A1")
        cell.font = LINK_FONT
        _number(ws[f"B{row}"], year.get("total_cost"))
        _number(ws[f"C{row}"], year.get("other_income"))
        _number(ws[f"D{row}"], year.get("eligible_cost"))
        _number(ws[f"E{row}"], year.get("subsidy"))
        row += 1
    _text(ws[f"A{row}"], "合計").font = BOLD
    for column in "BCDE":
        if row > first:
            _formula(ws[f"{column}{row}"], f"=SUM({column}{first}:{column}{row - 1})").font = BOLD
        else:
            _number(ws[f"{column}{row}"], 0).font = BOLD
    _box(ws, f"A{header_row}:E{row}")
    row += 2
    for label, value in (
        ("総事業費の合計（提出時の計算）", costs.get("total_cost")),
        ("補助金所要額の合計（提出時の計算）", costs.get("requested")),
    ):
        _text(ws[f"A{row}"], label).font = BOLD
        ws.merge_cells(f"A{row}:D{row}")
        _number(ws[f"E{row}"], value).font = BOLD
        _box(ws, f"A{row}:E{row}")
        row += 1
    _print_setup(ws, snapshot)


def render_xlsx(snapshot: dict[str, Any]) -> bytes:
    """様式3 of the application as an .xlsx workbook, from the frozen snapshot."""
    meta = snapshot["meta"]
    costs_section = next((s for s in snapshot["sections"] if s["kind"] == "costs"), None)
    form = f"{costs_section['form']}　{costs_section['title']}" if costs_section else "経費内訳書"
    workbook = Workbook()
    summary = workbook.active
    summary.title = SUMMARY_TITLE
    taken = {SUMMARY_TITLE}
    names = []
    for year in snapshot["costs"]["years"]:
        name = sheet_name(year["label"], taken)
        names.append(name)
        year_sheet(workbook.create_sheet(name), snapshot, year, form)
    summary_sheet(summary, snapshot, names)
    workbook.calculation = CalcProperties(fullCalcOnLoad=True)
    workbook.properties.title = ILLEGAL_CHARACTERS_RE.sub("", f"{meta['receipt_number']} {meta['title']}")
    workbook.properties.subject = ILLEGAL_CHARACTERS_RE.sub("", str(meta["program"]["name"]))
    workbook.properties.creator = "junkan"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Readers of the published factor tables (the layouts shipped in junkan/carbon/data), line by line.

Every problem is reported with its line number as the file shows it (comment lines count), in Japanese,
and nothing is returned unless the whole file is right.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from junkan.carbon.engine.numbers import NumberError, non_negative, positive

FUEL_HEADER: Final = (
    "fuel_key",
    "fuel_ja",
    "unit",
    "revision",
    "heat_gj_per_unit",
    "carbon_tc_per_gj",
    "confidence",
)
ELECTRICITY_HEADER: Final = (
    "reg_no",
    "utility",
    "menu",
    "kind",
    "basic_t_co2_per_kwh",
    "adjusted_t_co2_per_kwh",
)
ELECTRICITY_KINDS: Final = {
    "retail_total": "小売電気事業者（参考値：事業者全体）",
    "retail_menu": "小売電気事業者（メニュー別）",
    "retail_residual": "小売電気事業者（残差）",
    "tso": "一般送配電事業者（最終保障供給・離島供給用）",
    "substitute": "代替値",
    "national_average": "全国平均係数",
}
TSO_MENU: Final = "最終保障供給・離島供給用"
CONFIDENCE: Final = {"primary": "公表表から転記", "secondary": "公表値と整合（原表未確認）", "": ""}
# The per-unit list names three fuels differently from the heat/carbon table; the table's keys are used.
PER_UNIT_KEY_ALIASES: Final = {
    "diesel_oil": "diesel",
    "coal_steam_imported": "coal_imported",
    "coal_steam_domestic": "coal_domestic",
}
_KEY = re.compile(r"[a-z0-9_]{1,40}", re.ASCII)
_REVISION = re.compile(r"[0-9]{4}", re.ASCII)
_PER_UNIT = re.compile(r"t-?CO2/(?P<unit>.+)")
MAX_BYTES: Final = 1_000_000


class TableError(ValueError):
    """A file that cannot be loaded; ``errors`` lists every problem, each naming its line."""

    def __init__(self, errors: list[str]) -> None:
        """Keep every message."""
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True, slots=True)
class FuelRow:
    """One fuel of a revision (heat and carbon) or of a per-unit list (published t-CO2/unit)."""

    line: int
    key: str
    name: str
    unit: str
    heat_gj_per_unit: Decimal | None
    carbon_tc_per_gj: Decimal | None
    t_co2_per_unit: Decimal | None
    confidence: str = ""


@dataclass(frozen=True, slots=True)
class SupplierRow:
    """One electricity or gas supplier's menu with its basic and adjusted factors."""

    line: int
    reg_no: str
    utility: str
    menu: str
    kind: str
    basic: Decimal
    adjusted: Decimal | None


@dataclass(frozen=True, slots=True)
class Table:
    """The rows of a file and its comment lines (the attribution the terms ask to keep)."""

    rows: tuple[FuelRow, ...] | tuple[SupplierRow, ...]
    comments: str


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), or Shift_JIS as spreadsheets in Japan save it."""
    if len(data) > MAX_BYTES:
        raise TableError(["ファイルが大きすぎます（1MBまで）。"])
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(["文字コードを読み取れません。UTF-8 または Shift_JIS で保存してください。"])


def _lines(text: str, delimiter: str) -> tuple[list[tuple[int, list[str]]], str]:
    """(line number, cells) of the data lines, and the comment lines joined."""
    comments = []
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            comments.append(line.lstrip("# ").rstrip())
            continue
        if not line.strip():
            continue
        cells = next(csv.reader(io.StringIO(line), delimiter=delimiter))
        rows.append((number, [cell.strip() for cell in cells]))
    return rows, "\n".join(comments)


def _number(text: str, line: int, name: str, errors: list[str], *, zero: bool = False) -> Decimal | None:
    try:
        return non_negative(text, name) if zero else positive(text, name)
    except NumberError as error:
        errors.append(f"{line}行目：{error.message}")
        return None


def _finish(errors: list[str], rows: list, comments: str) -> Table:
    if not rows and not errors:
        errors.append("データの行がありません。")
    if errors:
        raise TableError(errors)
    return Table(tuple(rows), comments)


def read_fuel_heat_carbon(text: str) -> dict[str, Table]:
    """The heat/carbon layout (ghg_fuel_heat_carbon_factors.csv): a table per revision in the file."""
    lines, comments = _lines(text, ",")
    errors: list[str] = []
    by_revision: dict[str, list[FuelRow]] = {}
    if not lines or tuple(lines[0][1]) != FUEL_HEADER:
        _finish([f"1行目（見出し）は {','.join(FUEL_HEADER)} にしてください。"], [], comments)
    seen: set[tuple[str, str]] = set()
    for line, cells in lines[1:]:
        if len(cells) != len(FUEL_HEADER):
            errors.append(f"{line}行目：列が{len(cells)}個あります。{len(FUEL_HEADER)}個にしてください。")
            continue
        key, name, unit, revision, heat_text, carbon_text, confidence = cells
        if not _KEY.fullmatch(key):
            errors.append(f"{line}行目：燃料キー「{key}」は半角英小文字・数字・_ で入力してください。")
        elif (revision, key) in seen:
            errors.append(f"{line}行目：{revision}年改定の燃料キー「{key}」が重複しています。")
        seen.add((revision, key))
        if not _REVISION.fullmatch(revision):
            errors.append(f"{line}行目：改定「{revision}」は西暦4桁（例：2023）で入力してください。")
        if not name or not unit:
            errors.append(f"{line}行目：燃料名と単位を入力してください。")
        if confidence not in CONFIDENCE:
            errors.append(f"{line}行目：confidence は primary か secondary（または空欄）にしてください。")
        heat = _number(heat_text, line, "単位発熱量", errors)
        carbon = _number(carbon_text, line, "炭素排出係数", errors)
        if heat is not None and carbon is not None:
            by_revision.setdefault(revision, []).append(
                FuelRow(line, key, name, unit, heat, carbon, None, confidence)
            )
    _finish(errors, [row for rows in by_revision.values() for row in rows], comments)
    return {revision: Table(tuple(rows), comments) for revision, rows in by_revision.items()}


def read_fuel_per_unit(text: str) -> Table:
    """The per-unit layout (ghg_fuel_co2_factors_2025.tsv): key, name, energy type, tCO2/unit, value."""
    lines, comments = _lines(text, "\t")
    errors: list[str] = []
    rows: list[FuelRow] = []
    seen: set[str] = set()
    for line, cells in lines:
        if len(cells) != 5:
            errors.append(f"{line}行目：列が{len(cells)}個あります。タブ区切りで5個にしてください。")
            continue
        raw_key, name, _energy_type, unit_text, value_text = cells
        key = PER_UNIT_KEY_ALIASES.get(raw_key, raw_key)
        if not _KEY.fullmatch(key):
            errors.append(f"{line}行目：燃料キー「{raw_key}」は半角英小文字・数字・_ で入力してください。")
        elif key in seen:
            errors.append(f"{line}行目：燃料キー「{raw_key}」が重複しています。")
        seen.add(key)
        unit = _PER_UNIT.fullmatch(unit_text.replace(" ", ""))
        if unit is None:
            errors.append(f"{line}行目：単位「{unit_text}」は tCO2/kL の形にしてください。")
        value = _number(value_text, line, "排出係数", errors)
        if unit is not None and value is not None and name:
            rows.append(FuelRow(line, key, name, unit.group("unit"), None, None, value))
        elif not name:
            errors.append(f"{line}行目：燃料名を入力してください。")
    return _finish(errors, rows, comments)


def _supplier_row(line: int, cells: list[str], kind: str, errors: list[str]) -> SupplierRow | None:
    reg_no, utility, menu, basic_text, adjusted_text = cells
    if not utility:
        errors.append(f"{line}行目：事業者名を入力してください。")
        return None
    basic = _number(basic_text, line, "基礎排出係数", errors, zero=True)
    adjusted = _adjusted(adjusted_text, line, errors)
    if basic is None or adjusted is False:
        return None
    if kind == "tso" and not menu:
        menu = TSO_MENU
    return SupplierRow(
        line, reg_no, utility, menu, kind, basic, adjusted if isinstance(adjusted, Decimal) else None
    )


def _adjusted(text: str, line: int, errors: list[str]) -> Decimal | bool | None:
    """The adjusted factor may be 0 (a zero-emission menu) or blank; False when it is wrong."""
    if not text:
        return None
    value = _number(text, line, "調整後排出係数", errors, zero=True)
    return False if value is None else value


def _unique(rows: list[SupplierRow], errors: list[str]) -> None:
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.utility, row.menu)
        if key in seen:
            errors.append(f"{row.line}行目：「{row.utility} {row.menu}」が{seen[key]}行目と重複しています。")
        seen.setdefault(key, row.line)


def read_electricity(text: str) -> Table:
    """The electricity layout (ghg_electricity_factors_R6_major.csv)."""
    lines, comments = _lines(text, ",")
    errors: list[str] = []
    rows: list[SupplierRow] = []
    if not lines or tuple(lines[0][1]) != ELECTRICITY_HEADER:
        return _finish([f"1行目（見出し）は {','.join(ELECTRICITY_HEADER)} にしてください。"], [], comments)
    for line, cells in lines[1:]:
        if len(cells) != len(ELECTRICITY_HEADER):
            errors.append(
                f"{line}行目：列が{len(cells)}個あります。{len(ELECTRICITY_HEADER)}個にしてください。"
            )
            continue
        kind = cells[3]
        if kind not in ELECTRICITY_KINDS:
            errors.append(
                f"{line}行目：kind「{kind}」は {', '.join(ELECTRICITY_KINDS)} のいずれかにしてください。"
            )
            continue
        row = _supplier_row(line, [cells[0], cells[1], cells[2], cells[4], cells[5]], kind, errors)
        if row is not None:
            rows.append(row)
    _unique(rows, errors)
    return _finish(errors, rows, comments)


def read_gas(text: str) -> Table:
    """The gas layout (ghg_gas_utility_factors_R7.tsv): reg no, utility, menu, basic, adjusted; t-CO2/千m3."""
    lines, comments = _lines(text, "\t")
    errors: list[str] = []
    rows: list[SupplierRow] = []
    for line, cells in lines:
        if len(cells) != 5:
            errors.append(f"{line}行目：列が{len(cells)}個あります。タブ区切りで5個にしてください。")
            continue
        row = _supplier_row(line, cells, "gas", errors)
        if row is not None:
            rows.append(row)
    _unique(rows, errors)
    return _finish(errors, rows, comments)

"""Reading regional data from files: the account template (CSV or xlsx) and input–output tables (xlsx).

Nothing here saves anything: a reader returns the data or raises :class:`ImportFailed` with every
problem, each naming the sheet, the row (and column) in Japanese. The service saves only clean data.

The IO workbook reads the layout prefectures publish, with any number of sectors:

- sheet 「投入係数」: a header row of sector names across (a code column before the names is fine), the
  same sectors down the rows, coefficients in the cells. Columns after the sectors (内生部門計, 最終需要…)
  and rows after them (粗付加価値…, 県内生産額) are ignored; "-" and blank cells are 0.
- sheet 「部門別」: one row per sector with 部門 and 自給率 (or 移輸入 and 域内需要/県内需要), 雇用者所得率
  (or 雇用者所得 and 域内生産額/県内生産額), and optionally 粗付加価値率, 民間消費支出の構成 (or 民間消費支出,
  amounts that are turned into shares) and 就業係数 (or 従業者数 with the output).
- sheet 「設定」: 項目 / 値 rows: 表の名称, 地域名, 団体コード, データ年, 金額の単位, 消費転換率, 出典.
"""

from __future__ import annotations

import csv
import io as bytes_io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from junkan.common.spreadsheets import spreadsheet_safe
from junkan.economy.engine import io
from junkan.economy.engine.problems import EconomyInputError

MAX_ROWS = 2000
UNITS = {"億円": "oku", "百万円": "million", "千円": "thousand", "円": "yen"}
DASHES = {"-", "－", "―", "—", "‐", "…", "***"}


@dataclass(frozen=True)
class Problem:
    """One problem in a file: where (sheet, row, column) and what, in Japanese."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" if self.where else self.message


class ImportFailed(ValueError):
    """The file cannot be imported; ``problems`` lists every one found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(str(p) for p in self.problems))


def _text(value: Any) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def _number(value: Any) -> Decimal | None:
    """A cell as a number: None when blank; raises ValueError when it is not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, (int, float)):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = _text(value).replace(",", "").replace("△", "-").replace("▲", "-")
    if text == "":
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite():
        raise ValueError(text)
    return number


# The account template ------------------------------------------------------------------------------------

ACCOUNT_ITEMS: tuple[tuple[str, str], ...] = (
    ("area_name", "地域名"),
    ("municipality_code", "団体コード"),
    ("data_year", "データ年"),
    ("unit", "金額の単位"),
    ("population", "人口"),
    ("production", "生産（付加価値額）"),
    ("distribution", "分配（所得）"),
    ("income_employee", "雇用者所得の純流入"),
    ("income_other", "その他所得の純流入"),
    ("outflow_consumption", "民間消費額の純流出"),
    ("outflow_investment", "民間投資額の純流出"),
    ("outflow_other", "その他支出の純流出"),
    ("energy_coal_oil_gas", "エネルギー代金の純流出：石炭・原油・天然ガス"),
    ("energy_petroleum_products", "エネルギー代金の純流出：石油・石炭製品"),
    ("energy_electricity", "エネルギー代金の純流出：電気"),
    ("energy_gas_heat", "エネルギー代金の純流出：ガス・熱供給"),
    ("source", "出典"),
)
ACCOUNT_HEADER = ("項目", "値", "全国の付加価値額", "移輸出", "移輸入", "従業者数")
INDUSTRY_PREFIX = "産業："
TEXT_ITEMS = {"area_name", "municipality_code", "unit", "source"}
REQUIRED_ITEMS = {"area_name", "data_year", "unit", "production", "distribution"}


@dataclass
class AccountData:
    """An account as read from the template (values still to be checked by the form rules)."""

    values: dict[str, Any] = field(default_factory=dict)
    industries: list[dict[str, Any]] = field(default_factory=list)


def _rows_of(content: bytes, filename: str) -> list[tuple[int, list[Any]]]:
    """(row number, cells) of a CSV (UTF-8 with or without BOM, or Shift_JIS) or the first xlsx sheet."""
    if filename.lower().endswith(".xlsx"):
        book = _workbook(content)
        try:
            sheet = book.worksheets[0]
            return [
                (n, list(row))
                for n, row in enumerate(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1), start=1)
            ]
        finally:
            book.close()
    for encoding in ("utf-8-sig", "cp932"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFailed(
            [Problem("", "文字コードを読み取れません。UTF-8 か Shift_JIS の CSV にしてください。")]
        )
    return [(n, row) for n, row in enumerate(csv.reader(bytes_io.StringIO(text)), start=1)]


def _workbook(content: bytes) -> Any:
    try:
        return load_workbook(bytes_io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken or foreign file
        raise ImportFailed([Problem("", "Excel（xlsx）のファイルとして読み取れません。")]) from None


def read_account(content: bytes, filename: str) -> AccountData:
    """The account template (CSV or xlsx); raises ImportFailed with every problem, row by row."""
    rows = _rows_of(content, filename)
    if len(rows) > MAX_ROWS:
        raise ImportFailed([Problem("", f"行が多すぎます（{MAX_ROWS}行まで）。")])
    by_label = {_text(label): key for key, label in ACCOUNT_ITEMS}
    prefix = _text(INDUSTRY_PREFIX)
    data = AccountData()
    problems: list[Problem] = []
    failed: set[str] = set()  # items whose row had a problem (not reported again as missing)
    for number, cells in rows:
        cells = [*cells, *[None] * (6 - len(cells))]
        label = _text(cells[0])
        where = f"{number}行目"
        if not label or label == ACCOUNT_HEADER[0] or label.startswith("#"):
            continue
        if label.startswith(prefix):
            name = label[len(prefix) :].strip()
            industry: dict[str, Any] = {"name": name, "row": number}
            for column, key in enumerate(
                ("value_added", "national_value_added", "exports", "imports", "employees"), start=1
            ):
                try:
                    industry[key] = _number(cells[column])
                except ValueError as error:
                    problems.append(
                        Problem(f"{where} {ACCOUNT_HEADER[column]}", f"数値ではありません（{error}）。")
                    )
            if not name:
                problems.append(Problem(where, "「産業：」の後に産業の名称を書いてください。"))
            elif industry.get("value_added") is None and not any(p.where.startswith(where) for p in problems):
                problems.append(Problem(where, f"産業「{name}」の付加価値額（値の列）を入力してください。"))
            data.industries.append(industry)
            continue
        key = by_label.get(label)
        label = dict(ACCOUNT_ITEMS).get(key or "", label)
        if key is None:
            problems.append(
                Problem(where, f"項目「{label}」はこの様式にありません。様式の項目名のまま入力してください。")
            )
            continue
        if key in data.values or key in failed:
            problems.append(Problem(where, f"項目「{label}」が2回あります。"))
            continue
        failed.add(key)
        if key in TEXT_ITEMS:
            value: Any = _text(cells[1]) if key in {"unit", "municipality_code"} else _free_text(cells[1])
            if key == "unit" and value:
                if value not in UNITS:
                    problems.append(
                        Problem(
                            where, f"金額の単位は {'・'.join(UNITS)} のいずれかにしてください（{value}）。"
                        )
                    )
                    continue
                value = UNITS[value]
            data.values[key] = value
            failed.discard(key)
            continue
        try:
            number_value = _number(cells[1])
        except ValueError as error:
            problems.append(Problem(where, f"{label}が数値ではありません（{error}）。"))
            continue
        if key in {"data_year", "population"} and number_value is not None:
            if number_value != number_value.to_integral_value():
                problems.append(Problem(where, f"{label}は整数で入力してください。"))
                continue
            data.values[key] = int(number_value)
            failed.discard(key)
            continue
        data.values[key] = number_value
        failed.discard(key)
    for key, label in ACCOUNT_ITEMS:
        if key in REQUIRED_ITEMS and key not in failed and data.values.get(key) in (None, ""):
            problems.append(Problem("", f"「{label}」を入力してください。"))
    if problems:
        raise ImportFailed(problems)
    return data


def account_template_rows(example: dict[str, Any] | None = None) -> list[list[Any]]:
    """The rows of the account template (header, items, three industry rows), optionally filled."""
    example = example or {}
    rows: list[list[Any]] = [list(ACCOUNT_HEADER)]
    for key, label in ACCOUNT_ITEMS:
        rows.append([label, example.get(key, "")])
    for industry in example.get("industries", []) or [
        {"name": "農林水産業"},
        {"name": "製造業"},
        {"name": "サービス業"},
    ]:
        rows.append(
            [
                f"{INDUSTRY_PREFIX}{industry['name']}",
                *(
                    industry.get(k, "")
                    for k in ("value_added", "national_value_added", "exports", "imports", "employees")
                ),
            ]
        )
    return rows


def account_template_csv(example: dict[str, Any] | None = None) -> bytes:
    """The template as CSV (UTF-8 with BOM, which Excel opens correctly)."""
    out = bytes_io.StringIO()
    writer = csv.writer(out)
    for row in account_template_rows(example):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def account_template_xlsx(example: dict[str, Any] | None = None) -> bytes:
    """The template as xlsx."""
    book = Workbook()
    sheet = book.active
    sheet.title = "地域経済循環"
    for row in account_template_rows(example):
        sheet.append([spreadsheet_safe(cell) for cell in row])
    sheet.column_dimensions["A"].width = 44
    for column in "BCDEF":
        sheet.column_dimensions[column].width = 16
    out = bytes_io.BytesIO()
    book.save(out)
    return out.getvalue()


# Input–output tables ----------------------------------------------------------------------------------------

COEFFICIENT_SHEET = "投入係数"
SECTOR_SHEET = "部門別"
SETTINGS_SHEET = "設定"
SETTING_ITEMS = {
    "表の名称": "title",
    "地域名": "area_name",
    "団体コード": "municipality_code",
    "データ年": "data_year",
    "金額の単位": "unit",
    "消費転換率": "consumption_conversion",
    "出典": "source",
}
SECTOR_COLUMNS = {
    "部門": "name",
    "部門名": "name",
    "自給率": "self_sufficiency",
    "移輸入": "imports",
    "移輸入額": "imports",
    "域内需要": "demand",
    "域内需要額": "demand",
    "県内需要": "demand",
    "県内需要額": "demand",
    "市内需要": "demand",
    "市内需要額": "demand",
    "雇用者所得率": "employee_income_ratio",
    "雇用者所得": "employee_income",
    "域内生産額": "output",
    "県内生産額": "output",
    "市内生産額": "output",
    "粗付加価値率": "value_added_ratio",
    "粗付加価値": "value_added",
    "粗付加価値額": "value_added",
    "民間消費支出の構成": "consumption_pattern",
    "民間消費支出構成比": "consumption_pattern",
    "民間消費支出": "consumption",
    "家計外消費支出を除く民間消費支出": "consumption",
    "就業係数": "employment_per_unit",
    "従業者数": "employees",
    "従業者総数": "employees",
}


@dataclass
class TableData:
    """An input–output table as read, validated by the engine (``model``) before it is returned."""

    settings: dict[str, Any]
    model: io.IOModel


def _sheet(book: Any, name: str, problems: list[Problem], *, required: bool = True) -> Any:
    for sheet in book.worksheets:
        if _text(sheet.title) == name:
            return sheet
    if required:
        problems.append(Problem("", f"シート「{name}」がありません。様式のシート名のままにしてください。"))
    return None


def _is_total(name: str) -> bool:
    return not name or name.endswith("計") or "合計" in name or name in {"内生部門計", "最終需要計"}


def _coefficients(sheet: Any, problems: list[Problem]) -> tuple[list[str], list[list[float]]]:
    rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS))
    where_sheet = f"シート「{COEFFICIENT_SHEET}」"
    header_index = None
    start = 0
    names: list[str] = []
    for index, row in enumerate(rows):
        cells = [_text(c) for c in row]
        texts = [(position, c) for position, c in enumerate(cells) if c and not _looks_numeric(c)]
        if len(texts) >= 3:
            # The corner (コード, 部門名…) comes first; the sectors start at the first header that is also
            # the label of a row below.
            labels = {
                _text(cell)
                for row_below in rows[index + 1 : index + 1 + MAX_ROWS]
                for cell in list(row_below)[: texts[0][0] + 3]
                if _text(cell) and not _looks_numeric(_text(cell))
            }
            starts = [position for position, text in texts if text in labels]
            if not starts:
                continue
            header_index = index
            start = starts[0]
            for cell in cells[start:]:
                if _is_total(cell):
                    break
                names.append(cell)
            break
    if header_index is None or not names:
        problems.append(
            Problem(where_sheet, "部門名の見出し行が見つかりません。1行目に部門名を横に並べてください。")
        )
        return [], []
    if len(names) > io.MAX_SECTORS:
        problems.append(Problem(where_sheet, f"部門は{io.MAX_SECTORS}部門までです（{len(names)}部門）。"))
        return [], []
    matrix: list[list[float]] = []
    expected = 0
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if expected == len(names):
            break
        cells = list(row)
        labels = [_text(c) for c in cells[:start]]
        label = next((c for c in reversed(labels) if c and not _looks_numeric(c)), "")
        if not label:
            continue
        if label != names[expected]:
            problems.append(
                Problem(
                    f"{where_sheet} {number}行目",
                    f"部門「{label}」は見出しの{expected + 1}番目の部門「{names[expected]}」と一致しません。"
                    "行と列の部門を同じ順に並べてください。",
                )
            )
            return names, []
        values: list[float] = []
        for offset in range(len(names)):
            column = start + offset
            cell = cells[column] if column < len(cells) else None
            text = _text(cell)
            if text in DASHES or cell is None or text == "":
                values.append(0.0)
                continue
            try:
                value = _number(cell)
            except ValueError:
                problems.append(
                    Problem(
                        f"{where_sheet} {number}行目 {get_column_letter(column + 1)}列",
                        f"投入係数が数値ではありません（{text}）。",
                    )
                )
                values.append(0.0)
                continue
            values.append(float(value or 0))
        matrix.append(values)
        expected += 1
    if expected < len(names):
        problems.append(
            Problem(
                where_sheet,
                f"部門「{names[expected]}」の行がありません（{len(names)}部門のうち{expected}行）。",
            )
        )
    return names, matrix


def _looks_numeric(text: str) -> bool:
    try:
        _number(text)
    except ValueError:
        return False
    return True


def _sector_columns(sheet: Any, names: list[str], problems: list[Problem]) -> dict[str, list[float | None]]:
    where_sheet = f"シート「{SECTOR_SHEET}」"
    rows = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS))
    header_index = None
    columns: dict[int, str] = {}
    for index, row in enumerate(rows):
        found = {i: SECTOR_COLUMNS[_text(c)] for i, c in enumerate(row) if _text(c) in SECTOR_COLUMNS}
        if "name" in found.values():
            header_index, columns = index, found
            break
    if header_index is None:
        problems.append(Problem(where_sheet, "見出し行（「部門」「自給率」などの列名）が見つかりません。"))
        return {}
    values: dict[str, list[float | None]] = {key: [] for key in columns.values() if key != "name"}
    name_column = next(i for i, key in columns.items() if key == "name")
    seen = 0
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = list(row)
        name = _text(cells[name_column] if name_column < len(cells) else None)
        if not name:
            continue
        if seen >= len(names):
            if _is_total(name):
                break
            problems.append(
                Problem(f"{where_sheet} {number}行目", f"部門「{name}」は投入係数の表にありません。")
            )
            break
        if name != names[seen]:
            problems.append(
                Problem(
                    f"{where_sheet} {number}行目",
                    f"部門「{name}」が投入係数の{seen + 1}番目の部門「{names[seen]}」と一致しません。"
                    "同じ順に並べてください。",
                )
            )
            return {}
        for column, key in columns.items():
            if key == "name":
                continue
            cell = cells[column] if column < len(cells) else None
            try:
                value = _number(None if _text(cell) in DASHES else cell)
            except ValueError:
                label = _text(rows[header_index][column])
                problems.append(
                    Problem(
                        f"{where_sheet} {number}行目 {get_column_letter(column + 1)}列",
                        f"{label}が数値ではありません（{_text(cell)}）。",
                    )
                )
                value = None
            values[key].append(None if value is None else float(value))
        seen += 1
    if seen < len(names):
        problems.append(Problem(where_sheet, f"部門「{names[seen]}」の行がありません。"))
    return values


def _ratio(
    values: dict[str, list[float | None]],
    rate: str,
    amount: str,
    base: str,
    label: str,
    problems: list[Problem],
    *,
    required: bool,
) -> list[float] | None:
    """A per-sector rate given directly, or as an amount ÷ a base (e.g. 雇用者所得 ÷ 県内生産額)."""
    where = f"シート「{SECTOR_SHEET}」"
    if rate in values:
        column = values[rate]
        missing = [i + 1 for i, v in enumerate(column) if v is None]
        if missing:
            problems.append(Problem(where, f"{label}が空欄の部門があります（{_numbers(missing)}番目）。"))
            return None
        return [float(v or 0) for v in column]
    if amount in values and base in values:
        result: list[float] = []
        for index, (part, whole) in enumerate(zip(values[amount], values[base], strict=True)):
            if part is None or whole is None:
                problems.append(Problem(where, f"{index + 1}番目の部門の{label}を計算する値が空欄です。"))
                return None
            if rate == "self_sufficiency":
                result.append(io.self_sufficiency(part, whole))
            elif whole <= 0:
                result.append(0.0)
            else:
                result.append(part / whole)
        return result
    if required:
        problems.append(Problem(where, f"「{label}」の列がありません。"))
    return None


def _numbers(items: Iterable[int]) -> str:
    return "、".join(str(i) for i in items)


def read_io_table(content: bytes) -> TableData:
    """An IO table from the workbook; raises ImportFailed with every problem (engine checks included)."""
    book = _workbook(content)
    try:
        return _read_io_table(book)
    finally:
        book.close()


def _read_io_table(book: Any) -> TableData:
    problems: list[Problem] = []
    coefficient_sheet = _sheet(book, COEFFICIENT_SHEET, problems)
    sector_sheet = _sheet(book, SECTOR_SHEET, problems)
    settings_sheet = _sheet(book, SETTINGS_SHEET, problems, required=False)
    if problems:
        raise ImportFailed(problems)
    names, matrix = _coefficients(coefficient_sheet, problems)
    if problems:
        raise ImportFailed(problems)
    values = _sector_columns(sector_sheet, names, problems)
    if problems:
        raise ImportFailed(problems)
    settings = _settings(settings_sheet, problems) if settings_sheet is not None else {}
    shares = _ratio(values, "self_sufficiency", "imports", "demand", "自給率", problems, required=True)
    income = _ratio(
        values, "employee_income_ratio", "employee_income", "output", "雇用者所得率", problems, required=True
    )
    value_added = _ratio(
        values, "value_added_ratio", "value_added", "output", "粗付加価値率", problems, required=False
    )
    employment = _ratio(
        values, "employment_per_unit", "employees", "output", "就業係数", problems, required=False
    )
    pattern = None
    if "consumption_pattern" in values:
        pattern = [float(v or 0) for v in values["consumption_pattern"]]
    elif "consumption" in values:
        amounts = [float(v or 0) for v in values["consumption"]]
        total = sum(amounts)
        pattern = [a / total for a in amounts] if total > 0 else None
    conversion = settings.get("consumption_conversion")
    if conversion is not None and pattern is None:
        problems.append(
            Problem(f"シート「{SECTOR_SHEET}」", "消費転換率を使うには「民間消費支出の構成」の列が必要です。")
        )
    if problems:
        raise ImportFailed(problems)
    assert shares is not None and income is not None
    try:
        model = io.model(
            names,
            matrix,
            shares,
            income,
            value_added_ratio=value_added,
            consumption_conversion=conversion,
            consumption_pattern=pattern,
            employment_per_unit=employment,
        )
    except EconomyInputError as error:
        raise ImportFailed([_engine_problem(p.field, p.message, names) for p in error.problems]) from None
    return TableData(settings=settings, model=model)


def _engine_problem(field: str, message: str, names: list[str]) -> Problem:
    """An engine problem (JSON path) as a place in the workbook."""
    base = field.split("[", 1)[0]
    indexes = [int(part.rstrip("]")) for part in field.split("[")[1:]]
    if base == "input_coefficients":
        if len(indexes) == 2:
            return Problem(f"シート「{COEFFICIENT_SHEET}」 部門「{names[indexes[0]]}」の行", message)
        return Problem(f"シート「{COEFFICIENT_SHEET}」", message)
    if indexes and indexes[0] < len(names):
        return Problem(f"シート「{SECTOR_SHEET}」 部門「{names[indexes[0]]}」の行", message)
    return Problem(f"シート「{SECTOR_SHEET}」", message)


def _settings(sheet: Any, problems: list[Problem]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    where_sheet = f"シート「{SETTINGS_SHEET}」"
    for number, row in enumerate(sheet.iter_rows(values_only=True, max_row=200), start=1):
        cells = [*row, None, None]
        label = _text(cells[0])
        key = SETTING_ITEMS.get(label)
        if key is None:
            continue
        value = cells[1]
        where = f"{where_sheet} {number}行目"
        if key == "unit":
            text = _text(value)
            if text and text not in UNITS:
                problems.append(
                    Problem(where, f"金額の単位は {'・'.join(UNITS)} のいずれかにしてください（{text}）。")
                )
                continue
            if text:
                result[key] = UNITS[text]
        elif key in {"data_year", "consumption_conversion"}:
            try:
                number_value = _number(value)
            except ValueError:
                problems.append(Problem(where, f"{label}が数値ではありません（{_text(value)}）。"))
                continue
            if number_value is None:
                continue
            if key == "data_year":
                if number_value != number_value.to_integral_value() or not 1955 <= number_value <= 2100:
                    problems.append(Problem(where, "データ年は西暦の4桁で入力してください（例：2015）。"))
                    continue
                result[key] = int(number_value)
            else:
                result[key] = float(number_value)
        else:
            text = _free_text(value) if key != "municipality_code" else _text(value)
            if text:
                result[key] = text
    return result


def _free_text(value: Any) -> str:
    """Text as typed (names and sources keep their full-width characters)."""
    return "" if value is None else str(value).strip()


def io_template_xlsx(
    sectors: Sequence[str],
    coefficients: Sequence[Sequence[float]],
    per_sector: dict[str, Sequence[float]],
    settings: dict[str, Any],
) -> bytes:
    """A workbook in the import layout (the platform's template, and the export of a stored table)."""
    book = Workbook()
    sheet = book.active
    sheet.title = COEFFICIENT_SHEET
    sheet.append(["部門", *[spreadsheet_safe(s) for s in sectors], "内生部門計"])
    for name, row in zip(sectors, coefficients, strict=True):
        sheet.append([spreadsheet_safe(name), *row, sum(row)])
    sheet.column_dimensions["A"].width = 24
    sectors_sheet = book.create_sheet(SECTOR_SHEET)
    labels = {
        "self_sufficiency": "自給率",
        "employee_income_ratio": "雇用者所得率",
        "value_added_ratio": "粗付加価値率",
        "consumption_pattern": "民間消費支出の構成",
        "employment_per_unit": "就業係数",
    }
    keys = [k for k in labels if per_sector.get(k) is not None]
    sectors_sheet.append(["部門", *[labels[k] for k in keys]])
    for index, name in enumerate(sectors):
        sectors_sheet.append([spreadsheet_safe(name), *[per_sector[k][index] for k in keys]])
    sectors_sheet.column_dimensions["A"].width = 24
    settings_sheet = book.create_sheet(SETTINGS_SHEET)
    settings_sheet.append(["項目", "値"])
    unit_labels = {value: label for label, value in UNITS.items()}
    for label, key in SETTING_ITEMS.items():
        value = settings.get(key, "")
        if key == "unit":
            value = unit_labels.get(value, value)
        settings_sheet.append([label, spreadsheet_safe(value) if value is not None else ""])
    settings_sheet.column_dimensions["A"].width = 16
    settings_sheet.column_dimensions["B"].width = 60
    out = bytes_io.BytesIO()
    book.save(out)
    return out.getvalue()

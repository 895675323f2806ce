"""Imports: the templates round-trip; malformed files give row-by-row Japanese problems and save nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import numpy as np
import pytest
from openpyxl import Workbook

from junkan.audit.models import AuditEntry
from junkan.economy import demo, imports, services
from junkan.economy.models import IOTable, RegionalAccount, Revision, Visibility


def _csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _account_rows(**changes: object) -> list[list[object]]:
    rows = imports.account_template_rows(demo.template_example())
    for row in rows:
        for label, value in changes.items():
            if row[0] == label:
                row[1] = value
    return rows


def _xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_account_template_reads_back() -> None:
    for content, name in (
        (imports.account_template_csv(demo.template_example()), "a.csv"),
        (imports.account_template_xlsx(demo.template_example()), "a.xlsx"),
    ):
        data = imports.read_account(content, name)
        assert data.values["area_name"] == "架空市" and data.values["unit"] == "oku"
        assert data.values["production"] == Decimal(3200) and data.values["data_year"] == 2018
        assert [i["name"] for i in data.industries] == [i["name"] for i in demo.INDUSTRIES]
        assert data.industries[1]["employees"] == Decimal(7000)


def test_shift_jis_csv_with_full_width_digits_and_commas() -> None:
    rows = _account_rows(**{"生産（付加価値額）": "３，２００", "分配（所得）": "3,650"})
    content = "\n".join(",".join(f'"{c}"' for c in row) for row in rows).encode("cp932")
    data = imports.read_account(content, "account.csv")
    assert data.values["production"] == Decimal(3200) and data.values["distribution"] == Decimal(3650)


def test_malformed_account_rows_are_named() -> None:
    rows = _account_rows(**{"生産（付加価値額）": "たくさん", "金額の単位": "ドル", "データ年": "2018.5"})
    rows.append(["売上高", 5])
    rows.append(["産業：林業", "x"])
    with pytest.raises(imports.ImportFailed) as caught:
        imports.read_account(_csv(rows), "account.csv")
    text = [str(p) for p in caught.value.problems]
    assert "5行目：金額の単位は 億円・百万円・千円・円 のいずれかにしてください（ドル）。" in text
    assert "4行目：データ年は整数で入力してください。" in text
    assert "7行目：生産（付加価値額）が数値ではありません（たくさん）。" in text
    assert any(t.startswith(f"{len(rows) - 1}行目：項目「売上高」はこの様式にありません") for t in text)
    assert f"{len(rows)}行目 値：数値ではありません（x）。" in text
    assert "「生産（付加価値額）」を入力してください。" not in text  # its row is already named


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"PK\x03\x04 not really", "a.xlsx", "Excel（xlsx）のファイルとして読み取れません"),
        (b"\x81\x20\x82", "a.csv", "文字コード"),
        (_csv([["項目", "値"]]), "a.csv", "「地域名」を入力してください"),
    ],
)
def test_unreadable_account_files(content: bytes, name: str, words: str) -> None:
    with pytest.raises(imports.ImportFailed, match=words):
        imports.read_account(content, name)


def _table_template() -> bytes:
    return imports.io_template_xlsx(
        demo.SECTORS,
        demo.COEFFICIENTS,
        {
            "self_sufficiency": demo.SELF_SUFFICIENCY,
            "employee_income_ratio": demo.EMPLOYEE_INCOME,
            "value_added_ratio": demo.VALUE_ADDED,
            "consumption_pattern": demo.CONSUMPTION_PATTERN,
            "employment_per_unit": demo.EMPLOYMENT,
        },
        demo.TABLE_SETTINGS,
    )


def test_the_table_template_reads_back_as_the_demo_model() -> None:
    data = imports.read_io_table(_table_template())
    expected = demo.demo_model()
    assert data.model.sectors == expected.sectors
    assert np.allclose(data.model.coefficients, expected.coefficients)
    assert np.allclose(data.model.consumption_pattern, expected.consumption_pattern)
    assert data.settings["consumption_conversion"] == 0.7 and data.settings["unit"] == "million"
    assert data.settings["data_year"] == 2015


def _published_layout(size: int) -> bytes:
    """A prefecture-style sheet: code and name columns, 内生部門計 and 最終需要 to the right, rows below."""
    names = [f"部門{i:02d}" for i in range(1, size + 1)]
    rng = np.random.default_rng(7)
    matrix = rng.uniform(0, 1, (size, size))
    matrix = matrix / matrix.sum(axis=0) * 0.6
    header = ["コード", "部門名", *names, "内生部門計", "最終需要計"]
    rows: list[list[object]] = [["平成27年 投入係数表"], [], header]
    for i, name in enumerate(names):
        rows.append([f"{i + 1:02d}", name, *[float(v) for v in matrix[i]], float(matrix[i].sum()), 0.1])
    rows.append(["", "内生部門計", *[0.6] * size])
    rows.append(["", "粗付加価値部門計", *[0.4] * size])
    sectors = [["部門", "移輸入", "県内需要額", "雇用者所得", "県内生産額", "民間消費支出"]]
    for i, name in enumerate(names):
        sectors.append([name, 30 + i, 100 + i, 20, 100, 5 + i])
    sectors.append(["合計", None, None, None, None, None])
    return _xlsx(
        {
            "投入係数": rows,
            "部門別": sectors,
            "設定": [["項目", "値"], ["地域名", "架空県"], ["データ年", 2015], ["消費転換率", 0.7243]],
        }
    )


def test_a_37_sector_table_in_the_published_layout() -> None:
    data = imports.read_io_table(_published_layout(37))
    assert data.model.size == 37 and data.model.sectors[36] == "部門37"
    assert data.model.self_sufficiency[0] == pytest.approx(1 - 30 / 100)
    assert data.model.employee_income_ratio[5] == pytest.approx(0.2)
    assert data.model.consumption_pattern is not None
    assert data.model.consumption_pattern.sum() == pytest.approx(1)


def test_malformed_table_cells_are_named_by_sheet_row_and_column() -> None:
    rows = [["部門", "農業", "工業", "内生部門計"], ["農業", 0.1, "abc"], ["工業", 0.2, 0.3]]
    sectors = [["部門", "自給率", "雇用者所得率"], ["農業", 0.5, 0.2], ["工業", 1.5, "-"]]
    with pytest.raises(imports.ImportFailed) as caught:
        imports.read_io_table(_xlsx({"投入係数": rows, "部門別": sectors}))
    assert [str(p) for p in caught.value.problems] == [
        "シート「投入係数」 2行目 C列：投入係数が数値ではありません（abc）。"
    ]
    rows[1][2] = 0.05
    with pytest.raises(imports.ImportFailed) as caught:
        imports.read_io_table(_xlsx({"投入係数": rows, "部門別": sectors}))
    text = " ".join(str(p) for p in caught.value.problems)
    assert "雇用者所得率が空欄の部門があります（2番目）" in text
    sectors[2][2] = 0.3
    with pytest.raises(imports.ImportFailed) as caught:
        imports.read_io_table(_xlsx({"投入係数": rows, "部門別": sectors}))
    assert "部門「工業」の行" in str(caught.value) and "自給率の2番目（self_sufficiency[1]）は1以下" in str(
        caught.value
    )


def test_column_sums_and_order_and_missing_sheets() -> None:
    rows = [["部門", "農業", "工業"], ["農業", 0.7, 0.1], ["工業", 0.4, 0.3]]
    sectors = [["部門", "自給率", "雇用者所得率"], ["農業", 0.5, 0.2], ["工業", 0.5, 0.3]]
    with pytest.raises(imports.ImportFailed, match=r"1列目（農業）の合計が1\.1"):
        imports.read_io_table(_xlsx({"投入係数": rows, "部門別": sectors}))
    rows = [["部門", "農業", "工業"], ["工業", 0.1, 0.1], ["農業", 0.1, 0.3]]
    with pytest.raises(
        imports.ImportFailed, match="2行目：部門「工業」は見出しの1番目の部門「農業」と一致しません"
    ):
        imports.read_io_table(_xlsx({"投入係数": rows, "部門別": sectors}))
    with pytest.raises(imports.ImportFailed, match="シート「部門別」がありません"):
        imports.read_io_table(_xlsx({"投入係数": rows}))


@pytest.mark.django_db
def test_a_bad_file_saves_nothing(owner, organization) -> None:
    audit_before = AuditEntry.objects.count()
    rows = [["部門", "農業", "工業"], ["農業", 0.7, 0.1], ["工業", 0.4, 0.3]]
    sectors = [["部門", "自給率", "雇用者所得率"], ["農業", 0.5, 0.2], ["工業", 0.5, 0.3]]
    with pytest.raises(imports.ImportFailed):
        services.import_table(
            owner, organization, _xlsx({"投入係数": rows, "部門別": sectors}), Visibility.PRIVATE
        )
    bad = _account_rows(**{"分配（所得）": "-5"})
    with pytest.raises(imports.ImportFailed, match="分配（所得）"):
        services.import_account(owner, organization, _csv(bad), "a.csv", Visibility.PRIVATE)
    assert (
        not IOTable.objects.exists()
        and not RegionalAccount.objects.exists()
        and not Revision.objects.exists()
    )
    assert AuditEntry.objects.count() == audit_before


@pytest.mark.django_db
def test_importing_again_makes_a_new_version(owner, organization) -> None:
    first = services.import_table(owner, organization, _table_template(), Visibility.PRIVATE)
    again = services.import_table(owner, organization, _table_template(), Visibility.PUBLIC)
    assert first.pk == again.pk and again.version == 2
    assert list(again.revisions.values_list("version", flat=True)) == [2, 1]
    account = services.import_account(
        owner,
        organization,
        imports.account_template_csv(demo.template_example()),
        "a.csv",
        Visibility.PRIVATE,
    )
    changed = _account_rows(**{"人口": 61000})
    account = services.import_account(owner, organization, _csv(changed), "a.csv", Visibility.PRIVATE)
    assert account.version == 2 and account.population == 61000 and account.industries.count() == 5
    assert AuditEntry.objects.filter(action="economy.account.updated").count() == 1

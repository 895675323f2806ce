"""Tests for parsing and formatting yen amounts."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from junkan.jp.money import (
    MAX_YEN,
    MESSAGES,
    MoneyError,
    format_thousand_yen,
    format_yen,
    parse_yen,
    truncate_below_thousand,
)

VALID = [
    ("0", 0),
    ("1", 1),
    ("12345", 12345),
    ("12,345", 12345),
    ("12,345円", 12345),
    ("1,234,567円", 1234567),
    ("¥12,345", 12345),
    ("￥１２，３４５", 12345),
    ("\\12,345", 12345),  # the backslash that Japanese keyboards display as ¥
    ("¥ 12,345 円", 12345),
    ("１２３４５", 12345),
    ("１２，３４５円", 12345),
    ("1,234千円", 1234000),
    ("1,234 千円", 1234000),
    ("1234千", 1234000),
    ("１２３万円", 1230000),
    ("123万", 1230000),
    ("1.5万円", 15000),
    ("1.2345万円", 12345),
    ("0.5千円", 500),
    ("12百万円", 12000000),
    ("3億円", 300000000),
    ("0.5兆円", 500000000000),
    ("1,000.00円", 1000),
    ("１．５万円", 15000),
    ("  12,345  ", 12345),
    ("\u300012,345円\u3000", 12345),  # ideographic spaces
    ("\t12345\n", 12345),
    ("1、000円", 1000),  # the comma key in a Japanese input method
    ("007", 7),
    ("999,999,999,999円", 999_999_999_999),
    ("9999億円", 999_900_000_000),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_parse_yen_accepts(text: str, expected: int) -> None:
    assert parse_yen(text) == expected
    assert type(parse_yen(text)) is int


INVALID = [
    ("", "金額を入力してください。"),
    ("   ", "金額を入力してください。"),
    ("\u3000", "金額を入力してください。"),
    ("-1", "マイナスの金額は入力できません。"),
    ("-1,000円", "マイナスの金額は入力できません。"),
    ("－１，０００円", "マイナスの金額は入力できません。"),
    ("−1000", "マイナスの金額は入力できません。"),  # U+2212 MINUS SIGN
    ("▲1,000", "マイナスの金額は入力できません。"),
    ("△500千円", "マイナスの金額は入力できません。"),
    ("¥-500", "マイナスの金額は入力できません。"),
    ("abc", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("円", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("¥", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("千円", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("-", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("1e3", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("+100", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    (".5万円", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("1億2000万円", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("百万円", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("12ドル", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("1.2.3", "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。"),
    ("1 000", "数字の途中に空白を入れずに入力してください。"),
    ("１２　３４５円", "数字の途中に空白を入れずに入力してください。"),
    ("1,23,4", "カンマの位置が正しくありません。3桁ごとに区切って入力してください。"),
    ("12,34", "カンマの位置が正しくありません。3桁ごとに区切って入力してください。"),
    ("1234,567", "カンマの位置が正しくありません。3桁ごとに区切って入力してください。"),
    ("1,", "カンマの位置が正しくありません。3桁ごとに区切って入力してください。"),
    ("1,,000", "カンマの位置が正しくありません。3桁ごとに区切って入力してください。"),
    ("1.5", "1円未満の端数は入力できません。"),
    ("100.01円", "1円未満の端数は入力できません。"),
    ("1.2345千円", "1円未満の端数は入力できません。"),
    ("1.23456万円", "1円未満の端数は入力できません。"),
    ("1,000,000,000,000", "金額が大きすぎます。1兆円未満で入力してください。"),
    ("1兆円", "金額が大きすぎます。1兆円未満で入力してください。"),
    ("10000億円", "金額が大きすぎます。1兆円未満で入力してください。"),
    ("99999999999999999999999999999999999999999999", "金額が大きすぎます。1兆円未満で入力してください。"),
]


@pytest.mark.parametrize(("text", "message"), INVALID)
def test_parse_yen_rejects_with_japanese_message(text: str, message: str) -> None:
    with pytest.raises(MoneyError) as excinfo:
        parse_yen(text)
    assert excinfo.value.message == message
    assert str(excinfo.value) == message
    assert MESSAGES[excinfo.value.code] == message
    assert isinstance(excinfo.value, ValueError)


def test_parse_yen_int_input() -> None:
    assert parse_yen(0) == 0
    assert parse_yen(1234) == 1234
    assert parse_yen(MAX_YEN - 1) == MAX_YEN - 1
    with pytest.raises(MoneyError, match="マイナス"):
        parse_yen(-1)
    with pytest.raises(MoneyError, match="大きすぎます"):
        parse_yen(MAX_YEN)
    with pytest.raises(MoneyError, match="数字で入力"):
        parse_yen(True)


@pytest.mark.parametrize("value", [1.5, 1000.0, Decimal(1000), None, b"1000"])
def test_parse_yen_refuses_other_types(value: object) -> None:
    with pytest.raises(TypeError):
        parse_yen(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "yen", "sen_yen", "truncated"),
    [
        (0, "0円", "0千円", 0),
        (999, "999円", "0千円", 0),
        (1000, "1,000円", "1千円", 1000),
        (1234000, "1,234,000円", "1,234千円", 1234000),
        (1234567, "1,234,567円", "1,234千円", 1234000),
        (999_999_999_999, "999,999,999,999円", "999,999,999千円", 999_999_999_000),
        (-1000, "-1,000円", "-1千円", -1000),
        (-1500, "-1,500円", "-1千円", -1000),
        (-999, "-999円", "0千円", 0),
    ],
)
def test_formatting(n: int, yen: str, sen_yen: str, truncated: int) -> None:
    assert format_yen(n) == yen
    assert format_thousand_yen(n) == sen_yen
    assert truncate_below_thousand(n) == truncated


@pytest.mark.parametrize("value", [1.0, Decimal(1), True, "1000"])
def test_formatting_refuses_non_int(value: object) -> None:
    with pytest.raises(TypeError):
        format_yen(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_thousand_yen(value)  # type: ignore[arg-type]


def test_money_module_never_uses_float() -> None:
    tree = ast.parse(Path(__file__).resolve().parents[1].joinpath("money.py").read_text())
    assert not any(isinstance(node, ast.Name) and node.id == "float" for node in ast.walk(tree))
    assert not any(
        isinstance(node, ast.Constant) and isinstance(node.value, float) for node in ast.walk(tree)
    )


YEN = st.integers(min_value=0, max_value=MAX_YEN - 1)


@given(YEN)
def test_format_parse_round_trip(n: int) -> None:
    assert parse_yen(format_yen(n)) == n
    assert parse_yen(f"{n:,}") == n
    assert parse_yen(str(n)) == n
    assert parse_yen(format_thousand_yen(n)) == truncate_below_thousand(n)


@given(st.integers(min_value=-MAX_YEN, max_value=MAX_YEN))
def test_truncate_below_thousand_properties(n: int) -> None:
    t = truncate_below_thousand(n)
    assert truncate_below_thousand(t) == t
    assert t % 1000 == 0
    assert abs(t) <= abs(n)
    assert abs(n) - abs(t) < 1000
    if n >= 0:
        assert t <= n
        assert n - t < 1000


@given(st.integers(min_value=0, max_value=MAX_YEN // 10**4 - 1), st.integers(min_value=0, max_value=9999))
def test_man_yen_with_decimals(man: int, rest: int) -> None:
    text = f"{man:,}.{rest:04d}万円"
    assert parse_yen(text) == man * 10**4 + rest

"""Tests for identifier, code, e-mail and phone normalization."""

from __future__ import annotations

import pytest

from junkan.jp.text import nfkc, normalize_code, normalize_email, normalize_identifier, normalize_phone


def test_nfkc() -> None:
    assert nfkc("１２３ＡＢＣ") == "123ABC"
    assert nfkc("a\u200bb\ufeff") == "ab"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  abc  ", "abc"),
        ("ｙａｍａｄａ－taro", "yamada-taro"),
        ("yamada taro", "yamadataro"),
        ("\u3000user\u3000name\u3000", "username"),
        ("user\u200bname", "username"),
        ("A-1", "A-1"),
    ],
)
def test_normalize_identifier(raw: str, expected: str) -> None:
    assert normalize_identifier(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("131016", "131016"),
        ("１３１０１６", "131016"),
        (" 13101-6 ", "131016"),
        ("13101‐6", "131016"),  # U+2010 HYPHEN
        ("13101−6", "131016"),  # U+2212 MINUS SIGN
        ("13101－6", "131016"),  # full-width hyphen-minus
        ("13101ー6", "131016"),  # katakana prolonged sound mark, typed for a hyphen
        ("13101ｰ6", "131016"),  # its half-width form
        ("13101–6", "131016"),  # en dash
        ("1 3 1\u30000 1 6", "131016"),
        ("7000-0120-50002", "7000012050002"),
        ("", ""),
    ],
)
def test_normalize_code(raw: str, expected: str) -> None:
    assert normalize_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" Taro.Yamada@Example.GO.JP ", "Taro.Yamada@example.go.jp"),
        ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"),
        ("Name@Sub.Example.com\u3000", "Name@sub.example.com"),
        ('"a@b"@Example.COM', '"a@b"@example.com'),
        ("no-at-sign", "no-at-sign"),
    ],
)
def test_normalize_email(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("03-1234-5678", "03-1234-5678"),
        ("０３－１２３４－５６７８", "03-1234-5678"),
        ("03ー1234ー5678", "03-1234-5678"),
        ("(03) 1234-5678", "03-1234-5678"),
        ("03(1234)5678", "03-1234-5678"),
        ("03 1234 5678", "03-1234-5678"),
        ("TEL: 03-1234-5678", "03-1234-5678"),
        ("0312345678", "0312345678"),
        ("090‐1234‐5678", "090-1234-5678"),
        ("", ""),
    ],
)
def test_normalize_phone(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected

"""Tests for 団体コード (JIS X 0402) and 法人番号 check digits."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from junkan.jp.codes import (
    CodeError,
    corporate_number_check_digit,
    lg_check_digit,
    validate_corporate_number,
    validate_lg_code,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
LG_CODE_FILES = [
    REPO_ROOT / "junkan" / "municipalities" / "data" / "lg_codes.csv",
    REPO_ROOT.parent / "shared" / "data" / "lg_codes.csv",
]


def _lg_master() -> list[dict[str, str]]:
    """Rows of the municipality master, from the app's copy or the shared data folder."""
    for path in LG_CODE_FILES:
        if path.exists():
            with path.open(encoding="utf-8", newline="") as f:
                return list(csv.DictReader(f))
    pytest.skip(f"lg_codes.csv not found in {', '.join(map(str, LG_CODE_FILES))}")


def test_every_code_in_the_municipality_master_has_a_valid_check_digit() -> None:
    rows = _lg_master()
    codes = [row["code"] for row in rows if row["code"]]
    assert len(codes) > 1700  # 47 prefectures, about 1,700 municipalities, plus wards
    bad = [code for code in codes if lg_check_digit(code[:5]) != int(code[5])]
    assert bad == []
    assert all(validate_lg_code(code) == code for code in codes)


def test_every_master_code_with_another_check_digit_is_rejected() -> None:
    for row in _lg_master():
        code = row["code"]
        for digit in "0123456789":
            if digit != code[5]:
                with pytest.raises(CodeError, match=f"6桁目は{code[5]}のはずです"):
                    validate_lg_code(code[:5] + digit)


@pytest.mark.parametrize(
    ("first5", "check"),
    [
        # 6·1 + 5·3 + 4·1 + 3·0 + 2·1 = 27; 27 mod 11 = 5; (11 − 5) mod 10 = 6 → 千代田区 131016
        ("13101", 6),
        # 6·1 + 5·3 = 21; 21 mod 11 = 10; (11 − 10) mod 10 = 1 → 東京都 130001
        ("13000", 1),
        # 6·0 + 5·1 = 5; (11 − 5) mod 10 = 6 → 北海道 010006
        ("01000", 6),
        # 6·0 + 5·1 + 4·1 + 3·0 + 2·0 = 9; (11 − 9) mod 10 = 2 → 札幌市 011002
        ("01100", 2),
        # 6·4 + 5·7 + 4·0 + 3·0 + 2·0 = 59; 59 mod 11 = 4; (11 − 4) mod 10 = 7 → 沖縄県 470007
        ("47000", 7),
        # r = 0 gives (11 − 0) mod 10 = 1: 6·0 + 5·0 + 4·0 + 3·0 + 2·0 = 0
        ("00000", 1),
        # r = 1 gives (11 − 1) mod 10 = 0: 6·0 + 5·0 + 4·0 + 3·2 + 2·3 = 12; 12 mod 11 = 1
        ("00023", 0),
    ],
)
def test_lg_check_digit(first5: str, check: int) -> None:
    assert lg_check_digit(first5) == check


@pytest.mark.parametrize("bad", ["1310", "131016", "1310a", "１３１０１", "", 13101])
def test_lg_check_digit_needs_five_ascii_digits(bad: object) -> None:
    with pytest.raises(ValueError, match="5 ASCII digits"):
        lg_check_digit(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("131016", "131016"), ("１３１０１６", "131016"), (" 13101-6 ", "131016"), ("010006", "010006")],
)
def test_validate_lg_code_normalizes(raw: str, expected: str) -> None:
    assert validate_lg_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message", "code"),
    [
        ("131011", "団体コード「131011」の検査数字が正しくありません（6桁目は6のはずです）。", "check_digit"),
        (
            "１３１０１９",
            "団体コード「131019」の検査数字が正しくありません（6桁目は6のはずです）。",
            "check_digit",
        ),
        (
            "13101",
            "団体コードは検査数字を含む6桁で入力してください（「13101」の場合は「131016」です）。",
            "length",
        ),
        ("1310", "団体コードは数字6桁で入力してください（入力されたのは4桁です）。", "length"),
        ("1310160", "団体コードは数字6桁で入力してください（入力されたのは7桁です）。", "length"),
        ("13101a", "団体コードは数字6桁で入力してください。", "invalid"),
        ("千代田区", "団体コードは数字6桁で入力してください。", "invalid"),
        ("١٣١٠١٦", "団体コードは数字6桁で入力してください。", "invalid"),  # Arabic-Indic digits
        ("", "団体コードを入力してください。", "required"),
        (" - ", "団体コードを入力してください。", "required"),
    ],
)
def test_validate_lg_code_messages(raw: str, message: str, code: str) -> None:
    with pytest.raises(CodeError) as excinfo:
        validate_lg_code(raw)
    assert excinfo.value.message == message
    assert str(excinfo.value) == message
    assert excinfo.value.code == code


@given(st.text(alphabet="0123456789", min_size=5, max_size=5), st.integers(min_value=0, max_value=9))
def test_lg_check_digit_agrees_with_validate(first5: str, last: int) -> None:
    code = f"{first5}{last}"
    if last == lg_check_digit(first5):
        assert validate_lg_code(code) == code
    else:
        with pytest.raises(CodeError, match=f"6桁目は{lg_check_digit(first5)}のはずです"):
            validate_lg_code(code)


def test_lg_check_digit_agrees_with_validate_exhaustively() -> None:
    for i in range(100_000):
        first5 = f"{i:05d}"
        assert validate_lg_code(f"{first5}{lg_check_digit(first5)}") == f"{first5}{lg_check_digit(first5)}"


# --- 法人番号 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "computation"),
    [
        # 国税庁. Base 000012050002; digits from the right with Q = 1, 2, 1, 2, …:
        # 2·1 + 0·2 + 0·1 + 0·2 + 5·1 + 0·2 + 2·1 + 1·2 = 11; 11 mod 9 = 2; 9 − 2 = 7.
        ("7000012050002", 11),
        # Base 000012010024: 4·1 + 2·2 + 0 + 0 + 1·1 + 0 + 2·1 + 1·2 = 13; 13 mod 9 = 4; 9 − 4 = 5.
        ("5000012010024", 13),
        # Base 000011000005: 5·1 + 1·1 + 1·2 = 8; 9 − 8 = 1.
        ("1000011000005", 8),
        # Base 000012010019: 9·1 + 1·2 + 1·1 + 2·1 + 1·2 = 16; 16 mod 9 = 7; 9 − 7 = 2.
        ("2000012010019", 16),
        # A sum divisible by 9 gives 9 − 0 = 9: base 000000000000.
        ("9000000000000", 0),
    ],
)
def test_corporate_number_check_digit(number: str, computation: int) -> None:
    assert corporate_number_check_digit(number[1:]) == 9 - computation % 9 == int(number[0])
    assert validate_corporate_number(number) == number


def test_validate_corporate_number_normalizes() -> None:
    assert validate_corporate_number("７０００－０１２０－５０００２") == "7000012050002"
    assert validate_corporate_number(" 7000 0120 50002 ") == "7000012050002"


@pytest.mark.parametrize(
    ("raw", "message", "code"),
    [
        ("", "法人番号を入力してください。", "required"),
        (
            "8000012050002",
            "法人番号「8000012050002」の検査数字が正しくありません（先頭の1桁は7のはずです）。",
            "check_digit",
        ),
        (
            "000012050002",
            "法人番号は先頭の検査数字を含む13桁で入力してください（入力されたのは12桁です）。",
            "length",
        ),
        ("70000120500020", "法人番号は数字13桁で入力してください（入力されたのは14桁です）。", "length"),
        ("700001205000X", "法人番号は数字13桁で入力してください。", "invalid"),
    ],
)
def test_validate_corporate_number_messages(raw: str, message: str, code: str) -> None:
    with pytest.raises(CodeError) as excinfo:
        validate_corporate_number(raw)
    assert excinfo.value.message == message
    assert excinfo.value.code == code


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(min_value=0, max_value=9))
def test_corporate_number_check_digit_agrees_with_validate(base: str, first: int) -> None:
    check = corporate_number_check_digit(base)
    assert 1 <= check <= 9
    if first == check:
        assert validate_corporate_number(f"{first}{base}") == f"{first}{base}"
    else:
        with pytest.raises(CodeError, match=f"先頭の1桁は{check}のはずです"):
            validate_corporate_number(f"{first}{base}")


@pytest.mark.parametrize("bad", ["00001205000", "0000120500020", "00001205000x", 123456789012])
def test_corporate_number_check_digit_needs_twelve_ascii_digits(bad: object) -> None:
    with pytest.raises(ValueError, match="12 ASCII digits"):
        corporate_number_check_digit(bad)  # type: ignore[arg-type]

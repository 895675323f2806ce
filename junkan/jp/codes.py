"""Check digits of Japanese public codes: 全国地方公共団体コード (JIS X 0402) and 法人番号 (corporate number).

Both validators normalize the input first (full-width digits, spaces and hyphens are accepted), and
return the canonical ASCII string, or raise ``CodeError`` with a message for the user in Japanese.
"""

from __future__ import annotations

import re
from typing import Final

from junkan.jp.text import normalize_code

LG_CODE_LENGTH: Final = 6
CORPORATE_NUMBER_LENGTH: Final = 13

_LG_WEIGHTS: Final = (6, 5, 4, 3, 2)


class CodeError(ValueError):
    """A code that cannot be accepted; ``message`` is shown to the user, ``code`` names the reason."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        """Keep the Japanese message and a short reason such as "check_digit"."""
        self.message = message
        self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        """The Japanese message."""
        return self.message


def _digits(s: str, length: int) -> tuple[int, ...]:
    """The digits of ``s`` if it is exactly ``length`` ASCII digits; ValueError otherwise."""
    if not isinstance(s, str) or not re.fullmatch(rf"[0-9]{{{length}}}", s, re.ASCII):
        raise ValueError(f"expected {length} ASCII digits, got {s!r}")
    return tuple(int(c) for c in s)


def lg_check_digit(first5: str) -> int:
    """JIS X 0402 check digit of the first five digits: r = Σ weight·digit mod 11, check = (11 − r) mod 10."""
    r = sum(w * d for w, d in zip(_LG_WEIGHTS, _digits(first5, 5), strict=True)) % 11
    return (11 - r) % 10


def validate_lg_code(code: str) -> str:
    """Normalize and check a 6-digit 団体コード; CodeError with a Japanese message if it is wrong."""
    value = normalize_code(code)
    if not value:
        raise CodeError("団体コードを入力してください。", "required")
    if not value.isascii() or not value.isdigit():
        raise CodeError("団体コードは数字6桁で入力してください。")
    if len(value) == LG_CODE_LENGTH - 1:
        raise CodeError(
            "団体コードは検査数字を含む6桁で入力してください"
            f"（「{value}」の場合は「{value}{lg_check_digit(value)}」です）。",
            "length",
        )
    if len(value) != LG_CODE_LENGTH:
        raise CodeError(
            f"団体コードは数字6桁で入力してください（入力されたのは{len(value)}桁です）。", "length"
        )
    expected = lg_check_digit(value[:5])
    if int(value[5]) != expected:
        raise CodeError(
            f"団体コード「{value}」の検査数字が正しくありません（6桁目は{expected}のはずです）。",
            "check_digit",
        )
    return value


def corporate_number_check_digit(base12: str) -> int:
    """法人番号 check digit (its first digit): 9 − (Σ P_n·Q_n mod 9) over the 12-digit base."""
    digits = _digits(base12, 12)
    # P_n is the n-th digit from the right (n = 1 is the last digit); Q_n is 1 for odd n, 2 for even n.
    total = sum(p * (1 if n % 2 else 2) for n, p in enumerate(reversed(digits), start=1))
    return 9 - total % 9


def validate_corporate_number(s: str) -> str:
    """Normalize and check a 13-digit 法人番号; CodeError with a Japanese message if it is wrong."""
    value = normalize_code(s)
    if not value:
        raise CodeError("法人番号を入力してください。", "required")
    if not value.isascii() or not value.isdigit():
        raise CodeError("法人番号は数字13桁で入力してください。")
    if len(value) == CORPORATE_NUMBER_LENGTH - 1:
        raise CodeError(
            "法人番号は先頭の検査数字を含む13桁で入力してください（入力されたのは12桁です）。", "length"
        )
    if len(value) != CORPORATE_NUMBER_LENGTH:
        raise CodeError(
            f"法人番号は数字13桁で入力してください（入力されたのは{len(value)}桁です）。", "length"
        )
    expected = corporate_number_check_digit(value[1:])
    if int(value[0]) != expected:
        raise CodeError(
            f"法人番号「{value}」の検査数字が正しくありません（先頭の1桁は{expected}のはずです）。",
            "check_digit",
        )
    return value

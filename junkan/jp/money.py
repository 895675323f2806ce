"""Money in yen: always an ``int``, never a float. Parsing what officers type, and formatting for display.

``parse_yen`` accepts, after NFKC normalization (full-width digits, commas and ¥ become ASCII):
an optional leading ¥ (or the backslash that Japanese keyboards show as ¥), digits, optional
thousands separators, an optional decimal part, then an optional unit 千 / 万 / 百万 / 億 / 兆 and an
optional 円, with spaces allowed around these parts. Commas must group exactly three digits
(「1,234」, not 「1,23,4」), because a misplaced comma usually means a mistyped amount. The ideographic
comma 「、」, which Japanese input methods type for the comma key, counts as a comma.
Decimals are allowed only when the result is a whole number of yen (「1.5万円」 is 15,000 yen).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, Inexact, Rounded, localcontext
from typing import Final

# Exclusive upper bound: amounts must be less than 1兆円.
MAX_YEN: Final = 10**12

# 兆 is accepted only so that 「1兆円」 gets the "too large" message rather than "not a number".
UNITS: Final[dict[str, int]] = {"": 1, "千": 10**3, "万": 10**4, "百万": 10**6, "億": 10**8, "兆": 10**12}

MESSAGES: Final[dict[str, str]] = {
    "required": "金額を入力してください。",
    "negative": "マイナスの金額は入力できません。",
    "invalid": "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。",
    "spaces": "数字の途中に空白を入れずに入力してください。",
    "comma": "カンマの位置が正しくありません。3桁ごとに区切って入力してください。",
    "fraction": "1円未満の端数は入力できません。",
    "too_large": "金額が大きすぎます。1兆円未満で入力してください。",
}

_YEN_SIGNS = "¥\\"
_MINUS_SIGNS = "-−‐‑‒–—―▲△"
_AMOUNT = re.compile(
    r"[¥\\]?\s*(?P<int>[0-9][0-9,]*)(?:\.(?P<frac>[0-9]+))?\s*(?P<unit>百万|千|万|億|兆)?\s*円?",
    re.ASCII,
)
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+", re.ASCII)


class MoneyError(ValueError):
    """An amount that cannot be accepted; ``message`` is shown to the user, ``code`` names the reason."""

    def __init__(self, code: str) -> None:
        """Build the error for one of the reasons in MESSAGES."""
        self.code = code
        self.message = MESSAGES[code]
        super().__init__(self.message)

    def __str__(self) -> str:
        """The Japanese message."""
        return self.message


def _check_range(value: int | Decimal) -> None:
    """Raise MoneyError for negative or too large amounts."""
    if value < 0:
        raise MoneyError("negative")
    if value >= MAX_YEN:
        raise MoneyError("too_large")


def _is_negative(text: str) -> bool:
    """Whether ``text`` (normalized, stripped) is a minus sign, optionally after ¥, followed by digits."""
    rest = text[1:].lstrip() if text[0] in _YEN_SIGNS else text
    return bool(rest) and rest[0] in _MINUS_SIGNS and any(c.isdigit() for c in rest)


def parse_yen(text: str | int) -> int:
    """Parse an amount typed by a user into whole yen; MoneyError with a Japanese message otherwise."""
    if isinstance(text, bool):
        raise MoneyError("invalid")
    if isinstance(text, int):
        _check_range(text)
        return text
    if not isinstance(text, str):
        raise TypeError(f"expected str or int, got {type(text).__name__} (money is never a float)")
    normalized = unicodedata.normalize("NFKC", text).replace("、", ",").strip()
    if not normalized:
        raise MoneyError("required")
    if _is_negative(normalized):
        raise MoneyError("negative")
    match = _AMOUNT.fullmatch(normalized)
    if match is None:
        compact = re.sub(r"\s+", "", normalized)
        raise MoneyError("spaces" if compact != normalized and _AMOUNT.fullmatch(compact) else "invalid")
    integer, fraction, unit = match["int"], match["frac"] or "", match["unit"] or ""
    if "," in integer and not _GROUPED.fullmatch(integer):
        raise MoneyError("comma")
    digits = integer.replace(",", "")
    with localcontext() as ctx:
        # Enough precision for an exact product; any rounding would be a bug, so make it raise.
        ctx.prec = len(digits) + len(fraction) + 12
        ctx.traps[Inexact] = ctx.traps[Rounded] = True
        value = Decimal(f"{digits}.{fraction}" if fraction else digits) * UNITS[unit]
    _check_range(value)
    if value != value.to_integral_value():
        raise MoneyError("fraction")
    return int(value)


def _require_int(n: int) -> int:
    """Return ``n`` if it is an int (not a bool); TypeError otherwise."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected int yen, got {type(n).__name__}")
    return n


def format_yen(n: int) -> str:
    """Format whole yen for display: 1234000 → 「1,234,000円」, -1000 → 「-1,000円」."""
    return f"{_require_int(n):,}円"


def truncate_below_thousand(n: int) -> int:
    """千円未満切捨て: 1,234,567 → 1,234,000 (toward zero for negative amounts)."""
    _require_int(n)
    magnitude = abs(n) // 1000 * 1000
    return magnitude if n >= 0 else -magnitude


def format_thousand_yen(n: int) -> str:
    """Format in thousands of yen, truncating below 1,000: 1,234,567 → 「1,234千円」."""
    return f"{truncate_below_thousand(n) // 1000:,}千円"

"""Decimal arithmetic for CO2: exact products and sums, input parsing that never goes through float."""

from __future__ import annotations

import re
import unicodedata
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Final

# Every product and sum of the engine is exact: 200 digits hold any amount we accept (at most 12 integer
# and 10 decimal digits) times any factor (at most 28 significant digits), and Inexact is trapped so
# that a rounding would stop the calculation instead of passing silently.
EXACT: Final = Context(
    prec=200, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow, Inexact]
)
# The one place the engine rounds: a derived factor (heat × carbon × 44/12, a ratio) to 28 digits.
DERIVED: Final = Context(
    prec=28, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow]
)

CO2_PER_C: Final = (Decimal(44), Decimal(12))
MAX_INTEGER_DIGITS: Final = 12
MAX_DECIMAL_PLACES: Final = 10
TENTH: Final = Decimal("0.1")

_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?", re.ASCII)
_MINUS_SIGNS: Final = "−‐‑‒–—―▲△"


class NumberError(ValueError):
    """A value that is not an acceptable number; ``message`` is Japanese and shown to the user."""

    def __init__(self, message: str) -> None:
        """Keep the message for display."""
        self.message = message
        super().__init__(message)


def parse_decimal(value: object, what: str) -> Decimal:
    """A finite Decimal from a Decimal, an int or typed text (full-width, commas); floats are refused."""
    if isinstance(value, bool) or value is None:
        raise NumberError(f"{what}を数値で入力してください。")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().replace("、", ",")
        for sign in _MINUS_SIGNS:
            text = text.replace(sign, "-")
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        if not _NUMBER.fullmatch(text):
            raise NumberError(f"{what}を数値で入力してください（「{value}」は数値ではありません）。")
        number = Decimal(text)
    else:
        # float included: binary fractions are not what people typed (0.1 is not 1/10).
        raise NumberError(f"{what}を数値で入力してください。")
    if not number.is_finite():
        raise NumberError(f"{what}に有限の数値を入力してください。")
    return _check_size(number, what)


def _check_size(number: Decimal, what: str) -> Decimal:
    """Refuse numbers too large or too fine to be a real measurement (they would break exactness)."""
    if number.is_zero():
        return Decimal(0)
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)
    integer_digits = len(digits) + exponent
    if integer_digits > MAX_INTEGER_DIGITS:
        raise NumberError(f"{what}が大きすぎます（整数部は{MAX_INTEGER_DIGITS}桁までです）。")
    if -exponent > MAX_DECIMAL_PLACES and number != number.quantize(Decimal(1).scaleb(-MAX_DECIMAL_PLACES)):
        raise NumberError(f"{what}の小数部は{MAX_DECIMAL_PLACES}桁までで入力してください。")
    return number


def non_negative(value: object, what: str) -> Decimal:
    """parse_decimal, then refuse values below zero."""
    number = parse_decimal(value, what)
    if number < 0:
        raise NumberError(f"{what}にマイナスの値は入力できません。")
    return number


def positive(value: object, what: str) -> Decimal:
    """parse_decimal, then refuse zero and values below it."""
    number = parse_decimal(value, what)
    if number <= 0:
        raise NumberError(f"{what}は0より大きい値を入力してください。")
    return number


def fraction_of_one(value: object, what: str) -> Decimal:
    """An efficiency or share: greater than 0 and at most 1."""
    number = positive(value, what)
    if number > 1:
        raise NumberError(f"{what}は0より大きく1以下の値（例：0.85）で入力してください。")
    return number


def mul(*values: Decimal) -> Decimal:
    """The exact product."""
    with localcontext(EXACT):
        result = Decimal(1)
        for value in values:
            result *= value
        return +result


def add(*values: Decimal) -> Decimal:
    """The exact sum."""
    with localcontext(EXACT):
        return +sum(values, Decimal(0))


def sub(a: Decimal, b: Decimal) -> Decimal:
    """The exact difference."""
    with localcontext(EXACT):
        return a - b


def divide(a: Decimal, b: Decimal) -> Decimal:
    """A quotient rounded to 28 significant digits (the only kind of rounding inside the engine)."""
    with localcontext(DERIVED):
        return a / b


def co2_per_unit(heat_gj_per_unit: Decimal, carbon_tc_per_gj: Decimal) -> Decimal:
    """t-CO2 per unit of fuel = heat (GJ/unit) × carbon (tC/GJ) × 44/12, to 28 significant digits."""
    return divide(mul(heat_gj_per_unit, carbon_tc_per_gj, CO2_PER_C[0]), CO2_PER_C[1])


def plain(value: Decimal) -> str:
    """The exact value without exponent or trailing zeros (「270.963」, 「0」, 「1200」)."""
    if value.is_zero():
        return "0"
    with localcontext(EXACT):  # normalize() rounds to the context's precision: give it all the digits
        return format(value.normalize(), "f")


def round_half_up(value: Decimal, step: Decimal = TENTH) -> Decimal:
    """Round to ``step`` as officers do (四捨五入, halves away from zero)."""
    with localcontext(EXACT) as context:
        context.traps[Inexact] = False
        return value.quantize(step, rounding=ROUND_HALF_UP)


def tonnes(value: Decimal) -> str:
    """A CO2 amount for display: 0.1 t with thousands separators (「1,234.5」)."""
    return f"{round_half_up(value):,}"


def grouped(value: Decimal) -> str:
    """An exact number for display with thousands separators and no trailing zeros."""
    text = plain(value)
    sign = "-" if text.startswith("-") else ""
    integer, _, fraction = text.lstrip("-").partition(".")
    return f"{sign}{int(integer):,}" + (f".{fraction}" if fraction else "")

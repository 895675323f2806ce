"""Form fields and model validators for yen amounts, 団体コード and 法人番号 (Django glue for junkan.jp),
and the fields that accept numbers and identifiers typed with full-width digits.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from junkan.jp.codes import CodeError, validate_corporate_number, validate_lg_code
from junkan.jp.money import MoneyError, format_yen, parse_yen


def _numeric_input_attrs(widget: forms.Widget, attrs: dict[str, Any]) -> dict[str, Any]:
    """Ask for a numeric keyboard on text inputs, unless the widget already chose an inputmode."""
    if isinstance(widget, forms.TextInput) and not widget.is_hidden and "inputmode" not in widget.attrs:
        attrs["inputmode"] = "numeric"
    return attrs


class YenField(forms.Field):
    """A yen amount typed as officers do (「1,234千円」, 「１２３万円」, 「¥12,345」); cleans to int."""

    widget = forms.TextInput

    def __init__(self, *, min_value: int | None = None, max_value: int | None = None, **kwargs: Any) -> None:
        """Accept optional inclusive bounds in yen, reported in yen to the user."""
        self.min_value = min_value
        self.max_value = max_value
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        """Add inputmode="numeric" to the text input."""
        return _numeric_input_attrs(widget, super().widget_attrs(widget))

    def to_python(self, value: Any) -> int | None:
        """Parse with parse_yen; blank input is None, errors carry the Japanese message."""
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_yen(value if isinstance(value, int) else str(value))
        except MoneyError as error:
            raise ValidationError(error.message, code=error.code) from error

    def validate(self, value: int | None) -> None:
        """Check required, then the optional bounds."""
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(f"{format_yen(self.min_value)}以上で入力してください。", code="min_value")
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(f"{format_yen(self.max_value)}以下で入力してください。", code="max_value")

    def prepare_value(self, value: Any) -> Any:
        """Show a stored int with thousands separators; typed text (e.g. after an error) is kept as is."""
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return value


class _CheckedCodeField(forms.CharField):
    """A code normalized and checked by a junkan.jp validator; cleans to the canonical ASCII digits."""

    def check(self, value: str) -> str:
        """Normalize and check ``value``; CodeError if it is wrong."""
        raise NotImplementedError

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        """Add inputmode="numeric" to the text input."""
        return _numeric_input_attrs(widget, super().widget_attrs(widget))

    def to_python(self, value: Any) -> str:
        """Normalize and check; blank input gives the field's empty value."""
        text: str = super().to_python(value)
        if text in self.empty_values:
            return text
        try:
            return self.check(text)
        except CodeError as error:
            raise ValidationError(error.message, code=error.code) from error


class LgCodeField(_CheckedCodeField):
    """全国地方公共団体コード: 6 digits with the JIS X 0402 check digit; full-width and hyphens accepted."""

    def check(self, value: str) -> str:
        """Check with validate_lg_code."""
        return validate_lg_code(value)


class CorporateNumberField(_CheckedCodeField):
    """法人番号: 13 digits with the leading check digit; full-width, spaces and hyphens accepted."""

    def check(self, value: str) -> str:
        """Check with validate_corporate_number."""
        return validate_corporate_number(value)


def _validate_stored(value: str, check: Callable[[str], str], label: str) -> None:
    """Raise ValidationError unless ``value`` is valid and already in canonical form."""
    try:
        canonical = check(value)
    except CodeError as error:
        raise ValidationError(error.message, code=error.code) from error
    if canonical != value:
        raise ValidationError(
            f"{label}は半角の数字のみで入力してください（「{canonical}」）。", code="not_normalized"
        )


def validate_lg_code_value(value: str) -> None:
    """Model validator: a canonical 6-digit 団体コード with a correct check digit."""
    _validate_stored(value, validate_lg_code, "団体コード")


def validate_corporate_number_value(value: str) -> None:
    """Model validator: a canonical 13-digit 法人番号 with a correct check digit."""
    _validate_stored(value, validate_corporate_number, "法人番号")


class TelInput(forms.TextInput):
    """A text input that brings up the telephone keypad."""

    input_type = "tel"


class NormalizedCharField(forms.CharField):
    """Full-width digits and letters become half-width (identifiers, phone numbers)."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return unicodedata.normalize("NFKC", text) if text else text


class FlexibleIntegerField(forms.IntegerField):
    """An integer typed as officers do: full-width digits and thousands separators are fine."""

    widget = forms.TextInput

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        return {**attrs, "inputmode": "numeric"}

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).replace(",", "").strip()
        return super().to_python(value)


class FlexibleDecimalField(forms.DecimalField):
    """A decimal typed as officers do: full-width digits and thousands separators are fine."""

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).replace(",", "").strip()
        return super().to_python(value)

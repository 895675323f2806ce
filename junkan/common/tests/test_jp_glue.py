"""Tests for the Django glue of junkan.jp: template filters, form fields and model validators."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template

from junkan.common.fields import (
    CorporateNumberField,
    LgCodeField,
    YenField,
    validate_corporate_number_value,
    validate_lg_code_value,
)
from junkan.common.templatetags import jp

# --- Template filters -------------------------------------------------------------------------------------


def render(source: str, **context: object) -> str:
    """Render a template snippet with the jp filters loaded."""
    return str(Template("{% load jp %}" + source).render(Context(context)))


def test_wareki_filters_in_a_template() -> None:
    assert render("{{ d|wareki }}", d=date(2019, 5, 1)) == "令和元年(2019年)5月1日"
    assert render("{{ d|wareki_short }}", d=date(2019, 4, 30)) == "平成31年4月30日"
    assert render("{{ d|wareki }}", d=None) == ""
    assert render("{{ missing|wareki }}") == ""


@pytest.mark.parametrize(
    ("value", "long", "short"),
    [
        (date(2019, 5, 1), "令和元年(2019年)5月1日", "令和元年5月1日"),
        (date(1989, 1, 7), "昭和64年(1989年)1月7日", "昭和64年1月7日"),
        # 15:00 UTC on April 30 is already May 1 in Japan.
        (datetime(2019, 4, 30, 15, 0, tzinfo=UTC), "令和元年(2019年)5月1日", "令和元年5月1日"),
        (datetime(2019, 4, 30, 14, 59, tzinfo=UTC), "平成31年(2019年)4月30日", "平成31年4月30日"),
        (datetime(2019, 5, 1, 9, 0), "令和元年(2019年)5月1日", "令和元年5月1日"),  # naive: taken as is
        (date(1868, 1, 24), "", ""),
        (None, "", ""),
        ("2019-05-01", "", ""),
    ],
)
def test_wareki_filters(value: object, long: str, short: str) -> None:
    assert jp.wareki(value) == long
    assert jp.wareki_short(value) == short


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (2019, "平成31年度"),
        (2020, "令和2年度"),
        (1989, "平成元年度"),
        (date(2020, 3, 31), "平成31年度"),
        (date(2020, 4, 1), "令和2年度"),
        (datetime(2020, 3, 31, 15, 0, tzinfo=UTC), "令和2年度"),
        (None, ""),
        (1867, ""),
        ("2019", ""),
    ],
)
def test_fiscal_year_label_filter(value: object, label: str) -> None:
    assert jp.fiscal_year_label(value) == label


@pytest.mark.parametrize(
    ("value", "yen", "sen_yen"),
    [
        (1234000, "1,234,000円", "1,234千円"),
        (1234567, "1,234,567円", "1,234千円"),
        (0, "0円", "0千円"),
        (-1000, "-1,000円", "-1千円"),
        (Decimal(5000), "5,000円", "5千円"),
        (Decimal("1.5"), "", ""),
        (1.5, "", ""),
        (True, "", ""),
        ("1000", "", ""),
        (None, "", ""),
    ],
)
def test_money_filters(value: object, yen: str, sen_yen: str) -> None:
    assert jp.yen(value) == yen
    assert jp.sen_yen(value) == sen_yen


def test_money_filters_in_a_template() -> None:
    assert render("{{ n|yen }} / {{ n|sen_yen }}", n=1234567) == "1,234,567円 / 1,234千円"
    assert render("{{ fy|fiscal_year_label }}", fy=2019) == "平成31年度"


# --- Form fields -----------------------------------------------------------------------------------------


class GrantForm(forms.Form):
    # Django's own widget templates, so that these tests do not depend on the project's form renderer.
    default_renderer = DjangoTemplates()

    amount = YenField(label="補助金額")
    ceiling = YenField(label="上限額", required=False, min_value=1000, max_value=10_000_000)
    lg_code = LgCodeField(label="団体コード", required=False)
    corporate_number = CorporateNumberField(label="法人番号", required=False)


def test_fields_clean_what_officers_type() -> None:
    form = GrantForm(
        data={
            "amount": "１２３万円",
            "ceiling": " 1,234千円 ",
            "lg_code": "１３１０１－６",
            "corporate_number": "7000-0120-50002",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "amount": 1_230_000,
        "ceiling": 1_234_000,
        "lg_code": "131016",
        "corporate_number": "7000012050002",
    }


def test_optional_fields_left_blank() -> None:
    form = GrantForm(data={"amount": "0", "ceiling": "\u3000", "lg_code": " ", "corporate_number": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"amount": 0, "ceiling": None, "lg_code": "", "corporate_number": ""}


def test_required_yen_field() -> None:
    form = GrantForm(data={"amount": "  "})
    assert not form.is_valid()
    assert form.errors.as_data()["amount"][0].code == "required"


@pytest.mark.parametrize(
    ("field", "typed", "message", "code"),
    [
        ("amount", "-1,000", "マイナスの金額は入力できません。", "negative"),
        ("amount", "1,23,4", "カンマの位置が正しくありません。3桁ごとに区切って入力してください。", "comma"),
        ("amount", "1.5", "1円未満の端数は入力できません。", "fraction"),
        ("amount", "1兆円", "金額が大きすぎます。1兆円未満で入力してください。", "too_large"),
        (
            "amount",
            "たくさん",
            "金額は数字で入力してください（例：12,345円、1,234千円、123万円）。",
            "invalid",
        ),
        ("ceiling", "999", "1,000円以上で入力してください。", "min_value"),
        ("ceiling", "1001万円", "10,000,000円以下で入力してください。", "max_value"),
        (
            "lg_code",
            "131011",
            "団体コード「131011」の検査数字が正しくありません（6桁目は6のはずです）。",
            "check_digit",
        ),
        (
            "lg_code",
            "13101",
            "団体コードは検査数字を含む6桁で入力してください（「13101」の場合は「131016」です）。",
            "length",
        ),
        (
            "corporate_number",
            "8000012050002",
            "法人番号「8000012050002」の検査数字が正しくありません（先頭の1桁は7のはずです）。",
            "check_digit",
        ),
    ],
)
def test_field_errors_in_japanese_keep_the_typed_value(
    field: str, typed: str, message: str, code: str
) -> None:
    form = GrantForm(data={"amount": "1000", field: typed})
    assert not form.is_valid()
    assert form.errors[field] == [message]
    assert form.errors.as_data()[field][0].code == code
    assert f'value="{typed}"' in str(form[field])


def test_numeric_input_mode() -> None:
    form = GrantForm()
    for name in ("amount", "lg_code", "corporate_number"):
        html = str(form[name])
        assert 'type="text"' in html
        assert 'inputmode="numeric"' in html


def test_explicit_inputmode_is_respected() -> None:
    field = YenField(widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    assert field.widget.attrs["inputmode"] == "decimal"


def test_initial_amount_is_shown_with_separators_and_is_unchanged() -> None:
    form = GrantForm(initial={"amount": 1_234_000})
    assert 'value="1,234,000"' in str(form["amount"])
    bound = GrantForm(data={"amount": "1,234千円"}, initial={"amount": 1_234_000})
    assert not bound["amount"].field.has_changed(1_234_000, "1,234千円")
    assert bound["amount"].field.has_changed(1_234_000, "1,235千円")


# --- Model validators ------------------------------------------------------------------------------------


def test_model_validators_accept_canonical_codes() -> None:
    validate_lg_code_value("131016")
    validate_lg_code_value("010006")
    validate_corporate_number_value("7000012050002")


@pytest.mark.parametrize(
    ("validator", "value", "message", "code"),
    [
        (
            validate_lg_code_value,
            "131011",
            "団体コード「131011」の検査数字が正しくありません（6桁目は6のはずです）。",
            "check_digit",
        ),
        (
            validate_lg_code_value,
            "１３１０１６",
            "団体コードは半角の数字のみで入力してください（「131016」）。",
            "not_normalized",
        ),
        (
            validate_lg_code_value,
            "13101-6",
            "団体コードは半角の数字のみで入力してください（「131016」）。",
            "not_normalized",
        ),
        (
            validate_corporate_number_value,
            "7000012050003",
            "法人番号「7000012050003」の検査数字が正しくありません（先頭の1桁は6のはずです）。",
            "check_digit",
        ),
        (
            validate_corporate_number_value,
            "7000 0120 50002",
            "法人番号は半角の数字のみで入力してください（「7000012050002」）。",
            "not_normalized",
        ),
    ],
)
def test_model_validators_reject(validator: object, value: str, message: str, code: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validator(value)  # type: ignore[operator]
    assert excinfo.value.messages == [message]
    assert excinfo.value.code == code

"""Forms of the money area: 額の確定, payment request and record, cancellation, return orders, repayments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.common.fields import YenField
from junkan.grants.forms.calculator import DateInput
from junkan.grants.services.money import YearAdjustment
from junkan.jp.dates import fiscal_year_label

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    """A date with the browser's picker, read as 2020-04-01 or 2020/04/01."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _("日付を入力してください。"),
            "invalid": _("「2020-04-01」の形式で、実在する日付を入力してください。"),
        },
    )


class DetermineForm(forms.Form):
    """額の確定: the date, and per decided year the figures the report does not give (both optional)."""

    determined_on = date_field(_("額の確定日"))

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = sorted(years)
        for year in self.years:
            label = fiscal_year_label(year)
            self.fields[f"other_income_{year}"] = YenField(
                label=_("%(year)s：(2)寄付金その他の収入") % {"year": label},
                required=False,
                min_value=0,
                help_text=_("ない場合は空欄のままにしてください（0円として計算します）。"),
            )
            self.fields[f"consumption_tax_equivalent_{year}"] = YenField(
                label=_("%(year)s：消費税等相当額（減額する額）") % {"year": label},
                required=False,
                min_value=0,
                help_text=_("仕入控除税額に補助率を乗じた額です。明らかでない場合は空欄にしてください。"),
            )

    def year_fields(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        """Each year's two inputs, for a fieldset per year."""
        return [
            (year, self[f"other_income_{year}"], self[f"consumption_tax_equivalent_{year}"])
            for year in self.years
        ]

    def adjustments(self) -> dict[int, YearAdjustment]:
        """The per-year figures as the service takes them."""
        data = self.cleaned_data
        return {
            year: YearAdjustment(
                other_income=data.get(f"other_income_{year}") or 0,
                consumption_tax_equivalent=data.get(f"consumption_tax_equivalent_{year}"),
            )
            for year in self.years
        }


class PaymentRequestForm(forms.Form):
    requested_on = date_field(_("精算払請求日"), help_text=_("精算払請求書を提出する日です。"))


class PaymentRecordForm(forms.Form):
    paid_on = date_field(_("支払日"))
    amount = YenField(
        label=_("支払額"),
        min_value=1,
        help_text=_("精算払のため、確定額の全額です。"),
        error_messages={"required": _("支払額を入力してください。")},
    )


class CancelForm(forms.Form):
    cancelled_on = date_field(_("交付決定の解除日"))
    reason = forms.CharField(
        label=_("解除の理由"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text=_("補助事業者に通知する理由です（交付規程の該当条項を含めて記載してください）。"),
        error_messages={"required": _("解除の理由を入力してください。")},
    )


class ReturnOrderForm(forms.Form):
    number = forms.CharField(label=_("文書番号"), required=False, max_length=60)
    ordered_on = date_field(_("命令日"))
    principal = YenField(
        label=_("返還を命ずる補助金の額"),
        min_value=1,
        error_messages={"required": _("返還を命ずる補助金の額を入力してください。")},
    )
    received_on = date_field(
        _("補助金の受領日"),
        required=False,
        help_text=_("加算金はこの日から数えます。空欄のときは支払日とします。"),
    )
    pay_by = date_field(_("納期限"))
    reason = forms.CharField(
        label=_("返還の理由"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": _("返還の理由を入力してください。")},
    )


class RepaymentForm(forms.Form):
    paid_on = date_field(_("納付日"))
    amount = YenField(
        label=_("納付額"),
        min_value=1,
        help_text=_("納付額は、まず返還を命じた補助金の額に充て、その全額の納付の後に加算金に充てます。"),
        error_messages={"required": _("納付額を入力してください。")},
    )

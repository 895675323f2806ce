"""Filters of the public lists and the inquiry form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.municipalities.models import Municipality, MunicipalityKind
from junkan.support.models import FundingKind, Ministry, OrganizationKind, SupportField


def _field_choice() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("分野"), required=False, queryset=SupportField.objects.all(), empty_label=_("すべて")
    )


class ExpertFilterForm(forms.Form):
    field = _field_choice()
    prefecture = forms.ModelChoiceField(
        label=_("対応地域（都道府県）"),
        required=False,
        queryset=Municipality.objects.filter(kind=MunicipalityKind.PREFECTURE),
        empty_label=_("すべて"),
        help_text=_("全国に対応する専門家も表示します。"),
    )


class OrganizationFilterForm(forms.Form):
    field = _field_choice()
    kind = forms.ChoiceField(
        label=_("種類"), required=False, choices=[("", _("すべて")), *OrganizationKind.choices]
    )


class MeasureFilterForm(forms.Form):
    ministry = forms.ModelChoiceField(
        label=_("府省庁"), required=False, queryset=Ministry.objects.all(), empty_label=_("すべて")
    )
    field = _field_choice()
    open_only = forms.BooleanField(label=_("受付中のものだけ表示する"), required=False)


class FundingFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("種類"), required=False, choices=[("", _("すべて")), *FundingKind.choices]
    )


class InquiryForm(forms.Form):
    organization_name = forms.CharField(
        label=_("所属（団体名）"),
        max_length=200,
        help_text=_("例：長野県飯田市 環境課、株式会社〇〇"),
    )
    message = forms.CharField(
        label=_("相談内容"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "地域の状況、相談したいこと、希望する時期などを書いてください。事務局から専門家に取り次ぎます。"
        ),
    )

"""The secretariat's form of a post-evaluation (事後評価)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.common.fields import FlexibleDecimalField
from junkan.grants.forms.money import date_field
from junkan.grants.models import PostEvaluationRating
from junkan.regional.models import BusinessPlan


class PostEvaluationForm(forms.Form):
    evaluated_on = date_field(_("評価日"))
    rating = forms.ChoiceField(
        label=_("総合評価"),
        choices=PostEvaluationRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("総合評価を選んでください。")},
    )
    evaluation = forms.CharField(
        label=_("評価の内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": _("評価の内容を入力してください。")},
    )
    actual_t_co2 = FlexibleDecimalField(
        label=_("評価時点のCO2削減量（t-CO2/年）"),
        required=False,
        min_value=Decimal(0),
        max_digits=16,
        decimal_places=3,
        help_text=_("実績報告書の削減量に対する達成率を計算します。"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    feedback_to_plan = forms.CharField(
        label=_("今後の計画への反映"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text=_("評価の結果を地域の計画にどう反映するか（公募要領 9.(4)イ）。"),
    )
    business_plan = forms.ModelChoiceField(
        label=_("反映する地域の事業計画"),
        queryset=BusinessPlan.objects.none(),
        required=False,
        empty_label=_("（なし）"),
    )
    ministry_note = forms.CharField(
        label=_("環境省の分析への提供事項"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text=_("事業の成果の分析のため環境省に伝える事項（メモ）。"),
    )

    def __init__(self, *args: Any, plans: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["business_plan"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = plans if plans is not None else BusinessPlan.objects.none()
        if not field.queryset.exists():
            field.help_text = _("この補助事業者の地域には、プラットフォーム上の事業計画がありません。")

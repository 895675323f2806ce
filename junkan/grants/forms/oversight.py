"""Forms of the oversight page: conditions of adoption, site inspections, the judgement on further support."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.grants.forms.award import _date_field, _textarea


class ConditionForm(forms.Form):
    text = forms.CharField(
        label=_("条件の内容"),
        widget=_textarea(3),
        max_length=2000,
        help_text=_("審査委員会の意見や事務局が付した条件を、達成を確認できる形で書いてください。"),
    )
    due_on = _date_field(_("達成の期限（任意）"), required=False)


class ConditionMetForm(forms.Form):
    met_on = _date_field(_("達成日"))
    evidence = forms.CharField(
        label=_("達成を確認した根拠"),
        widget=_textarea(2),
        max_length=2000,
        help_text=_("確認した書類・報告・現地調査など"),
    )


class InspectionForm(forms.Form):
    planned_on = _date_field(_("実施予定日"))
    place = forms.CharField(label=_("場所"), max_length=200)
    inspectors = forms.CharField(
        label=_("調査員"), max_length=300, help_text=_("氏名と所属（例：事務局 山田、環境省 佐藤）")
    )
    purpose = forms.CharField(
        label=_("調査の目的・確認する事項（任意）"), widget=_textarea(3), required=False
    )


class InspectionDoneForm(forms.Form):
    done_on = _date_field(_("実施日"))
    findings = forms.CharField(
        label=_("調査の結果（所見）"),
        widget=_textarea(5),
        max_length=5000,
        help_text=_("実施の記録の後、補助事業者も読むことができます。"),
    )


class InspectionCloseForm(forms.Form):
    note = forms.CharField(
        label=_("完了の記録（任意）"), widget=_textarea(2), required=False, max_length=2000
    )


class InspectionFileForm(forms.Form):
    file = forms.FileField(
        label=_("現地調査の資料"),
        help_text=_("PDF・Office文書・画像（写真）。内容を確認してから保存します。"),
    )


class SupportJudgementForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("継続審査の対象年度"), coerce=int)
    needed = forms.TypedChoiceField(
        label=_("更なる支援の要否"),
        choices=[("yes", _("更なる支援が必要")), ("no", _("更なる支援は不要"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("判断の理由"), widget=_textarea(3), max_length=3000)
    case = forms.ModelChoiceField(
        label=_("支援する環境整備の支援案件（必要な場合）"),
        queryset=None,
        required=False,
        empty_label=_("（選ばない）"),
    )

    def __init__(self, *args: Any, years: list[tuple[int, str]], cases: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = years  # type: ignore[attr-defined]
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]

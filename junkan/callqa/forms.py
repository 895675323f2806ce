from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.programs.models import ProjectType


class AskForm(forms.Form):
    project_type = forms.ModelChoiceField(
        label=_("どの事業についての質問か"),
        queryset=ProjectType.objects.none(),
        required=False,
        empty_label=_("公募全体について"),
    )
    organization_name = forms.CharField(label=_("所属（団体名）"), max_length=200)
    body = forms.CharField(
        label=_("質問"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("回答は、質問者が特定されない形に書き直して、公募のページに公開することがあります。"),
    )

    def __init__(self, *args: Any, program: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project_type"].queryset = program.project_types.all()  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    public_question = forms.CharField(
        label=_("公開する質問文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("質問者の名前・所属・地域が分からないように書き直してください。"),
    )
    answer = forms.CharField(label=_("回答"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    confirmed = forms.BooleanField(
        label=_("公募のページに掲載することを確認しました（公開するときのみ）"), required=False
    )

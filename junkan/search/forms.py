"""The search form (GET): the words, and filters by kind, prefecture, local resource and SDG goal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.cases.forms import prefecture_choices
from junkan.registry.models import LocalResource, SdgGoal
from junkan.search.models import DocumentKind


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("キーワード"),
        required=False,
        max_length=200,
        help_text=_("例：木質バイオマス、里山の保全、地域新電力。複数の語は空白で区切ります。"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("種類"), required=False, choices=[("", _("すべて")), *DocumentKind.choices]
    )
    prefecture = forms.ChoiceField(label=_("都道府県"), required=False)
    resource = forms.ModelChoiceField(
        label=_("地域資源"),
        required=False,
        queryset=LocalResource.objects.all(),
        to_field_name="code",
        empty_label=_("すべて"),
    )
    goal = forms.ModelChoiceField(
        label=_("SDGsゴール"),
        required=False,
        queryset=SdgGoal.objects.all(),
        to_field_name="number",
        empty_label=_("すべて"),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["prefecture"].choices = prefecture_choices()  # type: ignore[attr-defined]

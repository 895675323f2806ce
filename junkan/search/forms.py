"""The search form (GET): the words, and filters by kind, prefecture, local resource and SDG goal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.cases.forms import PrefectureFilterForm, code_filter
from junkan.registry.models import LocalResource, SdgGoal
from junkan.search.models import DocumentKind


class SearchForm(PrefectureFilterForm):
    field_order = ["q", "kind", "prefecture", "resource", "goal"]

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
    resource = code_filter(_("地域資源"), LocalResource.objects.all(), "code")
    goal = code_filter(_("SDGsゴール"), SdgGoal.objects.all(), "number")

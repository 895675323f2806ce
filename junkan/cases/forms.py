"""The public filters of the case-study list."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.cases.models import CaseTheme
from junkan.municipalities.models import Municipality, MunicipalityKind
from junkan.registry.models import LocalResource, SdgGoal


def prefecture_choices() -> list[tuple[str, str]]:
    """(two-digit prefecture number, name) for the 47 prefectures, with an "all" choice first."""
    rows = Municipality.objects.filter(kind=MunicipalityKind.PREFECTURE).order_by("code")
    return [("", _("すべて")), *((m.code[:2], m.name) for m in rows.only("code", "name"))]


class CaseFilterForm(forms.Form):
    """GET filters; every field optional. Values are codes so that the addresses read well."""

    prefecture = forms.ChoiceField(label=_("都道府県"), required=False)
    resource = forms.ModelChoiceField(
        label=_("地域資源"),
        required=False,
        queryset=LocalResource.objects.all(),
        to_field_name="code",
        empty_label=_("すべて"),
    )
    theme = forms.ModelChoiceField(
        label=_("テーマ"),
        required=False,
        queryset=CaseTheme.objects.all(),
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

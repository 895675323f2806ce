"""The public filters of the case-study list, and the filter fields the site search shares with it."""

from __future__ import annotations

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from junkan.cases.models import CaseTheme
from junkan.common.widgets import FastSelect
from junkan.localbiz.models import Criterion
from junkan.municipalities.models import Municipality, MunicipalityKind
from junkan.registry.models import LocalResource, SdgGoal


def prefecture_choices() -> list[tuple[str, str]]:
    """(two-digit prefecture number, name) for the 47 prefectures, with an "all" choice first."""
    rows = Municipality.objects.filter(kind=MunicipalityKind.PREFECTURE).order_by("code")
    return [("", _("すべて")), *((m.code[:2], m.name) for m in rows.only("code", "name"))]


def code_filter(label: str, queryset: QuerySet[Model], to_field_name: str) -> forms.ModelChoiceField:
    """An optional filter on a master list, by its code (so the address reads well), "all" when empty."""
    return forms.ModelChoiceField(
        label=label,
        required=False,
        queryset=queryset,
        to_field_name=to_field_name,
        empty_label=_("すべて"),
        widget=FastSelect,
    )


class PrefectureFilterForm(forms.Form):
    """A GET filter form with a ``prefecture`` field, whose 47 choices are read when the form is made."""

    prefecture = forms.ChoiceField(label=_("都道府県"), required=False, widget=FastSelect)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["prefecture"].choices = prefecture_choices()  # type: ignore[attr-defined]


class CaseFilterForm(PrefectureFilterForm):
    """GET filters; every field optional. Values are codes so that the addresses read well."""

    resource = code_filter(_("地域資源"), LocalResource.objects.all(), "code")
    theme = code_filter(_("テーマ"), CaseTheme.objects.all(), "code")
    goal = code_filter(_("SDGsゴール"), SdgGoal.objects.all(), "number")
    # 「ローカルSDGsビジネス」 criteria confirmed by the secretariat (junkan.localbiz).
    localbiz = forms.TypedChoiceField(
        label=_("ローカルSDGsビジネスの要件（事務局確認済み）"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("指定しない")), *Criterion.choices],
    )

"""Forms of the registry app. Municipalities are typed by name or code, one or more per field."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from junkan.localbiz.models import Criterion
from junkan.municipalities.models import Municipality
from junkan.organizations.forms import resolve_municipality
from junkan.registry.models import (
    CompanyRegistration,
    Industry,
    LocalResource,
    RegionRegistration,
    SdgGoal,
    Solution,
)

SEPARATORS = re.compile(r"[\n、,，]+")


class MunicipalityListField(forms.CharField):
    """Names or 6-digit codes separated by 「、」 or new lines; cleans to a list of Municipality."""

    widget = forms.Textarea(attrs={"rows": 2})

    def clean(self, value: Any) -> list[Municipality]:
        text = super().clean(value)
        found: list[Municipality] = []
        errors: list[forms.ValidationError] = []
        for part in SEPARATORS.split(text or ""):
            if not part.strip():
                continue
            try:
                municipality = resolve_municipality(part)
            except forms.ValidationError as error:
                errors.append(error)
            else:
                if municipality not in found:
                    found.append(municipality)
        if errors:
            raise forms.ValidationError(errors)
        if self.required and not found:
            raise forms.ValidationError(self.error_messages["required"])
        return found


def municipality_text(municipalities: Any) -> str:
    return "、".join(m.full_name for m in municipalities)


class GoalsAndResourcesMixin:
    def _vocabularies(self) -> None:
        self.fields["resources"].queryset = LocalResource.objects.all()  # type: ignore[attr-defined]
        self.fields["sdg_goals"].queryset = SdgGoal.objects.all()  # type: ignore[attr-defined]


VOCABULARY_WIDGETS = {
    "resources": forms.CheckboxSelectMultiple,
    "sdg_goals": forms.CheckboxSelectMultiple,
}


class RegionForm(GoalsAndResourcesMixin, forms.ModelForm):
    municipalities_text = MunicipalityListField(
        label=_("対象地域"),
        help_text=_("市区町村名（都道府県名から）または団体コード。複数のときは「、」で区切ります。"),
    )
    partner_text = forms.CharField(
        label=_("参画する地方公共団体"),
        required=False,
        help_text=_("地方公共団体以外の団体が登録するときに、共同で登録する地方公共団体を入力します。"),
    )

    class Meta:
        model = RegionRegistration
        fields = [
            "name",
            "resources",
            "resources_note",
            "challenges",
            "sdg_goals",
            "desired_future",
            "backcasting",
            "stakeholders",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {**VOCABULARY_WIDGETS}

    field_order = ["name", "municipalities_text", "partner_text"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._vocabularies()
        if self.instance.pk:
            self.fields["municipalities_text"].initial = municipality_text(self.instance.municipalities.all())
            if self.instance.partner_government:
                self.fields["partner_text"].initial = self.instance.partner_government.full_name

    def clean_partner_text(self) -> Municipality | None:
        text = self.cleaned_data["partner_text"].strip()
        return resolve_municipality(text) if text else None

    def service_data(self) -> tuple[dict[str, Any], dict[str, Any]]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name not in VOCABULARY_WIDGETS}
        data["partner_government"] = self.cleaned_data["partner_text"]
        m2m = {
            "municipalities": self.cleaned_data["municipalities_text"],
            "resources": self.cleaned_data["resources"],
            "sdg_goals": self.cleaned_data["sdg_goals"],
        }
        return data, m2m


class IndustryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Industry) -> str:
        return f"{obj.parent.code} {obj.parent.name} ／ {obj.code} {obj.name}"  # type: ignore[union-attr]


class CompanyForm(forms.ModelForm):
    industry = IndustryChoiceField(
        label=_("業種（日本標準産業分類）"),
        queryset=Industry.objects.filter(parent__isnull=False).select_related("parent"),
        empty_label=_("選択してください"),
    )

    class Meta:
        model = CompanyRegistration
        fields = [
            "summary",
            "industry",
            "agreed_to_purpose",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        help_texts = {
            "agreed_to_purpose": _(
                "地域資源を活用し、地域の課題解決とSDGs経営の実現を目指すローカルSDGsの趣旨・目的に賛同します。"
                "申請に必要です。"
            )
        }

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SolutionForm(GoalsAndResourcesMixin, forms.ModelForm):
    regions_text = MunicipalityListField(
        label=_("対応地域"),
        required=False,
        help_text=_("都道府県名・市区町村名または団体コード。複数のときは「、」で区切ります。"),
    )

    class Meta:
        model = Solution
        fields = ["title", "description", "fields", "resources", "sdg_goals", "track_record"]
        widgets = {**VOCABULARY_WIDGETS}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._vocabularies()
        if self.instance.pk:
            self.fields["regions_text"].initial = municipality_text(self.instance.regions_served.all())

    def service_data(self) -> tuple[dict[str, Any], dict[str, Any]]:
        data = {name: self.cleaned_data[name] for name in ("title", "description", "fields", "track_record")}
        m2m = {
            "resources": self.cleaned_data["resources"],
            "sdg_goals": self.cleaned_data["sdg_goals"],
            "regions_served": self.cleaned_data["regions_text"],
        }
        return data, m2m


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class DirectoryFilterForm(forms.Form):
    """GET filters of the public directories; every field optional."""

    prefecture = forms.ModelChoiceField(
        label=_("都道府県"), required=False, queryset=Municipality.objects.filter(kind="prefecture")
    )
    resource = forms.ModelChoiceField(
        label=_("地域資源"), required=False, queryset=LocalResource.objects.all()
    )
    goal = forms.ModelChoiceField(label=_("SDGsゴール"), required=False, queryset=SdgGoal.objects.all())
    industry = forms.ModelChoiceField(
        label=_("業種（大分類）"), required=False, queryset=Industry.objects.filter(parent__isnull=True)
    )
    # 「ローカルSDGsビジネス」 criteria confirmed by the secretariat (junkan.localbiz).
    localbiz = forms.TypedChoiceField(
        label=_("ローカルSDGsビジネスの要件（事務局確認済み）"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("指定しない")), *Criterion.choices],
    )

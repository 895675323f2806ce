"""Forms of the organizations app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from junkan.common.fields import CorporateNumberField
from junkan.jp.codes import CodeError, validate_lg_code
from junkan.jp.text import normalize_code
from junkan.municipalities.models import Municipality, MunicipalityKind
from junkan.organizations.models import MembershipRole, Organization


def resolve_municipality(text: str) -> Municipality:
    """Find one municipality from what an officer types: a 6-digit code or a (full) name."""
    text = text.strip()
    candidate = normalize_code(text)
    if candidate.isdigit():
        try:
            code = validate_lg_code(candidate)
        except CodeError as error:
            raise forms.ValidationError(str(error)) from None
        found = Municipality.objects.filter(code=code).first()
        if found is None:
            raise forms.ValidationError(_("団体コード「%(code)s」の団体は見つかりません。") % {"code": code})
        return found
    matches = list(
        Municipality.objects.filter(Q(full_name=text) | Q(name=text)).exclude(
            kind=MunicipalityKind.DESIGNATED_CITY_WARD
        )[:6]
    )
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise forms.ValidationError(
            _(
                "「%(text)s」に当てはまる団体が見つかりません。都道府県名から入力するか、団体コードで指定してください。"
            )
            % {"text": text}
        )
    listing = "、".join(f"{m.full_name}（{m.code}）" for m in matches[:5])
    raise forms.ValidationError(
        _(
            "「%(text)s」に当てはまる団体が複数あります：%(list)s。団体コードまたは都道府県名から指定してください。"
        )
        % {"text": text, "list": listing}
    )


class OrganizationForm(forms.ModelForm):
    corporate_number = CorporateNumberField(
        label=_("法人番号"), required=False, help_text=_("13桁。地方公共団体は入力不要です。")
    )
    municipality_text = forms.CharField(
        label=_("地方公共団体"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                # htmx: suggestions appear below the input as the officer types (a polite live region).
                "hx-get": reverse_lazy("municipalities:suggest"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#municipality-suggestions",
                "autocomplete": "off",
            }
        ),
        help_text=_(
            "地方公共団体・一部事務組合・広域連合の場合に、団体コード（6桁）または名称を入力してください。"
            "例：131016 または 東京都千代田区"
        ),
    )

    class Meta:
        model = Organization
        fields = [
            "kind",
            "name",
            "name_kana",
            "corporate_number",
            "postal_code",
            "address",
            "phone",
            "website",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The kind and the municipality identify the organization; they do not change after registration.
            del self.fields["kind"]
            del self.fields["municipality_text"]
        self.order_fields(["kind", "municipality_text", "name"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "municipality_text" in self.fields and cleaned.get("municipality_text"):
            try:
                self.instance.municipality = resolve_municipality(cleaned["municipality_text"])
            except forms.ValidationError as error:
                self.add_error("municipality_text", error)
        return cleaned

    def _update_errors(self, errors: ValidationError) -> None:
        # Model.clean reports municipality problems on "municipality"; show them on the input field.
        if hasattr(errors, "error_dict") and "municipality" in errors.error_dict:
            model_errors = errors.error_dict.pop("municipality")
            target = "municipality_text" if "municipality_text" in self.fields else NON_FIELD_ERRORS
            if target not in self.errors:  # the input's own message already says what is wrong
                errors.error_dict.setdefault(target, []).extend(model_errors)
        super()._update_errors(errors)

    def to_service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}  # type: ignore[union-attr]
        if "municipality_text" in self.fields:
            data["municipality"] = self.instance.municipality if self.instance.municipality_id else None
        return data


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("招待する方のメールアドレス"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    role = forms.ChoiceField(
        label=_("組織での役割"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("組織での役割"), choices=MembershipRole.choices)

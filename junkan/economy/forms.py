"""Forms of the economy pages: an account by hand, file imports, and the ripple calculator."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from junkan.common import uploads
from junkan.economy.models import IOTable, MoneyUnit, RegionalAccount, Visibility
from junkan.organizations.models import Organization

MAX_FILE_BYTES = 5 * 1024 * 1024


class AmountField(forms.DecimalField):
    """A number typed as officers do: full-width digits, thousands separators, △ for minus."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 20)
        kwargs.setdefault("decimal_places", 3)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        return {**attrs, "inputmode": "decimal"}

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).replace(",", "").replace("△", "-").replace("▲", "-")
            value = value.strip()
        return super().to_python(value)


def organization_field(user: Any, organizations: Any, *, allow_none: bool) -> forms.ModelChoiceField:
    """The organization the data belongs to (none: the secretariat's reference data)."""
    return forms.ModelChoiceField(
        queryset=organizations,
        required=not allow_none,
        label=_("組織"),
        empty_label=_("（組織なし：事務局の参考データ）") if allow_none else None,
    )


class VisibilityMixin(forms.Form):
    visibility = forms.ChoiceField(
        label=_("公開範囲"),
        choices=Visibility.choices,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
        help_text=_("非公開のデータは、組織のメンバーと事務局だけが見られます。"),
    )


class AccountForm(VisibilityMixin):
    """地域経済循環データ: the region, the year, the unit and the three sides."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("組織"))
    area_name = forms.CharField(label=_("地域名"), max_length=200, help_text=_("例：長野県飯田市"))
    municipality_code = forms.CharField(
        label=_("団体コード"),
        max_length=6,
        required=False,
        help_text=_(
            "地方公共団体コード（6桁、または検査数字を除く5桁）。地域が市区町村・都道府県のときに入力します。"
        ),
    )
    data_year = forms.IntegerField(
        label=_("データ年"), min_value=1955, max_value=2100, help_text=_("例：2018")
    )
    unit = forms.ChoiceField(label=_("金額の単位"), choices=MoneyUnit.choices, initial=MoneyUnit.OKU)
    population = forms.IntegerField(label=_("人口"), min_value=1, required=False)
    production = AmountField(label=_("生産（付加価値額）"), required=True)
    distribution = AmountField(label=_("分配（所得）"), required=True)
    income_employee = AmountField(
        label=_("雇用者所得の純流入"), help_text=_("流出のときはマイナスで入力します。")
    )
    income_other = AmountField(
        label=_("その他所得の純流入"), help_text=_("流出のときはマイナスで入力します。")
    )
    outflow_consumption = AmountField(
        label=_("民間消費額の純流出"), help_text=_("流入のときはマイナスで入力します。")
    )
    outflow_investment = AmountField(
        label=_("民間投資額の純流出"), help_text=_("流入のときはマイナスで入力します。")
    )
    outflow_other = AmountField(
        label=_("その他支出の純流出"), help_text=_("流入のときはマイナスで入力します。")
    )
    energy_coal_oil_gas = AmountField(label=_("エネルギー代金の純流出：石炭・原油・天然ガス"))
    energy_petroleum_products = AmountField(label=_("エネルギー代金の純流出：石油・石炭製品"))
    energy_electricity = AmountField(label=_("エネルギー代金の純流出：電気"))
    energy_gas_heat = AmountField(label=_("エネルギー代金の純流出：ガス・熱供給"))
    source = forms.CharField(label=_("出典"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["organization", "area_name", "municipality_code", "data_year", "unit", "population"]

    def __init__(self, *args: Any, organizations: Any, allow_none: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = organization_field(None, organizations, allow_none=allow_none)

    def clean_municipality_code(self) -> str:
        return unicodedata.normalize("NFKC", self.cleaned_data.get("municipality_code") or "").strip()


class IndustryForm(forms.Form):
    name = forms.CharField(label=_("産業"), max_length=100, required=False)
    value_added = AmountField(label=_("付加価値額"))
    national_value_added = AmountField(label=_("全国の付加価値額"), max_digits=22)
    exports = AmountField(label=_("移輸出"))
    imports = AmountField(label=_("移輸入"))
    employees = AmountField(label=_("従業者数"), max_digits=12, decimal_places=1)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = any(data.get(k) not in (None, "") for k in self.fields)
        if filled and not data.get("name"):
            self.add_error("name", _("産業の名称を入力してください。"))
        if filled and data.get("value_added") is None:
            self.add_error("value_added", _("付加価値額を入力してください。"))
        return data


IndustryFormSet = forms.formset_factory(IndustryForm, extra=3, max_num=100, validate_max=True)


def industry_rows(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The filled rows of the industry formset, in order."""
    return [
        form.cleaned_data for form in formset.forms if form.cleaned_data and form.cleaned_data.get("name")
    ]


def account_initial(account: RegionalAccount) -> dict[str, Any]:
    """A stored account as the form's initial values."""
    names = [name for name in AccountForm.base_fields if name not in {"organization", "municipality_code"}]
    initial = {name: getattr(account, name) for name in names}
    initial["organization"] = account.organization_id
    initial["municipality_code"] = account.municipality.code if account.municipality else ""
    return initial


class UploadForm(VisibilityMixin):
    """A file to import, with the organization it belongs to."""

    organization = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("組織"))
    file = forms.FileField(label=_("ファイル"))

    extensions: tuple[str, ...] = (".csv", ".xlsx")

    def __init__(self, *args: Any, organizations: Any, allow_none: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = organization_field(None, organizations, allow_none=allow_none)
        self.fields["file"].help_text = _("%(kinds)s、5MBまで。") % {"kinds": "・".join(self.extensions)}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(self.extensions):
            raise ValidationError(
                _("%(kinds)s のファイルを選んでください。") % {"kinds": "・".join(self.extensions)}
            )
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(_("ファイルが大きすぎます（5MBまで）。"))
        if upload.name.lower().endswith(".xlsx"):
            # The workbook's structure is checked (no zip bomb, no macros) before openpyxl reads it.
            try:
                kind = uploads.identify(upload)
            except uploads.UploadRejected as error:
                raise ValidationError(str(error)) from None
            if kind != uploads.XLSX:
                raise ValidationError(_("Excel（xlsx）のファイルを選んでください。"))
        return upload


class TableUploadForm(UploadForm):
    extensions = (".xlsx",)


class TableChoiceForm(forms.Form):
    """Which table to compute with (GET)."""

    table = forms.ModelChoiceField(
        queryset=IOTable.objects.none(), label=_("産業連関表"), to_field_name="public_id", empty_label=None
    )

    def __init__(self, *args: Any, tables: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = tables


class DemandForm(forms.Form):
    """The final-demand change per sector of the chosen table, in the table's unit."""

    def __init__(self, *args: Any, table: IOTable, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit = MoneyUnit(table.unit).label
        # How the demand was made (from a 様式3), carried to the save form.
        self.fields["source_note"] = forms.CharField(
            widget=forms.HiddenInput, required=False, max_length=2000
        )
        for index, name in enumerate(table.sectors):
            self.fields[f"demand_{index}"] = AmountField(
                label=f"{name}（{unit}）", max_digits=20, decimal_places=6, initial=None
            )

    def demand(self) -> list[float]:
        return [float(self.cleaned_data.get(name) or 0) for name in self.fields if name.startswith("demand_")]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not any(data.get(name) for name in self.fields if name.startswith("demand_")):
            raise ValidationError(_("少なくとも1つの部門に最終需要の増加額を入力してください。"))
        return data


class CostMappingForm(forms.Form):
    """Each 様式3 cost line assigned to a sector of the table (or left out of the region's demand)."""

    def __init__(self, *args: Any, lines: list[dict[str, Any]], sectors: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("（含めない）"))] + [(str(i), name) for i, name in enumerate(sectors)]
        for index, line in enumerate(lines):
            self.fields[f"line_{index}"] = forms.ChoiceField(
                label=f"{line['label']}（{line['amount']:,}円）",
                choices=choices,
                required=False,
                initial=line.get("guess", ""),
            )
        self.lines = lines

    def assignments(self) -> list[tuple[int, int]]:
        result = []
        for index, line in enumerate(self.lines):
            chosen = self.cleaned_data.get(f"line_{index}")
            if chosen not in (None, ""):
                result.append((int(chosen), int(line["amount"])))
        return result


class SaveAnalysisForm(VisibilityMixin):
    title = forms.CharField(label=_("件名"), max_length=200)
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(), label=_("組織"), empty_label=None
    )
    account = forms.ModelChoiceField(
        queryset=RegionalAccount.objects.none(),
        label=_("あわせて示す地域経済循環データ"),
        required=False,
        to_field_name="public_id",
        empty_label=_("（なし）"),
    )
    demand_note = forms.CharField(
        label=_("需要の根拠"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例：様式3の工事費を建設部門、設備費を製造業部門に計上"),
    )

    def __init__(self, *args: Any, organizations: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["account"].queryset = accounts

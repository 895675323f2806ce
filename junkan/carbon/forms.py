"""The calculator as server-rendered forms: settings, four activity formsets (C, D, A, B) and extras.

The forms only collect what people type; ``calculator_data`` turns it into the engine's input dict
(the same shape as the API's), and the engine's errors are put back on the field they are about.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.translation import gettext_lazy as _

from junkan.carbon import engine, services
from junkan.carbon.engine import split
from junkan.carbon.engine.numbers import NumberError, non_negative
from junkan.carbon.models import FactorKind, FuelFactor, SupplierFactor
from junkan.common import cache
from junkan.common.fields import YenField
from junkan.common.forms import FastFormSet
from junkan.common.widgets import FastSelect

PARTS = (
    ("c", engine.Part.BASELINE_PROCESS),
    ("d", engine.Part.BASELINE_SUBSTITUTION),
    ("a", engine.Part.PROJECT_PROCESS),
    ("b", engine.Part.PROJECT_SUBSTITUTION),
)
PREFIX_OF = {part: prefix for prefix, part in PARTS}
PART_OF = dict(PARTS)
ROWS_PER_PART = 1  # one blank line per part; more are added one at a time (htmx, or a plain POST)
ROWS_ADDED = 1
MAX_ROWS = 50
HUNDRED = Decimal(100)
RANGE_SEPARATORS = ("〜", "～", "~")

KIND_CHOICES = [
    ("", _("（使わない）")),
    ("fuel", _("燃料の使用")),
    ("electricity", _("電力の使用")),
    ("gas", _("都市ガスの使用（ガス事業者別）")),
    ("heat", _("熱（代替する燃料・熱の排出係数）")),
    ("transport", _("輸送")),
    ("incineration", _("化石由来の廃棄物の焼却")),
    ("residue", _("残渣の処分")),
    ("biomass", _("バイオマスの燃焼（0として計上）")),
    ("other", _("その他（係数と出典を入力）")),
]
# Engine input key → the form field that shows its error.
FIELD_OF_KEY = {
    "kind": "kind",
    "fuel": "fuel",
    "replaces": "fuel",
    "amount": "amount",
    "kwh": "amount",
    "gj": "amount",
    "tkm": "amount",
    "t_co2_per_kwh": "factor",
    "t_co2_per_unit": "factor",
    "t_co2_per_gj": "factor",
    "t_co2_per_tkm": "factor",
    "t_co2_per_t": "factor",
    "utility": "supplier",
    "menu": "supplier",
    "year": "supplier",
    "basis": "adjusted",
    "source": "source",
    "label": "label",
    "unit": "unit",
    "heat_gj_per_unit": "heat_value",
    "heat_gj_per_unit_high": "heat_value",
    "efficiency": "efficiency",
    "replaced_efficiency": "replaced_efficiency",
}


class NumberField(forms.Field):
    """A non-negative number typed as people do (「1,234.5」, full-width digits); cleans to Decimal."""

    widget = forms.TextInput

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "decimal")
        return attrs

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return non_negative(value, str(self.label or _("数値")))
        except NumberError as error:
            raise ValidationError(error.message, code="invalid") from error

    def prepare_value(self, value: Any) -> Any:
        return engine.plain(value) if isinstance(value, Decimal) else value


def _percent_to_fraction(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return engine.plain(value.scaleb(-2))


def _fraction_to_percent(value: object) -> str:
    if value in (None, ""):
        return ""
    return engine.plain(Decimal(str(value)).scaleb(2))


class Normalized(BaseChoiceIterator):
    """Choices already in Django's normalized form ((value, label) and (group, [(value, label)…]) pairs): a
    field takes them as they are, instead of walking hundreds of options again for every row of the page."""

    def __init__(self, choices: list[tuple[str, Any]]) -> None:
        self.choices = normalize_choices(choices)

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return iter(self.choices)

    def __deepcopy__(self, memo: dict[int, Any]) -> Normalized:
        # Never changed in place: every form of every row shares the list instead of copying its lazy labels.
        return self


def fuel_choices() -> Normalized:
    """Every fuel key of every stored revision, by name (the engine says if a revision lacks one).
    Read and normalized once per change of the factor tables, kept in the process (the labels stay lazy)."""
    return cache.memo(
        "carbon:fuel_choices",
        (services.FACTORS,),
        lambda: Normalized([("", _("（選択）")), *_fuel_choices()]),
    )


def _fuel_choices() -> list[tuple[str, str]]:
    names: dict[str, str] = {}
    for key, name, unit in FuelFactor.objects.order_by("factor_set__revision", "id").values_list(
        "key", "name", "unit"
    ):
        names.setdefault(key, f"{name}（{unit}）")
    return list(names.items())


def supplier_choices() -> Normalized:
    """Electricity and gas suppliers' menus grouped by set; the value is the row's id (cached like fuels)."""
    return cache.memo(
        "carbon:supplier_choices",
        (services.FACTORS,),
        lambda: Normalized([("", _("（選択）")), *_supplier_choices()]),
    )


def _supplier_choices() -> list[tuple[str, Any]]:
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    rows = SupplierFactor.objects.select_related("factor_set").order_by(
        "factor_set__kind", "-factor_set__revision", "id"
    )
    for row in rows:
        label = f"{row.utility} {row.menu}".strip()
        groups.setdefault(row.factor_set_id, (row.factor_set.name, []))[1].append((str(row.pk), label))
    return list(groups.values())


class SettingsForm(forms.Form):
    """The fuel table revision, and for saving a title and an organization."""

    title = forms.CharField(
        label=_("件名"),
        max_length=200,
        required=False,
        help_text=_("保存するときに必要です。例：木質チップボイラー導入によるA重油の削減"),
    )
    fuel_revision = forms.ChoiceField(
        label=_("燃料の排出係数（算定省令の表）"),
        help_text=_(
            "燃料の単位発熱量と炭素排出係数の改定年。熱量で比べる場合は発熱量のある表を選んでください。"
        ),
    )
    organization = forms.ChoiceField(label=_("組織"), required=False)

    def __init__(self, *args: Any, organizations: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fuel_revision"].choices = [(s.revision, s.name) for s in services.fuel_sets()]
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].choices = [("", _("（個人の算定）")), *organizations]


class ActivityForm(forms.Form):
    """One line of a part. Which fields count depends on the kind (see the help on the page)."""

    kind = forms.ChoiceField(
        label=_("種類"), choices=Normalized(KIND_CHOICES), required=False, widget=FastSelect
    )
    label = forms.CharField(label=_("項目名"), max_length=200, required=False)
    amount = NumberField(label=_("数量"), required=False)
    unit = forms.CharField(label=_("単位"), max_length=20, required=False)
    # Every row repeats the fuel and supplier lists (hundreds of options): FastSelect keeps the page fast.
    fuel = forms.ChoiceField(label=_("燃料・代替される燃料"), required=False, widget=FastSelect)
    supplier = forms.ChoiceField(label=_("電気・ガス事業者とメニュー"), required=False, widget=FastSelect)
    adjusted = forms.BooleanField(label=_("調整後排出係数を使う"), required=False)
    factor = NumberField(label=_("排出係数（t-CO2/単位）"), required=False)
    source = forms.CharField(label=_("係数の出典"), max_length=300, required=False)
    heat_value = forms.CharField(
        label=_("発熱量（GJ/単位）"),
        max_length=40,
        required=False,
        help_text=_("品質が安定しない場合は範囲で（例：10〜14.5）。低い側で評価します。"),
    )
    efficiency = NumberField(label=_("設備の効率（%）"), required=False)
    replaced_efficiency = NumberField(label=_("代替される設備の効率（%）"), required=False)
    note = forms.CharField(label=_("備考"), max_length=300, required=False)

    def __init__(self, *args: Any, fuels: list, suppliers: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fuel"].choices = fuels
        self.fields["supplier"].choices = suppliers
        # The same lists on every row: their options are rendered once per change of the factor tables.
        for name in ("fuel", "supplier"):
            widget = self.fields[name].widget
            widget.options_name, widget.options_scopes = f"carbon:{name}", (services.FACTORS,)

    def clean_heat_value(self) -> tuple[Decimal, Decimal | None] | None:
        text = self.cleaned_data.get("heat_value", "").strip()
        if not text:
            return None
        for separator in RANGE_SEPARATORS:
            if separator in text:
                low, _sep, high = text.partition(separator)
                return self._heat(low), self._heat(high)
        return self._heat(text), None

    def _heat(self, text: str) -> Decimal:
        try:
            return engine.parse_decimal(text, str(_("発熱量")))
        except NumberError as error:
            raise ValidationError(error.message) from error

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, supplier = cleaned.get("kind"), cleaned.get("supplier")
        cleaned["supplier_ref"] = None
        if not kind:
            if any(cleaned.get(name) not in (None, "", False) for name in self.fields if name != "kind"):
                self.add_error("kind", _("種類を選んでください（使わない行は空欄にしてください）。"))
            return cleaned
        referenced = (kind in ("electricity", "gas") and supplier) or (
            kind in ("heat", "transport", "incineration") and cleaned.get("fuel")
        )
        if referenced and cleaned.get("factor") is not None:
            self.add_error(
                "factor", _("事業者・燃料を選んだ場合は係数表の値を使います。排出係数は空欄にしてください。")
            )
        if kind in ("electricity", "gas") and supplier:
            ref = services.supplier_refs().get(str(supplier))
            if ref is None:
                self.add_error("supplier", _("選んだ事業者の係数が見つかりません。選び直してください。"))
            elif ref.kind != kind:
                message = _("電力には電気事業者を、都市ガスにはガス事業者を選んでください。")
                self.add_error("supplier", message)
            else:
                cleaned["supplier_ref"] = {"utility": ref.utility, "menu": ref.menu, "year": ref.year}
        return cleaned

    def is_blank(self) -> bool:
        return not self.cleaned_data.get("kind")


class BaseActivityFormSet(FastFormSet):
    def __init__(self, *args: Any, fuels: list, suppliers: list, **kwargs: Any) -> None:
        self.choices = {"fuels": fuels, "suppliers": suppliers}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), **self.choices}


ActivityFormSet = forms.formset_factory(
    ActivityForm, formset=BaseActivityFormSet, extra=ROWS_PER_PART, max_num=MAX_ROWS, absolute_max=MAX_ROWS
)


class BoundaryForm(forms.Form):
    process = forms.CharField(label=_("省略したプロセス"), max_length=200, required=False)
    reason = forms.CharField(label=_("理由"), max_length=300, required=False)


BoundaryFormSet = forms.formset_factory(
    BoundaryForm, formset=FastFormSet, extra=1, max_num=20, absolute_max=20
)


class RenewableForm(forms.Form):
    label = forms.CharField(label=_("設備"), max_length=200, required=False, help_text=_("例：太陽光発電"))
    capacity_kw = NumberField(label=_("設備容量（kW）"), required=False)
    annual_kwh = NumberField(label=_("年間発電量（kWh/年）"), required=False)
    annual_heat_gj = NumberField(label=_("年間熱利用量（GJ/年）"), required=False)


RenewableFormSet = forms.formset_factory(
    RenewableForm, formset=FastFormSet, extra=1, max_num=20, absolute_max=20
)


class ExtrasForm(forms.Form):
    """Cost-effectiveness, regional share and resource productivity; every field is optional."""

    subsidy_yen = YenField(label=_("補助金額"), required=False, help_text=_("例：12,000千円"))
    life_years = forms.IntegerField(
        label=_("事業期間・法定耐用年数（年）"), min_value=1, max_value=100, required=False
    )
    region_total_t_co2 = NumberField(label=_("地域全体のCO2排出量（t-CO2/年）"), required=False)
    target_percent = NumberField(
        label=_("2050年の削減目標（%）"),
        required=False,
        help_text=_("公募要領（平成31年度）の長期目標は80%削減です。"),
    )
    unused_resource = forms.CharField(label=_("活用する未利用資源"), max_length=200, required=False)
    value_added_before_yen = YenField(label=_("実施前の付加価値"), required=False)
    resource_input_before_t = NumberField(label=_("実施前の天然資源等投入量（t）"), required=False)
    value_added_after_yen = YenField(label=_("実施後の付加価値"), required=False)
    resource_input_after_t = NumberField(label=_("実施後の天然資源等投入量（t）"), required=False)

    RESOURCE_FIELDS = (
        "unused_resource",
        "value_added_before_yen",
        "resource_input_before_t",
        "value_added_after_yen",
        "resource_input_after_t",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = [name for name in self.RESOURCE_FIELDS if cleaned.get(name) not in (None, "")]
        if given and len(given) < len(self.RESOURCE_FIELDS):
            for name in self.RESOURCE_FIELDS:
                if name not in given and name not in self.errors:
                    self.add_error(name, _("資源生産性を算定するには、この欄も入力してください。"))
        return cleaned


# --- form data → engine input


def activity_data(form: ActivityForm) -> dict[str, Any]:
    """The engine's activity dict from one filled line."""
    data = form.cleaned_data
    kind = data["kind"]
    out: dict[str, Any] = {"kind": kind, "label": data["label"], "note": data["note"]}
    amount, factor, source = data["amount"], data["factor"], data["source"]
    if kind in ("fuel", "transport", "incineration") and data["fuel"]:
        out["fuel"] = data["fuel"]
    if kind == "electricity":
        out["kwh"] = amount
    elif kind == "transport" and not data["fuel"]:
        out["tkm"] = amount
    elif kind == "heat" and data["heat_value"] is None:
        out["gj"] = amount
    else:
        out["amount"] = amount
    if kind in ("electricity", "gas"):
        if data["supplier_ref"]:
            out.update(data["supplier_ref"])
            out["basis"] = engine.ADJUSTED if data["adjusted"] else engine.BASIC
        else:
            out["t_co2_per_kwh" if kind == "electricity" else "t_co2_per_unit"] = factor
    factor_key = {
        "transport": "t_co2_per_tkm",
        "incineration": "t_co2_per_t",
        "residue": "t_co2_per_t",
        "other": "t_co2_per_unit",
        "heat": "t_co2_per_gj",
    }.get(kind)
    uses_fuel = bool(data["fuel"]) and kind in ("transport", "incineration", "heat")
    if factor_key and not uses_fuel:
        out[factor_key] = factor
    if kind in ("biomass", "other", "heat"):
        out["unit"] = data["unit"]
    if kind == "heat":
        if data["fuel"]:
            out["replaces"] = data["fuel"]
            out["replaced_efficiency"] = _percent_to_fraction(data["replaced_efficiency"])
        if data["heat_value"] is not None:
            out["heat_gj_per_unit"], out["heat_gj_per_unit_high"] = data["heat_value"]
            out["efficiency"] = _percent_to_fraction(data["efficiency"])
    out["source"] = source
    return {key: value for key, value in out.items() if value not in (None, "")}


def calculator_data(
    settings_form: SettingsForm,
    activity_formsets: Mapping[engine.Part, BaseActivityFormSet],
    boundary_formset: forms.BaseFormSet,
    renewable_formset: forms.BaseFormSet,
    extras_form: ExtrasForm,
) -> dict[str, Any]:
    """The engine's input dict from valid forms."""
    data: dict[str, Any] = {"fuel_revision": settings_form.cleaned_data["fuel_revision"]}
    for part, formset in activity_formsets.items():
        side, key = ("baseline" if part.name.startswith("BASELINE") else "project"), part.value.split("_")[1]
        data.setdefault(side, {})[key] = [
            activity_data(form) for form in formset.forms if form.cleaned_data and not form.is_blank()
        ]
    data["boundary_notes"] = [
        form.cleaned_data
        for form in boundary_formset.forms
        if form.cleaned_data.get("process") or form.cleaned_data.get("reason")
    ]
    data["renewables"] = [
        {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        for form in renewable_formset.forms
        if any(value not in (None, "") for value in form.cleaned_data.values())
    ]
    extras = extras_form.cleaned_data
    for key in ("subsidy_yen", "life_years", "region_total_t_co2", "target_percent"):
        if extras.get(key) is not None:
            data[key] = extras[key]
    if extras.get("unused_resource"):
        data["resource_productivity"] = {name: extras[name] for name in ExtrasForm.RESOURCE_FIELDS}
    return data


# --- engine input → form initial data (editing or copying a saved calculation)


def _supplier_pk(activity: Mapping[str, Any]) -> str:
    kind = FactorKind.ELECTRICITY if activity["kind"] == "electricity" else FactorKind.GAS
    row = SupplierFactor.objects.filter(
        factor_set__kind=kind,
        factor_set__revision=str(activity.get("year", "")),
        utility=activity.get("utility", ""),
        menu=activity.get("menu", ""),
    ).first()
    return str(row.pk) if row else ""


def activity_initial(activity: Mapping[str, Any]) -> dict[str, Any]:
    """One stored activity as the form's initial values."""
    kind = activity["kind"]
    initial: dict[str, Any] = {
        "kind": kind,
        "label": activity.get("label", ""),
        "note": activity.get("note", ""),
        "unit": activity.get("unit", ""),
        "source": activity.get("source", ""),
        "fuel": activity.get("fuel") or activity.get("replaces", ""),
        "amount": next((activity[k] for k in ("amount", "kwh", "gj", "tkm") if k in activity), ""),
        "factor": next(
            (
                activity[k]
                for k in ("t_co2_per_kwh", "t_co2_per_unit", "t_co2_per_gj", "t_co2_per_tkm", "t_co2_per_t")
                if k in activity
            ),
            "",
        ),
        "adjusted": activity.get("basis") == engine.ADJUSTED,
        "efficiency": _fraction_to_percent(
            activity.get("efficiency", "1" if "heat_gj_per_unit" in activity else "")
        ),
        "replaced_efficiency": _fraction_to_percent(
            activity.get("replaced_efficiency", "1" if "replaces" in activity else "")
        ),
    }
    if "heat_gj_per_unit" in activity:
        high = activity.get("heat_gj_per_unit_high")
        initial["heat_value"] = (
            f"{activity['heat_gj_per_unit']}〜{high}" if high else activity["heat_gj_per_unit"]
        )
    if "utility" in activity:
        initial["supplier"] = _supplier_pk(activity)
    return initial


def initial_from_input(data: Mapping[str, Any]) -> dict[str, Any]:
    """Initial values of every form of the calculator from a stored input dict."""
    parts = {}
    for prefix, part in PARTS:
        side, key = ("baseline" if part.name.startswith("BASELINE") else "project"), part.value.split("_")[1]
        parts[prefix] = [activity_initial(item) for item in data.get(side, {}).get(key, [])]
    resource = data.get("resource_productivity") or {}
    extras = {
        key: data[key]
        for key in ("subsidy_yen", "life_years", "region_total_t_co2", "target_percent")
        if key in data
    }
    extras.update(resource)
    return {
        "fuel_revision": data.get("fuel_revision", ""),
        "parts": parts,
        "boundary": list(data.get("boundary_notes", [])),
        "renewables": list(data.get("renewables", [])),
        "extras": extras,
    }


def with_more_rows(post: QueryDict, prefix: str, count: int = ROWS_ADDED) -> QueryDict:
    """A copy of the POST data whose formset ``prefix`` has ``count`` more (blank) rows."""
    data = post.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        total = 0
    data[key] = str(min(total + count, MAX_ROWS))
    return data


# The split engine's problems in words (junkan.carbon.engine.split; its own message is the Japanese default).
SPLIT_MESSAGES = {
    split.PART_MISSING: _(
        "分離して記載する場合は、直接的な削減効果と間接的な削減効果の両方を入力してください（ない場合は0）。"
    ),
    split.NEGATIVE: _("0以上の数値で入力してください。"),
    split.SUM_MISMATCH: _(
        "直接的な削減効果（%(direct)s）と間接的な削減効果（%(indirect)s）の合計（%(sum)s t-CO2/年）が、"
        "CO2削減量（%(total)s t-CO2/年）と一致しません。"
    ),
}


def split_error(problem: split.SplitProblem) -> str:
    """A problem of a direct/indirect split in the user's language."""
    message = SPLIT_MESSAGES.get(problem.code)
    if message is None:
        return problem.message
    return str(message) % dict(problem.params) if problem.params else str(message)

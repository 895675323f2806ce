"""Forms built from the call's form specification, and fixed forms (様式3 lines, budget, co-applicants...).

Drafts are saved incomplete: fields check their format when saved, but "required" is the checklist's business
(items the spec marks required show 「必須」 and are listed by the checklist until filled).
Numbers accept what officers type: full-width digits, commas, 円/千円/万円 (:class:`YenField`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from junkan.applications.engine.completeness import PHONE
from junkan.applications.engine.costs import STAFF_KINDS
from junkan.applications.engine.spec import CO2_DIRECT, CO2_INDIRECT, CO2_TOTAL, FieldSpec, SectionSpec
from junkan.carbon.engine import split
from junkan.carbon.forms import split_error
from junkan.carbon.models import SavedCalculation
from junkan.common.fields import (
    FlexibleDecimalField,
    FlexibleIntegerField,
    NormalizedCharField,
    TelInput,
    YenField,
)
from junkan.common.widgets import FastSelect
from junkan.economy.models import Analysis

LONG_TEXT_MAX = 10_000


def _mark(field: forms.Field, spec: FieldSpec, type_code: str) -> forms.Field:
    field.spec_required = spec.is_required(type_code) or spec.required_if is not None  # type: ignore[attr-defined]
    return field


def build_field(
    spec: FieldSpec, type_code: str, calculations: Any = None, analyses: Any = None
) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label, "required": False, "help_text": spec.help}
    kind = spec.kind
    field: forms.Field
    if kind == "text":
        field = forms.CharField(max_length=200, **common)
    elif kind == "longtext":
        field = forms.CharField(
            max_length=LONG_TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}), strip=False, **common
        )
    elif kind == "email":
        field = forms.EmailField(**common)
    elif kind == "phone":
        field = NormalizedCharField(
            max_length=20,
            validators=[
                RegexValidator(PHONE, _("電話番号は数字とハイフンで入力してください（例：0265-22-4511）。"))
            ],
            widget=TelInput(attrs={"autocomplete": "tel"}),
            **common,
        )
    elif kind == "date":
        field = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    elif kind == "integer":
        field = FlexibleIntegerField(min_value=spec.minimum, max_value=spec.maximum, **common)
    elif kind == "decimal":
        field = FlexibleDecimalField(
            max_digits=14,
            decimal_places=3,
            min_value=spec.minimum,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    elif kind == "boolean":
        field = forms.TypedChoiceField(
            choices=[("true", spec.true_label), ("false", spec.false_label)],
            coerce=lambda v: v == "true",
            empty_value=None,
            widget=forms.RadioSelect,
            **common,
        )
    elif kind == "choice":
        field = forms.ChoiceField(
            choices=[(o.value, o.label) for o in spec.options], widget=forms.RadioSelect, **common
        )
    elif kind == "co2_calculation":
        field = forms.ModelChoiceField(
            queryset=calculations if calculations is not None else SavedCalculation.objects.none(),
            empty_label=_("（選択しない）"),
            **common,
        )
    elif kind == "economy_analysis":
        # A saved 経済波及効果の分析 of the applicant's organization (junkan.economy), instead of an upload.
        field = forms.ModelChoiceField(
            queryset=analyses if analyses is not None else Analysis.objects.none(),
            empty_label=_("（選択しない）"),
            **common,
        )
    else:
        raise ValueError(f"no form field for {kind}")
    return _mark(field, spec, type_code)


def to_stored(spec: FieldSpec, value: Any) -> Any:
    """A cleaned value as JSON for the section's data."""
    if value is None or value == "":
        return None
    if spec.kind == "date":
        return value.isoformat()
    if spec.kind == "decimal":
        # 1000 is stored as "1000" (not normalize()'s "1E+3"), 250.5 as typed
        return str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value)
    if spec.kind == "co2_calculation":
        return {"id": value.pk, "title": value.title, "reduction_t_co2": str(value.reduction_t_co2)}
    if spec.kind == "economy_analysis":
        return {"id": value.pk, "public_id": str(value.public_id), "title": value.title}
    return value


def to_initial(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "boolean":
        return "true" if value else "false"
    if spec.kind in {"co2_calculation", "economy_analysis"} and isinstance(value, dict):
        return value.get("id")
    return value


# The figure a saved calculation fills in (様式2), and its parts for type ① (seed 002 4.(3)① ※).
REDUCTION_KEY = CO2_TOTAL


class SectionForm(forms.Form):
    """The scalar fields of a section; ``items`` fields are formsets beside it (:func:`item_formsets`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        section: SectionSpec,
        type_code: str,
        calculations: Any = None,
        analyses: Any = None,
        **kwargs: Any,
    ):
        self.section = section
        super().__init__(*args, **kwargs)
        for spec in section.fields:
            if spec.kind != "items":
                self.fields[spec.key] = build_field(spec, type_code, calculations, analyses)

    def clean(self) -> dict[str, Any]:
        """A saved calculation's figure is the section's CO2 reduction (様式2 「CO2削減量」), as in the
        completion report (``grants.engine.report_checks.reduction_of``): with a calculation chosen, an empty
        figure takes the calculation's, and a different typed figure is refused with both values shown."""
        cleaned = super().clean()
        for spec in self.section.fields:
            if spec.kind != "co2_calculation" or REDUCTION_KEY not in self.fields:
                continue
            calculation = cleaned.get(spec.key)
            if calculation is None:
                continue
            typed = cleaned.get(REDUCTION_KEY)
            if typed is None:
                self.errors.pop(REDUCTION_KEY, None)
                cleaned[REDUCTION_KEY] = calculation.reduction_t_co2
            elif typed != calculation.reduction_t_co2:
                self.add_error(
                    REDUCTION_KEY,
                    _(
                        "選んだ計算「%(title)s」の削減量は %(calc)s t-CO2/年 ですが、%(typed)s t-CO2/年 と"
                        "入力されています。計算の値を使うときは空欄にしてください。別の値にするときは、"
                        "計算を選ばずに入力してください。"
                    )
                    % {
                        "title": calculation.title,
                        "calc": f"{calculation.reduction_t_co2:,}",
                        "typed": f"{typed:,}",
                    },
                )
        self._check_split(cleaned)
        return cleaned

    def _check_split(self, cleaned: dict[str, Any]) -> None:
        """Direct + indirect = the CO2 figure (`carbon.engine.split`); an empty figure takes the sum."""
        if not {CO2_DIRECT, CO2_INDIRECT, REDUCTION_KEY} <= set(self.fields) or self.errors:
            return
        direct, indirect = cleaned.get(CO2_DIRECT), cleaned.get(CO2_INDIRECT)
        if cleaned.get(REDUCTION_KEY) is None and split.total(direct, indirect) is not None:
            cleaned[REDUCTION_KEY] = split.total(direct, indirect)
        problems = split.check(cleaned.get(REDUCTION_KEY), direct, indirect)
        for problem in problems:
            key = CO2_DIRECT if problem.part == "direct" else CO2_INDIRECT
            self.add_error(key, split_error(problem))

    def stored(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for spec in self.section.fields:
            if spec.kind == "items":
                continue
            data[spec.key] = to_stored(spec, self.cleaned_data.get(spec.key))
        for spec in self.section.fields:
            if spec.kind == "co2_calculation" and data.get(spec.key):
                # The calculation's figure wins (clean() refused a different typed one); set after the loop
                # so that the figure's own field, read later, does not overwrite it (issue 13).
                data[REDUCTION_KEY] = data[spec.key]["reduction_t_co2"]
        return data


def item_form_class(spec: FieldSpec, type_code: str) -> type[forms.Form]:
    fields = {sub.key: build_field(sub, type_code) for sub in spec.subfields}
    return type(f"{spec.key.title()}ItemForm", (forms.Form,), fields)


def item_formsets(
    section: SectionSpec, type_code: str, data: Any = None, initial: dict[str, Any] | None = None
) -> dict[str, forms.BaseFormSet]:
    result = {}
    for spec in section.fields:
        if spec.kind != "items":
            continue
        rows = [
            {sub.key: to_initial(sub, row.get(sub.key)) for sub in spec.subfields}
            for row in (initial or {}).get(spec.key) or []
        ]
        formset_class = forms.formset_factory(
            item_form_class(spec, type_code), extra=2, max_num=50, validate_max=True
        )
        # Bound formsets get no initial: a row counts when it has input, whatever was saved before.
        formset = formset_class(data, initial=None if data is not None else rows, prefix=spec.key)
        formset.spec = spec  # type: ignore[attr-defined]
        result[spec.key] = formset
    return result


def stored_items(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    spec: FieldSpec = formset.spec  # type: ignore[attr-defined]
    rows = []
    for form in formset.forms:
        if not form.cleaned_data:
            continue
        row = {sub.key: to_stored(sub, form.cleaned_data.get(sub.key)) for sub in spec.subfields}
        if any(v not in (None, "", False) for v in row.values()):
            rows.append(row)
    return rows


# 様式3 ---------------------------------------------------------------------------------------------------


class YearForm(forms.Form):
    """One fiscal year's totals of 様式3."""

    fiscal_year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=())
    total_cost = YenField(
        label=_("(1)総事業費（円）"),
        required=False,
        min_value=0,
        help_text=_("補助対象外の経費も含めた事業全体の経費です。"),
    )
    other_income = YenField(label=_("(2)寄付金その他の収入（円）"), required=False, min_value=0)
    consumption_tax = YenField(
        label=_("補助対象経費のうち消費税及び地方消費税相当額（円）"), required=False, min_value=0
    )
    consumption_tax_equivalent = YenField(
        label=_("減額する消費税等相当額（円）"),
        required=False,
        min_value=0,
        help_text=_("仕入控除税額が明らかな場合に入力します。不明な場合は空欄にしてください。"),
    )

    def __init__(self, *args: Any, fiscal_years: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = fiscal_years


class CostLineForm(forms.Form):
    category = forms.ChoiceField(label=_("費目・細目"), required=False, choices=())
    description = forms.CharField(label=_("積算内訳"), required=False, max_length=500)
    unit_price = YenField(label=_("単価（円）"), required=False, min_value=0)
    quantity = FlexibleIntegerField(label=_("数量"), required=False, min_value=1, max_value=10_000_000)
    unit = forms.CharField(label=_("単位"), required=False, max_length=20)
    staff = forms.ChoiceField(
        label=_("旅費・人件費の対象者"),
        required=False,
        choices=[(k, v or _("（該当なし）")) for k, v in STAFF_KINDS.items()],
    )

    def __init__(self, *args: Any, categories: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("（選択してください）")), *(categories or [])]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = [data.get(k) for k in ("category", "description", "unit_price", "quantity")]
        if any(v not in (None, "") for v in filled):
            if data.get("unit_price") is None:
                self.add_error("unit_price", _("単価を入力してください。"))
            if data.get("quantity") is None:
                self.add_error("quantity", _("数量を入力してください。"))
        return data

    def is_blank(self) -> bool:
        return all(
            self.cleaned_data.get(k) in (None, "")
            for k in ("category", "description", "unit_price", "quantity")
        )


CostLineFormSet = forms.formset_factory(CostLineForm, extra=3, max_num=200, validate_max=True)


class BudgetRowForm(forms.Form):
    item = forms.CharField(label=_("事項"), required=False, max_length=200)
    amount = YenField(label=_("金額（円）"), required=False, min_value=0)


BudgetRowFormSet = forms.formset_factory(BudgetRowForm, extra=3, max_num=40, validate_max=True)


class BudgetNoteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("備考"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


# Other forms ---------------------------------------------------------------------------------------------


class StartForm(forms.Form):
    project_type = forms.ModelChoiceField(
        label=_("申請事業（事業区分）"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    organization = forms.ModelChoiceField(label=_("代表申請者となる組織"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("補助事業名"), max_length=200)

    def __init__(self, *args: Any, project_types: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project_type"].queryset = project_types
        self.fields["project_type"].label_from_instance = lambda t: t.label
        self.fields["organization"].queryset = organizations


class CoApplicantForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("共同申請者の組織"),
        queryset=None,
        help_text=_(
            "循環に登録されている組織から選びます。未登録の場合は、先方に組織の登録を依頼してください。"
        ),
    )
    role = forms.CharField(
        label=_("事業における役割"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("書類の種類"), choices=())
    file = forms.FileField(
        label=_("ファイル"),
        help_text=_("PDF、Excel、Word、JPEG、PNG。1ファイル20MB、1件の応募で合計100MBまで。"),
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("（選択してください）")), *kinds]


class MessageForm(forms.Form):
    body = forms.CharField(label=_("本文"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    requests_documents = forms.BooleanField(label=_("書類の提出を求める"), required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("不備の内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    reply_due_on = forms.DateField(label=_("再提出の期限"), widget=forms.DateInput(attrs={"type": "date"}))


class InboxFilterForm(forms.Form):
    # FastSelect: the options in Python, not one template per option.
    project_type = forms.ChoiceField(label=_("事業区分"), required=False, choices=(), widget=FastSelect)
    status = forms.ChoiceField(label=_("状態"), required=False, choices=(), widget=FastSelect)
    prefecture = forms.ChoiceField(label=_("都道府県"), required=False, choices=(), widget=FastSelect)
    kind = forms.ChoiceField(label=_("申請者の種別"), required=False, choices=(), widget=FastSelect)
    q = forms.CharField(label=_("検索（事業名・申請者・受付番号）"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("並べ替え"), required=False, choices=(), widget=FastSelect)

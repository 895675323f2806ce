"""Forms of the reports area: the completion date, a report's answers and CO2 figures, cost lines, files.

The report form is built from the report's own contents (copied from the call's ``ReportRule``): one textarea
per content item, labelled by the item's text. Fields are not required here: a report is saved incomplete,
and the checklist (:mod:`junkan.grants.engine.report_checks`) says what is missing before it is handed in.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from junkan.carbon.models import SavedCalculation
from junkan.common.fields import FlexibleDecimalField, YenField
from junkan.grants.engine import followup, report_checks, viability
from junkan.grants.models import Contract, CostLine, DocumentKind, Report
from junkan.jp.dates import fiscal_year_label
from junkan.programs.models import CostCategory, ReportKind

ANSWER_MAX = 20_000
COMPLETION_KINDS = (ReportKind.COMPLETION, ReportKind.STUDY_REPORT)
DEFAULT_CAUSE_LABEL = _("②実績報告書における削減量に達しなかった場合の原因")


# 事業採算性・光熱費等削減の評価 (seed 003 §9(2)(3)（ウ）), in yen.
VIABILITY_LABELS = (
    (
        "initial_investment",
        _("初期投資額（円）"),
        _("将来導入する設備の導入費等。例：120,000,000 または 12,000万円"),
    ),
    ("annual_revenue", _("年間の収入（円/年）"), _("売電収入、製品の販売、処理料金など。")),
    ("annual_running_cost", _("年間の支出（円/年）"), _("運転・維持管理費、人件費、原料費など。")),
    ("utility_savings", _("光熱費等削減額（円/年）"), _("電気・燃料・水道等の費用が年間いくら減るか。")),
)
VIABILITY_FIELD_NAMES = (*(name for name, _label, _help in VIABILITY_LABELS), "evaluation_years")


class DateInput(forms.DateInput):
    """The browser's date picker; the value is always sent and shown as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%Y/%m/%d"],
        error_messages={"invalid": _("日付を正しく入力してください（例：2020-02-20）。")},
    )


def _co2_field(label: Any, help_text: Any = "") -> FlexibleDecimalField:
    return FlexibleDecimalField(
        label=label,
        required=False,
        help_text=help_text,
        min_value=Decimal(0),
        max_digits=16,
        decimal_places=3,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class CompletionDateForm(forms.Form):
    completed_on = _date_field(
        _("補助事業の完了日"),
        help_text=_("報告書の提出期限は、この日から計算します。将来の日付は登録できません。"),
    )
    plan_made_on = _date_field(
        _("FS調査書・事業化計画の策定日"),
        required=False,
        help_text=_("事業報告書の対象期間の起算日です。空欄の場合は完了日とします。"),
    )


class CalculationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SavedCalculation) -> str:
        state = _("提出済み") if obj.is_submitted else _("作成中")
        return f"{obj.title}（{obj.reduction_t_co2:f} t-CO2/年・{state}）"


class ReportForm(forms.Form):
    """A report's answers, one textarea per content item, and the CO2 block for the kinds that have one."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        report: Report,
        calculations: QuerySet[SavedCalculation] | None = None,
        split: bool = False,
        **kwargs: Any,
    ) -> None:
        self.report = report
        if "initial" not in kwargs and not args:
            kwargs["initial"] = self.initial_of(report)
        super().__init__(*args, **kwargs)
        self.items: list[tuple[str, str]] = []
        for index, text in report_checks.answer_items(report.kind, list(report.contents)):
            key = report_checks.item_key(index)
            self.fields[key] = forms.CharField(
                label=text,
                required=False,
                max_length=ANSWER_MAX,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.fields[key].spec_required = True  # type: ignore[attr-defined]
            self.items.append((key, text))
        self.completion = report.kind in COMPLETION_KINDS
        self.annual = report.kind == ReportKind.ANNUAL
        if self.completion or self.annual:
            self.fields["co2_calculation"] = CalculationChoiceField(
                queryset=calculations if calculations is not None else SavedCalculation.objects.none(),
                required=False,
                empty_label=_("（選択しない）"),
                label=_("CO2削減量の算定（CO2削減量の計算で保存した計算）")
                if self.completion
                else _("算定根拠とした計算（任意）"),
                help_text=_("補助事業者の組織で保存した計算から選べます。")
                if self.completion
                else _("稼働実績の算定に「CO2削減量の計算」を使った場合は選んでください。"),
            )
        if self.completion:
            self.fields["expected_t_co2"] = _co2_field(
                _("CO2削減量（t-CO2/年）"),
                _(
                    "保存した計算を選んだ場合は、その削減量が使われます。選ばない場合は数値を入力してください。"
                ),
            )
        if self.completion and split:
            # Seed 002 4.(3)① ※ (type ①): the reduction split, when the model allows it.
            self.fields["direct_t_co2"] = _co2_field(
                _("うち直接的な削減効果（t-CO2/年）"),
                _("直接的な削減効果と間接的な削減効果を分離して試算できる場合は、分離して記入してください。"),
            )
            self.fields["indirect_t_co2"] = _co2_field(
                _("うち間接的な削減効果（t-CO2/年）"),
                _("二つの合計がCO2削減量と一致するように記入してください（ない場合は0）。"),
            )
        self.viability = (
            viability.block_of(list(report.contents)) if self.completion else viability.Block(False, False)
        )
        if self.viability.shown:
            for name, label, help_text in VIABILITY_LABELS:
                self.fields[name] = YenField(label=label, required=False, min_value=0, help_text=help_text)
            self.fields["evaluation_years"] = forms.IntegerField(
                label=_("評価期間（年）"),
                required=False,
                min_value=1,
                max_value=99,
                help_text=_("例：設備の耐用年数（17年など）。収支の累計をこの期間で計算します。"),
            )
        if self.annual:
            self.fields["expected_t_co2"] = _co2_field(
                _("導入前の設備：事業化により見込まれる削減量（t-CO2/年）"),
                _("まだ導入していない設備について記入してください。"),
            )
            self.fields["actual_t_co2"] = _co2_field(
                _("導入後の設備：稼働した実績による削減量（t-CO2/年）"),
                _("0より大きい場合は、当該年度の光熱水量のデータ等（算定根拠）を添付してください。"),
            )
            cause_label = next(
                (text for text in report.contents if followup.is_cause_item(text)), DEFAULT_CAUSE_LABEL
            )
            self.fields["cause_analysis"] = forms.CharField(
                label=cause_label,
                required=False,
                max_length=ANSWER_MAX,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=_(
                    "①の削減量が実績報告書に記載した削減量に達しなかった場合は、原因を分析し、"
                    "その結果を詳細かつ具体的に記入してください（達した場合は記入不要）。"
                ),
            )

    @staticmethod
    def initial_of(report: Report) -> dict[str, Any]:
        answers = report.answers or {}
        initial: dict[str, Any] = {"version": report.version}
        for index, text in report_checks.answer_items(report.kind, list(report.contents)):
            initial[report_checks.item_key(index)] = answers.get(text, "")
        initial["co2_calculation"] = report.co2_calculation_id
        initial["expected_t_co2"] = report.expected_t_co2
        initial["actual_t_co2"] = report.actual_t_co2
        initial["cause_analysis"] = report.cause_analysis
        for name in ("direct_t_co2", "indirect_t_co2", *VIABILITY_FIELD_NAMES):
            initial[name] = getattr(report, name)
        return initial

    def figures(self) -> viability.Figures:
        """The viability figures typed (empty when the report has no such block)."""
        if not self.viability.shown:
            return viability.Figures()
        data = self.cleaned_data
        return viability.Figures(
            investment=data.get("initial_investment"),
            revenue=data.get("annual_revenue"),
            running_cost=data.get("annual_running_cost"),
            savings=data.get("utility_savings"),
            years=data.get("evaluation_years"),
        )

    def viability_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in VIABILITY_FIELD_NAMES if name in self.fields]

    def answers(self) -> dict[str, str]:
        return {text: self.cleaned_data.get(key) or "" for key, text in self.items}

    def item_fields(self) -> list[forms.BoundField]:
        return [self[key] for key, _text in self.items]

    def co2_fields(self) -> list[forms.BoundField]:
        names = ("co2_calculation", "expected_t_co2", "direct_t_co2", "indirect_t_co2", "actual_t_co2")
        return [self[name] for name in names if name in self.fields]


def category_choices(categories: list[CostCategory]) -> list[tuple[str, str]]:
    """The 費目／細目 of the project type, as ``expense|item`` values."""
    return [(f"{c.expense}|{c.item}", str(c)) for c in categories]


class CostLineForm(forms.Form):
    category = forms.ChoiceField(label=_("費目／細目"), choices=())
    fiscal_year = forms.TypedChoiceField(label=_("年度"), choices=(), coerce=int)
    description = forms.CharField(label=_("内容"), max_length=300, help_text=_("例：実現可能性調査の委託"))
    amount = YenField(label=_("支出額（円・税込）"), min_value=1, help_text=_("例：8,500,000 または 850万円"))
    paid_on = _date_field(
        _("支払日"),
        help_text=_("請求書で報告する場合は、支払予定日を入力してください。"),
    )
    contract = forms.ModelChoiceField(
        label=_("契約・発注"),
        queryset=Contract.objects.none(),
        required=False,
        empty_label=_("（契約によらない支出）"),
        help_text=_("契約・発注によるものは選んでください。交付決定日より前の契約は補助対象外です。"),
    )

    def __init__(
        self,
        *args: Any,
        categories: list[CostCategory],
        years: list[int],
        contracts: QuerySet[Contract],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("（選択してください）")), *category_choices(categories)]
        self.fields["fiscal_year"].choices = [(year, fiscal_year_label(year)) for year in years]
        self.fields["contract"].queryset = contracts

    @staticmethod
    def initial_of(line: CostLine) -> dict[str, Any]:
        return {
            "category": f"{line.expense}|{line.item}",
            "fiscal_year": line.fiscal_year,
            "description": line.description,
            "amount": line.amount,
            "paid_on": line.paid_on,
            "contract": line.contract_id,
        }

    def values(self) -> dict[str, Any]:
        """The cleaned input as the service's keyword arguments."""
        expense, _sep, item = self.cleaned_data["category"].partition("|")
        return {
            "fiscal_year": self.cleaned_data["fiscal_year"],
            "expense": expense,
            "item": item,
            "description": self.cleaned_data["description"],
            "amount": self.cleaned_data["amount"],
            "paid_on": self.cleaned_data["paid_on"],
            "contract": self.cleaned_data["contract"],
        }


EVIDENCE_CHOICES = [
    (DocumentKind.RECEIPT.value, DocumentKind.RECEIPT.label),
    (DocumentKind.INVOICE.value, DocumentKind.INVOICE.label),
]
REPORT_FILE_CHOICES = [
    (DocumentKind.UTILITY_DATA.value, DocumentKind.UTILITY_DATA.label),
    (DocumentKind.REPORT_BODY.value, DocumentKind.REPORT_BODY.label),
    (DocumentKind.OTHER.value, DocumentKind.OTHER.label),
]


class ReportDocumentForm(forms.Form):
    """A file for a report: a receipt or invoice of a cost line (``evidence``), or the report's own files."""

    kind = forms.ChoiceField(label=_("書類の種類"), choices=())
    file = forms.FileField(
        label=_("ファイル"),
        help_text=_("PDF、Excel、Word、JPEG、PNG。1ファイル20MB、1件の報告で合計100MBまで。"),
    )

    def __init__(self, *args: Any, evidence: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = EVIDENCE_CHOICES if evidence else REPORT_FILE_CHOICES


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("差戻しの理由"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("補助事業者に修正してほしい点を具体的に記入してください。"),
    )

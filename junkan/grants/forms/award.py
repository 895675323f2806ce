"""Forms of the award area: the grant application, the decision and its return, contracts and plan changes."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.common.fields import YenField
from junkan.grants.models import AwardYear, DecisionCheckItem, ProcurementMethod
from junkan.jp.dates import fiscal_year_label, format_date
from junkan.jp.money import format_yen


def _date_field(label: str, help_text: str = "", required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class GrantApplicationForm(forms.Form):
    """交付申請書: the amount applied for per fiscal year, the planned dates and a note to the secretariat."""

    planned_start_on = _date_field(gettext_lazy("事業開始予定日"))
    planned_end_on = _date_field(gettext_lazy("事業完了予定日"))
    note = forms.CharField(
        label=gettext_lazy("事務局への連絡事項"), required=False, max_length=2000, widget=_textarea(3)
    )

    def __init__(self, *args: Any, years: Iterable[int], adopted_amount: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = sorted(years)
        for fy in self.years:
            self.fields[f"amount_{fy}"] = YenField(
                label=_("%(year)sの交付申請額") % {"year": fiscal_year_label(fy)},
                min_value=0,
                help_text=_("合計で採択額（%(amount)s）までです。") % {"amount": format_yen(adopted_amount)},
            )
        # The years first, as the official form lists them.
        order = [f"amount_{fy}" for fy in self.years] + ["planned_start_on", "planned_end_on", "note"]
        self.order_fields(order)

    def amounts(self) -> dict[int, int]:
        return {fy: self.cleaned_data[f"amount_{fy}"] for fy in self.years}


class DecisionForm(forms.Form):
    """交付決定: date, number, amount per fiscal year (at most what was applied for) and the conditions."""

    decided_on = _date_field(gettext_lazy("交付決定日"))
    decision_number = forms.CharField(
        label=gettext_lazy("交付決定番号"), max_length=60, help_text=gettext_lazy("例：低炭素協第123号")
    )
    conditions = forms.CharField(
        label=gettext_lazy("交付の条件"),
        required=False,
        widget=_textarea(5),
        help_text=gettext_lazy("採択の条件を初期表示しています。必要に応じて修正してください。"),
    )

    def __init__(self, *args: Any, years: Iterable[AwardYear], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = list(years)
        for year in self.years:
            self.fields[f"amount_{year.fiscal_year}"] = YenField(
                label=_("%(year)sの交付決定額") % {"year": fiscal_year_label(year.fiscal_year)},
                min_value=0,
                max_value=year.applied_amount,
                help_text=_("交付申請額：%(amount)s") % {"amount": format_yen(year.applied_amount)},
            )
        names = [f"amount_{y.fiscal_year}" for y in self.years]
        self.order_fields(["decided_on", "decision_number", *names, "conditions"])

    def amounts(self) -> dict[int, int]:
        return {y.fiscal_year: self.cleaned_data[f"amount_{y.fiscal_year}"] for y in self.years}


class DecisionCheckForm(forms.Form):
    """One point of the examination before the decision (seed 002 「採択後」2.(2) ア–ウ), for one year."""

    verb = forms.ChoiceField(choices=[("check", "check"), ("withdraw", "withdraw")], widget=forms.HiddenInput)
    fiscal_year = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    item = forms.ChoiceField(choices=DecisionCheckItem.choices, widget=forms.HiddenInput)
    note = forms.CharField(label=gettext_lazy("確認の記録（任意）"), required=False, max_length=2000)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("差戻しの理由"),
        widget=_textarea(4),
        help_text=gettext_lazy(
            "補助事業者にメールでお知らせします。修正してほしい点を具体的に書いてください。"
        ),
    )


class ContractForm(forms.Form):
    """A contract or order (契約・発注)."""

    ordered_on = _date_field(gettext_lazy("契約・発注日"))
    counterparty = forms.CharField(label=gettext_lazy("契約の相手方"), max_length=200)
    subject = forms.CharField(label=gettext_lazy("件名・内容"), max_length=300)
    amount = YenField(label=gettext_lazy("契約金額（円・税込）"), min_value=0)
    method = forms.ChoiceField(
        label=gettext_lazy("相手方の決定方法"), choices=ProcurementMethod.choices, widget=forms.RadioSelect
    )
    non_competitive_reason = forms.CharField(
        label=gettext_lazy("競争によらない理由"),
        required=False,
        widget=_textarea(3),
        help_text=gettext_lazy(
            "随意契約の場合は必ず記入してください（競争性のある手続によることが著しく困難又は不相当である理由）。"
        ),
    )

    def __init__(self, *args: Any, decided_on: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if decided_on is not None:
            self.fields["ordered_on"].help_text = _(
                "交付決定日（%(date)s）より前の契約・発注は補助の対象になりません（交付決定日当日は対象です）。"
            ) % {"date": format_date(decided_on)}

    def values(self) -> dict[str, Any]:
        return {key: self.cleaned_data.get(key) for key in self.fields}


class NoteForm(forms.Form):
    """The secretariat's note on a plan change (required to refuse)."""

    note = forms.CharField(
        label=gettext_lazy("事務局の所見"),
        required=False,
        widget=_textarea(4),
        help_text=gettext_lazy("不承認の場合は理由を必ず記入してください。"),
    )


TEXT_KINDS = frozenset({"text", "longtext"})


class PlanChangeForm(forms.Form):
    """The plan's sections as fields: a textarea per text item of 様式2, the figures per year of 様式3.

    Items the form does not show (lists of survey items, the CO2 calculation…) stay as they are."""

    reason = forms.CharField(label=gettext_lazy("変更の理由"), widget=_textarea(4))

    def __init__(
        self,
        *args: Any,
        sections: Mapping[str, Any],
        labels: Mapping[str, str],
        kinds: Mapping[str, str],
        reason_label: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if reason_label:
            self.fields["reason"].label = reason_label
        self.sections = sections
        self.text_items: list[tuple[str, str, str]] = []
        self.cost_items: list[tuple[str, int, int | None, str]] = []
        self.groups: list[tuple[str, list[str]]] = []
        for section_key, data in sections.items():
            if not isinstance(data, Mapping):
                continue
            heading = labels.get(section_key, section_key)
            if isinstance(data.get("years"), list):
                self._add_costs(section_key, heading, data["years"])
                continue
            names = []
            for key, value in data.items():
                kind = kinds.get(f"{section_key}.{key}")
                if not (kind in TEXT_KINDS or (kind is None and isinstance(value, str))):
                    continue
                name = f"{section_key}__{key}"
                self.fields[name] = forms.CharField(
                    label=labels.get(f"{section_key}.{key}", key),
                    required=False,
                    initial=value if isinstance(value, str) else "",
                    widget=_textarea(5 if kind != "text" else 2),
                )
                self.text_items.append((name, section_key, key))
                names.append(name)
            if names:
                self.groups.append((heading, names))
        self.order_fields([name for _heading, names in self.groups for name in names] + ["reason"])

    def _add_costs(self, section_key: str, heading: str, years: list[Any]) -> None:
        for index, year in enumerate(years):
            if not isinstance(year, Mapping) or not isinstance(year.get("fiscal_year"), int):
                continue
            fy = year["fiscal_year"]
            label = fiscal_year_label(fy)
            names = []
            for key, text in (("total_cost", _("(1)総事業費")), ("other_income", _("(2)寄付金その他の収入"))):
                name = f"{section_key}__{index}__{key}"
                self.fields[name] = YenField(
                    label=f"{label} {text}", min_value=0, required=False, initial=year.get(key)
                )
                self.cost_items.append((name, index, None, key))
                names.append(name)
            for number, line in enumerate(year.get("lines") or [], start=1):
                if not isinstance(line, Mapping):
                    continue
                what = (
                    f"{label} {number}行目 {line.get('category', '')} {line.get('description', '')}".strip()
                )
                name = f"{section_key}__{index}__{number}__unit_price"
                self.fields[name] = YenField(
                    label=_("%(what)s：単価") % {"what": what}, min_value=0, initial=line.get("unit_price")
                )
                self.cost_items.append((name, index, number, "unit_price"))
                quantity = f"{section_key}__{index}__{number}__quantity"
                self.fields[quantity] = forms.IntegerField(
                    label=_("%(what)s：数量") % {"what": what}, min_value=1, initial=line.get("quantity")
                )
                self.cost_items.append((quantity, index, number, "quantity"))
                names += [name, quantity]
            self.groups.append((f"{heading} {label}", names))
        self._costs_key = section_key

    def bound_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(heading, [self[name] for name in names]) for heading, names in self.groups]

    def after(self) -> dict[str, Any]:
        """The sections that the typed values change, whole (the others are left out)."""
        new = copy.deepcopy(dict(self.sections))
        for name, section_key, key in self.text_items:
            typed = (self.cleaned_data.get(name) or "").replace("\r\n", "\n").strip()
            old = new[section_key].get(key)
            if typed != (old if isinstance(old, str) else "").replace("\r\n", "\n").strip():
                new[section_key][key] = typed
        for name, index, number, key in self.cost_items:
            value = self.cleaned_data.get(name)
            if value is None:
                continue
            year = new[self._costs_key]["years"][index]
            target = year if number is None else year["lines"][number - 1]
            if target.get(key) != value:
                target[key] = value
        return {key: value for key, value in new.items() if value != self.sections.get(key)}

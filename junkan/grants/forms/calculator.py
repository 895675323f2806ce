"""The 加算金 calculator's form: the amount, the day received, repayment rows, the day the rest is paid."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from junkan.common.fields import YenField
from junkan.grants.engine import additional_charge as engine

REPAYMENT_ROWS = 5
ROWS_ADDED = 3
MAX_ROWS = 30
PREFIX = "r"


class DateInput(forms.DateInput):
    """The browser's date picker; the value is always sent and shown as YYYY-MM-DD."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date_field(
    label: Any, *, required: bool, missing: Any, invalid: Any, help_text: Any = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%Y/%m/%d"],
        error_messages={"required": missing, "invalid": invalid},
    )


class ChargeForm(forms.Form):
    """The amount ordered back, the day it was received and (optionally) the day the rest is paid."""

    amount = YenField(
        label=_("返還を命じられた補助金の額"),
        min_value=1,
        help_text=_(
            "受領した補助金のうち、返還の対象となる額です。「10,000,000」「1,000万円」のように入力できます。"
        ),
        error_messages={"required": _("返還を命じられた補助金の額を入力してください。")},
    )
    received_on = _date_field(
        _("受領日"),
        required=True,
        missing=_("受領日を入力してください。"),
        invalid=_("受領日は「2020-04-01」の形式で、実在する日付を入力してください。"),
        help_text=_("補助金を受領した日です。この日から数えます。"),
    )
    until = _date_field(
        _("残額の完済日（任意）"),
        required=False,
        missing="",
        invalid=_("残額の完済日は「2020-04-01」の形式で、実在する日付を入力してください。"),
        help_text=_(
            "返還していない額があるときに、それを完済する（した）日を入力すると、その日までの加算金を含めて計算します。"
            "入力しないときは、最後の返還日までを計算します。"
        ),
    )


class RepaymentForm(forms.Form):
    """One repayment: its day and amount; a row left blank is ignored."""

    date = _date_field(
        _("返還日"),
        required=False,
        missing="",
        invalid=_("返還日は「2020-04-01」の形式で、実在する日付を入力してください。"),
    )
    amount = YenField(label=_("返還額"), required=False, min_value=1)

    def clean(self) -> dict[str, Any]:
        """Both or neither: a day without an amount (or the reverse) is an error on the missing one."""
        data = super().clean()
        day, amount = data.get("date"), data.get("amount")
        if day is None and amount is not None and "date" not in self.errors:
            self.add_error("date", _("返還額を入力した行には、返還日も入力してください。"))
        if amount is None and day is not None and "amount" not in self.errors:
            self.add_error("amount", _("返還日を入力した行には、返還額も入力してください。"))
        return data


def repayment_formset(extra: int = REPAYMENT_ROWS) -> type[forms.BaseFormSet]:
    """The repayment rows: ``extra`` blank ones after those given, at most MAX_ROWS."""
    return forms.formset_factory(
        RepaymentForm, extra=extra, max_num=MAX_ROWS, absolute_max=MAX_ROWS, validate_max=True
    )


def with_more_rows(post: QueryDict) -> tuple[ChargeForm, forms.BaseFormSet]:
    """The forms unbound, showing what was typed, with ROWS_ADDED more blank repayment rows (no errors)."""
    try:
        total = min(int(post.get(f"{PREFIX}-TOTAL_FORMS", "0")), MAX_ROWS)
    except ValueError:
        total = 0
    rows = [
        {"date": post.get(f"{PREFIX}-{i}-date", ""), "amount": post.get(f"{PREFIX}-{i}-amount", "")}
        for i in range(max(total, 0))
    ]
    extra = max(0, min(ROWS_ADDED, MAX_ROWS - len(rows)))
    form = ChargeForm(initial={name: post.get(name, "") for name in ChargeForm.base_fields})
    return form, repayment_formset(extra)(initial=rows, prefix=PREFIX)


def repayments(formset: forms.BaseFormSet) -> tuple[list[engine.Repayment], list[int]]:
    """The filled rows as the engine takes them, and each one's row number in the form (for errors)."""
    lines: list[engine.Repayment] = []
    rows: list[int] = []
    for index, row in enumerate(formset.forms):
        day: date | None = row.cleaned_data.get("date")
        amount: int | None = row.cleaned_data.get("amount")
        if day is not None and amount is not None:
            lines.append(engine.Repayment(day, amount))
            rows.append(index)
    return lines, rows


def add_engine_errors(
    error: engine.AdditionalChargeError, form: ChargeForm, formset: forms.BaseFormSet, rows: list[int]
) -> None:
    """Put each problem the engine found on the field it names (on the form when it names none)."""
    for problem in error.problems:
        field = problem.field
        if field in {"receipts[0].amount", "receipts"}:
            form.add_error("amount", problem.message)
        elif field == "receipts[0].received_on":
            form.add_error("received_on", problem.message)
        elif field == "until":
            form.add_error("until", problem.message)
        elif field.startswith("repayments[") and "]." in field:
            index = int(field[len("repayments[") : field.index("]")])
            name = field.rsplit(".", 1)[1]
            formset.forms[rows[index]].add_error(name, problem.message)
        else:
            form.add_error(None, problem.message)

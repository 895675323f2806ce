"""The public 加算金 calculator: compute and show the working; nothing is stored."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import additional_charge as engine
from junkan.grants.forms import calculator as forms


def _error_list(form: forms.ChargeForm, formset: Any) -> list[tuple[str | None, str]]:
    """Every error with the id of its input, for the summary at the top (WCAG 3.3.1)."""
    errors: list[tuple[str | None, str]] = [(None, str(e)) for e in form.non_field_errors()]
    errors += [(None, str(e)) for e in formset.non_form_errors()]
    for field in form:
        errors += [(field.auto_id, f"{field.label}：{e}") for e in field.errors]
    for number, row in enumerate(formset.forms, start=1):
        for field in row:
            errors += [
                (
                    field.auto_id,
                    _("返還%(n)s回目の%(label)s：%(error)s")
                    % {"n": number, "label": field.label, "error": e},
                )
                for e in field.errors
            ]
    return errors


def additional_charge(request: HttpRequest) -> HttpResponse:
    """The calculator (anyone): the form, and on POST the 加算金 with every period of the working."""
    enforce(permissions.can_use_calculator(request.user))
    result = None
    focus_rows = False
    if request.method != "POST":
        form, formset = forms.ChargeForm(), forms.repayment_formset()(prefix=forms.PREFIX)
    elif request.POST.get("action") == "add-row":
        # "Add rows" works without JavaScript: the same page with more blank rows, nothing typed lost.
        form, formset = forms.with_more_rows(request.POST)
        focus_rows = True
    else:
        form = forms.ChargeForm(request.POST)
        formset = forms.repayment_formset()(request.POST, prefix=forms.PREFIX)
        if form.is_valid() and formset.is_valid():
            lines, rows = forms.repayments(formset)
            data = form.cleaned_data
            try:
                result = engine.additional_charge(data["amount"], data["received_on"], lines, data["until"])
            except engine.AdditionalChargeError as error:
                forms.add_engine_errors(error, form, formset, rows)
    errors = _error_list(form, formset) if form.is_bound else []
    return render(
        request,
        "grants/additional_charge.html",
        {
            "form": form,
            "formset": formset,
            "result": result,
            "errors": errors,
            "focus_rows": focus_rows,
            "rate_label": engine.RATE_LABEL,
            "per_day": engine.decimal_text(result.per_day_on_outstanding, grouped=True) if result else "",
            "can_add_rows": len(formset.forms) < forms.MAX_ROWS,
        },
    )

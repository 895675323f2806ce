"""Pages: the public calculator, saved calculations (owner, organization, secretariat), the factor tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from junkan.carbon import engine, forms, permissions, services
from junkan.carbon.models import FactorKind, FactorSet, SavedCalculation
from junkan.carbon.pdf import calculation_sheet
from junkan.common import cache
from junkan.common.forms import service_errors
from junkan.common.permissions import enforce
from junkan.organizations.models import Organization

ADD_ACTIONS = {f"add-{prefix}" for prefix, _part in forms.PARTS} | {"add-bn", "add-re"}


@dataclass
class Calculator:
    """Every form of the calculator page, bound or not, and the errors to list at the top."""

    settings: forms.SettingsForm
    parts: dict[engine.Part, forms.BaseActivityFormSet]
    boundary: Any
    renewables: Any
    extras: forms.ExtrasForm
    row_map: dict[engine.Part, list[int]] = field(default_factory=dict)

    def all_forms(self) -> list[Any]:
        return [self.settings, *self.parts.values(), self.boundary, self.renewables, self.extras]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.all_forms()])  # noqa: C419 - validate every form

    def engine_input(self) -> dict[str, Any]:
        for part, formset in self.parts.items():
            self.row_map[part] = [
                index for index, form in enumerate(formset.forms) if form.cleaned_data and not form.is_blank()
            ]
        return forms.calculator_data(self.settings, self.parts, self.boundary, self.renewables, self.extras)

    def add_engine_error(self, error: engine.CalculationError) -> None:
        """Put the engine's message on the line and field it is about."""
        if error.part is not None and error.index is not None and self.row_map.get(error.part):
            rows = self.row_map[error.part]
            if 0 < error.index <= len(rows):
                form = self.parts[error.part].forms[rows[error.index - 1]]
                form.add_error(forms.FIELD_OF_KEY.get(error.field), error.message)
                return
        if error.field == "fuel_revision":
            self.settings.add_error("fuel_revision", error.message)
            return
        self.extras.add_error(None, error.located)

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor id or "", text) of every error, in page order, for the summary."""
        items: list[tuple[str, str]] = []

        def collect(form: Any, where: str) -> None:
            for message in form.non_field_errors():
                items.append(("", f"{where}{message}"))
            for bound in form:
                for message in bound.errors:
                    items.append((bound.auto_id, f"{where}{bound.label}：{message}"))

        collect(self.settings, "")
        for part, formset in self.parts.items():
            for message in formset.non_form_errors():
                items.append(("", f"{part.label}：{message}"))
            for index, form in enumerate(formset.forms, start=1):
                collect(form, _("%(part)s %(row)s行目 ") % {"part": part.label, "row": index})
        for index, form in enumerate(self.boundary.forms, start=1):
            collect(form, _("バウンダリの注記 %(row)s行目 ") % {"row": index})
        for index, form in enumerate(self.renewables.forms, start=1):
            collect(form, _("再エネ設備 %(row)s行目 ") % {"row": index})
        collect(self.extras, "")
        return items


def _organization_choices(request: HttpRequest) -> list[tuple[str, str]] | None:
    if not request.user.is_authenticated:
        return None
    organizations = Organization.objects.filter(memberships__user=request.user).order_by("name")
    return [(str(org.pk), org.name) for org in organizations]


def _calculator(
    request: HttpRequest, data: QueryDict | None = None, initial: dict[str, Any] | None = None
) -> Calculator:
    initial = initial or {}
    choices = {"fuels": forms.fuel_choices(), "suppliers": forms.supplier_choices()}
    settings_initial = {
        "fuel_revision": initial.get("fuel_revision") or services.default_fuel_revision(),
        "title": initial.get("title", ""),
        "organization": initial.get("organization", ""),
    }
    parts = {
        part: forms.ActivityFormSet(
            data,
            prefix=prefix,
            initial=initial.get("parts", {}).get(prefix) or None,
            **choices,
        )
        for prefix, part in forms.PARTS
    }
    return Calculator(
        settings=forms.SettingsForm(
            data, initial=settings_initial, organizations=_organization_choices(request)
        ),
        parts=parts,
        boundary=forms.BoundaryFormSet(data, prefix="bn", initial=initial.get("boundary") or None),
        renewables=forms.RenewableFormSet(data, prefix="re", initial=initial.get("renewables") or None),
        extras=forms.ExtrasForm(data, initial=initial.get("extras")),
    )


def _organization(request: HttpRequest, calculator: Calculator) -> Organization | None:
    pk = calculator.settings.cleaned_data.get("organization")
    return Organization.objects.filter(pk=pk).first() if pk else None


def _saved_initial(saved: SavedCalculation) -> dict[str, Any]:
    initial = forms.initial_from_input(saved.input)
    initial["title"] = saved.title
    initial["organization"] = str(saved.organization_id or "")
    return initial


def calculator(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The calculator: compute and show the trail (anyone); save or change a draft (logged in)."""
    enforce(permissions.can_use_calculator(request.user))
    saved = None
    if pk is not None:
        saved = _calculation(request, pk)
        enforce(permissions.can_edit_calculation(request.user, saved))
    if request.method != "POST":
        initial = _saved_initial(saved) if saved else _copied(request)
        blank = None if initial else cache.tokens(services.FACTORS)
        return _render(request, _calculator(request, initial=initial), saved, blank_generation=blank)
    action = request.POST.get("action", "calculate")
    if action in ADD_ACTIONS:
        # "Add rows" works without JavaScript: the same page with more blank rows, nothing typed lost.
        prefix = action.removeprefix("add-")
        data = forms.with_more_rows(request.POST, prefix)
        calc = _calculator(request, data=data)
        if request.headers.get("HX-Request") == "true" and prefix in forms.PART_OF:
            # htmx: only this part comes back, with one more line; the rest of the page stays as typed.
            part = _parts(calc, None, focus=prefix)[[p for p, _part in forms.PARTS].index(prefix)]
            return render(request, "carbon/_part.html", {"part": part, "focus": prefix})
        return _render(request, calc, saved, focus=prefix)
    calc = _calculator(request, data=request.POST)
    result = None
    if calc.is_valid():
        try:
            computation = services.compute(calc.engine_input())
        except engine.CalculationError as error:
            calc.add_engine_error(error)
        else:
            result = computation.result
            if action == "save":
                response = _save(request, calc, saved)
                if response is not None:
                    return response
    if request.headers.get("HX-Request") == "true" and action == "calculate":
        return _render_outcome(request, calc, saved, result)
    return _render(request, calc, saved, result=result)


def _save(request: HttpRequest, calc: Calculator, saved: SavedCalculation | None) -> HttpResponse | None:
    decision = permissions.can_save_calculation(request.user)
    if not decision:
        calc.settings.add_error(None, decision.reason)
        return None
    with service_errors(calc.settings) as outcome:
        saved = services.save_calculation(
            request.user,
            calc.engine_input(),
            title=calc.settings.cleaned_data["title"],
            organization=_organization(request, calc),
            calculation=saved,
        )
    if outcome.refused:
        return None
    messages.success(request, _("算定を保存しました。"))
    return redirect("carbon:detail", pk=saved.pk)


def _copied(request: HttpRequest) -> dict[str, Any]:
    """?copy=<pk>: start from a calculation the person may see (as a new, unsaved one)."""
    pk = request.GET.get("copy", "")
    if not pk.isdigit():
        return {}
    saved = _calculation(request, int(pk))
    initial = _saved_initial(saved)
    initial["title"] = _("%(title)s（複製）") % {"title": saved.title}
    return initial


def _render(
    request: HttpRequest,
    calc: Calculator,
    saved: SavedCalculation | None,
    result: engine.Result | None = None,
    focus: str = "",
    blank_generation: str | None = None,
    template: str = "carbon/calculator.html",
) -> HttpResponse:
    errors = calc.error_list() if calc.settings.is_bound else []
    context = {
        "blank_generation": blank_generation,
        "calc": calc,
        "parts": _parts(calc, result, focus),
        "result": result,
        "errors": errors,
        "saved": saved,
        "focus": focus,
        "kind_help": engine.KIND_LABELS,
        "can_save": permissions.can_save_calculation(request.user).allowed,
    }
    return render(request, template, context, status=422 if errors else 200)


def _render_outcome(
    request: HttpRequest, calc: Calculator, saved: SavedCalculation | None, result: engine.Result | None
) -> HttpResponse:
    """htmx "計算する": the form stays in the browser as typed and only the result comes back, with the
    parts' subtotals; when something is to be corrected, the whole calculator comes back with the errors on
    its fields."""
    if result is None:
        response = _render(request, calc, saved, template="carbon/_calculator.html")
        response.status_code = 200  # htmx swaps only 2xx answers
        return reswap(retarget(response, "#co2-calculator"), "outerHTML")
    context = {"result": result, "parts": _parts(calc, result), "errors": [], "outcome_only": True}
    return render(request, "carbon/_outcome.html", context)


def _parts(calc: Calculator, result: engine.Result | None, focus: str = "") -> list[dict[str, Any]]:
    """The four parts as collapsible sections: open when they hold lines, errors or the focus (C on a blank
    page), with the part's subtotal once computed."""
    bound = calc.settings.is_bound
    sections = []
    for part, formset in calc.parts.items():
        prefix = forms.PREFIX_OF[part]
        filled = any(form.initial.get("kind") for form in formset.forms) or (
            bound and any(formset.data.get(f"{prefix}-{i}-kind") for i in range(formset.total_form_count()))
        )
        has_errors = bound and (any(formset.errors) or bool(formset.non_form_errors()))
        sections.append(
            {
                "prefix": prefix,
                "part": part,
                "formset": formset,
                "total": result.totals.get(part) if result else None,
                "open": bool(filled or has_errors or focus == prefix),
            }
        )
    if not any(section["open"] for section in sections):
        sections[0]["open"] = True
    return sections


def _calculation(request: HttpRequest, pk: int) -> SavedCalculation:
    calculation = get_object_or_404(SavedCalculation.objects.select_related("owner", "organization"), pk=pk)
    enforce(permissions.can_view_calculation(request.user, calculation))
    return calculation


@login_required
def calculation_list(request: HttpRequest) -> HttpResponse:
    """My calculations and those of my organizations."""
    enforce(permissions.can_list_own_calculations(request.user))
    calculations = (
        SavedCalculation.objects.filter(
            Q(owner=request.user) | Q(organization__memberships__user=request.user)
        )
        .select_related("owner", "organization")
        .distinct()
        .order_by("-updated_at", "-id")
    )
    return render(request, "carbon/list.html", {"calculations": calculations})


@login_required
def calculation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    calculation = _calculation(request, pk)
    context = {
        "calculation": calculation,
        "result": services.recompute(calculation),
        "can_edit": permissions.can_edit_calculation(request.user, calculation).allowed,
        "can_submit": permissions.can_submit_calculation(request.user, calculation).allowed,
        "sets": calculation.factor_sets.order_by("kind", "revision"),
    }
    return render(request, "carbon/detail.html", context)


@login_required
def calculation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable calculation sheet (same permission as the page)."""
    calculation = _calculation(request, pk)
    response = HttpResponse(
        calculation_sheet(calculation, services.recompute(calculation)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="co2-calculation-{calculation.pk}.pdf"'
    return response


@login_required
@require_POST
def calculation_submit(request: HttpRequest, pk: int) -> HttpResponse:
    calculation = _calculation(request, pk)
    services.submit_calculation(request.user, calculation)
    messages.success(request, _("算定を提出済みにしました。使用した排出係数は確定され、変更されません。"))
    return redirect("carbon:detail", pk=calculation.pk)


def factor_set_list(request: HttpRequest) -> HttpResponse:
    """The stored factor sets with their sources (public)."""
    enforce(permissions.can_use_calculator(request.user))
    sets = FactorSet.objects.annotate(
        fuel_count=Count("fuels", distinct=True), supplier_count=Count("suppliers", distinct=True)
    ).order_by("kind", "-revision")
    groups = [(label, [s for s in sets if s.kind == kind]) for kind, label in FactorKind.choices]
    return render(request, "carbon/factor_sets.html", {"groups": groups})


def factor_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One set's rows (public)."""
    enforce(permissions.can_use_calculator(request.user))
    factor_set = get_object_or_404(FactorSet, pk=pk)
    context: dict[str, Any] = {"factor_set": factor_set}
    if factor_set.kind == FactorKind.FUEL:
        context["fuels"] = [
            (row, services.engine_fuel(row, factor_set.name).t_co2_per_unit)
            for row in factor_set.fuels.order_by("id")
        ]
    else:
        context["suppliers"] = factor_set.suppliers.order_by("id")
    return render(request, "carbon/factor_set.html", context)

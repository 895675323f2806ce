"""Pages: the region's economy profile, data entry and imports, IO tables, the ripple calculator, analyses."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from junkan.accounts.permissions import is_secretariat
from junkan.common import files
from junkan.common.forms import service_errors
from junkan.common.paging import page_of
from junkan.common.permissions import enforce
from junkan.economy import demo, exports, forms, imports, permissions, profile, services, sources
from junkan.economy.engine.problems import EconomyInputError
from junkan.economy.models import Analysis, IOTable, RegionalAccount, Visibility
from junkan.organizations.models import Organization

PER_PAGE = 20


def _organizations(request: HttpRequest) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=permissions.organization_ids(request.user)).order_by("name")


def _accounts(request: HttpRequest) -> QuerySet[RegionalAccount]:
    return permissions.visible(RegionalAccount.objects.all(), request.user).select_related("organization")


def _tables(request: HttpRequest) -> QuerySet[IOTable]:
    return permissions.visible(IOTable.objects.all(), request.user).select_related("organization")


def _analyses(request: HttpRequest) -> QuerySet[Analysis]:
    return permissions.visible(Analysis.objects.all(), request.user).select_related(
        "organization", "io_table"
    )


def _get(request: HttpRequest, model: Any, public_id: Any, check: Any = permissions.can_view) -> Any:
    obj = get_object_or_404(model, public_id=public_id)
    enforce(check(request.user, obj))
    return obj


def index(request: HttpRequest) -> HttpResponse:
    """The entry page: what the analysis is, the calculators, and the latest data the person may see."""
    return render(
        request,
        "economy/index.html",
        {
            "accounts": _accounts(request).order_by("-updated_at")[:10],
            "tables": _tables(request).order_by("-updated_at")[:10],
            "analyses": _analyses(request)[:10],
            "can_create": permissions.can_create(request.user),
            # The lists are the same for everyone who sees only public data: cached per economy generation.
            "public_only": permissions.sees_public_only(request.user),
        },
    )


def _listing(request: HttpRequest, queryset: QuerySet[Any], template: str) -> HttpResponse:
    page = page_of(request, queryset, PER_PAGE)
    return render(
        request,
        template,
        {
            "page": page,
            "items": page.object_list,
            # The page is the same for everyone who sees only public data: cached per economy generation.
            "public_only": permissions.sees_public_only(request.user),
        },
    )


def account_list(request: HttpRequest) -> HttpResponse:
    return _listing(
        request, _accounts(request).order_by("area_name", "-data_year", "id"), "economy/account_list.html"
    )


def table_list(request: HttpRequest) -> HttpResponse:
    return _listing(
        request, _tables(request).order_by("area_name", "-data_year", "id"), "economy/table_list.html"
    )


def analysis_list(request: HttpRequest) -> HttpResponse:
    return _listing(request, _analyses(request), "economy/analysis_list.html")


# Accounts ---------------------------------------------------------------------------------------------------


@login_required
def account_form(request: HttpRequest, public_id: Any = None) -> HttpResponse:
    """Enter or change an account by hand (every save is a new version)."""
    account = _get(request, RegionalAccount, public_id, permissions.can_edit) if public_id else None
    if account is None:
        enforce(permissions.can_create(request.user))
    organizations = _organizations(request)
    allow_none = is_secretariat(request.user)
    if request.method == "POST":
        form = forms.AccountForm(request.POST, organizations=organizations, allow_none=allow_none)
        formset = forms.IndustryFormSet(request.POST, prefix="industries")
        if form.is_valid() and formset.is_valid():
            values = {
                k: v for k, v in form.cleaned_data.items() if k not in {"organization", "municipality_code"}
            }
            with service_errors(form, aliases={NON_FIELD_ERRORS: "municipality_code"}) as found:
                municipality = services.municipality_for(form.cleaned_data["municipality_code"])
            if found.ok:
                with service_errors(form) as outcome:
                    saved = services.save_account(
                        request.user,
                        values,
                        forms.industry_rows(formset),
                        organization=account.organization if account else form.cleaned_data["organization"],
                        account=account,
                        municipality=municipality,
                        visibility=form.cleaned_data["visibility"],
                    )
                if outcome.ok:
                    messages.success(
                        request, _("地域経済循環データを保存しました（第%(v)s版）。") % {"v": saved.version}
                    )
                    return redirect("economy:account", saved.public_id)
    else:
        initial = forms.account_initial(account) if account else {}
        form = forms.AccountForm(initial=initial, organizations=organizations, allow_none=allow_none)
        rows = (
            [{k: getattr(f, k) for k in services.INDUSTRY_FIELDS} for f in account.industries.all()]
            if account
            else []
        )
        formset = forms.IndustryFormSet(initial=rows, prefix="industries")
    if account is not None:
        form.fields["organization"].disabled = True
    return render(
        request, "economy/account_form.html", {"form": form, "formset": formset, "account": account}
    )


def account_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    """The region's economy profile: the three-stage diagram, energy payments and industries."""
    account = _get(request, RegionalAccount, public_id)
    return render(
        request,
        "economy/account_detail.html",
        {
            "account": account,
            # Computed only when the cached profile is rendered (once per economy generation and language).
            "profile": SimpleLazyObject(lambda: profile.account_profile(account)),
            "can_edit": permissions.can_edit(request.user, account),
            "revisions": account.revisions.select_related("saved_by")[:10],
            "notes": sources.ACCOUNT_NOTES,
            "rounding": profile.ROUNDING_NOTE,
            "energy_note": profile.ENERGY_NOTE,
        },
    )


def account_pdf(request: HttpRequest, public_id: Any) -> HttpResponse:
    account = _get(request, RegionalAccount, public_id)
    response = exports.pdf_response(
        exports.account_pdf(profile.account_profile(account)), f"economy-{account.data_year}.pdf"
    )
    return files.exported(request, response, "economy.account.exported", account, format="pdf")


def account_xlsx(request: HttpRequest, public_id: Any) -> HttpResponse:
    account = _get(request, RegionalAccount, public_id)
    response = exports.xlsx_response(
        exports.account_xlsx(profile.account_profile(account)), f"economy-{account.data_year}.xlsx"
    )
    return files.exported(request, response, "economy.account.exported", account, format="xlsx")


def account_template(request: HttpRequest, kind: str) -> HttpResponse:
    """The template to fill in (with the fictional demo region as the example)."""
    if kind == "csv":
        response = HttpResponse(
            imports.account_template_csv(demo.template_example()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="economy-account-template.csv"'
    else:
        response = exports.xlsx_response(
            imports.account_template_xlsx(demo.template_example()), "economy-account-template.xlsx"
        )
    return files.exported(
        request,
        response,
        "economy.template.exported",
        None,
        template="account",
        format="csv" if kind == "csv" else "xlsx",
    )


@login_required
def account_import(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_create(request.user))
    organizations = _organizations(request)
    allow_none = is_secretariat(request.user)
    problems: list[imports.Problem] = []
    form = forms.UploadForm(
        request.POST or None, request.FILES or None, organizations=organizations, allow_none=allow_none
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            account = services.import_account(
                request.user,
                form.cleaned_data["organization"],
                upload.read(),
                upload.name,
                form.cleaned_data["visibility"],
            )
        except imports.ImportFailed as failure:
            problems = list(failure.problems)
        else:
            messages.success(request, _("取り込みました（第%(v)s版）。") % {"v": account.version})
            return redirect("economy:account", account.public_id)
    return render(request, "economy/import.html", {"form": form, "problems": problems, "kind": "account"})


@login_required
@require_POST
def visibility(request: HttpRequest, kind: str, public_id: Any) -> HttpResponse:
    """Make an account, a table or an analysis public or private."""
    model = {"account": RegionalAccount, "table": IOTable, "analysis": Analysis}[kind]
    obj = _get(request, model, public_id, permissions.can_edit)
    choice = request.POST.get("visibility", "")
    with service_errors(request=request) as outcome:
        services.set_visibility(request.user, obj, choice)
    if outcome.ok:
        messages.success(request, _("公開範囲を「%(v)s」にしました。") % {"v": Visibility(choice).label})
    return redirect(f"economy:{kind}", obj.public_id)


# IO tables --------------------------------------------------------------------------------------------------


def table_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    table = _get(request, IOTable, public_id)
    model = services.model_of(table)
    from junkan.economy.engine import io as io_engine

    influence, sensitivity = io_engine.influence_and_sensitivity(io_engine.inverse(model))
    return render(
        request,
        "economy/table_detail.html",
        {
            "table": table,
            "rows": exports.table_rows(table, influence, sensitivity),
            "can_edit": permissions.can_edit(request.user, table),
            "revisions": table.revisions.select_related("saved_by")[:10],
        },
    )


def table_xlsx(request: HttpRequest, public_id: Any) -> HttpResponse:
    table = _get(request, IOTable, public_id)
    response = exports.xlsx_response(services.table_workbook(table), f"io-table-{table.data_year}.xlsx")
    return files.exported(request, response, "economy.table.exported", table, format="xlsx")


def table_template(request: HttpRequest) -> HttpResponse:
    model = demo.demo_model()
    content = imports.io_template_xlsx(
        model.sectors,
        demo.COEFFICIENTS,
        {
            "self_sufficiency": demo.SELF_SUFFICIENCY,
            "employee_income_ratio": demo.EMPLOYEE_INCOME,
            "value_added_ratio": demo.VALUE_ADDED,
            "consumption_pattern": demo.CONSUMPTION_PATTERN,
            "employment_per_unit": demo.EMPLOYMENT,
        },
        demo.TABLE_SETTINGS,
    )
    response = exports.xlsx_response(content, "io-table-template.xlsx")
    return files.exported(
        request, response, "economy.template.exported", None, template="io_table", format="xlsx"
    )


@login_required
def table_import(request: HttpRequest) -> HttpResponse:
    enforce(permissions.can_create(request.user))
    organizations = _organizations(request)
    allow_none = is_secretariat(request.user)
    problems: list[imports.Problem] = []
    form = forms.TableUploadForm(
        request.POST or None, request.FILES or None, organizations=organizations, allow_none=allow_none
    )
    if request.method == "POST" and form.is_valid():
        try:
            table = services.import_table(
                request.user,
                form.cleaned_data["organization"],
                form.cleaned_data["file"].read(),
                form.cleaned_data["visibility"],
            )
        except imports.ImportFailed as failure:
            problems = list(failure.problems)
        else:
            messages.success(
                request,
                _("産業連関表を取り込みました（%(n)s部門、第%(v)s版）。")
                % {"n": table.sector_count, "v": table.version},
            )
            return redirect("economy:table", table.public_id)
    return render(request, "economy/import.html", {"form": form, "problems": problems, "kind": "table"})


# The ripple calculator and analyses ------------------------------------------------------------------------


def ripple(request: HttpRequest) -> HttpResponse:
    """Choose a table, enter the demand by sector (or from a 様式3 cost table), compute, save."""
    enforce(permissions.can_use_calculator(request.user))
    tables = _tables(request).order_by("area_name", "-data_year", "id")
    chooser = forms.TableChoiceForm(request.GET or None, tables=tables)
    table = None
    if chooser.is_valid():
        table = chooser.cleaned_data["table"]
    elif request.GET.get("table"):
        chooser.errors.clear()
    context: dict[str, Any] = {"chooser": chooser, "table": table, "tables_exist": tables.exists()}
    if table is None:
        return render(request, "economy/ripple.html", context)
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "") if data is not None else ""
    cost_source = sources.cost_source(request, table)
    mapping = None
    if cost_source is not None:
        mapping = forms.CostMappingForm(
            data if action == "from_costs" else None, lines=cost_source.lines, sectors=table.sectors
        )
    demand_form = forms.DemandForm(data if action in {"compute", "save"} else None, table=table)
    if action == "from_costs" and mapping is not None and mapping.is_valid():
        demand = services.demand_from_costs(mapping.assignments(), table.sector_count, table.unit)
        context["from_costs_note"] = cost_source.note(mapping.assignments(), table.sectors)
        demand_form = forms.DemandForm(
            initial={
                **{f"demand_{i}": _trim(v) for i, v in enumerate(demand)},
                "source_note": context["from_costs_note"],
            },
            table=table,
        )
    organizations = _organizations(request)
    accounts = _accounts(request).order_by("area_name", "-data_year")
    save_form = forms.SaveAnalysisForm(
        data if action == "save" else None,
        organizations=organizations,
        accounts=accounts,
        initial={
            "demand_note": _source_note(demand_form),
            "title": cost_source.title if cost_source else "",
        },
    )
    result = None
    if action in {"compute", "save"} and demand_form.is_valid():
        try:
            run = services.run_ripple(table, demand_form.demand())
        except EconomyInputError as error:
            demand_form.add_error(None, error.problems[0].message)
        else:
            result = profile.result_view(run.payload, demand_form.demand(), table.unit)
            if action == "save":
                enforce(permissions.can_create(request.user))
                if save_form.is_valid():
                    analysis = services.save_analysis(
                        request.user,
                        save_form.cleaned_data["organization"],
                        table,
                        demand_form.demand(),
                        title=save_form.cleaned_data["title"],
                        visibility=save_form.cleaned_data["visibility"],
                        account=save_form.cleaned_data["account"],
                        demand_note=save_form.cleaned_data["demand_note"],
                    )
                    messages.success(request, _("分析を保存しました。"))
                    return redirect("economy:analysis", analysis.public_id)
    context.update(
        {
            "demand_form": demand_form,
            "mapping": mapping,
            "cost_source": cost_source,
            "applications": sources.applications_for(request),
            "result": result,
            "save_form": save_form,
            "can_save": permissions.can_create(request.user) and organizations.exists(),
            "rounding": profile.ROUNDING_NOTE,
        }
    )
    return render(request, "economy/ripple.html", context)


def _source_note(demand_form: forms.DemandForm) -> str:
    """The note of how the demand was made, from the (bound or initial) demand form."""
    if demand_form.is_bound:
        return str(demand_form.data.get("source_note", ""))
    return str(demand_form.initial.get("source_note", ""))


def _trim(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "" if text in {"0", "-0"} else text


def analysis_detail(request: HttpRequest, public_id: Any) -> HttpResponse:
    analysis = _get(request, Analysis, public_id)
    return render(
        request,
        "economy/analysis_detail.html",
        {
            "analysis": analysis,
            "view": profile.analysis_view(analysis),
            "account_profile": profile.account_profile(analysis.account)
            if analysis.account and permissions.can_view(request.user, analysis.account)
            else None,
            "can_edit": permissions.can_edit(request.user, analysis),
            "rounding": profile.ROUNDING_NOTE,
            "table_visible": permissions.can_view(request.user, analysis.io_table),
        },
    )


def analysis_pdf(request: HttpRequest, public_id: Any) -> HttpResponse:
    analysis = _get(request, Analysis, public_id)
    response = exports.pdf_response(exports.analysis_pdf(analysis), "economy-analysis.pdf")
    return files.exported(request, response, "economy.analysis.exported", analysis, format="pdf")


def analysis_xlsx(request: HttpRequest, public_id: Any) -> HttpResponse:
    analysis = _get(request, Analysis, public_id)
    response = exports.xlsx_response(exports.analysis_xlsx(analysis), "economy-analysis.xlsx")
    return files.exported(request, response, "economy.analysis.exported", analysis, format="xlsx")

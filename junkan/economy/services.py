"""Every change to regional economy data and analyses: checked, atomic, versioned and audited.

An account or a table is saved with a new version number and a :class:`Revision` holding the data as
saved, in the same transaction as its audit entry; a bad file or form saves nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from junkan.audit.services import record
from junkan.common.permissions import enforce
from junkan.economy import caching, imports, payloads, permissions
from junkan.economy.engine import circulation, io
from junkan.economy.engine.industry import IndustryFigures, IndustryRow, structure
from junkan.economy.engine.problems import EconomyInputError
from junkan.economy.models import (
    Analysis,
    IndustryFigure,
    IOTable,
    RegionalAccount,
    Revision,
    Visibility,
)
from junkan.municipalities.models import Municipality
from junkan.organizations.models import Organization

ACCOUNT_FIELDS = (
    "area_name",
    "data_year",
    "unit",
    "source",
    "population",
    "production",
    "distribution",
    "income_employee",
    "income_other",
    "outflow_consumption",
    "outflow_investment",
    "outflow_other",
    *RegionalAccount.ENERGY_FIELDS,
)
INDUSTRY_FIELDS = ("name", "value_added", "national_value_added", "exports", "imports", "employees")
# Money units in yen, to turn a 様式3 amount (yen) into the unit of a table.
YEN_PER_UNIT = {"oku": 100_000_000, "million": 1_000_000, "thousand": 1_000, "yen": 1}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


def municipality_for(code: str) -> Municipality | None:
    """The municipality of a 団体コード (6 digits, or the 5 without the check digit); None if blank."""
    code = code.strip()
    if not code:
        return None
    if len(code) == 5 and code.isdigit():
        found = Municipality.objects.filter(code__startswith=code).first()
    else:
        found = Municipality.objects.filter(code=code).first()
    if found is None:
        raise ValidationError(_("団体コード「%(code)s」の地方公共団体が見つかりません。") % {"code": code})
    return found


# Accounts --------------------------------------------------------------------------------------------------


def circulation_of(account: RegionalAccount) -> circulation.Circulation:
    """The three sides of a stored account through the engine."""
    return circulation.compute(circulation_input(account.__dict__))


def energy_total(values: dict[str, Any]) -> Decimal | None:
    """The net energy outflow: the sum of the four categories given (None when none is)."""
    parts = [values.get(name) for name in RegionalAccount.ENERGY_FIELDS]
    given = [part for part in parts if part is not None]
    return sum(given, Decimal(0)) if given else None


def circulation_input(values: dict[str, Any]) -> circulation.CirculationInput:
    """Form or model values as the engine's input."""
    inflows = outflows = None
    if values.get("income_employee") is not None or values.get("income_other") is not None:
        inflows = circulation.IncomeInflows(
            values.get("income_employee") or Decimal(0), values.get("income_other") or Decimal(0)
        )
    names = ("outflow_consumption", "outflow_investment", "outflow_other")
    if any(values.get(name) is not None for name in names):
        outflows = circulation.ExpenditureOutflows(*(values.get(name) or Decimal(0) for name in names))
    return circulation.CirculationInput(
        production=Decimal(values["production"]),
        distribution=Decimal(values["distribution"]),
        income_inflows=inflows,
        expenditure_outflows=outflows,
        energy_net_outflow=energy_total(values),
        population=values.get("population"),
    )


def industries_of(account: RegionalAccount) -> list[IndustryFigures]:
    """The industry indicators of a stored account ([] when it has no industries)."""
    rows = [
        IndustryRow(f.name, f.value_added, f.national_value_added, f.exports, f.imports, f.employees)
        for f in account.industries.all()
    ]
    return structure(rows) if rows else []


def check_account(values: dict[str, Any], industries: list[dict[str, Any]]) -> list[str]:
    """The engine's objections to an account, as Japanese messages (empty when it computes)."""
    messages: list[str] = []
    try:
        circulation.compute(circulation_input(values))
    except EconomyInputError as error:
        messages += [p.message for p in error.problems]
    rows = [IndustryRow(**{k: row.get(k) for k in INDUSTRY_FIELDS}) for row in industries]
    if rows:
        try:
            structure(rows)
        except EconomyInputError as error:
            messages += [p.message for p in error.problems]
    return messages


def save_account(
    actor: Any,
    values: dict[str, Any],
    industries: list[dict[str, Any]],
    *,
    organization: Organization | None,
    account: RegionalAccount | None = None,
    municipality: Municipality | None = None,
    visibility: str = Visibility.PRIVATE,
    how: str = "form",
    is_fictional: bool = False,
) -> RegionalAccount:
    """Create an account, or save a new version of ``account``; raises ValidationError (nothing saved)."""
    if account is None:
        enforce(permissions.can_create(actor))
    else:
        enforce(permissions.can_edit(actor, account))
    messages = check_account(values, industries)
    if messages:
        raise ValidationError(messages)
    with transaction.atomic():
        if account is None:
            account = RegionalAccount(organization=organization, created_by=actor, is_fictional=is_fictional)
            verb = "created"
        else:
            account = RegionalAccount.objects.select_for_update().get(pk=account.pk)
            account.version += 1
            verb = "updated"
        for name in ACCOUNT_FIELDS:
            setattr(account, name, values.get(name) if name != "source" else values.get(name) or "")
        account.municipality = municipality
        account.visibility = visibility
        account.save()
        account.industries.all().delete()
        IndustryFigure.objects.bulk_create(
            IndustryFigure(account=account, position=index, **{k: row.get(k) for k in INDUSTRY_FIELDS})
            for index, row in enumerate(industries, start=1)
        )
        caching.invalidate()  # bulk_create sends no signal
        data = {name: _plain(getattr(account, name)) for name in ACCOUNT_FIELDS}
        data["municipality"] = municipality.code if municipality else None
        data["industries"] = [{k: _plain(row.get(k)) for k in INDUSTRY_FIELDS} for row in industries]
        Revision.objects.create(account=account, version=account.version, how=how, data=data, saved_by=actor)
        record(actor, f"economy.account.{verb}", account, data={"version": account.version, "how": how})
    return account


def import_account(
    actor: Any, organization: Organization | None, content: bytes, filename: str, visibility: str
) -> RegionalAccount:
    """An account from the template file: a new one, or a new version of the same region and year."""
    enforce(permissions.can_create(actor))
    data = imports.read_account(content, filename)
    values = dict(data.values)
    try:
        municipality = municipality_for(values.pop("municipality_code", "") or "")
    except ValidationError as error:
        raise imports.ImportFailed([imports.Problem("団体コード", error.messages[0])]) from None
    industries = [{k: row.get(k) for k in INDUSTRY_FIELDS} for row in data.industries]
    existing = RegionalAccount.objects.filter(
        organization=organization, area_name=values["area_name"], data_year=values["data_year"]
    ).first()
    if existing is not None:
        enforce(permissions.can_edit(actor, existing))
    messages = check_account(values, industries)
    if messages:
        raise imports.ImportFailed([imports.Problem("", message) for message in messages])
    return save_account(
        actor,
        values,
        industries,
        organization=organization,
        account=existing,
        municipality=municipality,
        visibility=visibility if existing is None else existing.visibility,
        how="import",
    )


# Input–output tables --------------------------------------------------------------------------------------


def model_of(table: IOTable) -> io.IOModel:
    """A stored table as the engine's model (validated again: the engine never trusts stored data)."""
    return io.model(
        table.sectors,
        table.coefficients,
        table.self_sufficiency,
        table.employee_income_ratio,
        value_added_ratio=table.value_added_ratio,
        consumption_conversion=table.consumption_conversion,
        consumption_pattern=table.consumption_pattern,
        employment_per_unit=table.employment_per_unit,
    )


def _vector(values: Any) -> list[float] | None:
    return None if values is None else [float(v) for v in values]


def save_table(
    actor: Any,
    model: io.IOModel,
    settings: dict[str, Any],
    *,
    organization: Organization | None,
    visibility: str,
    how: str = "import",
    is_fictional: bool = False,
) -> IOTable:
    """Store a validated model: a new table, or a new version of the same title, region and year."""
    enforce(permissions.can_create(actor))
    try:
        municipality = municipality_for(settings.get("municipality_code", "") or "")
    except ValidationError as error:
        raise imports.ImportFailed(
            [imports.Problem("シート「設定」 団体コード", error.messages[0])]
        ) from None
    area = settings.get("area_name") or (municipality.full_name if municipality else "")
    title = settings.get("title") or _("産業連関表")
    year = settings.get("data_year")
    missing = []
    if not area:
        missing.append(imports.Problem("シート「設定」", _("「地域名」か「団体コード」を入力してください。")))
    if year is None:
        missing.append(imports.Problem("シート「設定」", _("「データ年」を入力してください（例：2015）。")))
    if missing:
        raise imports.ImportFailed(missing)
    with transaction.atomic():
        table = (
            IOTable.objects.select_for_update()
            .filter(organization=organization, title=title, area_name=area, data_year=year)
            .first()
        )
        if table is None:
            table = IOTable(
                organization=organization, created_by=actor, visibility=visibility, is_fictional=is_fictional
            )
            verb = "created"
        else:
            enforce(permissions.can_edit(actor, table))
            table.version += 1
            verb = "updated"
        table.title = title
        table.area_name = area
        table.data_year = year
        table.municipality = municipality
        table.unit = settings.get("unit") or "million"
        table.source = settings.get("source", "")
        table.sector_count = model.size
        table.sectors = list(model.sectors)
        table.coefficients = model.coefficients.tolist()
        table.self_sufficiency = model.self_sufficiency.tolist()
        table.employee_income_ratio = model.employee_income_ratio.tolist()
        table.value_added_ratio = _vector(model.value_added_ratio)
        table.consumption_pattern = _vector(model.consumption_pattern)
        table.employment_per_unit = _vector(model.employment_per_unit)
        table.consumption_conversion = model.consumption_conversion
        table.save()
        data = {
            "title": title,
            "area_name": area,
            "data_year": year,
            "unit": table.unit,
            "sectors": table.sectors,
            "coefficients": table.coefficients,
            "self_sufficiency": table.self_sufficiency,
            "employee_income_ratio": table.employee_income_ratio,
            "value_added_ratio": table.value_added_ratio,
            "consumption_pattern": table.consumption_pattern,
            "employment_per_unit": table.employment_per_unit,
            "consumption_conversion": table.consumption_conversion,
        }
        Revision.objects.create(io_table=table, version=table.version, how=how, data=data, saved_by=actor)
        record(
            actor,
            f"economy.iotable.{verb}",
            table,
            data={"version": table.version, "sectors": table.sector_count, "how": how},
        )
    return table


def import_table(actor: Any, organization: Organization | None, content: bytes, visibility: str) -> IOTable:
    """An IO table from a workbook in the prefectures' layout; ImportFailed lists every problem."""
    enforce(permissions.can_create(actor))
    data = imports.read_io_table(content)
    return save_table(actor, data.model, data.settings, organization=organization, visibility=visibility)


def table_workbook(table: IOTable) -> bytes:
    """A stored table in the import layout (so it can be edited and imported again)."""
    keys = (
        "self_sufficiency",
        "employee_income_ratio",
        "value_added_ratio",
        "consumption_pattern",
        "employment_per_unit",
    )
    return imports.io_template_xlsx(
        table.sectors,
        table.coefficients,
        {key: getattr(table, key) for key in keys},
        {
            "title": table.title,
            "area_name": table.area_name,
            "municipality_code": table.municipality.code if table.municipality else "",
            "data_year": table.data_year,
            "unit": table.unit,
            "consumption_conversion": table.consumption_conversion,
            "source": table.source,
        },
    )


# Analyses --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RippleRun:
    """A computation on a stored table: the model, the result and its JSON."""

    model: io.IOModel
    result: io.Ripple
    payload: dict[str, Any]


def run_ripple(table: IOTable, demand: list[float]) -> RippleRun:
    """The ripple effect of ``demand`` on ``table``; raises EconomyInputError."""
    model = model_of(table)
    result = io.ripple(model, demand)
    return RippleRun(model, result, payloads.ripple_payload(model, result))


def demand_from_costs(lines: list[tuple[int, int]], sector_count: int, unit: str) -> list[float]:
    """Yen amounts assigned to sectors ((sector index, yen), ...) as demand in the table's unit."""
    demand = [0.0] * sector_count
    for sector, yen in lines:
        demand[sector] += yen / YEN_PER_UNIT[unit]
    return demand


def save_analysis(
    actor: Any,
    organization: Organization,
    table: IOTable,
    demand: list[float],
    *,
    title: str,
    visibility: str,
    account: RegionalAccount | None = None,
    demand_note: str = "",
) -> Analysis:
    """Save a computation with its frozen result (a later version of the table does not change it)."""
    enforce(permissions.can_create(actor))
    enforce(permissions.can_view(actor, table))
    if organization.pk not in permissions.organization_ids(actor):
        raise ValidationError(_("所属していない組織の分析は保存できません。"))
    if account is not None:
        enforce(permissions.can_view(actor, account))
    run = run_ripple(table, demand)
    with transaction.atomic():
        analysis = Analysis.objects.create(
            organization=organization,
            created_by=actor,
            title=title,
            io_table=table,
            table_version=table.version,
            account=account,
            demand=list(demand),
            demand_note=demand_note,
            result=run.payload,
            visibility=visibility,
        )
        record(
            actor, "economy.analysis.created", analysis, data={"table": table.pk, "version": table.version}
        )
    return analysis


def set_visibility(actor: Any, obj: RegionalAccount | IOTable | Analysis, visibility: str) -> None:
    """Make an account, a table or an analysis public or private (audited)."""
    enforce(permissions.can_edit(actor, obj))
    if visibility not in Visibility.values:
        raise ValidationError(_("公開範囲の指定が正しくありません。"))
    with transaction.atomic():
        before = obj.visibility
        obj.visibility = visibility
        obj.save(update_fields=["visibility"] + (["updated_at"] if hasattr(obj, "updated_at") else []))
        kind = {RegionalAccount: "account", IOTable: "iotable", Analysis: "analysis"}[type(obj)]
        record(actor, f"economy.{kind}.visibility", obj, changes={"visibility": [before, visibility]})

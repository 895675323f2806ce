"""Computing with the stored factors, saving and submitting calculations, adding factor sets. All audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.accounts.models import User
from junkan.audit.services import diff, record, snapshot
from junkan.carbon import engine, permissions
from junkan.carbon.engine import tables
from junkan.carbon.models import (
    CalculationStatus,
    FactorKind,
    FactorSet,
    FuelFactor,
    SavedCalculation,
    SupplierFactor,
)
from junkan.common import cache
from junkan.common.permissions import enforce
from junkan.organizations.models import Membership, Organization

CO2_STEP = Decimal("0.000001")


class Layout:
    """The file layouts staff may upload (those of the shipped files)."""

    FUEL_HEAT_CARBON = "fuel_heat_carbon"
    FUEL_PER_UNIT = "fuel_per_unit"
    ELECTRICITY = "electricity"
    GAS = "gas"

    CHOICES = (
        (FUEL_HEAT_CARBON, gettext_lazy("燃料：単位発熱量・炭素排出係数（CSV、改定年の列あり）")),
        (FUEL_PER_UNIT, gettext_lazy("燃料：排出係数一覧（TSV、t-CO2/単位）")),
        (ELECTRICITY, gettext_lazy("電気事業者別排出係数（CSV）")),
        (GAS, gettext_lazy("ガス事業者別排出係数（TSV）")),
    )


# --- reading the stored factors for the engine


FACTORS = "carbon:factors"  # the cache scope of everything read from the factor tables


def factors_changed() -> None:
    """Forget the cached factor tables and choice lists (signals call it; bulk writes call it too)."""
    cache.bump(FACTORS)


def fuel_sets() -> list[FactorSet]:
    """The fuel sets, newest revision first, each with has_heat (every row has heat and carbon)."""
    return cache.cached(
        "carbon:fuel_sets",
        (FACTORS,),
        lambda: list(
            FactorSet.objects.filter(kind=FactorKind.FUEL)
            .annotate(without_heat=Count("fuels", filter=Q(fuels__heat_gj_per_unit__isnull=True)))
            .order_by("-revision")
        ),
    )


def default_fuel_revision() -> str:
    """The newest revision that gives heat values (heat comparisons need them); else the newest."""
    sets = fuel_sets()
    for factor_set in sets:
        if factor_set.without_heat == 0:  # type: ignore[attr-defined]
            return factor_set.revision
    return sets[0].revision if sets else ""


@dataclass(frozen=True)
class SupplierRef:
    """What a calculator line that names a supplier row needs of it."""

    kind: str  # the kind of its set: electricity or gas
    utility: str
    menu: str
    year: int


def supplier_refs() -> dict[str, SupplierRef]:
    """Every electricity and gas supplier row by id (as the calculator's choice values), read once per change
    of the factor tables: a computation that names a supplier needs no query."""
    return cache.memo("carbon:supplier_refs", (FACTORS,), _supplier_refs)


def _supplier_refs() -> dict[str, SupplierRef]:
    rows = SupplierFactor.objects.values_list(
        "pk", "factor_set__kind", "utility", "menu", "factor_set__revision"
    )
    return {str(pk): SupplierRef(kind, utility, menu, int(year)) for pk, kind, utility, menu, year in rows}


def engine_fuel(row: FuelFactor, source: str) -> engine.FuelFactor:
    """One stored fuel row as the engine takes it."""
    return engine.FuelFactor(
        key=row.key,
        name=row.name,
        unit=row.unit,
        heat_gj_per_unit=_exact(row.heat_gj_per_unit),
        carbon_tc_per_gj=_exact(row.carbon_tc_per_gj),
        published_t_co2_per_unit=_exact(row.t_co2_per_unit),
        source=source,
        confidence=row.confidence,
    )


def _supplier(row: SupplierFactor, factor_set: FactorSet) -> engine.SupplierFactor:
    return engine.SupplierFactor(
        utility=row.utility,
        menu=row.menu,
        year=factor_set.year,
        basic=_exact(row.basic) or Decimal(0),
        adjusted=_exact(row.adjusted),
        source=factor_set.name,
        reg_no=row.reg_no,
        kind=row.kind,
    )


def _exact(value: Decimal | None) -> Decimal | None:
    """Drop the trailing zeros that the column's decimal places add (39.1000000000 → 39.1)."""
    return None if value is None else Decimal(engine.plain(value))


def engine_factors(revision: str) -> engine.FactorSet:
    """The fuel table of ``revision`` and every electricity and gas set, as the engine takes them;
    read once per revision of the tables (kept in the cache until a factor set changes)."""
    return cache.memo(f"carbon:engine_factors:{revision}", (FACTORS,), lambda: _engine_factors(revision))


def _engine_factors(revision: str) -> engine.FactorSet:
    fuel_set = FactorSet.objects.filter(kind=FactorKind.FUEL, revision=revision).first()
    if fuel_set is None:
        known = "、".join(s.revision for s in fuel_sets())
        raise engine.CalculationError(
            _("燃料の係数表「%(revision)s」は登録されていません。次から選んでください：%(known)s")
            % {"revision": revision, "known": known},
            field="fuel_revision",
        )
    suppliers = SupplierFactor.objects.filter(
        factor_set__kind__in=[FactorKind.ELECTRICITY, FactorKind.GAS]
    ).select_related("factor_set")
    return engine.FactorSet(
        fuel_revision=fuel_set.revision,
        fuel_source=fuel_set.name,
        fuels={row.key: engine_fuel(row, fuel_set.name) for row in fuel_set.fuels.all()},
        electricity=tuple(
            _supplier(row, row.factor_set)
            for row in suppliers
            if row.factor_set.kind == FactorKind.ELECTRICITY
        ),
        gas=tuple(
            _supplier(row, row.factor_set) for row in suppliers if row.factor_set.kind == FactorKind.GAS
        ),
    )


@dataclass(frozen=True)
class Computation:
    """A computed calculation: its input, the result and the stored sets it drew factors from."""

    calculation: engine.Calculation
    result: engine.Result

    @cached_property
    def factor_sets(self) -> tuple[FactorSet, ...]:
        """Read when the calculation is saved (it keeps them), not for every computation shown."""
        return tuple(_sets_used(self.result.factors_used))


def compute(data: Mapping[str, Any]) -> Computation:
    """Parse and compute with the stored factors; engine.CalculationError with a Japanese message."""
    calculation = engine.parse_calculation(data)
    revision = calculation.fuel_revision or default_fuel_revision()
    result = engine.calculate(calculation, engine_factors(revision))
    calculation = _with_revision(calculation, revision)
    return Computation(calculation, result)


def _with_revision(calculation: engine.Calculation, revision: str) -> engine.Calculation:
    return replace(calculation, fuel_revision=revision)


def _sets_used(used: engine.FactorsUsed) -> Iterable[FactorSet]:
    wanted = Q(pk__in=[])
    if used.fuels:
        wanted |= Q(kind=FactorKind.FUEL, revision=used.fuel_revision)
    for kind, rows in ((FactorKind.ELECTRICITY, used.electricity), (FactorKind.GAS, used.gas)):
        years = {str(row.year) for row in rows}
        if years:
            wanted |= Q(kind=kind, revision__in=years)
    return FactorSet.objects.filter(wanted).order_by("kind", "revision")


def recompute(calculation: SavedCalculation) -> engine.Result:
    """The saved calculation computed again from its stored input and its own factor snapshot."""
    return engine.calculate(
        engine.parse_calculation(calculation.input), engine.factor_set_from_snapshot(calculation.factors)
    )


# --- saved calculations


def _co2(value: Decimal) -> Decimal:
    return value.quantize(CO2_STEP, rounding=ROUND_HALF_UP)


def _check_organization(actor: User, organization: Organization | None) -> None:
    if (
        organization is not None
        and not Membership.objects.filter(organization=organization, user=actor).exists()
    ):
        raise ValidationError({"organization": _("所属していない組織の算定としては保存できません。")})


def _fill(saved: SavedCalculation, computation: Computation) -> None:
    result = computation.result
    saved.input = engine.stringify(engine.calculation_to_dict(computation.calculation))
    saved.factors = engine.stringify(engine.factors_used_to_dict(result.factors_used))
    saved.result = engine.stringify(engine.result_to_dict(result))
    saved.baseline_t_co2 = _co2(result.baseline_t_co2)
    saved.project_t_co2 = _co2(result.project_t_co2)
    saved.reduction_t_co2 = _co2(result.reduction_t_co2)
    saved.subsidy_yen = computation.calculation.subsidy_yen


TRACKED = ("title", "organization", "baseline_t_co2", "project_t_co2", "reduction_t_co2", "subsidy_yen")


def _audit_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: str(value) if isinstance(value, Decimal) else value for key, value in values.items()}


def save_calculation(
    actor: User,
    data: Mapping[str, Any],
    *,
    title: str,
    organization: Organization | None = None,
    calculation: SavedCalculation | None = None,
) -> SavedCalculation:
    """Save a new calculation, or change a draft; the input, the exact factors and the results are kept."""
    enforce(permissions.can_save_calculation(actor))
    if calculation is not None:
        enforce(permissions.can_edit_calculation(actor, calculation))
    if not title.strip():
        raise ValidationError({"title": _("件名を入力してください。")})
    _check_organization(actor, organization)
    computation = compute(data)
    with transaction.atomic():
        if calculation is None:
            saved = SavedCalculation(owner=actor, title=title.strip(), organization=organization)
            _fill(saved, computation)
            saved.save()
            saved.factor_sets.set(computation.factor_sets)
            changes = {key: [None, value] for key, value in _audit_values(snapshot(saved, TRACKED)).items()}
            record(actor, "carbon.calculation.created", saved, changes=changes)
            return saved
        saved = SavedCalculation.objects.select_for_update().get(pk=calculation.pk)
        enforce(permissions.can_edit_calculation(actor, saved))  # it may have been submitted meanwhile
        before = _audit_values(snapshot(saved, TRACKED))
        saved.title = title.strip()
        saved.organization = organization
        _fill(saved, computation)
        saved.save(
            update_fields=[
                "title",
                "organization",
                "input",
                "factors",
                "result",
                "baseline_t_co2",
                "project_t_co2",
                "reduction_t_co2",
                "subsidy_yen",
                "updated_at",
            ]
        )
        saved.factor_sets.set(computation.factor_sets)
        record(
            actor,
            "carbon.calculation.updated",
            saved,
            changes=diff(before, _audit_values(snapshot(saved, TRACKED))),
        )
    return saved


def submit_calculation(actor: User, calculation: SavedCalculation) -> SavedCalculation:
    """Fix the calculation (submitted) and lock every factor set it used, so they never change in place."""
    enforce(permissions.can_submit_calculation(actor, calculation))
    with transaction.atomic():
        saved = SavedCalculation.objects.select_for_update().get(pk=calculation.pk)
        enforce(permissions.can_submit_calculation(actor, saved))
        now = timezone.now()
        saved.status = CalculationStatus.SUBMITTED
        saved.submitted_at = now
        saved.save(update_fields=["status", "submitted_at", "updated_at"])
        record(
            actor,
            "carbon.calculation.submitted",
            saved,
            changes={"status": [CalculationStatus.DRAFT.value, CalculationStatus.SUBMITTED.value]},
        )
        for factor_set in saved.factor_sets.select_for_update().filter(locked_at__isnull=True):
            factor_set.locked_at = now
            factor_set.save(update_fields=["locked_at"])
            record(
                actor,
                "carbon.factorset.locked",
                factor_set,
                changes={"locked_at": [None, now.isoformat()]},
                data={"calculation": saved.pk},
            )
    return saved


# --- factor sets (staff)


@dataclass(frozen=True)
class Upload:
    """What staff give with a file: its layout, the revision or year, a name, the source and a note."""

    layout: str
    data: bytes
    revision: str = ""
    name: str = ""
    source: str = ""
    note: str = ""


def _read_upload(upload: Upload) -> list[tuple[str, str, tables.Table]]:
    """(kind, revision, table) for each set the file makes; ValidationError listing every bad line."""
    try:
        text = tables.decode(upload.data)
        if upload.layout == Layout.FUEL_HEAT_CARBON:
            by_revision = tables.read_fuel_heat_carbon(text)
            return [(FactorKind.FUEL, revision, table) for revision, table in sorted(by_revision.items())]
        if not upload.revision:
            raise ValidationError({"revision": _("改定年または年度（西暦4桁）を入力してください。")})
        reader = {
            Layout.FUEL_PER_UNIT: (FactorKind.FUEL, tables.read_fuel_per_unit),
            Layout.ELECTRICITY: (FactorKind.ELECTRICITY, tables.read_electricity),
            Layout.GAS: (FactorKind.GAS, tables.read_gas),
        }.get(upload.layout)
        if reader is None:
            raise ValidationError({"layout": _("ファイルの形式を選んでください。")})
        kind, read = reader
        return [(kind, upload.revision, read(text))]
    except tables.TableError as error:
        raise ValidationError({"file": error.errors}) from error


DEFAULT_NAMES = {
    FactorKind.FUEL: gettext_lazy("燃料の排出係数（%(revision)s年）"),
    FactorKind.ELECTRICITY: gettext_lazy("電気事業者別排出係数（%(revision)s年度実績）"),
    FactorKind.GAS: gettext_lazy("ガス事業者別排出係数（%(revision)s年度実績）"),
}


def create_factor_sets(actor: User, upload: Upload) -> list[FactorSet]:
    """Add the set(s) of an uploaded file; all or nothing, each audited."""
    enforce(permissions.can_manage_factor_sets(actor))
    parsed = _read_upload(upload)
    existing = [
        f"{FactorKind(kind).label} {revision}"
        for kind, revision, _table in parsed
        if FactorSet.objects.filter(kind=kind, revision=revision).exists()
    ]
    if existing:
        raise ValidationError(
            _("次の係数セットはすでに登録されています（登録済みのセットは上書きできません）：%(sets)s")
            % {"sets": "、".join(existing)}
        )
    created = []
    with transaction.atomic():
        for kind, revision, table in parsed:
            source = upload.source.strip() or table.comments.strip()
            if not source:
                raise ValidationError({"source": _("出典を入力してください（ファイルに注記がない場合）。")})
            factor_set = FactorSet.objects.create(
                kind=kind,
                revision=revision,
                name=(upload.name.strip() if len(parsed) == 1 and upload.name.strip() else "")
                or DEFAULT_NAMES[FactorKind(kind)] % {"revision": revision},
                source=source,
                note=upload.note.strip(),
                created_by=actor,
            )
            _create_rows(factor_set, table)
            record(
                actor,
                "carbon.factorset.created",
                factor_set,
                changes={"kind": [None, str(kind)], "revision": [None, revision]},
                data={"rows": len(table.rows), "layout": upload.layout},
            )
            created.append(factor_set)
    return created


def _create_rows(factor_set: FactorSet, table: tables.Table) -> None:
    factors_changed()  # bulk_create sends no signals
    if factor_set.kind == FactorKind.FUEL:
        FuelFactor.objects.bulk_create(
            FuelFactor(
                factor_set=factor_set,
                key=row.key,
                name=row.name,
                unit=row.unit,
                heat_gj_per_unit=row.heat_gj_per_unit,
                carbon_tc_per_gj=row.carbon_tc_per_gj,
                t_co2_per_unit=row.t_co2_per_unit,
                confidence=row.confidence,
            )
            for row in table.rows
            if isinstance(row, tables.FuelRow)
        )
        return
    SupplierFactor.objects.bulk_create(
        SupplierFactor(
            factor_set=factor_set,
            reg_no=row.reg_no,
            utility=row.utility,
            menu=row.menu,
            kind=row.kind,
            basic=row.basic,
            adjusted=row.adjusted,
        )
        for row in table.rows
        if isinstance(row, tables.SupplierRow)
    )


SET_FIELDS = ("name", "source", "note")


def update_factor_set(actor: User, factor_set: FactorSet, data: Mapping[str, str]) -> FactorSet:
    """Change the name, source or note of a set that is not locked."""
    enforce(permissions.can_change_factor_set(actor, factor_set))
    with transaction.atomic():
        factor_set = FactorSet.objects.select_for_update().get(pk=factor_set.pk)
        enforce(permissions.can_change_factor_set(actor, factor_set))
        fields = [name for name in SET_FIELDS if name in data]
        before = snapshot(factor_set, fields)
        for name in fields:
            setattr(factor_set, name, data[name].strip())
        if not factor_set.name or not factor_set.source:
            raise ValidationError(_("名称と出典は省略できません。"))
        changes = diff(before, snapshot(factor_set, fields))
        if changes:
            factor_set.save(update_fields=list(changes))
            record(actor, "carbon.factorset.updated", factor_set, changes=changes)
    return factor_set


def delete_factor_set(actor: User, factor_set: FactorSet) -> None:
    """Delete a set that is not locked and that no saved calculation used."""
    enforce(permissions.can_delete_factor_set(actor, factor_set))
    with transaction.atomic():
        factor_set = FactorSet.objects.select_for_update().get(pk=factor_set.pk)
        enforce(permissions.can_delete_factor_set(actor, factor_set))
        record(
            actor,
            "carbon.factorset.deleted",
            factor_set,
            changes={"revision": [factor_set.revision, None]},
            data={"kind": factor_set.kind, "name": factor_set.name},
        )
        factor_set.delete()

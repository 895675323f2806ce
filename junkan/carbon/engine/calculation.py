"""The calculation of 公募要領別添「基本的な二酸化炭素削減量の考え方」: reduction = (C − D) − (A − B)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, DecimalException
from enum import StrEnum
from typing import Final

from junkan.carbon.engine.activities import Activity, Computed
from junkan.carbon.engine.factors import FactorError, FactorSet, FuelFactor, SupplierFactor
from junkan.carbon.engine.indicators import (
    DEFAULT_TARGET_PERCENT,
    CostEffectiveness,
    RegionalShare,
    RenewableInstallation,
    RenewableSummary,
    ResourceInput,
    ResourceProductivity,
    cost_effectiveness,
    regional_share,
    renewable_summary,
    resource_productivity,
)
from junkan.carbon.engine.numbers import NumberError, add, sub


class Part(StrEnum):
    """The four parts of the annex's figure 1."""

    BASELINE_PROCESS = "baseline_process"
    BASELINE_SUBSTITUTION = "baseline_substitution"
    PROJECT_PROCESS = "project_process"
    PROJECT_SUBSTITUTION = "project_substitution"

    @property
    def letter(self) -> str:
        """C, D, A or B as in the annex."""
        return PART_LETTERS[self]

    @property
    def label(self) -> str:
        """The part's name as the annex puts it."""
        return PART_LABELS[self]


PART_LETTERS: Final = {
    Part.BASELINE_PROCESS: "C",
    Part.BASELINE_SUBSTITUTION: "D",
    Part.PROJECT_PROCESS: "A",
    Part.PROJECT_SUBSTITUTION: "B",
}
PART_LABELS: Final = {
    Part.BASELINE_PROCESS: "事業実施前（ベースライン）のプロセス C",
    Part.BASELINE_SUBSTITUTION: "事業実施前の代替効果 D",
    Part.PROJECT_PROCESS: "事業実施後のプロセス A",
    Part.PROJECT_SUBSTITUTION: "事業実施後の代替効果 B",
}


class CalculationError(ValueError):
    """Input the engine cannot compute; the message is Japanese and names the line when there is one."""

    def __init__(
        self, message: str, part: Part | None = None, index: int | None = None, field: str = ""
    ) -> None:
        """``index`` is 1-based within ``part``; ``field`` is the input key the message is about."""
        self.message = message
        self.part = part
        self.index = index
        self.field = field
        super().__init__(self.located)

    @property
    def located(self) -> str:
        """The message prefixed with where it is (「事業実施後のプロセス A 2行目：…」)."""
        if self.part is None:
            return self.message
        where = self.part.label + (f" {self.index}行目" if self.index is not None else "")
        return f"{where}：{self.message}"


@dataclass(frozen=True, slots=True)
class Side:
    """One side (before or after the project): its process and the substitution effect of its products."""

    process: tuple[Activity, ...] = ()
    substitution: tuple[Activity, ...] = ()


@dataclass(frozen=True, slots=True)
class BoundaryNote:
    """A process left out of both sides because it does not change, with the reason (別添(2)①)."""

    process: str
    reason: str


@dataclass(frozen=True, slots=True)
class Calculation:
    """Everything one calculation sheet holds as input."""

    baseline: Side
    project: Side
    fuel_revision: str = ""
    boundary_notes: tuple[BoundaryNote, ...] = ()
    subsidy_yen: int | None = None
    life_years: int | None = None
    region_total_t_co2: Decimal | None = None
    target_percent: Decimal = DEFAULT_TARGET_PERCENT
    renewables: tuple[RenewableInstallation, ...] = ()
    resource: ResourceInput | None = None

    def parts(self) -> tuple[tuple[Part, tuple[Activity, ...]], ...]:
        """The four parts in the order of the sheet: C, D, A, B."""
        return (
            (Part.BASELINE_PROCESS, self.baseline.process),
            (Part.BASELINE_SUBSTITUTION, self.baseline.substitution),
            (Part.PROJECT_PROCESS, self.project.process),
            (Part.PROJECT_SUBSTITUTION, self.project.substitution),
        )


@dataclass(frozen=True, slots=True)
class TrailLine:
    """One line of the working: amount × factor = t-CO2, with the factor's source."""

    part: Part
    index: int
    kind: str
    label: str
    amount: Decimal
    unit: str
    factor: Decimal
    factor_unit: str
    source: str
    t_co2: Decimal
    note: str = ""


@dataclass(frozen=True, slots=True)
class FactorsUsed:
    """The exact factors a calculation used, enough to compute it again years later."""

    fuel_revision: str
    fuel_source: str
    fuels: tuple[FuelFactor, ...] = ()
    electricity: tuple[SupplierFactor, ...] = ()
    gas: tuple[SupplierFactor, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    """Totals of each part, before/after/reduction in t-CO2/年 (exact), the trail and derived figures."""

    totals: dict[Part, Decimal]
    baseline_t_co2: Decimal
    project_t_co2: Decimal
    reduction_t_co2: Decimal
    trail: tuple[TrailLine, ...]
    factors_used: FactorsUsed
    boundary_notes: tuple[BoundaryNote, ...] = ()
    notes: tuple[str, ...] = ()
    cost: CostEffectiveness | None = None
    renewables: RenewableSummary | None = None
    regional: RegionalShare | None = None
    resource: ResourceProductivity | None = None
    lines_by_part: dict[Part, tuple[TrailLine, ...]] = field(default_factory=dict)


def _compute(activity: Activity, factors: FactorSet, part: Part, index: int) -> Computed:
    """One activity, with any error located at its line."""
    try:
        return activity.compute(factors)
    except FactorError as error:
        raise CalculationError(error.message, part, index, error.field) from error
    except NumberError as error:
        raise CalculationError(error.message, part, index) from error


def calculate(calculation: Calculation, factors: FactorSet) -> Result:
    """Reduction = (C − D) − (A − B), each part the sum of its activities; the trail lists every line."""
    try:
        return _calculate(calculation, factors)
    except DecimalException as error:
        # Only reachable with numbers far outside what parse_decimal lets in.
        raise CalculationError(
            "数値の桁数が多すぎて正確に計算できません。桁数を減らしてください。"
        ) from error


def _calculate(calculation: Calculation, factors: FactorSet) -> Result:
    trail: list[TrailLine] = []
    totals: dict[Part, Decimal] = {}
    by_part: dict[Part, tuple[TrailLine, ...]] = {}
    fuels: dict[str, FuelFactor] = {}
    electricity: dict[tuple[str, str, int], SupplierFactor] = {}
    gas: dict[tuple[str, str, int], SupplierFactor] = {}
    for part, activities in calculation.parts():
        lines = []
        for index, activity in enumerate(activities, start=1):
            computed = _compute(activity, factors, part, index)
            lines.append(
                TrailLine(
                    part=part,
                    index=index,
                    kind=activity.KIND,
                    label=computed.label,
                    amount=computed.amount,
                    unit=computed.unit,
                    factor=computed.factor,
                    factor_unit=computed.factor_unit,
                    source=computed.source,
                    t_co2=computed.t_co2,
                    note=computed.note,
                )
            )
            fuels.update((fuel.key, fuel) for fuel in computed.fuels)
            electricity.update(((row.utility, row.menu, row.year), row) for row in computed.electricity)
            gas.update(((row.utility, row.menu, row.year), row) for row in computed.gas)
        by_part[part] = tuple(lines)
        totals[part] = add(*(line.t_co2 for line in lines))
        trail.extend(lines)
    baseline = sub(totals[Part.BASELINE_PROCESS], totals[Part.BASELINE_SUBSTITUTION])
    project = sub(totals[Part.PROJECT_PROCESS], totals[Part.PROJECT_SUBSTITUTION])
    reduction = sub(baseline, project)
    used = FactorsUsed(
        fuel_revision=factors.fuel_revision,
        fuel_source=factors.fuel_source,
        fuels=tuple(fuels[key] for key in sorted(fuels)),
        electricity=tuple(electricity[key] for key in sorted(electricity)),
        gas=tuple(gas[key] for key in sorted(gas)),
    )
    try:
        cost = (
            cost_effectiveness(calculation.subsidy_yen, reduction, calculation.life_years)
            if calculation.subsidy_yen is not None
            else None
        )
        renewables = renewable_summary(calculation.renewables) if calculation.renewables else None
        regional = (
            regional_share(reduction, calculation.region_total_t_co2, calculation.target_percent)
            if calculation.region_total_t_co2 is not None
            else None
        )
        resource = resource_productivity(calculation.resource) if calculation.resource is not None else None
    except NumberError as error:
        raise CalculationError(error.message) from error
    return Result(
        totals=totals,
        baseline_t_co2=baseline,
        project_t_co2=project,
        reduction_t_co2=reduction,
        trail=tuple(trail),
        factors_used=used,
        boundary_notes=calculation.boundary_notes,
        notes=_notes(calculation, trail),
        cost=cost,
        renewables=renewables,
        regional=regional,
        resource=resource,
        lines_by_part=by_part,
    )


def _notes(calculation: Calculation, trail: list[TrailLine]) -> tuple[str, ...]:
    """Reminders the annex asks reviewers to check, raised by what the input contains."""
    notes = []
    if not calculation.baseline.substitution and calculation.project.substitution:
        notes.append(
            "事業実施前に資源代替（エネルギー利用を含む）が行われていた場合は、実施前の代替効果（D）も必ず計上してください"
            "（公募要領別添(2)①）。"
        )
    if any(
        line.kind == "heat" and "低い側" in line.note and line.part == Part.BASELINE_SUBSTITUTION
        for line in trail
    ):
        notes.append(
            "ベースラインの代替効果（D）で低い側の発熱量を用いると、削減量は大きめに算定されます。根拠を確認してください。"
        )
    return tuple(notes)

"""Figures beside a reduction: cost-effectiveness, renewables, regional share, resource productivity."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from junkan.carbon.engine.numbers import NumberError, add, divide, mul, round_half_up, sub

HOURS_PER_YEAR: Final = Decimal(8760)
HUNDRED: Final = Decimal(100)
YEN: Final = Decimal(1)
DEFAULT_TARGET_PERCENT: Final = Decimal(80)  # 2050年温室効果ガス80%削減（公募要領 平成31年度）


@dataclass(frozen=True, slots=True)
class CostEffectiveness:
    """Subsidy yen per t-CO2/年, and per t-CO2 over the project life; None where it cannot be computed."""

    subsidy_yen: int
    life_years: int | None
    yen_per_t_co2_year: int | None
    yen_per_t_co2_life: int | None
    note: str = ""


def cost_effectiveness(
    subsidy_yen: int, reduction_t_co2: Decimal, life_years: int | None
) -> CostEffectiveness:
    """費用対効果 = subsidy ÷ annual reduction (円/t-CO2/年) and ÷ (annual reduction × life) (円/t-CO2)."""
    if subsidy_yen < 0:
        raise NumberError("補助金額にマイナスの値は入力できません。")
    if life_years is not None and life_years <= 0:
        raise NumberError("法定耐用年数・事業期間は1年以上で入力してください。")
    if reduction_t_co2 <= 0:
        return CostEffectiveness(
            subsidy_yen, life_years, None, None, "CO2削減量が0以下のため、費用対効果は算定できません。"
        )
    per_year = int(round_half_up(divide(Decimal(subsidy_yen), reduction_t_co2), YEN))
    per_life = None
    if life_years is not None:
        per_life = int(
            round_half_up(divide(Decimal(subsidy_yen), mul(reduction_t_co2, Decimal(life_years))), YEN)
        )
    return CostEffectiveness(subsidy_yen, life_years, per_year, per_life)


@dataclass(frozen=True, slots=True)
class RenewableInstallation:
    """One renewable installation of a type 1 project: capacity and yearly output."""

    label: str
    capacity_kw: Decimal
    annual_kwh: Decimal
    annual_heat_gj: Decimal = Decimal(0)

    @property
    def capacity_factor_percent(self) -> Decimal | None:
        """設備利用率 = kWh ÷ (kW × 8,760 h) × 100, to 0.1 %; None without capacity."""
        if self.capacity_kw <= 0:
            return None
        return round_half_up(divide(mul(self.annual_kwh, HUNDRED), mul(self.capacity_kw, HOURS_PER_YEAR)))


@dataclass(frozen=True, slots=True)
class RenewableSummary:
    """再エネ導入量: total kW, kWh/年 and GJ/年 of heat over all installations."""

    installations: tuple[RenewableInstallation, ...]
    capacity_kw: Decimal
    annual_kwh: Decimal
    annual_heat_gj: Decimal


def renewable_summary(installations: tuple[RenewableInstallation, ...]) -> RenewableSummary:
    """Add up the installations; refuse output beyond what the capacity can make in a year."""
    for number, item in enumerate(installations, start=1):
        if item.capacity_kw > 0 and item.annual_kwh > mul(item.capacity_kw, HOURS_PER_YEAR):
            raise NumberError(
                f"再エネ設備{number}行目：年間発電量が設備容量×8,760時間を超えています。単位（kW・kWh）を確認してください。"
            )
    return RenewableSummary(
        installations,
        add(*(item.capacity_kw for item in installations)),
        add(*(item.annual_kwh for item in installations)),
        add(*(item.annual_heat_gj for item in installations)),
    )


@dataclass(frozen=True, slots=True)
class RegionalShare:
    """The reduction against the region's emissions and against the reduction the 2050 target asks for."""

    region_total_t_co2: Decimal
    share_percent: Decimal
    target_percent: Decimal
    target_reduction_t_co2: Decimal
    contribution_percent: Decimal


def regional_share(
    reduction_t_co2: Decimal, region_total_t_co2: Decimal, target_percent: Decimal = DEFAULT_TARGET_PERCENT
) -> RegionalShare:
    """Share of the region's emissions (%) and of the 2050 reduction target (%), to 28 digits."""
    if region_total_t_co2 <= 0:
        raise NumberError("地域の排出量は0より大きい値を入力してください。")
    if not 0 < target_percent <= HUNDRED:
        raise NumberError("2050年の削減目標は0より大きく100以下の割合（%）で入力してください。")
    target = divide(mul(region_total_t_co2, target_percent), HUNDRED)
    return RegionalShare(
        region_total_t_co2=region_total_t_co2,
        share_percent=divide(mul(reduction_t_co2, HUNDRED), region_total_t_co2),
        target_percent=target_percent,
        target_reduction_t_co2=target,
        contribution_percent=divide(mul(reduction_t_co2, HUNDRED), target),
    )


@dataclass(frozen=True, slots=True)
class ResourceInput:
    """Type 2 projects: the unused resource, value added and natural resource input before and after."""

    unused_resource: str
    value_added_before_yen: int
    resource_input_before_t: Decimal
    value_added_after_yen: int
    resource_input_after_t: Decimal


@dataclass(frozen=True, slots=True)
class ResourceProductivity:
    """資源生産性 (yen of value added per tonne of natural resource input) before, after and the change."""

    inputs: ResourceInput
    before_yen_per_t: int
    after_yen_per_t: int
    change_yen_per_t: int
    change_percent: Decimal
    resource_input_change_t: Decimal
    value_added_change_yen: int


def resource_productivity(data: ResourceInput) -> ResourceProductivity:
    """付加価値 ÷ 天然資源等投入量, before and after; the change in yen/t and in % (0.1 %)."""
    if not data.unused_resource.strip():
        raise NumberError("活用する未利用資源を入力してください。")
    if data.resource_input_before_t <= 0 or data.resource_input_after_t <= 0:
        raise NumberError("天然資源等投入量は0より大きい値（t）を入力してください。")
    if data.value_added_before_yen < 0 or data.value_added_after_yen < 0:
        raise NumberError("付加価値にマイナスの値は入力できません。")
    before = divide(Decimal(data.value_added_before_yen), data.resource_input_before_t)
    after = divide(Decimal(data.value_added_after_yen), data.resource_input_after_t)
    change_percent = (
        round_half_up(divide(mul(sub(after, before), HUNDRED), before)) if before > 0 else Decimal(0)
    )
    return ResourceProductivity(
        inputs=data,
        before_yen_per_t=int(round_half_up(before, YEN)),
        after_yen_per_t=int(round_half_up(after, YEN)),
        change_yen_per_t=int(round_half_up(after, YEN)) - int(round_half_up(before, YEN)),
        change_percent=change_percent,
        resource_input_change_t=sub(data.resource_input_after_t, data.resource_input_before_t),
        value_added_change_yen=data.value_added_after_yen - data.value_added_before_yen,
    )

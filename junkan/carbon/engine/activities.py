"""The kinds of activity a part of a calculation lists: each is an amount times a factor, with its working."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Final

from junkan.carbon.engine.factors import (
    BASIC,
    BASIS_LABELS,
    FactorError,
    FactorSet,
    FuelFactor,
    SupplierFactor,
)
from junkan.carbon.engine.numbers import divide, grouped, mul, plain, round_half_up

ONE: Final = Decimal(1)
USER_SOURCE: Final = "入力値（出典の記載なし）"


@dataclass(frozen=True, slots=True)
class Computed:
    """What one activity contributes: the figures of its trail line and the factors it used."""

    amount: Decimal
    unit: str
    factor: Decimal
    factor_unit: str
    source: str
    t_co2: Decimal
    label: str
    note: str = ""
    fuels: tuple[FuelFactor, ...] = ()
    electricity: tuple[SupplierFactor, ...] = ()
    gas: tuple[SupplierFactor, ...] = ()


def _required_source(source: str, what: str) -> str:
    """A user-given factor needs a cited source (公募要領別添(5): the factor's origin must be stated)."""
    if not source.strip():
        raise FactorError(f"{what}の出典（文献名・データベース名など）を入力してください。", "source")
    return source.strip()


def _fuel_line(fuel: FuelFactor, amount: Decimal, label: str, note: str) -> Computed:
    """amount × the fuel's t-CO2 per unit."""
    factor = fuel.t_co2_per_unit
    working = f"排出係数 = {fuel.derivation}"
    return Computed(
        amount=amount,
        unit=fuel.unit,
        factor=factor,
        factor_unit=f"t-CO2/{fuel.unit}",
        source=fuel.source,
        t_co2=mul(amount, factor),
        label=label or fuel.name,
        note=_join(working, note),
        fuels=(fuel,),
    )


def _join(*parts: str) -> str:
    return "。".join(part.rstrip("。") for part in parts if part) + ("。" if any(parts) else "")


@dataclass(frozen=True, slots=True)
class FuelUse:
    """Fossil fuel burned: amount in the fuel's unit (kL, t, 千m3) × t-CO2 per unit of the revision."""

    KIND: ClassVar[str] = "fuel"
    KIND_LABEL: ClassVar[str] = "燃料の使用"
    fuel: str
    amount: Decimal
    label: str = ""
    note: str = ""

    def compute(self, factors: FactorSet) -> Computed:
        """Look the fuel up in the revision's table."""
        return _fuel_line(factors.fuel(self.fuel), self.amount, self.label, self.note)


def _supplier_line(
    *,
    amount: Decimal,
    unit: str,
    given: Decimal | None,
    source: str,
    label: str,
    default_label: str,
    note: str,
    row_for: Callable[[], SupplierFactor] | None,
    basis: str,
    is_gas: bool,
) -> Computed:
    """Electricity or city gas: the amount × a factor the applicant gives, or the supplier's factor."""
    factor_unit = f"t-CO2/{unit}"
    if given is not None:
        return Computed(
            amount=amount,
            unit=unit,
            factor=given,
            factor_unit=factor_unit,
            source=source.strip() or USER_SOURCE,
            t_co2=mul(amount, given),
            label=label or default_label,
            note=note,
        )
    if row_for is None:
        what = (
            "都市ガスの排出係数（t-CO2/千m3）か、ガス事業者"
            if is_gas
            else "電力の排出係数（t-CO2/kWh）か、電気事業者"
        )
        raise FactorError(f"{what}を指定してください。", "t_co2_per_unit" if is_gas else "t_co2_per_kwh")
    row = row_for()
    factor = row.value(basis)
    return Computed(
        amount=amount,
        unit=unit,
        factor=factor,
        factor_unit=factor_unit,
        source=f"{row.source}（{row.label}、{row.year}年度実績、{BASIS_LABELS[basis]}）",
        t_co2=mul(amount, factor),
        label=label or (f"都市ガス（{row.utility}）" if is_gas else f"系統電力（{row.label}）"),
        note=note,
        gas=(row,) if is_gas else (),
        electricity=() if is_gas else (row,),
    )


@dataclass(frozen=True, slots=True)
class ElectricityUse:
    """Grid electricity: kWh × a given factor, or the factor of a supplier, menu and year."""

    KIND: ClassVar[str] = "electricity"
    KIND_LABEL: ClassVar[str] = "電力の使用"
    kwh: Decimal
    t_co2_per_kwh: Decimal | None = None
    utility: str = ""
    menu: str = ""
    year: int | None = None
    basis: str = BASIC
    source: str = ""
    label: str = ""
    note: str = ""

    def compute(self, factors: FactorSet) -> Computed:
        """Use the given factor, else look the supplier up."""
        return _supplier_line(
            amount=self.kwh,
            unit="kWh",
            given=self.t_co2_per_kwh,
            source=self.source,
            label=self.label,
            default_label="系統電力の使用",
            note=self.note,
            row_for=(
                (lambda: factors.electricity_factor(self.utility, self.menu or None, self.year))
                if self.utility.strip()
                else None
            ),
            basis=self.basis,
            is_gas=False,
        )


@dataclass(frozen=True, slots=True)
class GasUse:
    """City gas bought from a gas supplier: 千m3 × a given factor or the supplier's factor."""

    KIND: ClassVar[str] = "gas"
    KIND_LABEL: ClassVar[str] = "都市ガスの使用（ガス事業者別）"
    amount: Decimal
    t_co2_per_unit: Decimal | None = None
    utility: str = ""
    menu: str = ""
    year: int | None = None
    basis: str = BASIC
    source: str = ""
    label: str = ""
    note: str = ""

    def compute(self, factors: FactorSet) -> Computed:
        """Use the given factor, else look the supplier up."""
        return _supplier_line(
            amount=self.amount,
            unit="千m3",
            given=self.t_co2_per_unit,
            source=self.source,
            label=self.label,
            default_label="都市ガスの使用",
            note=self.note,
            row_for=(
                (lambda: factors.gas_factor(self.utility, self.menu or None, self.year))
                if self.utility.strip()
                else None
            ),
            basis=self.basis,
            is_gas=True,
        )


@dataclass(frozen=True, slots=True)
class Heat:
    """Heat delivered, valued by a t-CO2/GJ factor or, by functional equivalence, as the fuel it replaces.

    The delivered heat is given in GJ, or computed as amount × heat value × efficiency of the equipment
    that makes it. When the heat value is known only as a range (unstable fuel quality), the lower
    value is taken (公募要領別添(3)). A replaced fuel is valued on the same delivered heat: the fuel it
    would take is heat ÷ (its heat value × the efficiency of the equipment it would have been burned in).
    """

    KIND: ClassVar[str] = "heat"
    KIND_LABEL: ClassVar[str] = "熱"
    gj: Decimal | None = None
    amount: Decimal | None = None
    unit: str = ""
    heat_gj_per_unit: Decimal | None = None
    heat_gj_per_unit_high: Decimal | None = None
    efficiency: Decimal = ONE
    t_co2_per_gj: Decimal | None = None
    replaces: str = ""
    replaced_efficiency: Decimal = ONE
    source: str = ""
    label: str = ""
    note: str = ""

    def delivered(self) -> tuple[Decimal, str]:
        """The delivered heat in GJ and how it was obtained."""
        if self.gj is not None:
            return self.gj, ""
        if self.amount is None or self.heat_gj_per_unit is None:
            raise FactorError("熱量（GJ）か、数量と発熱量（GJ/単位）を入力してください。", "gj")
        unit = self.unit.strip() or "単位"
        heat = self.heat_gj_per_unit
        notes = []
        if self.heat_gj_per_unit_high is not None and self.heat_gj_per_unit_high != heat:
            low, high = sorted((heat, self.heat_gj_per_unit_high))
            heat = low
            notes.append(
                "燃料の品質に関する安定的なデータがないため、発熱量は"
                f"範囲（{plain(low)}〜{plain(high)} GJ/{unit}）の低い側の{plain(low)} GJ/{unit}で"
                "評価しました（公募要領別添(3)）"
            )
        gj = mul(self.amount, heat, self.efficiency)
        supplied = f"{grouped(self.amount)} {unit} × {plain(heat)} GJ/{unit} × 効率{plain(self.efficiency)}"
        notes.insert(0, f"供給熱量 = {supplied} = {grouped(gj)} GJ")
        return gj, _join(*notes)

    def compute(self, factors: FactorSet) -> Computed:
        """Delivered heat × t-CO2 per GJ (given, or of the replaced fuel on equal delivered heat)."""
        gj, working = self.delivered()
        if self.replaces:
            fuel = factors.fuel(self.replaces)
            if fuel.heat_gj_per_unit is None:
                raise FactorError(
                    f"{fuel.name}は{factors.fuel_revision}年の係数表に発熱量がないため、熱量で比べられません。"
                    "発熱量のある改定（2006・2010・2023年）を選んでください。",
                    "replaces",
                )
            per_gj = divide(fuel.t_co2_per_unit, mul(fuel.heat_gj_per_unit, self.replaced_efficiency))
            equivalent = divide(gj, mul(fuel.heat_gj_per_unit, self.replaced_efficiency))
            heat_text = f"{plain(fuel.heat_gj_per_unit)} GJ/{fuel.unit}"
            efficiency = plain(self.replaced_efficiency)
            amount_text = f"{round_half_up(equivalent, Decimal('0.01')):,} {fuel.unit}"
            equivalence = (
                f"機能等価（熱量ベース）：同じ熱量を{fuel.name}（{heat_text}、効率{efficiency}）で得る場合、"
                f"{fuel.name}約{amount_text}に相当。"
                f"排出係数 = {fuel.derivation} ÷ ({heat_text} × {efficiency})"
            )
            return Computed(
                amount=gj,
                unit="GJ",
                factor=per_gj,
                factor_unit="t-CO2/GJ",
                source=fuel.source,
                t_co2=mul(gj, per_gj),
                label=self.label or f"熱（{fuel.name}の代替）",
                note=_join(working, equivalence, self.note),
                fuels=(fuel,),
            )
        if self.t_co2_per_gj is None:
            raise FactorError(
                "熱の排出係数（t-CO2/GJ）か、代替される燃料を指定してください。", "t_co2_per_gj"
            )
        return Computed(
            amount=gj,
            unit="GJ",
            factor=self.t_co2_per_gj,
            factor_unit="t-CO2/GJ",
            source=_required_source(self.source, "熱の排出係数"),
            t_co2=mul(gj, self.t_co2_per_gj),
            label=self.label or "熱",
            note=_join(working, self.note),
        )


@dataclass(frozen=True, slots=True)
class Transport:
    """Transport: fuel burned (fuel and amount), or t·km × a t-CO2 per t·km factor with its source."""

    KIND: ClassVar[str] = "transport"
    KIND_LABEL: ClassVar[str] = "輸送"
    fuel: str = ""
    amount: Decimal | None = None
    tkm: Decimal | None = None
    t_co2_per_tkm: Decimal | None = None
    source: str = ""
    label: str = ""
    note: str = ""

    def compute(self, factors: FactorSet) -> Computed:
        """Fuel-based when a fuel is named; ton-kilometre based otherwise."""
        if self.fuel:
            if self.amount is None:
                raise FactorError("輸送に使う燃料の量を入力してください。", "amount")
            fuel = factors.fuel(self.fuel)
            return _fuel_line(fuel, self.amount, self.label or f"輸送（{fuel.name}）", self.note)
        if self.tkm is None:
            raise FactorError("輸送量（t·km）か、輸送に使う燃料を入力してください。", "tkm")
        if self.t_co2_per_tkm is None:
            raise FactorError("輸送の排出係数（t-CO2/t·km）を入力してください。", "t_co2_per_tkm")
        return Computed(
            amount=self.tkm,
            unit="t·km",
            factor=self.t_co2_per_tkm,
            factor_unit="t-CO2/t·km",
            source=_required_source(self.source, "輸送の排出係数"),
            t_co2=mul(self.tkm, self.t_co2_per_tkm),
            label=self.label or "輸送",
            note=self.note,
        )


@dataclass(frozen=True, slots=True)
class Incineration:
    """Incineration of fossil-origin waste (plastics, tyres): tonnes × a table row or a cited factor."""

    KIND: ClassVar[str] = "incineration"
    KIND_LABEL: ClassVar[str] = "化石由来の廃棄物の焼却"
    amount: Decimal
    fuel: str = ""
    t_co2_per_t: Decimal | None = None
    source: str = ""
    label: str = ""
    note: str = ""

    def compute(self, factors: FactorSet) -> Computed:
        """Table row (e.g. waste_plastic_industrial) when named, else the given factor."""
        if self.fuel:
            fuel = factors.fuel(self.fuel)
            return _fuel_line(fuel, self.amount, self.label or f"焼却（{fuel.name}）", self.note)
        if self.t_co2_per_t is None:
            raise FactorError("焼却の排出係数（t-CO2/t）を入力してください。", "t_co2_per_t")
        return Computed(
            amount=self.amount,
            unit="t",
            factor=self.t_co2_per_t,
            factor_unit="t-CO2/t",
            source=_required_source(self.source, "焼却の排出係数"),
            t_co2=mul(self.amount, self.t_co2_per_t),
            label=self.label or "化石由来の廃棄物の焼却",
            note=self.note,
        )


@dataclass(frozen=True, slots=True)
class Residue:
    """Disposal of residue from the process (landfill, treatment): tonnes × a cited factor."""

    KIND: ClassVar[str] = "residue"
    KIND_LABEL: ClassVar[str] = "残渣の処分"
    amount: Decimal
    t_co2_per_t: Decimal | None = None
    source: str = ""
    label: str = ""
    note: str = ""

    def compute(self, factors: FactorSet) -> Computed:
        """Tonnes × the given factor."""
        if self.t_co2_per_t is None:
            raise FactorError("残渣の処分の排出係数（t-CO2/t）を入力してください。", "t_co2_per_t")
        return Computed(
            amount=self.amount,
            unit="t",
            factor=self.t_co2_per_t,
            factor_unit="t-CO2/t",
            source=_required_source(self.source, "残渣の処分の排出係数"),
            t_co2=mul(self.amount, self.t_co2_per_t),
            label=self.label or "残渣の処分",
            note=self.note,
        )


@dataclass(frozen=True, slots=True)
class Biomass:
    """Biomass burned: carbon neutral, so 0 t-CO2 whatever the amount (its fossil substitution counts)."""

    KIND: ClassVar[str] = "biomass"
    KIND_LABEL: ClassVar[str] = "バイオマスの燃焼"
    amount: Decimal
    unit: str = ""
    label: str = ""
    note: str = ""

    def compute(self, factors: FactorSet) -> Computed:
        """Always zero, with the reason."""
        return Computed(
            amount=self.amount,
            unit=self.unit.strip() or "t",
            factor=Decimal(0),
            factor_unit=f"t-CO2/{self.unit.strip() or 't'}",
            source="公募要領別添(3)",
            t_co2=Decimal(0),
            label=self.label or "バイオマスの燃焼",
            note=_join(
                "バイオマスはカーボン・ニュートラルのため、燃焼に伴うCO2は計上しません"
                "（化石燃料の代替効果は代替効果の欄にそのまま計上します）",
                self.note,
            ),
        )


@dataclass(frozen=True, slots=True)
class Other:
    """Anything else: amount × a user-given factor, with the unit and a cited source."""

    KIND: ClassVar[str] = "other"
    KIND_LABEL: ClassVar[str] = "その他"
    label: str
    amount: Decimal
    t_co2_per_unit: Decimal
    source: str
    unit: str = ""
    note: str = ""

    def compute(self, factors: FactorSet) -> Computed:
        """amount × factor."""
        unit = self.unit.strip() or "単位"
        return Computed(
            amount=self.amount,
            unit=unit,
            factor=self.t_co2_per_unit,
            factor_unit=f"t-CO2/{unit}",
            source=_required_source(self.source, "排出係数"),
            t_co2=mul(self.amount, self.t_co2_per_unit),
            label=self.label,
            note=self.note,
        )


Activity = FuelUse | ElectricityUse | GasUse | Heat | Transport | Incineration | Residue | Biomass | Other
ACTIVITY_TYPES: Final[tuple[type[Activity], ...]] = (
    FuelUse,
    ElectricityUse,
    GasUse,
    Heat,
    Transport,
    Incineration,
    Residue,
    Biomass,
    Other,
)
KINDS: Final[dict[str, type[Activity]]] = {cls.KIND: cls for cls in ACTIVITY_TYPES}
KIND_LABELS: Final[dict[str, str]] = {cls.KIND: cls.KIND_LABEL for cls in ACTIVITY_TYPES}

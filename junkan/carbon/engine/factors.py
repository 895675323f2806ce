"""Emission factors as plain values: the fuel table of one revision, electricity and gas suppliers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

from junkan.carbon.engine.numbers import co2_per_unit, plain

BASIC: Final = "basic"
ADJUSTED: Final = "adjusted"
BASIS_LABELS: Final = {BASIC: "基礎排出係数", ADJUSTED: "調整後排出係数"}


class FactorError(ValueError):
    """A factor that is missing or cannot be used; ``message`` is Japanese."""

    def __init__(self, message: str, field: str = "") -> None:
        """Keep the message and the input field it is about."""
        self.message = message
        self.field = field
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class FuelFactor:
    """One fuel of a revision: heat (GJ/unit) and carbon (tC/GJ), or a published t-CO2/unit only."""

    key: str
    name: str
    unit: str
    heat_gj_per_unit: Decimal | None
    carbon_tc_per_gj: Decimal | None
    published_t_co2_per_unit: Decimal | None
    source: str
    confidence: str = ""

    def __post_init__(self) -> None:
        """A factor needs either heat and carbon or a published per-unit value."""
        has_heat = self.heat_gj_per_unit is not None and self.carbon_tc_per_gj is not None
        if not has_heat and self.published_t_co2_per_unit is None:
            raise ValueError(f"fuel {self.key}: heat and carbon, or t-CO2 per unit, are required")

    @property
    def t_co2_per_unit(self) -> Decimal:
        """heat × carbon × 44/12 where the table gives them; else the published per-unit value."""
        if self.heat_gj_per_unit is not None and self.carbon_tc_per_gj is not None:
            return co2_per_unit(self.heat_gj_per_unit, self.carbon_tc_per_gj)
        assert self.published_t_co2_per_unit is not None
        return self.published_t_co2_per_unit

    @property
    def derivation(self) -> str:
        """How the per-unit factor is obtained, for the trail."""
        if self.heat_gj_per_unit is not None and self.carbon_tc_per_gj is not None:
            heat, carbon = plain(self.heat_gj_per_unit), plain(self.carbon_tc_per_gj)
            return f"{heat} GJ/{self.unit} × {carbon} tC/GJ × 44/12"
        return "公表値"

    def to_dict(self) -> dict[str, Any]:
        """The factor as JSON-ready values (Decimals as exact strings)."""
        return {
            "key": self.key,
            "name": self.name,
            "unit": self.unit,
            "heat_gj_per_unit": _text(self.heat_gj_per_unit),
            "carbon_tc_per_gj": _text(self.carbon_tc_per_gj),
            "published_t_co2_per_unit": _text(self.published_t_co2_per_unit),
            "source": self.source,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FuelFactor:
        """Rebuild from to_dict()."""
        return cls(
            key=data["key"],
            name=data["name"],
            unit=data["unit"],
            heat_gj_per_unit=_dec(data.get("heat_gj_per_unit")),
            carbon_tc_per_gj=_dec(data.get("carbon_tc_per_gj")),
            published_t_co2_per_unit=_dec(data.get("published_t_co2_per_unit")),
            source=data.get("source", ""),
            confidence=data.get("confidence", ""),
        )


@dataclass(frozen=True, slots=True)
class SupplierFactor:
    """An electricity or gas supplier's factor for one menu and year (t-CO2/kWh or t-CO2/千m3)."""

    utility: str
    menu: str
    year: int
    basic: Decimal
    adjusted: Decimal | None
    source: str
    reg_no: str = ""
    kind: str = ""

    def value(self, basis: str) -> Decimal:
        """The basic or adjusted factor; FactorError if the adjusted one is not published."""
        if basis == ADJUSTED:
            if self.adjusted is None:
                raise FactorError(
                    f"「{self.label}」には調整後排出係数がありません。基礎排出係数を使ってください。"
                )
            return self.adjusted
        return self.basic

    @property
    def label(self) -> str:
        """Utility and menu as people read them."""
        return f"{self.utility} {self.menu}".strip()

    def to_dict(self) -> dict[str, Any]:
        """The factor as JSON-ready values."""
        return {
            "utility": self.utility,
            "menu": self.menu,
            "year": self.year,
            "basic": plain(self.basic),
            "adjusted": _text(self.adjusted),
            "source": self.source,
            "reg_no": self.reg_no,
            "kind": self.kind,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SupplierFactor:
        """Rebuild from to_dict()."""
        return cls(
            utility=data["utility"],
            menu=data.get("menu", ""),
            year=int(data["year"]),
            basic=Decimal(data["basic"]),
            adjusted=_dec(data.get("adjusted")),
            source=data.get("source", ""),
            reg_no=data.get("reg_no", ""),
            kind=data.get("kind", ""),
        )


def _text(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _dec(value: object) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _frozen(mapping: Mapping[str, FuelFactor]) -> Mapping[str, FuelFactor]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class FactorSet:
    """Everything a calculation may refer to: one fuel revision and the supplier factors of all years."""

    fuel_revision: str
    fuel_source: str
    fuels: Mapping[str, FuelFactor] = field(default_factory=dict)
    electricity: tuple[SupplierFactor, ...] = ()
    gas: tuple[SupplierFactor, ...] = ()

    def __post_init__(self) -> None:
        """Keep the fuels read-only."""
        object.__setattr__(self, "fuels", _frozen(self.fuels))

    def fuel(self, key: str) -> FuelFactor:
        """The fuel by key; FactorError naming the revision if it is not in the table."""
        found = self.fuels.get(key)
        if found is None:
            known = "、".join(sorted(self.fuels)) or "なし"
            raise FactorError(
                f"燃料「{key}」は{self.fuel_revision}年の係数表にありません。使える燃料：{known}", "fuel"
            )
        return found

    def electricity_factor(self, utility: str, menu: str | None, year: int | None) -> SupplierFactor:
        """An electricity supplier's row by name or registration number, menu and year."""
        return _find(self.electricity, utility, menu, year, "電気事業者")

    def gas_factor(self, utility: str, menu: str | None, year: int | None) -> SupplierFactor:
        """A gas supplier's row by name or registration number, menu and year."""
        return _find(self.gas, utility, menu, year, "ガス事業者")


def _find(
    rows: Iterable[SupplierFactor], utility: str, menu: str | None, year: int | None, what: str
) -> SupplierFactor:
    """The one row that matches; FactorError that lists the choices otherwise."""
    utility = utility.strip()
    candidates = [row for row in rows if utility == row.utility or (row.reg_no and utility == row.reg_no)]
    if not candidates:
        raise FactorError(f"{what}「{utility}」の排出係数は登録されていません。", "utility")
    years = sorted({row.year for row in candidates})
    chosen_year = years[-1] if year is None else year
    candidates = [row for row in candidates if row.year == chosen_year]
    if not candidates:
        listed = "、".join(f"{y}年度" for y in years)
        raise FactorError(
            f"{what}「{utility}」の{year}年度の排出係数はありません（{listed}があります）。", "year"
        )
    if menu:
        menu = menu.strip()
        matched = [row for row in candidates if row.menu == menu]
        if not matched:
            listed = "、".join(f"「{row.menu}」" for row in candidates)
            raise FactorError(
                f"{what}「{utility}」にメニュー「{menu}」はありません。次から選んでください：{listed}", "menu"
            )
        candidates = matched
    if len(candidates) > 1:
        listed = "、".join(f"「{row.menu}」" for row in candidates)
        raise FactorError(f"{what}「{utility}」のメニューを指定してください：{listed}", "menu")
    return candidates[0]

"""The regional economy API, mounted at /api/v1/economy (public, stateless).

- ``POST /api/v1/economy/circulation``: 地域経済循環率, the consistency gaps, energy share, per capita.
- ``POST /api/v1/economy/ripple``: the ripple effect of a final-demand change through the open-type inverse.

As in the programs and grants APIs, the body is read and checked here rather than by django-ninja, so
that every bad input answers 400 ``{"detail": "<Japanese naming the field>", "errors": [{"field",
"message"}]}``. The arithmetic is ``junkan.economy.engine``; nothing is computed here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from pydantic import ValidationError as PydanticValidationError

from junkan.common.api import (
    ErrorOut,
    FieldError,
    Location,
    bad_request,
    json_path,
    pydantic_error,
    request_body,
)
from junkan.common.permissions import enforce
from junkan.economy import payloads, permissions
from junkan.economy.engine import circulation, io
from junkan.economy.engine.problems import EconomyInputError

router = Router(tags=["economy"])

_MONEY = {"exclusiveMinimum": -1e16, "exclusiveMaximum": 1e16}
_POSITIVE_MONEY = {"exclusiveMinimum": 0, "exclusiveMaximum": 1e16}
_RATIO = {"minimum": 0, "maximum": 1}
_SECTORS = {"maxItems": io.MAX_SECTORS, "minItems": 1}


def _ratios(description: str) -> Any:
    return PydanticField(
        description=description, json_schema_extra={**_SECTORS, "items": {"type": "number", **_RATIO}}
    )


class IncomeInflowsIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False, title="IncomeInflowsIn")

    employee: float = PydanticField(
        0, description="雇用者所得の純流入（流出はマイナス）", json_schema_extra=_MONEY
    )
    other: float = PydanticField(
        0, description="その他所得の純流入（流出はマイナス）", json_schema_extra=_MONEY
    )


class ExpenditureOutflowsIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False, title="ExpenditureOutflowsIn")

    consumption: float = PydanticField(
        0, description="民間消費額の純流出（流入はマイナス）", json_schema_extra=_MONEY
    )
    investment: float = PydanticField(
        0, description="民間投資額の純流出（流入はマイナス）", json_schema_extra=_MONEY
    )
    other: float = PydanticField(
        0, description="その他支出の純流出（流入はマイナス）", json_schema_extra=_MONEY
    )


class CirculationIn(BaseModel):
    """A region's three sides in one money unit (億円, 百万円 or 円), used throughout."""

    model_config = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False, title="CirculationIn")

    production: float = PydanticField(description="生産（付加価値額）", json_schema_extra=_POSITIVE_MONEY)
    distribution: float = PydanticField(description="分配（所得）", json_schema_extra=_POSITIVE_MONEY)
    income_inflows: IncomeInflowsIn | None = PydanticField(None, description="所得の地域外からの純流入")
    expenditure_outflows: ExpenditureOutflowsIn | None = PydanticField(
        None, description="支出の地域外への純流出"
    )
    energy_net_outflow: float | None = PydanticField(
        None,
        description="エネルギー代金の純流出（石炭・原油・天然ガス、石油・石炭製品、電気、ガス・熱供給）",
        json_schema_extra=_MONEY,
    )
    population: int | None = PydanticField(
        None,
        description="人口（1人あたりの額を計算します）",
        json_schema_extra={"minimum": 1, "maximum": 200_000_000},
    )


class RippleIn(BaseModel):
    """An input–output table of a region and a final-demand change."""

    model_config = ConfigDict(strict=True, extra="ignore", allow_inf_nan=False, title="RippleIn")

    sectors: list[str] = PydanticField(description="部門名（200部門まで）", json_schema_extra=_SECTORS)
    input_coefficients: list[list[float]] = PydanticField(
        description="投入係数 A（n×n）。第j列は部門jの生産1単位あたりの各部門からの投入。各列の合計は1未満",
        json_schema_extra={**_SECTORS, "items": {"type": "array", "items": {"type": "number", **_RATIO}}},
    )
    self_sufficiency: list[float] = _ratios("自給率（1 − 移輸入率）、部門ごと")
    demand: list[float] = PydanticField(
        description="最終需要の増加額（生産者価格）、部門ごと。単位は任意（結果も同じ単位）",
        json_schema_extra={**_SECTORS, "items": {"type": "number", **_MONEY}},
    )
    employee_income_ratio: list[float] = _ratios("雇用者所得率（生産額1単位あたりの雇用者所得）、部門ごと")
    value_added_ratio: list[float] | None = PydanticField(
        None,
        description="粗付加価値率、部門ごと（省略可）",
        json_schema_extra={**_SECTORS, "items": {"type": "number", **_RATIO}},
    )
    consumption_conversion: float | None = PydanticField(
        None, description="消費転換率（省略すると第2次波及を計算しません）", json_schema_extra=_RATIO
    )
    consumption_pattern: list[float] | None = PydanticField(
        None,
        description="民間消費支出の構成（合計1 ± 0.001）。consumption_conversion を指定するときは必須",
        json_schema_extra={**_SECTORS, "items": {"type": "number", **_RATIO}},
    )
    employment_per_unit: list[float] | None = PydanticField(
        None,
        description="就業係数（生産額1単位あたりの従業者数）、部門ごと（省略可）",
        json_schema_extra={**_SECTORS, "items": {"type": "number", "minimum": 0, "exclusiveMaximum": 1e16}},
    )


class GapsOut(Schema):
    distribution_minus_production_and_income_inflows: float | None = Field(
        ..., description="分配 −（生産 + 所得の純流入）。income_inflows を指定したとき"
    )
    expenditure_in_region_minus_production: float | None = Field(
        ..., description="（分配 − 支出の純流出）− 生産。expenditure_outflows を指定したとき"
    )


class CirculationOut(Schema):
    circulation_rate_pct: str = Field(..., description="地域経済循環率（%、小数1桁に四捨五入）")
    expenditure_in_region: float | None = Field(..., description="分配 − 3つの支出の純流出")
    gaps: GapsOut = Field(..., description="三面の整合の差（ゼロに補正せずそのまま返します）")
    energy_outflow_share_pct: str | None = Field(
        ..., description="エネルギー代金の純流出 ÷ 生産 × 100（小数1桁）"
    )
    per_capita: dict[str, float] | None = Field(
        ..., description="人口1人あたりの額（production, distribution, energy_net_outflow）"
    )


class RoundsOut(Schema):
    direct: float
    first: float
    second: float
    total: float


class ThroughOut(Schema):
    direct: float
    first: float
    second: float
    total: float
    by_sector: list[float]


class IncomeOut(Schema):
    first_round: float = Field(..., description="直接効果と第1次間接波及効果による雇用者所得誘発額")
    second_round: float = Field(..., description="第2次間接波及効果による雇用者所得誘発額")
    total: float


class RippleOut(Schema):
    sectors: list[str]
    direct: list[float] = Field(..., description="直接効果（I − M̂）ΔY")
    first: list[float] = Field(..., description="第1次間接波及効果 B（I − M̂）ΔY − 直接効果")
    second: list[float] = Field(..., description="第2次間接波及効果（消費を通じた波及）")
    total: list[float]
    totals: RoundsOut
    multiplier: float | None = Field(
        ..., description="波及効果の合計 ÷ 最終需要の増加額の合計（合計が0のときは null）"
    )
    employee_income: IncomeOut
    value_added: ThroughOut | None = Field(
        ..., description="粗付加価値誘発額（value_added_ratio を指定したとき）"
    )
    employment: ThroughOut | None = Field(..., description="就業誘発数（employment_per_unit を指定したとき）")
    influence: list[float] = Field(..., description="影響力係数")
    sensitivity: list[float] = Field(..., description="感応度係数")
    assumptions: list[str] = Field(..., description="計算の前提")


def _label(loc: Location) -> str:
    path = json_path(loc)
    if (loc and loc[0] in circulation.LABELS) or path in circulation.LABELS:
        return circulation.field_label(path)
    return io.field_label(path)


def _message(kind: str, loc: Location) -> str | None:
    if kind.startswith(("float", "int", "finite")):
        return (
            _("%(field)sは数値で指定してください。")
            if kind != "int_type"
            else _("%(field)sは整数で指定してください。")
        )
    if kind == "list_type":
        return _("%(field)sは配列で指定してください。")
    return None


def _problems(error: EconomyInputError) -> Status[dict[str, Any]]:
    return bad_request([FieldError(field=p.field, message=p.message) for p in error.problems])


CIRCULATION_EXAMPLE = {
    "production": 8948,
    "distribution": 7316,
    "income_inflows": {"employee": -1200, "other": -430},
    "expenditure_outflows": {"consumption": -600, "investment": 200, "other": -1230},
    "energy_net_outflow": 420,
    "population": 198000,
}
RIPPLE_EXAMPLE = {
    "sectors": ["農林水産業", "製造業", "サービス"],
    "input_coefficients": [[0.1, 0.05, 0.01], [0.2, 0.3, 0.1], [0.15, 0.2, 0.25]],
    "self_sufficiency": [0.6, 0.3, 0.8],
    "demand": [0, 100, 0],
    "employee_income_ratio": [0.2, 0.15, 0.35],
    "value_added_ratio": [0.5, 0.3, 0.55],
    "consumption_conversion": 0.7,
    "consumption_pattern": [0.05, 0.3, 0.65],
}


@router.post(
    "/circulation",
    response={200: CirculationOut, 400: ErrorOut},
    summary="地域経済循環率と三面の整合",
    description=(
        "生産（付加価値額）・分配（所得）・支出の三面から、地域経済循環率 = 生産 ÷ 分配 × 100 を計算します"
        "（小数1桁に四捨五入した文字列）。所得の純流入・支出の純流出を指定すると、三面の整合の差をそのまま返します"
        "（ゼロに補正しません）。金額の単位は任意ですが、すべて同じ単位で指定してください。"
        "入力の誤りは400で、項目名を示した日本語のメッセージを返します。"
    ),
    openapi_extra=request_body(CirculationIn, CIRCULATION_EXAMPLE),
)
def circulation_endpoint(request: HttpRequest) -> Status[Any]:
    """The circulation rate and the gaps; 400 with Japanese messages for bad input."""
    enforce(permissions.can_use_calculator(request.user))
    try:
        data = CirculationIn.model_validate_json(request.body or b"")
    except PydanticValidationError as error:
        return bad_request([pydantic_error(e, _label, _message) for e in error.errors()])
    try:
        result = circulation.compute(circulation_input(data))
    except EconomyInputError as error:
        return _problems(error)
    return Status(200, payloads.circulation_payload(result))


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value))


def circulation_input(data: CirculationIn) -> circulation.CirculationInput:
    """The validated body as the engine's input (exact decimals of the numbers sent)."""
    inflows = outflows = None
    if data.income_inflows is not None:
        inflows = circulation.IncomeInflows(
            _decimal(data.income_inflows.employee), _decimal(data.income_inflows.other)
        )
    if data.expenditure_outflows is not None:
        o = data.expenditure_outflows
        outflows = circulation.ExpenditureOutflows(
            _decimal(o.consumption), _decimal(o.investment), _decimal(o.other)
        )
    return circulation.CirculationInput(
        production=_decimal(data.production),
        distribution=_decimal(data.distribution),
        income_inflows=inflows,
        expenditure_outflows=outflows,
        energy_net_outflow=None if data.energy_net_outflow is None else _decimal(data.energy_net_outflow),
        population=data.population,
    )


@router.post(
    "/ripple",
    response={200: RippleOut, 400: ErrorOut},
    summary="経済波及効果（開放型の逆行列）",
    description=(
        "投入係数 A と自給率から開放型の逆行列 [I − (I − M̂)A]⁻¹ を求め、最終需要の増加額 ΔY の経済波及効果を"
        "計算します：直接効果 (I − M̂)ΔY、第1次間接波及効果、雇用者所得誘発額、消費転換率を指定した場合は"
        "第2次間接波及効果、粗付加価値・就業の誘発、合計と波及倍率、影響力係数・感応度係数。"
        "部門ごとの配列は sectors の順です。特異な行列、個数の不一致、負または1を超える係数、"
        "列の合計が1以上の投入係数、合計が1（±0.001）でない構成比、200を超える部門は、"
        "400で項目名を示した日本語のメッセージを返します。"
    ),
    openapi_extra=request_body(RippleIn, RIPPLE_EXAMPLE),
)
def ripple_endpoint(request: HttpRequest) -> Status[Any]:
    """The ripple effect; 400 with Japanese messages for bad input."""
    enforce(permissions.can_use_calculator(request.user))
    try:
        data = RippleIn.model_validate_json(request.body or b"")
    except PydanticValidationError as error:
        return bad_request([pydantic_error(e, _label, _message) for e in error.errors()])
    try:
        table = io.model(
            data.sectors,
            data.input_coefficients,
            data.self_sufficiency,
            data.employee_income_ratio,
            value_added_ratio=data.value_added_ratio,
            consumption_conversion=data.consumption_conversion,
            consumption_pattern=data.consumption_pattern,
            employment_per_unit=data.employment_per_unit,
        )
        result = io.ripple(table, data.demand)
    except EconomyInputError as error:
        return _problems(error)
    return Status(200, payloads.ripple_payload(table, result))

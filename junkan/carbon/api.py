"""The CO2 API, mounted at /api/v1/co2 (public, stateless).

- ``POST /api/v1/co2/reduction``: compute a reduction. The body is parsed with every JSON number read
  as an exact decimal (never a float), and the answer writes the exact results as JSON numbers.
- ``GET /api/v1/co2/factor-sets`` and ``GET /api/v1/co2/factor-sets/{id}``: the stored factor sets.

Errors answer ``{"detail": "<message in Japanese>"}`` with 400 (or 404).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import WithJsonSchema

from junkan.carbon import engine, permissions, services
from junkan.carbon.models import FactorKind, FactorSet
from junkan.common.api import ErrorOut
from junkan.common.permissions import enforce

router = Router(tags=["carbon"])

EXAMPLE = {
    "fuel_revision": "2010",
    "baseline": {"process": [{"kind": "fuel", "fuel": "heavy_oil_a", "amount": 100}], "substitution": []},
    "project": {
        "process": [
            {"kind": "biomass", "label": "木質チップ", "amount": 900, "unit": "t"},
            {"kind": "electricity", "kwh": 30000, "t_co2_per_kwh": 0.000416},
        ],
        "substitution": [],
    },
}
ACTIVITY_DOC = (
    "活動（kind ごとの項目）："
    " fuel {fuel, amount};"
    " electricity {kwh, t_co2_per_kwh | utility, menu, year, basis};"
    " gas {amount（千m3）, t_co2_per_unit | utility, menu, year, basis};"
    " heat {gj | amount, unit, heat_gj_per_unit, heat_gj_per_unit_high, efficiency;"
    " replaces, replaced_efficiency | t_co2_per_gj, source};"
    " transport {fuel, amount | tkm, t_co2_per_tkm, source};"
    " incineration {amount, fuel | t_co2_per_t, source};"
    " residue {amount, t_co2_per_t, source};"
    " biomass {label, amount, unit};"
    " other {label, amount, unit, t_co2_per_unit, source}。"
    "すべて label・note を付けられます。"
)
SIDE_SCHEMA = {
    "type": "object",
    "properties": {
        "process": {"type": "array", "items": {"type": "object"}, "description": "プロセス（C・A）の活動"},
        "substitution": {
            "type": "array",
            "items": {"type": "object"},
            "description": "代替効果（D・B）の活動",
        },
    },
}
REQUEST_SCHEMA = {
    "type": "object",
    "anyOf": [{"required": ["baseline"]}, {"required": ["project"]}],
    "properties": {
        "fuel_revision": {
            "type": "string",
            "description": "燃料の係数表の改定年（2006・2010・2023・2025）。省略時は2023",
        },
        "baseline": SIDE_SCHEMA,
        "project": SIDE_SCHEMA,
        "boundary_notes": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"process": {"type": "string"}, "reason": {"type": "string"}},
            },
        },
        "subsidy_yen": {"type": "integer", "description": "補助金額（円）。費用対効果を計算します"},
        "life_years": {"type": "integer", "description": "事業期間・法定耐用年数（年）"},
        "region_total_t_co2": {"type": "number", "description": "地域全体の排出量（t-CO2/年）"},
        "target_percent": {"type": "number", "description": "2050年の削減目標（%、既定80）"},
        "renewables": {
            "type": "array",
            "items": {"type": "object"},
            "description": "{label, capacity_kw, annual_kwh}",
        },
        "resource_productivity": {"type": "object"},
    },
    "example": EXAMPLE,
}


#: Results are exact JSON numbers (all digits, never a float on our side): documented as numbers, not strings.
Exact = Annotated[Decimal, WithJsonSchema({"type": "number"})]


class TrailLineOut(Schema):
    part: str = Field(
        ...,
        description="baseline_process (C), baseline_substitution (D), project_process (A), "
        "project_substitution (B)",
    )
    letter: str
    line: int
    kind: str
    label: str
    amount: Exact
    unit: str
    factor: Exact
    factor_unit: str
    source: str
    t_co2: Exact
    note: str


class ReductionOut(Schema):
    baseline_t_co2: Exact = Field(..., description="C − D（t-CO2/年、全桁）")
    project_t_co2: Exact = Field(..., description="A − B（t-CO2/年、全桁）")
    reduction_t_co2: Exact = Field(..., description="(C − D) − (A − B)（t-CO2/年、全桁）")
    trail: list[TrailLineOut]
    parts: dict[str, Any]
    factors: dict[str, Any] = Field(..., description="使用した排出係数（保存すれば同じ結果を再現できます）")


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _json_response(data: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(engine.to_json(data), status=status, content_type="application/json")


def _error(message: str, status: int = 400) -> HttpResponse:
    return _json_response({"detail": message}, status)


@router.post(
    "/reduction",
    response={200: ReductionOut, 400: ErrorOut},
    summary="CO2削減量の計算",
    description=(
        "公募要領別添「基本的な二酸化炭素削減量の考え方」に従い、CO2削減量 =（C − D）−（A − B）を計算します。"
        "数値は小数のまま正確に扱い（浮動小数点を使いません）、結果も全桁の JSON の数値で返します。"
        + ACTIVITY_DOC
    ),
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": REQUEST_SCHEMA}}},
    },
)
def reduction(request: HttpRequest) -> HttpResponse:
    """Compute a reduction from the JSON body; 400 with a Japanese message for bad input."""
    enforce(permissions.can_use_calculator(request.user))
    try:
        text = request.body.decode("utf-8")
        if not text.strip():
            return _error(_("本文に計算の内容を JSON で送ってください。"))
        data = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        return _error(
            _("JSON として読み取れません（%(line)s行目 %(column)s文字目）。")
            % {"line": error.lineno, "column": error.colno}
        )
    except UnicodeDecodeError:
        return _error(_("JSON は UTF-8 で送ってください。"))
    except ValueError:
        return _error(_("数値に NaN や Infinity は使えません。"))
    if isinstance(data, dict) and not ({"baseline", "project"} & data.keys()):
        # An empty body is not a calculation of zero: say what is missing.
        return _error(_("本文に baseline（事業実施前）か project（事業実施後）の活動を指定してください。"))
    try:
        computation = services.compute(data)
    except engine.CalculationError as error:
        return _error(error.located)
    result = engine.result_to_dict(computation.result)
    result["fuel_revision"] = computation.calculation.fuel_revision
    return _json_response(result)


class FactorSetOut(Schema):
    id: int
    kind: FactorKind
    revision: str
    name: str
    source: str
    note: str
    locked: bool
    rows: int


@router.get(
    "/factor-sets",
    response=list[FactorSetOut],
    summary="排出係数セットの一覧",
    description="燃料（算定省令の改定ごと）・電気事業者・ガス事業者の係数セットと出典。",
)
def factor_sets(request: HttpRequest) -> list[dict[str, Any]]:
    """Every stored set with its row count."""
    enforce(permissions.can_use_calculator(request.user))
    sets = FactorSet.objects.annotate(
        fuel_count=Count("fuels", distinct=True), supplier_count=Count("suppliers", distinct=True)
    ).order_by("kind", "-revision")
    return [_set_out(s, s.fuel_count + s.supplier_count) for s in sets]  # type: ignore[attr-defined]


def _set_out(factor_set: FactorSet, rows: int) -> dict[str, Any]:
    return {
        "id": factor_set.pk,
        "kind": factor_set.kind,
        "revision": factor_set.revision,
        "name": factor_set.name,
        "source": factor_set.source,
        "note": factor_set.note,
        "locked": factor_set.is_locked,
        "rows": rows,
    }


@router.get(
    "/factor-sets/{set_id}",
    response={200: dict[str, Any], 404: ErrorOut},
    summary="排出係数セット（行を含む）",
    description="燃料は単位発熱量・炭素排出係数（または公表値）と t-CO2/単位、事業者は基礎・調整後排出係数。",
)
def factor_set(request: HttpRequest, set_id: int) -> HttpResponse:
    """One set with its rows; factors as exact JSON numbers."""
    enforce(permissions.can_use_calculator(request.user))
    found = FactorSet.objects.filter(pk=set_id).first()
    if found is None:
        return _error(_("指定された係数セットは見つかりません。"), 404)
    if found.kind == FactorKind.FUEL:
        rows = [
            {
                "key": row.key,
                "name": row.name,
                "unit": row.unit,
                "heat_gj_per_unit": _exact(row.heat_gj_per_unit),
                "carbon_tc_per_gj": _exact(row.carbon_tc_per_gj),
                "t_co2_per_unit": services.engine_fuel(row, found.name).t_co2_per_unit,
                "confidence": row.confidence,
            }
            for row in found.fuels.order_by("id")
        ]
    else:
        rows = [
            {
                "reg_no": row.reg_no,
                "utility": row.utility,
                "menu": row.menu,
                "kind": row.kind,
                "basic": _exact(row.basic),
                "adjusted": _exact(row.adjusted),
            }
            for row in found.suppliers.order_by("id")
        ]
    return _json_response({**_set_out(found, len(rows)), "factors": rows})


def _exact(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(engine.plain(value))

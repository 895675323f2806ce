"""The matching API, mounted at /api/v1/matching.

- ``POST /api/v1/matching/rank``: rank the solutions given in the body for the region given (stateless).
- ``GET /api/v1/matching/regions/{id}/solutions``: the approved solutions that fit an approved region.
- ``GET /api/v1/matching/solutions/{id}/regions``: the approved regions that fit an approved solution.

As in the other APIs the body of ``rank`` is read and checked here, so that every bad input answers 400
``{"detail": "<Japanese naming the field>", "errors": [{"field", "message"}]}``. The ranking is
``junkan.matching.engine``; nothing is scored here.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField
from pydantic import ValidationError as PydanticValidationError

from junkan.common.api import (
    ErrorOut,
    FieldError,
    Location,
    bad_request,
    field_label,
    pydantic_error,
    request_body,
)
from junkan.common.permissions import enforce
from junkan.matching import permissions, services
from junkan.matching.engine import geography, ranking

router = Router(tags=["matching"])

MAX_SOLUTIONS = 500
MAX_LIMIT = 200
_TEXT = 20_000
_SHORT = 1_000
_ITEMS = 200

Goal = Annotated[int, PydanticField(ge=1, le=17)]
Code = Annotated[str, PydanticField(pattern=r"^[0-9]{6}$")]
Short = Annotated[str, PydanticField(max_length=_SHORT)]


class RegionIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", title="MatchingRegionIn")

    name: str = PydanticField("", max_length=_SHORT, description="地域の名称")
    municipalities: list[Code] | None = PydanticField(
        None, max_length=_ITEMS, description="対象の市区町村の団体コード（6桁、全国地方公共団体コード）"
    )
    prefectures: list[Short] | None = PydanticField(
        None, max_length=47, description="都道府県名（北海道、長野県 など。「県」を省いても可）"
    )
    resources: list[Short] | None = PydanticField(
        None, max_length=_ITEMS, description="地域資源（自由な言葉で。例：間伐材、温泉、空き家）"
    )
    challenges: list[Short] | None = PydanticField(
        None, max_length=_ITEMS, description="地域の課題（1件1文）"
    )
    sdgs: list[Goal] | None = PydanticField(None, max_length=17, description="SDGsの目標番号（1〜17）")
    text: str = PydanticField("", max_length=_TEXT, description="地域の説明（自由記述）")


class SolutionIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore", title="MatchingSolutionIn")

    id: str = PydanticField(..., min_length=1, max_length=200, description="呼び出し側の識別子（結果の id）")
    title: str = PydanticField("", max_length=_SHORT, description="ソリューション名")
    text: str = PydanticField("", max_length=_TEXT, description="内容（何を解決するか）")
    fields: list[Short] | None = PydanticField(None, max_length=_ITEMS, description="分野・業種")
    uses_resources: list[Short] | None = PydanticField(
        None, max_length=_ITEMS, description="活用する地域資源"
    )
    sdgs: list[Goal] | None = PydanticField(None, max_length=17, description="SDGsの目標番号（1〜17）")
    regions_served: list[Short] | None = PydanticField(
        None,
        max_length=_ITEMS,
        description="対応地域：「全国」、都道府県名、地方ブロック（北海道・東北・関東・中部・近畿・中国・四国・"
        "九州・沖縄 など）、市区町村（団体コードまたは「北海道下川町」）。省略は不明として扱います",
    )


class RankIn(BaseModel):
    """A region and the solutions to rank for it."""

    model_config = ConfigDict(strict=True, extra="ignore", title="MatchingRankIn")

    region: RegionIn
    solutions: list[SolutionIn] = PydanticField(..., max_length=MAX_SOLUTIONS)
    limit: int = PydanticField(10, ge=1, le=MAX_LIMIT, description=f"返す件数（1〜{MAX_LIMIT}、既定10）")


class PartsOut(Schema):
    resources: float = Field(..., description="地域資源の一致（0〜1）")
    challenges: float = Field(..., description="地域の課題への対応（0〜1）")
    text: float = Field(..., description="説明文の近さ（0〜1）")
    sdgs: float = Field(..., description="SDGsの目標の重なり（0〜1、弱い根拠）")
    fit: float = Field(..., description="ソリューションの前提（資源）が地域にあるか（0.35〜1）")
    geography: float = Field(..., description="対応地域（全国・同じ都道府県で1、遠いほど小さい）")
    needs: float = Field(
        ..., description="海・温泉・家畜など、地域にないと成り立たないものの欠け（1は欠けなし）"
    )


class ResultOut(Schema):
    id: str
    score: float = Field(..., description="大きいほど合う（0〜1）")
    reasons: list[str] = Field(..., description="合う理由（一致したものだけを短い日本語で）")
    parts: PartsOut


class RankOut(Schema):
    results: list[ResultOut]


class RegisteredOut(ResultOut):
    title: str = Field(..., description="ソリューション名または地域の名称")
    organization: str = Field(..., description="登録団体")
    url: str = Field(..., description="公開ページ")


class RegisteredListOut(Schema):
    results: list[RegisteredOut]


LABELS = {
    "region": "地域",
    "solutions": "ソリューション",
    "limit": "件数",
    "name": "名称",
    "municipalities": "市区町村の団体コード",
    "prefectures": "都道府県",
    "resources": "地域資源",
    "challenges": "課題",
    "sdgs": "SDGsの目標",
    "text": "説明",
    "id": "id",
    "title": "ソリューション名",
    "fields": "分野",
    "uses_resources": "活用する地域資源",
    "regions_served": "対応地域",
}
_ORDINALS = {
    "solutions": "ソリューションの{n}件目",
    "municipalities": "市区町村の団体コードの{n}件目",
    "prefectures": "都道府県の{n}件目",
    "resources": "地域資源の{n}件目",
    "challenges": "課題の{n}件目",
    "sdgs": "SDGsの目標の{n}件目",
    "fields": "分野の{n}件目",
    "uses_resources": "活用する地域資源の{n}件目",
    "regions_served": "対応地域の{n}件目",
}


def _label(loc: Location) -> str:
    return field_label(loc, LABELS, _ORDINALS)


def _message(kind: str, loc: Location) -> str | None:
    if loc == ("solutions",) and kind == "too_long":
        return _("%(field)sは1回に500件までです。")
    if loc == ("limit",) and kind in {"greater_than_equal", "less_than_equal"}:
        return _("%(field)sは1〜200の整数で指定してください。")
    if loc[-2:-1] == ("sdgs",) and kind in {"greater_than_equal", "less_than_equal"}:
        return _("%(field)sは1〜17の整数で指定してください。")
    if kind.startswith("int"):
        return _("%(field)sは整数で指定してください。")
    if kind == "string_pattern_mismatch":
        return _("%(field)sは6桁の数字（全国地方公共団体コード）で指定してください。")
    if kind == "string_too_long":
        return _("%(field)sが長すぎます。")
    if kind == "string_too_short":
        return _("%(field)sを入力してください。")
    if kind == "too_long":
        return _("%(field)sの件数が多すぎます。")
    return None


EXAMPLE = {
    "region": {
        "name": "森林未来都市しもかわ",
        "municipalities": ["014681"],
        "prefectures": ["北海道"],
        "resources": ["森林", "間伐材"],
        "challenges": ["エネルギー代金の域外流出", "林業の担い手不足"],
        "sdgs": [7, 15],
        "text": "町の面積の約9割が森林。",
    },
    "solutions": [
        {
            "id": "boiler",
            "title": "木質チップボイラーの導入",
            "text": "公共施設の暖房を地域の間伐材のチップで。",
            "fields": ["エネルギー"],
            "uses_resources": ["木質バイオマス"],
            "sdgs": [7, 13],
            "regions_served": ["北海道", "東北"],
        },
        {"id": "beach", "title": "海岸漂着ごみの回収", "uses_resources": ["海"], "regions_served": ["全国"]},
    ],
    "limit": 10,
}


def result_payload(result: ranking.Result) -> dict[str, Any]:
    """One result as the API answers it."""
    return {"id": result.id, "score": result.score, "reasons": list(result.reasons), "parts": result.parts}


@router.post(
    "/rank",
    response={200: RankOut, 400: ErrorOut},
    summary="地域に合うソリューションの順位づけ",
    description=(
        "地域（資源・課題・場所・SDGs・説明）に合う順に、与えたソリューションを並べ、理由と内訳を返します。"
        "地域資源・課題・分野は自由な言葉で構いません（類義語・上位語・下位語をシソーラスで、未知の語は文字の"
        "並びで照合します）。対応地域の外のソリューションは下がり、全国対応のものより上にはなりません。"
        "同じ id が2回以上あるときは最初のものだけを使います。region と solutions 以外は省略できます。"
        "ソリューションは1回に500件まで。誤った型、範囲外の値、存在しない団体コードは400で、"
        "項目名を示した日本語のメッセージを返します。"
    ),
    openapi_extra=request_body(RankIn, EXAMPLE),
)
def rank(request: HttpRequest) -> Status[Any]:
    """Rank the given solutions for the given region."""
    enforce(permissions.can_use_matching_api(request.user))
    try:
        data = RankIn.model_validate_json(request.body or b"")
    except PydanticValidationError as error:
        return bad_request([pydantic_error(e, _label, _message) for e in error.errors()])
    errors: list[FieldError] = []
    known = geography.places()
    for index, code in enumerate(data.region.municipalities or []):
        if code not in known:
            loc: Location = ("region", "municipalities", index)
            errors.append(
                FieldError(
                    field=f"region.municipalities[{index}]",
                    message=_("%(field)sの「%(code)s」は全国地方公共団体コードにありません。")
                    % {"field": _label(loc), "code": code},
                )
            )
    for index, name in enumerate(data.region.prefectures or []):
        if geography.prefecture_number(name) is None and not geography.parse_served([name]).prefectures:
            loc = ("region", "prefectures", index)
            errors.append(
                FieldError(
                    field=f"region.prefectures[{index}]",
                    message=_("%(field)sの「%(name)s」は都道府県名として読み取れません。")
                    % {"field": _label(loc), "name": name},
                )
            )
    if errors:
        return bad_request(errors)
    region = ranking.Region(
        name=data.region.name,
        municipalities=tuple(data.region.municipalities or ()),
        prefectures=tuple(_prefectures(data.region.prefectures or [])),
        resources=tuple(data.region.resources or ()),
        challenges=tuple(data.region.challenges or ()),
        sdgs=tuple(data.region.sdgs or ()),
        text=data.region.text,
    )
    seen: set[str] = set()
    solutions = []
    for item in data.solutions:
        if item.id in seen:
            continue
        seen.add(item.id)
        solutions.append(
            ranking.Solution(
                id=item.id,
                title=item.title,
                text=item.text,
                fields=tuple(item.fields or ()),
                uses_resources=tuple(item.uses_resources or ()),
                sdgs=tuple(item.sdgs or ()),
                regions_served=tuple(item.regions_served or ()),
            )
        )
    results = ranking.rank_raw(region, solutions, data.limit)
    return Status(200, {"results": [result_payload(r) for r in results]})


def _prefectures(names: list[str]) -> list[str]:
    """Prefecture names, a block name (関東) standing for its prefectures."""
    out = []
    for name in names:
        if geography.prefecture_number(name) is not None:
            out.append(name)
        else:
            out.extend(
                geography.PREFECTURES[p - 1] for p in sorted(geography.parse_served([name]).prefectures)
            )
    return out


class LimitIn(Schema):
    limit: int = Field(10, ge=1, le=50, description="返す件数（1〜50、既定10）")


@router.get(
    "/regions/{region_id}/solutions",
    response={200: RegisteredListOut, 400: ErrorOut, 404: ErrorOut},
    summary="登録済みの地域に合うソリューション",
    description="承認された実践地域等に合う、承認された企業等のソリューションを、理由と内訳とともに返します。",
)
def region_solutions(request: HttpRequest, region_id: int, filters: Query[LimitIn]) -> Status[Any]:
    """Approved solutions for an approved region."""
    region = services.public_region(region_id)
    if region is None:
        return Status(404, {"detail": _("実践地域が見つかりません。"), "errors": []})
    enforce(permissions.can_see_suggestions_for(request.user, region))
    return Status(200, {"results": services.solutions_for_region(region, filters.limit)})


@router.get(
    "/solutions/{solution_id}/regions",
    response={200: RegisteredListOut, 400: ErrorOut, 404: ErrorOut},
    summary="登録済みのソリューションに合う地域",
    description="承認された企業等のソリューションに合う、承認された実践地域等を、理由と内訳とともに返します。",
)
def solution_regions(request: HttpRequest, solution_id: int, filters: Query[LimitIn]) -> Status[Any]:
    """Approved regions for an approved solution."""
    solution = services.public_solution(solution_id)
    if solution is None:
        return Status(404, {"detail": _("ソリューションが見つかりません。"), "errors": []})
    enforce(permissions.can_see_suggestions_for(request.user, solution))
    return Status(200, {"results": services.regions_for_solution(solution, filters.limit)})

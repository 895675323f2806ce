"""Public read-only API of the local government master, mounted at /api/v1/municipalities.

- ``GET /api/v1/municipalities``: list, filtered by ``prefecture``, ``q`` and ``kind``; paginated
  with limit/offset (``?limit=50&offset=0``, at most 1,000 per page), answer ``{"items": [...], "count": N}``.
- ``GET /api/v1/municipalities/{code}``: one entity by its 6-digit code, with ``members`` and ``wards``.
- ``GET /api/v1/municipalities/unions/{id}``: one 一部事務組合・広域連合 (they have no code) by ``id``.

Latitude and longitude are strings (7 decimal places) so that no float rounding creeps in.
Errors answer ``{"detail": "<message in Japanese>"}`` with 400 or 404.
"""

from __future__ import annotations

from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from junkan.common.api import ErrorOut, Pager
from junkan.common.permissions import enforce
from junkan.jp.codes import CodeError, validate_lg_code
from junkan.jp.text import nfkc
from junkan.municipalities import services
from junkan.municipalities.models import UNION_KINDS, Municipality, MunicipalityKind
from junkan.municipalities.permissions import can_search_master

router = Router(tags=["municipalities"])

MAX_PAGE_SIZE = 1000
MAX_QUERY_LENGTH = 100


class MunicipalityRef(Schema):
    """A short reference to another entity (a member of a union, a ward of a designated city)."""

    id: int
    code: str | None
    kind: MunicipalityKind
    name: str
    full_name: str


class MunicipalityOut(Schema):
    """One local government: an official entity with its code, or a staff-added union (code null)."""

    id: int = Field(..., description="内部ID。団体コードのない一部事務組合・広域連合はこれで参照します。")
    code: str | None = Field(..., description="全国地方公共団体コード（6桁、検査数字付き）。組合はnull。")
    kind: MunicipalityKind
    kind_label: str = Field(..., description="種別の表示名（「指定都市」など）")
    name: str
    kana: str = Field(..., description="ふりがな（ひらがな）")
    full_name: str = Field(..., description="都道府県名から始まる正式表記（組合は名称）")
    prefecture_code: str | None = Field(..., description="都道府県番号（2桁、東京都は13）")
    parent_code: str | None = Field(..., description="指定都市の区の場合、その市の団体コード")
    is_northern_territories: bool = Field(..., description="北方領土の6村")
    latitude: str | None = Field(..., description="庁舎の緯度（10進、文字列）")
    longitude: str | None = Field(..., description="庁舎の経度（10進、文字列）")
    website: str | None

    @staticmethod
    def resolve_kind_label(obj: Municipality) -> str:
        return str(obj.get_kind_display())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_prefecture_code(obj: Municipality) -> str | None:
        return obj.prefecture_code

    @staticmethod
    def resolve_parent_code(obj: Municipality) -> str | None:
        return obj.parent.code if obj.parent_id is not None else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_latitude(obj: Municipality) -> str | None:
        return None if obj.latitude is None else str(obj.latitude)

    @staticmethod
    def resolve_longitude(obj: Municipality) -> str | None:
        return None if obj.longitude is None else str(obj.longitude)

    @staticmethod
    def resolve_website(obj: Municipality) -> str | None:
        return obj.website or None


class MunicipalityDetailOut(MunicipalityOut):
    """One entity with its union members and, for a designated city, its wards (both by code order)."""

    members: list[MunicipalityRef] = Field(..., description="一部事務組合・広域連合の構成団体")
    wards: list[MunicipalityRef] = Field(..., description="指定都市の区")

    @staticmethod
    def resolve_members(obj: Municipality) -> list[Municipality]:
        return list(obj.members.all())

    @staticmethod
    def resolve_wards(obj: Municipality) -> list[Municipality]:
        return list(obj.wards.all())


def _base_queryset() -> QuerySet[Municipality]:
    """Rows with what the list needs in one query; official rows by code, then unions."""
    return Municipality.objects.select_related("prefecture", "parent").order_by(
        F("code").asc(nulls_last=True), "id"
    )


def _detail_queryset() -> QuerySet[Municipality]:
    """The list query plus members and wards, two more queries whatever their number."""
    ordered = Municipality.objects.order_by(F("code").asc(nulls_last=True), "id")
    return _base_queryset().prefetch_related(Prefetch("members", ordered), Prefetch("wards", ordered))


def _parse_kinds(value: str) -> list[str]:
    """Comma-separated kinds, each one of MunicipalityKind; HttpError 400 otherwise."""
    kinds = [part.strip() for part in nfkc(value).split(",") if part.strip()]
    unknown = [kind for kind in kinds if kind not in MunicipalityKind.values]
    if unknown or not kinds:
        raise HttpError(
            400,
            _("種別「%(kind)s」は指定できません。次のいずれかを指定してください：%(kinds)s")
            % {"kind": "、".join(unknown) or value, "kinds": ", ".join(MunicipalityKind.values)},
        )
    return kinds


@router.get(
    "",
    response={200: list[MunicipalityOut], 400: ErrorOut},
    summary="地方公共団体の一覧",
    description=(
        "全国地方公共団体コードの都道府県・市区町村・指定都市の区と、登録済みの一部事務組合・広域連合の一覧。"
        "団体コード順（組合は最後）。`limit`（既定50、最大1000）と `offset` でページ分けします。"
        "`prefecture` はその都道府県に属する団体（都道府県自身を除く）に絞り込みます。"
    ),
)
@paginate(Pager, max_limit=MAX_PAGE_SIZE)
def list_municipalities(
    request: HttpRequest,
    prefecture: str | None = Query(
        None,
        description="都道府県番号（13、１３）または都道府県の団体コード（130001）。その都道府県に属する団体",
    ),
    q: str | None = Query(
        None,
        description="名称・正式表記の部分一致、またはふりがなの部分一致（カタカナ・半角カナも可）",
    ),
    kind: str | None = Query(
        None,
        description="種別（カンマ区切りで複数可）: " + ", ".join(MunicipalityKind.values),
    ),
) -> QuerySet[Municipality]:
    """List entities filtered by prefecture (13, １３, 130001), name or reading, and kinds."""
    enforce(can_search_master(request.user))
    queryset = _base_queryset()
    if prefecture is not None and prefecture.strip():
        try:
            number = services.prefecture_number(prefecture)
        except ValueError as error:
            raise HttpError(400, str(error)) from error
        queryset = queryset.filter(prefecture__code=services.prefecture_code(number))
    if q is not None and q.strip():
        if len(q) > MAX_QUERY_LENGTH:
            raise HttpError(400, _("検索語は100文字以内で指定してください。"))
        queryset = queryset.filter(services.search_filter(q))
    if kind is not None and kind.strip():
        queryset = queryset.filter(kind__in=_parse_kinds(kind))
    return queryset


@router.get(
    "/unions/{union_id}",
    response={200: MunicipalityDetailOut, 404: ErrorOut},
    summary="一部事務組合・広域連合",
    description=(
        "団体コードのない一部事務組合・広域連合を、一覧の `id` で取得します。"
        "構成団体は `members` に入ります。"
    ),
)
def get_union(request: HttpRequest, union_id: int) -> Status[Municipality | dict[str, str]]:
    """One union by its id."""
    enforce(can_search_master(request.user))
    union = _detail_queryset().filter(pk=union_id, kind__in=UNION_KINDS).first()
    if union is None:
        return Status(404, {"detail": _("指定された一部事務組合・広域連合は見つかりません。")})
    return Status(200, union)


@router.get(
    "/{code}",
    response={200: MunicipalityDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="団体コードで1件取得",
    description=(
        "6桁の団体コード（検査数字付き）で1件を返します。全角数字も受け付けます。"
        "形式や検査数字の誤りは400、該当する団体がなければ404です。"
        "指定都市には区の一覧（`wards`）が付きます。"
    ),
)
def get_municipality(request: HttpRequest, code: str) -> Status[Municipality | dict[str, str]]:
    """One entity by its code, normalized with NFKC (「１３０００１」 is accepted)."""
    enforce(can_search_master(request.user))
    try:
        normalized = validate_lg_code(code)
    except CodeError as error:
        return Status(400, {"detail": error.message})
    found = _detail_queryset().filter(code=normalized).first()
    if found is None:
        message = _("団体コード「%(code)s」の団体は見つかりません。") % {"code": normalized}
        return Status(404, {"detail": message})
    return Status(200, found)

"""The JSON API, version 1, under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from junkan.carbon.api import router as carbon_router
from junkan.common.api import document_errors, validation_error
from junkan.economy.api import router as economy_router
from junkan.grants.api import router as calc_router
from junkan.matching.api import router as matching_router
from junkan.municipalities.api import router as municipalities_router
from junkan.programs.api import router as programs_router
from junkan.regional.api import router as regional_router


class ReadableJSONRenderer(JSONRenderer):
    """JSON with Japanese as characters, not \\u escapes (UTF-8 is declared in the content type)."""

    json_dumps_params = {"ensure_ascii": False}


class JunkanAPI(NinjaAPI):
    """Every operation documents the 400 answer (bad input is 400, never 422: ``junkan.common.api``)."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return document_errors(super().get_openapi_schema(*args, **kwargs))


api = JunkanAPI(
    title="junkan API",
    version="1",
    description=(
        "地域循環共生圏プラットフォーム「循環」のAPI。 The API of the junkan Local SDGs platform.\n\n"
        "誤った入力（形式・範囲外のパラメータ、読み取れない本文）はすべて400で、"
        '`{"detail": "…", "errors": [{"field": "…", "message": "…"}]}` を返します（422は使いません）。'
        "存在しない・公開されていないものは404です。"
        "一覧は `limit`（1〜1000）と `offset`（0〜10000000）でページ分けします。"
        " Bad input always answers 400 (never 422) with that shape; 404 for what does not exist."
    ),
    urls_namespace="api-1",
    renderer=ReadableJSONRenderer(),
)
api.add_router("/municipalities", municipalities_router)
api.add_router("/programs", programs_router)
api.add_router("/co2", carbon_router)
api.add_router("/calc", calc_router)
api.add_router("/economy", economy_router)
api.add_router("/matching", matching_router)
api.add_exception_handler(ValidationError, lambda request, exc: validation_error(request, exc, api))
api.add_router("/support", regional_router)

"""The JSON API, version 1, under /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs)."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from junkan.carbon.api import router as carbon_router
from junkan.grants.api import router as calc_router
from junkan.municipalities.api import router as municipalities_router
from junkan.programs.api import router as programs_router
from junkan.regional.api import router as regional_router


class ReadableJSONRenderer(JSONRenderer):
    """JSON with Japanese as characters, not \\u escapes (UTF-8 is declared in the content type)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="junkan API",
    version="1",
    description="地域循環共生圏プラットフォーム「循環」のAPI。 The API of the junkan Local SDGs platform.",
    urls_namespace="api-1",
    renderer=ReadableJSONRenderer(),
)
api.add_router("/municipalities", municipalities_router)
api.add_router("/programs", programs_router)
api.add_router("/co2", carbon_router)
api.add_router("/calc", calc_router)
api.add_router("/support", regional_router)

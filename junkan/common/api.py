"""What every JSON API under /api/v1/ shares: the one error shape, the one pager, the status of bad input.

Bad input answers **400** everywhere, never 422: a malformed or out-of-range query parameter, path parameter
or body (django-ninja's own validation included, through :func:`validation_error`) answers 400 with the
error shape below. 404 is for what does not exist (or is not public). Every operation documents 400
(:func:`document_errors`).

Lists are paged by :class:`Pager`: ``limit`` 1–``max_limit`` (50 by default), ``offset``
0–:data:`MAX_OFFSET`.

The APIs that read their own bodies (``junkan.programs.api``, ``junkan.grants.api``) read and check the body
themselves rather than through django-ninja, so that every bad input answers 400 ``{"detail": "<Japanese
naming the field>", "errors": [{"field": "...", "message": "..."}]}`` (``detail`` is the messages joined by
spaces). Here: that error shape, the Japanese message for a pydantic error, field labels with their JSON
path, strict ISO dates, and the request schema for the OpenAPI document (generated from the same pydantic
models).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import LimitOffsetPagination
from pydantic import BaseModel

Location = tuple[Any, ...]

#: No list is this long; a larger offset (up to 2**63 and beyond) is refused before it reaches the database.
MAX_OFFSET = 10_000_000
DEFAULT_LIMIT = 50

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """An error with a message for people, in Japanese, and the fields at fault."""

    detail: str
    errors: list[FieldError] = []


def bad_request(errors: list[FieldError]) -> Status[dict[str, Any]]:
    """400 with every message in ``detail`` and each field's in ``errors``."""
    return Status(
        400, {"detail": " ".join(e.message for e in errors), "errors": [e.model_dump() for e in errors]}
    )


def json_path(loc: Location) -> str:
    """A pydantic location as a JSON path: ('cost_lines', 0, 'amount') → cost_lines[0].amount."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def field_label(loc: Location, labels: Mapping[str, str], ordinals: Mapping[str, str]) -> str:
    """A location in Japanese with its JSON path: 経費の内訳の1行目の金額（cost_lines[0].amount）.

    ``labels`` names each key; ``ordinals`` words a list key followed by its index (``"…の{n}行目"``).
    """
    words: list[str] = []
    index = 0
    while index < len(loc):
        part = loc[index]
        if part in ordinals and index + 1 < len(loc) and isinstance(loc[index + 1], int):
            words.append(ordinals[str(part)].format(n=loc[index + 1] + 1))
            index += 2
            continue
        words.append(labels.get(str(part), str(part)))
        index += 1
    return f"{'の'.join(words)}（{json_path(loc)}）"


def _message_for(kind: str) -> str:
    """The message for a pydantic error type, with ``%(field)s`` for the field's label."""
    if kind == "missing":
        return _("%(field)sを指定してください。")
    if kind.startswith("int"):
        return _("%(field)sは円単位の整数で指定してください。")
    if kind.startswith("string"):
        return _("%(field)sは文字列で指定してください。")
    if kind.startswith("bool"):
        return _("%(field)sは true か false で指定してください。")
    if kind.startswith("list"):
        return _("%(field)sは配列で指定してください。")
    if kind.startswith(("model", "dict")):
        return _("%(field)sはオブジェクトで指定してください。")
    if kind.startswith("datetime"):
        return _("%(field)sは日時（例：2019-06-21T16:59:59+09:00）で指定してください。")
    return _("%(field)sの値が正しくありません。")


def pydantic_error(
    error: Mapping[str, Any],
    label: Callable[[Location], str],
    message: Callable[[str, Location], str | None] | None = None,
) -> FieldError:
    """One pydantic error as a Japanese message naming the field.

    ``label`` words a location; ``message`` may give the API's own message for an error type at a
    location (``%(field)s`` for the label), or None for the common one.
    """
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "json_invalid":
        return FieldError(field="", message=_("本文をJSONとして読み取れません。"))
    if not loc:
        return FieldError(field="", message=_("本文はJSONのオブジェクトで送ってください。"))
    text = (message(kind, loc) if message is not None else None) or _message_for(kind)
    return FieldError(field=json_path(loc), message=text % {"field": label(loc)})


def parse_iso_date(text: str) -> date | None:
    """A YYYY-MM-DD date that exists, or None (20200401, 2020-4-1 and 2020-02-30 are refused)."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema with its $defs written in place (OpenAPI has no $defs)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)


def request_body(model: type[BaseModel], example: dict[str, Any]) -> dict[str, Any]:
    """``openapi_extra`` for an operation that reads ``model`` as its JSON body."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline_schema(model), "example": example}},
        }
    }


class Pager(LimitOffsetPagination):
    """limit/offset paging with both bounded: ``@paginate(Pager, max_limit=1000)``.

    An offset beyond :data:`MAX_OFFSET` or a limit beyond ``max_limit`` answers 400 (the bound is in the
    OpenAPI document); the answer is ``{"items": [...], "count": N}``.
    """

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=1000, description="1ページの件数（1〜1000、既定50）")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"先頭から飛ばす件数（0〜{MAX_OFFSET}）")

    def __init__(self, max_limit: int = 1000, **kwargs: Any) -> None:
        super().__init__(max_limit=max_limit, **kwargs)
        default = min(DEFAULT_LIMIT, max_limit)

        class Input(Schema):  # the bound of this list, stated in its OpenAPI parameters
            limit: int = Field(
                default, ge=1, le=max_limit, description=f"1ページの件数（1〜{max_limit}、既定{default}）"
            )
            offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"先頭から飛ばす件数（0〜{MAX_OFFSET}）")

        self.Input = Input  # type: ignore[misc,assignment]


_PARAMETER_LABELS = {"query": "クエリパラメータ", "path": "パスパラメータ", "body": "本文", "form": "本文"}


def _parameter_label(loc: Location) -> str:
    """('query', 'offset') → offset（クエリパラメータ）; a body location as its JSON path."""
    where, rest = (loc[0], loc[1:]) if loc and loc[0] in _PARAMETER_LABELS else ("", loc)
    path = json_path(rest) or str(where)
    return f"{path}（{_PARAMETER_LABELS[where]}）" if where else path


def _range_message(kind: str, loc: Location, ctx: Mapping[str, Any]) -> str | None:
    if kind in {"greater_than_equal", "greater_than"}:
        return _("%(field)sは%(bound)s以上で指定してください。") % {
            "field": _parameter_label(loc),
            "bound": ctx.get("ge", ctx.get("gt")),
        }
    if kind in {"less_than_equal", "less_than"}:
        return _("%(field)sは%(bound)s以下で指定してください。") % {
            "field": _parameter_label(loc),
            "bound": ctx.get("le", ctx.get("lt")),
        }
    if kind.startswith("int"):
        return _("%(field)sは整数で指定してください。") % {"field": _parameter_label(loc)}
    return None


def validation_error(request: HttpRequest, exc: NinjaValidationError, api: NinjaAPI) -> HttpResponse:
    """django-ninja's validation errors in the one shape, with 400 (not 422) and Japanese messages."""
    errors: list[FieldError] = []
    for error in exc.errors:
        loc = tuple(error.get("loc", ()))
        kind = str(error.get("type", ""))
        text = _range_message(kind, loc, error.get("ctx") or {})
        if text is None:
            label = _parameter_label(loc)
            located = pydantic_error({"loc": loc[1:] or loc, "type": kind}, lambda _loc, label=label: label)
            text = located.message
        errors.append(FieldError(field=json_path(loc[1:]) if len(loc) > 1 else "", message=text))
    body = {"detail": " ".join(e.message for e in errors), "errors": [e.model_dump() for e in errors]}
    return api.create_response(request, body, status=400)


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add the 400 answer (the error shape) to every operation of an OpenAPI document that lacks it."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ApiError", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}"))
    components["ApiError"].pop("$defs", None)
    components["ApiError"]["properties"]["errors"]["items"] = FieldError.model_json_schema()
    for methods in schema.get("paths", {}).values():
        for operation in methods.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "400",
                {
                    "description": "Bad Request",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}},
                },
            )
    return schema

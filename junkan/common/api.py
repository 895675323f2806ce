"""What the JSON APIs that read their own bodies share (``junkan.programs.api``, ``junkan.grants.api``).

Those APIs read and check the body themselves rather than through django-ninja, so that every bad input
answers 400 ``{"detail": "<Japanese naming the field>", "errors": [{"field": "...", "message": "..."}]}``
(``detail`` is the messages joined by spaces). Here: that error shape, the Japanese message for a
pydantic error, field labels with their JSON path, strict ISO dates, and the request schema for the
OpenAPI document (generated from the same pydantic models).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from ninja import Schema, Status
from pydantic import BaseModel

Location = tuple[Any, ...]

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


def page_links(request: Any, count: int, limit: int, offset: int) -> dict[str, Any]:
    """``count``, ``next`` and ``previous`` (absolute URLs or None) of a limit/offset page."""

    def link(new_offset: int) -> str:
        query = request.GET.copy()
        query["limit"] = str(limit)
        query["offset"] = str(new_offset)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
    }

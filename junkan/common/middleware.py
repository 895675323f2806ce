"""Request body limits, enforced before anything reads the body; the Permissions-Policy header.

A request that declares more than ``MAX_REQUEST_BYTES`` (``Content-Length``) is answered 413 at once, without
reading a byte of it: a 2 GiB body no longer ties up a worker while it is read. A chunked body (no
``Content-Length``) is refused with 411: under WSGI Django would read it as empty, and nothing here needs one.
The proxy in front should refuse the same bodies first (nginx ``client_max_body_size 25m``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _


class BodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit: int = settings.MAX_REQUEST_BYTES
        declared = request.META.get("CONTENT_LENGTH") or ""
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not declared:
            return _refuse(411, _("本文の長さ（Content-Length）を指定して送ってください。"))
        try:
            length = int(declared) if declared else 0
        except ValueError:
            return _refuse(400, _("Content-Length が正しくありません。"))
        if length > limit:
            return _refuse(
                413,
                _("送信された内容が大きすぎます（上限 %(mb)sMB）。ファイルを小さくしてから送ってください。")
                % {"mb": limit // 1024 // 1024},
            )
        return self.get_response(request)


def _refuse(status: int, message: str) -> HttpResponse:
    # The body is never read (the WSGI server closes or drains the connection, never this worker's time).
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response (``settings.PERMISSIONS_POLICY``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

"""Uploaded files on the Django side: accept (check + virus scan), store so that a rollback leaves no file,
serve.

- :func:`accept` runs the structural check of :mod:`junkan.common.uploads` and then the virus scanner when
  one is configured (``CLAMD_ADDRESS``: ``tcp://host:3310`` or ``unix:///run/clamav/clamd.ctl``). A
  configured scanner that cannot be reached refuses the file (fail closed); without one,
  :func:`scanner_status` says so in the admin and in ``manage.py check``.
- :func:`removed_on_rollback` wraps the ``transaction.atomic()`` block that saves a file: if the block
  does not commit (an error, the database gone), every file :func:`keep` registered in it is deleted
  again. Files of a transaction rolled back further out are found by ``manage.py remove_orphan_files``.
- :func:`serve` answers a download: the stored bytes under the display name with the extension of the
  detected kind, as an attachment, with ``Content-Security-Policy: sandbox``, ``nosniff`` and ``no-
  store``, and an audit entry naming who read which file.
"""

from __future__ import annotations

import logging
import socket
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import Storage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest

from junkan.common import uploads

logger = logging.getLogger(__name__)

#: Every download carries these: no script, no plugin, no same-origin access even if a browser renders it.
DOWNLOAD_CSP = "sandbox; default-src 'none'"


# Virus scanning --------------------------------------------------------------------------------------------


class ScannerUnavailable(Exception):
    """The configured scanner did not answer."""


def _connect(address: str, timeout: float) -> socket.socket:
    parts = urlsplit(address)
    if parts.scheme == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(parts.path)
        return sock
    if parts.scheme == "tcp" and parts.hostname:
        return socket.create_connection((parts.hostname, parts.port or 3310), timeout=timeout)
    raise ScannerUnavailable(f"CLAMD_ADDRESS={address!r} is neither tcp://host:port nor unix:///path")


def clamd_scan(stream: BinaryIO, address: str, timeout: float = 30.0) -> str | None:
    """The virus clamd found in the stream (``INSTREAM``), None when clean; ScannerUnavailable otherwise."""
    stream.seek(0)
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            for chunk in iter(lambda: stream.read(1 << 16), b""):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                answer += part
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    finally:
        stream.seek(0)
    text = answer.rstrip(b"\0").decode("utf-8", "replace")
    if text.endswith("OK"):
        return None
    if text.endswith("FOUND"):
        return text.removeprefix("stream:").removesuffix("FOUND").strip()
    raise ScannerUnavailable(text or "no answer")


def scanner_status() -> tuple[bool, str]:
    """(configured, what to tell the administrators)."""
    address = getattr(settings, "CLAMD_ADDRESS", "")
    if address:
        return True, f"ウイルス検査：ClamAV（{address}）でアップロードを検査しています。"
    return False, (
        "ウイルス検査：設定されていません。アップロードは形式の検査のみです。"
        "CLAMD_ADDRESS に clamd の接続先を設定してください。"
    )


def scan(stream: BinaryIO) -> None:
    """Refuse the file if the configured scanner finds a virus or cannot be reached; nothing without one."""
    address = getattr(settings, "CLAMD_ADDRESS", "")
    if not address:
        return
    try:
        found = clamd_scan(stream, address)
    except ScannerUnavailable as error:
        logger.error("virus scanner unavailable: %s", error)
        raise uploads.UploadRejected(
            "ウイルス検査を行えなかったため、登録できませんでした。しばらくしてからもう一度お試しください。"
        ) from None
    if found:
        logger.warning("upload refused: virus %s", found)
        raise uploads.UploadRejected("ウイルスが検出されたため、登録できません。")


def accept(stream: BinaryIO, size: int, name: str, used_bytes: int) -> uploads.Accepted:
    """:func:`junkan.common.uploads.accept` and then :func:`scan`; UploadRejected with the reason."""
    accepted = uploads.accept(stream, size, name, used_bytes)
    scan(stream)
    return accepted


# Storing ---------------------------------------------------------------------------------------------------


@contextmanager
def removed_on_rollback() -> Iterator[list[tuple[Storage, str]]]:
    """``with removed_on_rollback() as written, transaction.atomic(): ...; keep(written, field_file)``.

    Put it outside the atomic block: a failed commit raises out of the block too.
    """
    written: list[tuple[Storage, str]] = []
    try:
        yield written
    except BaseException:
        for storage, name in written:
            try:
                storage.delete(name)
            except Exception:  # the original error matters more; the orphan sweep catches what is left
                logger.exception("could not remove %s after a rollback", name)
        raise


def keep(written: list[tuple[Storage, str]], file: FieldFile) -> None:
    """Register a file just saved, to be deleted if its transaction does not commit."""
    if file.name:
        written.append((file.storage, file.name))


def file_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) that stores files in the default storage."""
    from django.apps import apps

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


# Serving ---------------------------------------------------------------------------------------------------


def serve(
    request: HttpRequest,
    file: FieldFile,
    name: str,
    content_type: str,
    *,
    audit_object: models.Model | None = None,
    audit_action: str = "",
    audit_data: dict[str, Any] | None = None,
) -> FileResponse:
    """The file as an attachment under its display name with the extension of its kind, sandboxed.

    With ``audit_action``, the read is recorded (who downloaded what, when) on ``audit_object``.
    """
    if audit_action:
        from junkan.audit.services import record

        record(request.user, audit_action, audit_object, data={"name": name, **(audit_data or {})})
    known = uploads.kind_of(content_type)
    response = FileResponse(
        file.storage.open(file.name, "rb"),
        as_attachment=True,
        filename=uploads.download_name(name, content_type),
        content_type=known.content_type if known else "application/octet-stream",
    )
    sandbox(response)
    response["Cache-Control"] = "private, no-store"
    return response


def sandbox(response: Any) -> Any:
    """Headers for any file handed out (uploads, exports): never run as a page of this site."""
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["X-Content-Type-Options"] = "nosniff"
    return response


def exported(request: HttpRequest, response: Any, action: str, obj: models.Model | None, **data: Any) -> Any:
    """An export (CSV, xlsx, PDF of non-public data) handed out: an audit entry of the read, sandboxed."""
    from junkan.audit.services import record

    record(request.user, action, obj, data=data)
    response["Cache-Control"] = "private, no-store"
    return sandbox(response)

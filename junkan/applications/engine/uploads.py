"""What an uploaded file really is, judged by its bytes (never by its name), and the size limits.

Accepted: PDF, Excel and Word (Office Open XML, and the older binary formats), JPEG, PNG.
An .xlsx or .docx is a ZIP; it is recognised by its ``[Content_Types].xml`` and its main part
(``xl/workbook.xml`` or ``word/document.xml``), so a renamed ZIP or program is refused. Pure Python.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import BinaryIO, Final

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_APPLICATION_BYTES: Final = 100 * 1024 * 1024

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class FileKind:
    content_type: str
    label: str
    extension: str


PDF = FileKind("application/pdf", "PDF", "pdf")
PNG = FileKind("image/png", "PNG画像", "png")
JPEG = FileKind("image/jpeg", "JPEG画像", "jpg")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", "xlsx")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word", "docx")
OFFICE_BINARY = FileKind("application/vnd.ms-office", "Excel・Word（旧形式）", "bin")

ACCEPTED_TEXT: Final = "PDF、Excel、Word、JPEG、PNG"


class UploadRejected(ValueError):
    """The file is refused; the message says why, in Japanese."""


def sniff(stream: BinaryIO) -> FileKind | None:
    """The file's kind from its first bytes (and, for ZIP containers, its parts); None if not accepted."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(OLE2):
        return OFFICE_BINARY
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
        # A damaged or hostile central directory also raises UnicodeDecodeError (a ValueError: "UTF-8" names
        # that are not) and NotImplementedError (an unknown ZIP version); the file is refused, never a crash.
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            return None
        finally:
            stream.seek(0)
        if "[Content_Types].xml" not in names:
            return None
        if "xl/workbook.xml" in names:
            return XLSX
        if "word/document.xml" in names:
            return DOCX
    return None


def check(stream: BinaryIO, size: int, used_bytes: int) -> FileKind:
    """Accept the file or raise UploadRejected with the reason (kind, file size, application total)."""
    if size == 0:
        raise UploadRejected("ファイルが空です。")
    if size > MAX_FILE_BYTES:
        raise UploadRejected(
            f"ファイルが大きすぎます（{size / 1024 / 1024:.1f}MB）。"
            f"1ファイル{MAX_FILE_BYTES // 1024 // 1024}MBまでです。"
        )
    if used_bytes + size > MAX_APPLICATION_BYTES:
        raise UploadRejected(
            f"添付書類の合計が{MAX_APPLICATION_BYTES // 1024 // 1024}MBを超えます。"
            "不要なファイルを削除するか、ファイルを小さくしてから登録してください。"
        )
    kind = sniff(stream)
    if kind is None:
        raise UploadRejected(
            f"このファイルの形式は受け付けていません。{ACCEPTED_TEXT}のファイルを選んでください"
            "（ファイル名の拡張子ではなく、中身で判定しています）。"
        )
    return kind


def display_name(name: str) -> str:
    """The file name as shown: no folders, no control characters, at most 200 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    # isprintable() is False for every space but " ": keep the 全角 space of 「申請書　最終版.pdf」.
    cleaned = "".join(ch for ch in base if ch.isprintable() or ch == "\u3000").strip() or "file"
    return cleaned[-200:]


@dataclass(frozen=True)
class Accepted:
    """A file that passed :func:`check`: its kind, the name to show, its size and SHA-256."""

    kind: FileKind
    name: str
    size: int
    sha256: str


def accept(stream: BinaryIO, size: int, name: str, used_bytes: int) -> Accepted:
    """:func:`check` the file, then hash it; the stream is left at its start, ready to be stored."""
    kind = check(stream, size, used_bytes)
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1 << 16), b""):
        digest.update(chunk)
    stream.seek(0)
    return Accepted(kind, display_name(name), size, digest.hexdigest())

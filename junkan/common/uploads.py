"""What an uploaded file really is, judged by its structure (never by its name), and the size limits.

Accepted: PDF, Excel and Word (Office Open XML, and the older binary formats), JPEG, PNG. Each is checked as
what it claims to be, not only by its first bytes:

- a PDF starts with its header, ends with ``%%EOF``, opens with pypdf and has at least one page;
  JavaScript and launch actions are refused;
- an .xlsx or .docx is a ZIP whose ``[Content_Types].xml`` declares the workbook or document main part,
  whose member names are plain relative paths, whose members are few enough, whose declared uncompressed
  total is bounded and whose compression ratios are those of documents, not of a bomb; macros
  (``vbaProject.bin``, macro-enabled types) and ActiveX parts are refused;
- an old binary .xls or .doc is an OLE2 compound file naming its workbook or document stream, without
  macros;
- a PNG or JPEG decodes with Pillow within a pixel bound.

Anything a browser would run (HTML, SVG, XML, scripts) is refused whatever its name or first bytes. The name
the person gave is kept for display only: :func:`display_name` strips folders and every control or
formatting character (U+202E included); :func:`download_name` serves it under the extension of the detected
kind. Pure Python (pypdf and Pillow), no Django.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Final

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_APPLICATION_BYTES: Final = 100 * 1024 * 1024
#: The body of one request: a file at the limit plus the form around it. The proxy's limit should match
#: (nginx ``client_max_body_size 25m``).
MAX_REQUEST_BYTES: Final = 25 * 1024 * 1024

#: Office Open XML bounds: members, their declared uncompressed total, and the compression ratio of any member
#: larger than :data:`RATIO_FLOOR` (XML compresses 5–30×; a bomb 1000×).
MAX_ZIP_MEMBERS: Final = 5_000
MAX_UNCOMPRESSED_BYTES: Final = 200 * 1024 * 1024
MAX_RATIO: Final = 100
RATIO_FLOOR: Final = 1024 * 1024
#: Images: more pixels than a 50-megapixel camera is not a scan or a photograph of a receipt.
MAX_IMAGE_PIXELS: Final = 50_000_000
#: Pages read to prove that a PDF parses.
MAX_PDF_PAGES_CHECKED: Final = 5_000

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
XLS = FileKind("application/vnd.ms-excel", "Excel（旧形式）", "xls")
DOC = FileKind("application/msword", "Word（旧形式）", "doc")
#: Stored before the binary formats were told apart; still served (as .bin) for old rows.
OFFICE_BINARY = FileKind("application/vnd.ms-office", "Excel・Word（旧形式）", "bin")

KINDS: Final = (PDF, PNG, JPEG, XLSX, DOCX, XLS, DOC, OFFICE_BINARY)
ACCEPTED_TEXT: Final = "PDF、Excel、Word、JPEG、PNG"

_MAIN_PART = {
    XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
}
# Markup a browser would render or run, looked for near the start of any file (case-insensitive).
_ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|svg|iframe|object|embed|meta|xml|\?xml)",
    re.IGNORECASE,
)
_ACTIVE_PDF = re.compile(rb"/(?:JavaScript|JS|Launch|RichMedia)\b")
_VBA = "_VBA_PROJECT".encode("utf-16-le")
_OLE_EXCEL = ("Workbook".encode("utf-16-le"), b"B\x00o\x00o\x00k\x00\x00\x00")
_OLE_WORD = "WordDocument".encode("utf-16-le")


class UploadRejected(ValueError):
    """The file is refused; the message says why, in Japanese."""


def _unknown() -> UploadRejected:
    return UploadRejected(
        f"このファイルの形式は受け付けていません。{ACCEPTED_TEXT}のファイルを選んでください"
        "（ファイル名の拡張子ではなく、中身で判定しています）。"
    )


def _broken(label: str) -> UploadRejected:
    return UploadRejected(
        f"{label}のファイルとして読み取れません。壊れているか、別の形式のファイルです。"
        "元のアプリケーションで保存し直してから登録してください。"
    )


def _active() -> UploadRejected:
    return UploadRejected(
        "Webページ・スクリプト・マクロなど、開くと動作する内容を含むファイルは受け付けていません。"
        f"{ACCEPTED_TEXT}（マクロなし）で保存し直してください。"
    )


# The checks of each kind -----------------------------------------------------------------------------------


def _check_pdf(data: bytes) -> FileKind:
    if not re.match(rb"%PDF-(?:1\.[0-7]|2\.0)\s", data[:9]):
        raise _broken("PDF")
    if b"%%EOF" not in data[-2048:]:
        raise _broken("PDF")  # cut short, or something appended after the PDF (a polyglot)
    if _ACTIVE_PDF.search(data):
        raise _active()
    from pypdf import PdfReader  # imported here: only uploads need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                return PDF  # a password-protected PDF is still a PDF; its pages cannot be read
            pages = len(reader.pages)
            for number in range(min(pages, MAX_PDF_PAGES_CHECKED)):
                reader.pages[number].mediabox  # noqa: B018  (reading the page proves its object parses)
    except Exception:  # pypdf raises many kinds on a damaged file; every one means "not a PDF we accept"
        raise _broken("PDF") from None
    if pages < 1:
        raise _broken("PDF")
    return PDF


def _safe_member(name: str) -> bool:
    return not (name.startswith(("/", "\\")) or "\\" in name or ".." in name.split("/") or ":" in name)


def _check_ooxml(stream: BinaryIO) -> FileKind:
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise _broken("Excel・Word")
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names:
                raise _unknown()
            total = 0
            for member in members:
                if not _safe_member(member.filename):
                    raise _broken("Excel・Word")
                total += member.file_size
                if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
                    member.compress_size, 1
                ):
                    raise UploadRejected(
                        "展開すると極端に大きくなる内容を含むため、受け付けられません（圧縮爆弾の疑い）。"
                    )
            if total > MAX_UNCOMPRESSED_BYTES:
                limit = MAX_UNCOMPRESSED_BYTES // 1024 // 1024
                raise UploadRejected(f"展開後の大きさが{limit}MBを超えるため、受け付けられません。")
            lowered = {name.lower() for name in names}
            if any(name.endswith("vbaproject.bin") or "/activex/" in name for name in lowered):
                raise _active()
            with archive.open("[Content_Types].xml") as handle:
                types = handle.read(1024 * 1024 + 1)
    # A damaged or hostile central directory also raises UnicodeDecodeError (a ValueError: "UTF-8" names
    # that are not) and NotImplementedError (an unknown ZIP version); the file is refused, never a crash.
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        NotImplementedError,
        EOFError,
        KeyError,
    ) as error:
        if isinstance(error, UploadRejected):
            raise
        raise _unknown() from None
    finally:
        stream.seek(0)
    if b"macroEnabled" in types or b"vbaProject" in types:
        raise _active()
    if "xl/workbook.xml" in names and _MAIN_PART[XLSX] in types:
        return XLSX
    if "word/document.xml" in names and _MAIN_PART[DOCX] in types:
        return DOCX
    raise _unknown()


def _check_ole2(data: bytes) -> FileKind:
    if len(data) < 1024:
        raise _unknown()
    if _VBA in data:
        raise _active()
    if _OLE_WORD in data:
        return DOC
    if any(name in data for name in _OLE_EXCEL):
        return XLS
    raise _unknown()


def _check_image(data: bytes, kind: FileKind) -> FileKind:
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                expected = "PNG" if kind == PNG else "JPEG"
                if image.format != expected:
                    raise _unknown()
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise UploadRejected(
                        f"画像が大きすぎます（{width}×{height}画素）。"
                        f"{MAX_IMAGE_PIXELS // 1_000_000}00万画素以内に縮小してください。"
                    )
                image.load()  # decodes every pixel: a truncated or damaged image raises here
    except UploadRejected:
        raise
    except Exception:  # Pillow's errors for a damaged image are many (OSError, SyntaxError, ValueError …)
        raise _broken(kind.label) from None
    return kind


def identify(stream: BinaryIO) -> FileKind:
    """The kind of the file after checking its structure; UploadRejected with the reason otherwise.

    The stream is read whole (it is at most :data:`MAX_FILE_BYTES`, checked before) and left at its start.
    """
    stream.seek(0)
    data = stream.read()
    stream.seek(0)
    head = data[:1024]
    if head.startswith(b"%PDF-"):
        if _ACTIVE_MARKUP.search(head):
            raise _active()  # "%PDF" followed by a web page: a polyglot
        return _check_pdf(data)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _check_image(data, PNG)
    if head.startswith(b"\xff\xd8\xff"):
        return _check_image(data, JPEG)
    if head.startswith(OLE2):
        return _check_ole2(data)
    if head.startswith(b"PK\x03\x04"):
        return _check_ooxml(stream)
    if _ACTIVE_MARKUP.search(head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:64]):
        raise _active()
    raise _unknown()


def sniff(stream: BinaryIO) -> FileKind | None:
    """The file's kind if it is accepted, None otherwise (:func:`identify` without the reason)."""
    try:
        return identify(stream)
    except UploadRejected:
        return None


def check(stream: BinaryIO, size: int, used_bytes: int) -> FileKind:
    """Accept the file or raise UploadRejected with the reason (file size, total of its bundle, kind)."""
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
    return identify(stream)


# Names -----------------------------------------------------------------------------------------------------


def _shown(ch: str) -> bool:
    # isprintable() is False for controls (Cc), formatting (Cf: U+202E RIGHT-TO-LEFT OVERRIDE, U+200B …),
    # separators and unassigned code points, and for every space but " ": keep the 全角 space of
    # 「申請書　最終版.pdf」.
    return ch.isprintable() or ch == "\u3000"


def display_name(name: str) -> str:
    """The file name as shown: no folders, no control or bidi characters, at most 200 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if _shown(ch)).strip().lstrip(".") or "file"
    return cleaned[-200:]


_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def kind_of(content_type: str) -> FileKind | None:
    """The accepted kind stored with this content type."""
    return next((kind for kind in KINDS if kind.content_type == content_type), None)


def download_name(name: str, content_type: str) -> str:
    """The name a stored file is served under: the display name with the extension of its detected kind.

    「見積書.html」 stored as a PDF is served as 「見積書.pdf」;
    「invoice\\u202efdp.exe」 as 「invoicefdp.pdf」.
    """
    kind = kind_of(content_type)
    stem = _SUFFIX.sub("", display_name(name)) or "file"
    return f"{stem}.{kind.extension if kind else 'bin'}"


# Accepting -------------------------------------------------------------------------------------------------


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

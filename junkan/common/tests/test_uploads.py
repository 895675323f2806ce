"""Uploads are judged by their structure: PDF, images and Office files pass; renamed archives, polyglots,
bombs, active content and damaged files do not; names are display text only."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from reportlab.pdfgen import canvas

from junkan.common import uploads
from junkan.common.uploads import (
    DOC,
    DOCX,
    JPEG,
    MAX_APPLICATION_BYTES,
    MAX_FILE_BYTES,
    OFFICE_BINARY,
    PDF,
    PNG,
    XLS,
    XLSX,
    FileKind,
    UploadRejected,
    check,
    display_name,
    download_name,
    identify,
    sniff,
)

MB = 1024 * 1024


class Upload(io.BytesIO):
    """A file as the browser sends it: bytes and a name that the sniffer must ignore."""

    def __init__(self, data: bytes, name: str = "見積書.pdf") -> None:
        super().__init__(data)
        self.name = name


def pdf_bytes() -> bytes:
    out = io.BytesIO()
    sheet = canvas.Canvas(out)
    sheet.drawString(72, 720, "Estimate")
    sheet.save()
    return out.getvalue()


def image_bytes(image_format: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (0, 128, 64)).save(out, format=image_format)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "経費内訳"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>実施計画書</w:t></w:r></w:p></w:body></w:document>"
)


def zip_bytes(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        {"[Content_Types].xml": CONTENT_TYPES_DOCX, "_rels/.rels": RELS, "word/document.xml": DOCUMENT}
    )


def zip_with_undecodable_name() -> bytes:
    """A ZIP whose central directory says "names are UTF-8" and then holds bytes that are not."""
    data = bytearray(zip_bytes({"[Content_Types].xml": "x", "abc.xml": "x"}))
    at = data.find(b"PK\x01\x02")
    while at != -1:
        flags = int.from_bytes(data[at + 8 : at + 10], "little") | 0x800
        data[at + 8 : at + 10] = flags.to_bytes(2, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data).replace(b"abc.xml", b"\xff\xfe\xfd.xml")


OLE2_DOCUMENT = uploads.OLE2 + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\xff" * 512
OLE2_WORKBOOK = uploads.OLE2 + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\xff" * 512
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>"


# What a file is ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (pdf_bytes, PDF),
        (lambda: image_bytes("PNG"), PNG),
        (lambda: image_bytes("JPEG"), JPEG),
        (xlsx_bytes, XLSX),
        (docx_bytes, DOCX),
        (lambda: OLE2_DOCUMENT, DOC),
        (lambda: OLE2_WORKBOOK, XLS),
    ],
    ids=["pdf", "png", "jpeg", "xlsx", "docx", "doc", "xls"],
)
def test_accepted_kinds(make: object, kind: FileKind) -> None:
    assert sniff(Upload(make(), "whatever.bin")) == kind  # type: ignore[operator]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (zip_bytes({"readme.txt": "hello"}), "archive.zip"),
        (zip_bytes({"readme.txt": "hello"}), "経費内訳.xlsx"),
        (zip_bytes({"[Content_Types].xml": "<Types/>", "xl/worksheets/sheet1.xml": "<x/>"}), "経費内訳.xlsx"),
        (zip_bytes({"xl/workbook.xml": "<workbook/>"}), "経費内訳.xlsx"),
        (zip_bytes({"word/document.xml": "<w:document/>"}), "計画書.docx"),
        (zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"}), "資料.pptx"),
        (zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), "a.odt"),
        (EXE, "見積書.pdf"),
        (HTML, "見積書.pdf"),
        (b"", "見積書.pdf"),
        (b"%PD", "short.pdf"),
        (b" %PDF-1.7", "leading-space.pdf"),
        (b"GIF89a\x01\x00\x01\x00", "image.png"),
        (b"\x89PNG\r\n", "truncated.png"),
        (b"PK\x03\x04", "truncated.xlsx"),
        (b"PK\x03\x04" + b"\x00" * 200, "garbage.xlsx"),
        (xlsx_bytes()[:200], "cut.xlsx"),
        (zip_with_undecodable_name(), "bad-names.xlsx"),
        (uploads.OLE2[:7], "short.doc"),
    ],
    ids=[
        "plain-zip",
        "zip-renamed-xlsx",
        "xlsx-without-workbook",
        "workbook-without-content-types",
        "document-without-content-types",
        "pptx",
        "odt",
        "exe",
        "html",
        "empty",
        "short-pdf",
        "leading-space",
        "gif",
        "short-png",
        "zip-header-only",
        "zip-garbage",
        "xlsx-cut",
        "zip-undecodable-names",
        "short-ole2",
    ],
)
def test_refused_kinds(data: bytes, name: str) -> None:
    assert sniff(Upload(data, name)) is None


def test_the_name_does_not_matter() -> None:
    data = pdf_bytes()
    assert sniff(Upload(data, "virus.exe")) == PDF
    assert sniff(Upload(EXE, "見積書.pdf")) is None


def test_sniff_reads_from_the_start_and_rewinds() -> None:
    for data in (pdf_bytes(), xlsx_bytes(), zip_bytes({"a.txt": "a"}), HTML):
        stream = Upload(data)
        stream.seek(0, io.SEEK_END)
        kind = sniff(stream)
        assert stream.tell() == 0
        assert stream.read() == data
        assert kind == sniff(Upload(data))


def test_a_workbook_is_excel_even_with_a_document_part() -> None:
    types = CONTENT_TYPES_DOCX.replace("</Types>", XLSX_MAIN + "</Types>")
    data = zip_bytes({"[Content_Types].xml": types, "xl/workbook.xml": "<w/>", "word/document.xml": "<d/>"})
    assert sniff(Upload(data)) == XLSX


XLSX_MAIN = (
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
)


def test_file_kinds() -> None:
    assert (PDF.content_type, PDF.extension) == ("application/pdf", "pdf")
    assert (XLSX.extension, DOCX.extension, JPEG.extension, PNG.extension) == ("xlsx", "docx", "jpg", "png")
    assert XLSX.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert DOCX.content_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert OFFICE_BINARY.label == "Excel・Word（旧形式）"
    assert (XLS.extension, DOC.extension) == ("xls", "doc")


@given(st.binary(max_size=300))
def test_sniff_never_raises_on_any_bytes(data: bytes) -> None:
    assert sniff(Upload(data)) in {None, PDF, PNG, JPEG, XLS, DOC, XLSX, DOCX}


@given(st.binary(max_size=300))
def test_sniff_never_raises_on_a_zip_header(tail: bytes) -> None:
    assert sniff(Upload(b"PK\x03\x04" + tail)) in {None, XLSX, DOCX}


@given(st.data())
def test_sniff_never_raises_on_a_damaged_workbook(data: st.DataObject) -> None:
    original = bytearray(DAMAGE_BASE)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    assert sniff(Upload(bytes(original))) in {None, XLSX}


DAMAGE_BASE = zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})


# Limits and messages -------------------------------------------------------------------------------------


def test_check_accepts_and_returns_the_kind() -> None:
    data = pdf_bytes()
    assert check(Upload(data), len(data), 0) == PDF
    assert check(Upload(xlsx_bytes()), 5 * MB, 50 * MB) == XLSX


def test_an_empty_file() -> None:
    with pytest.raises(UploadRejected) as raised:
        check(Upload(b""), 0, 0)
    assert str(raised.value) == "ファイルが空です。"


def test_the_largest_file_is_accepted() -> None:
    assert check(Upload(pdf_bytes()), MAX_FILE_BYTES, 0) == PDF


@pytest.mark.parametrize(
    ("size", "shown"),
    [(25 * MB, "25.0"), (MAX_FILE_BYTES + 1, "20.0"), (int(20.5 * MB), "20.5"), (2 * 1024 * MB, "2048.0")],
)
def test_a_file_too_large(size: int, shown: str) -> None:
    with pytest.raises(UploadRejected) as raised:
        check(Upload(pdf_bytes()), size, 0)
    assert str(raised.value) == f"ファイルが大きすぎます（{shown}MB）。1ファイル20MBまでです。"


def test_the_application_total_up_to_the_limit_is_accepted() -> None:
    assert check(Upload(pdf_bytes()), 10 * MB, MAX_APPLICATION_BYTES - 10 * MB) == PDF


@pytest.mark.parametrize(
    ("size", "used"), [(10 * MB, 90 * MB + 1), (1, MAX_APPLICATION_BYTES), (20 * MB, 99 * MB)]
)
def test_the_application_total_over_the_limit(size: int, used: int) -> None:
    with pytest.raises(UploadRejected) as raised:
        check(Upload(pdf_bytes()), size, used)
    assert str(raised.value) == (
        "添付書類の合計が100MBを超えます。不要なファイルを削除するか、ファイルを小さくしてから登録してください。"
    )


@pytest.mark.parametrize("data", [EXE, zip_bytes({"a.txt": "a"}), zip_with_undecodable_name()])
def test_a_refused_kind(data: bytes) -> None:
    with pytest.raises(UploadRejected) as raised:
        check(Upload(data, "見積書.pdf"), len(data), 0)
    assert str(raised.value) == (
        "このファイルの形式は受け付けていません。PDF、Excel、Word、JPEG、PNGのファイルを選んでください"
        "（ファイル名の拡張子ではなく、中身で判定しています）。"
    )


def test_sizes_are_checked_before_the_contents() -> None:
    with pytest.raises(UploadRejected, match="ファイルが大きすぎます"):
        check(Upload(EXE), 30 * MB, 0)
    with pytest.raises(UploadRejected, match="添付書類の合計"):
        check(Upload(EXE), MB, MAX_APPLICATION_BYTES)
    with pytest.raises(UploadRejected, match="ファイルが空です"):
        check(Upload(EXE), 0, MAX_APPLICATION_BYTES)


def test_limits() -> None:
    assert MAX_FILE_BYTES == 20 * MB
    assert MAX_APPLICATION_BYTES == 100 * MB
    assert issubclass(UploadRejected, ValueError)


SMALL_PDF = pdf_bytes()


@given(st.integers(0, 40 * MB), st.integers(0, 120 * MB))
def test_check_refuses_exactly_what_the_limits_say(size: int, used: int) -> None:
    allowed = 0 < size <= MAX_FILE_BYTES and used + size <= MAX_APPLICATION_BYTES
    try:
        check(Upload(SMALL_PDF), size, used)
    except UploadRejected:
        assert not allowed
    else:
        assert allowed


# Names as shown ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("見積書.pdf", "見積書.pdf"),
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        ("C:\\a\\b.pdf", "b.pdf"),
        ("C:\\Users\\tanaka\\Desktop\\経費内訳.xlsx", "経費内訳.xlsx"),
        ("/etc/passwd", "passwd"),
        ("a/b\\c/d.docx", "d.docx"),
        ("見積\x00書\n.pdf", "見積書.pdf"),
        ("\tplan\r\n.docx", "plan.docx"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("  計画書.pdf  ", "計画書.pdf"),
        ("申請書　最終版.pdf", "申請書　最終版.pdf"),
        ("申請書 最終版.pdf", "申請書 最終版.pdf"),
        ("", "file"),
        ("../", "file"),
        ("C:\\", "file"),
        ("\x00\x01\x1f", "file"),
        ("   ", "file"),
    ],
)
def test_display_name(name: str, shown: str) -> None:
    assert display_name(name) == shown


def test_a_long_name_keeps_its_end() -> None:
    name = "経" * 300 + ".pdf"
    shown = display_name(name)
    assert len(shown) == 200
    assert shown.endswith("経.pdf")


@given(st.text(max_size=400))
def test_display_name_is_safe(name: str) -> None:
    shown = display_name(name)
    assert shown
    assert len(shown) <= 200
    assert "/" not in shown and "\\" not in shown
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in shown)
    assert shown == display_name(shown) or len(shown.strip()) != len(shown)


def test_accept_hashes_the_whole_file_and_rewinds() -> None:
    import hashlib
    import io

    from junkan.common.uploads import PDF, accept

    body = pdf_bytes().replace(b"%PDF-1.4\n", b"%PDF-1.4\n%" + b"x" * 200_000 + b"\n", 1)
    stream = io.BytesIO(body)
    accepted = accept(stream, len(body), "C:\\書類\\領収書.pdf", 0)
    assert accepted.kind == PDF
    assert accepted.name == "領収書.pdf"
    assert accepted.sha256 == hashlib.sha256(body).hexdigest()
    assert stream.tell() == 0


# Hostile uploads -------------------------------------------------------------------------------------------


def declared_bomb() -> bytes:
    """A 2 MiB ZIP shaped as an .xlsx whose sheet says it unpacks to 2 GiB (the sizes in both headers)."""
    types = CONTENT_TYPES_DOCX.replace("</Types>", XLSX_MAIN + "</Types>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (2 * MB))
        archive.writestr("xl/media/padding.bin", bytes(range(256)) * (8 * 1024), zipfile.ZIP_STORED)
    data = bytearray(out.getvalue())
    size = (2 * 1024 * MB - 1).to_bytes(4, "little")
    name = b"xl/worksheets/sheet1.xml"
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(header)
        while at != -1:
            name_at = at + (30 if header == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[at + offset : at + offset + 4] = size
            at = data.find(header, at + 4)
    return bytes(data)


def real_bomb() -> bytes:
    """An .xlsx whose sheet really unpacks to 64 MiB of zeros from about 64 KiB (ratio 1000)."""
    types = CONTENT_TYPES_DOCX.replace("</Types>", XLSX_MAIN + "</Types>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * MB))
    return out.getvalue()


def macro_workbook() -> bytes:
    """An .xlsm (macros) renamed to .xlsx."""
    main = XLSX_MAIN.replace("sheet.main+xml", "sheet.macroEnabled.main+xml")
    types = CONTENT_TYPES_DOCX.replace("</Types>", main + "</Types>")
    return zip_bytes({"[Content_Types].xml": types, "xl/workbook.xml": "<w/>", "xl/vbaProject.bin": "x"})


def pdf_with(extra: bytes) -> bytes:
    return pdf_bytes().replace(b"%%EOF", extra + b"\n%%EOF")


def huge_png() -> bytes:
    """A PNG whose header claims 100,000 × 100,000 pixels (a decompression bomb)."""
    data = bytearray(image_bytes("PNG"))
    data[16:24] = (100_000).to_bytes(4, "big") + (100_000).to_bytes(4, "big")
    return bytes(data)


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

HOSTILE = {
    "pdf-header-then-executable": (b"%PDF-1.4\n" + EXE + b"\x00" * 4096, "見積書.pdf"),
    "pdf-header-then-web-page": (b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>", "x.html"),
    "pdf-then-executable": (pdf_bytes() + EXE + b"\x00" * 4096, "見積書.pdf"),
    "pdf-with-javascript": (pdf_with(b"9 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj"), "a.pdf"),
    "pdf-with-launch": (pdf_with(b"9 0 obj<</S/Launch/F(cmd.exe)>>endobj"), "a.pdf"),
    "pdf-cut-short": (pdf_bytes()[:-200], "a.pdf"),
    "pdf-without-pages": (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        "a.pdf",
    ),
    "declared-zip-bomb-as-xlsx": (declared_bomb(), "経費内訳.xlsx"),
    "real-zip-bomb-as-xlsx": (real_bomb(), "経費内訳.xlsx"),
    "macro-workbook-renamed": (macro_workbook(), "経費内訳.xlsx"),
    "zip-slip-member": (
        zip_bytes(
            {"[Content_Types].xml": CONTENT_TYPES_DOCX, "../../evil.sh": "x", "word/document.xml": "x"}
        ),
        "計画書.docx",
    ),
    "svg-as-png": (SVG, "写真.png"),
    "html-as-pdf": (HTML, "見積書.pdf"),
    "html-with-bom": (b"\xef\xbb\xbf  <html><script>1</script>", "a.pdf"),
    "png-header-then-garbage": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "写真.png"),
    "png-cut-short": (image_bytes("PNG")[:40], "写真.png"),
    "png-decompression-bomb": (huge_png(), "写真.png"),
    "jpeg-header-then-script": (b"\xff\xd8\xff\xe0<script>alert(1)</script>", "写真.jpg"),
    "ole2-with-macros": (OLE2_DOCUMENT + "_VBA_PROJECT".encode("utf-16-le"), "計画書.doc"),
    "ole2-of-nothing-we-know": (uploads.OLE2 + b"\x00" * 2048, "installer.msi"),
    "executable-as-pdf": (EXE, "見積書.pdf"),
}


@pytest.mark.parametrize(("data", "name"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_uploads_are_refused_with_a_reason(data: bytes, name: str) -> None:
    with pytest.raises(UploadRejected) as raised:
        check(Upload(data, name), len(data), 0)
    message = str(raised.value)
    assert message.endswith("。") and not message.isascii()


def test_the_declared_bomb_is_small_and_claims_2_gib() -> None:
    data = declared_bomb()
    assert 2 * MB <= len(data) < 3 * MB
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert max(member.file_size for member in archive.infolist()) == 2 * 1024 * MB - 1
    with pytest.raises(UploadRejected, match=r"圧縮爆弾|展開後"):
        identify(Upload(data))


def test_active_content_is_named_as_such() -> None:
    for key in ("pdf-header-then-web-page", "svg-as-png", "macro-workbook-renamed", "pdf-with-javascript"):
        data, name = HOSTILE[key]
        with pytest.raises(UploadRejected, match="開くと動作する内容"):
            identify(Upload(data, name))


def test_a_damaged_file_of_a_known_kind_says_so() -> None:
    with pytest.raises(UploadRejected, match="PNG画像のファイルとして読み取れません"):
        identify(Upload(image_bytes("PNG")[:40]))


def test_a_password_protected_pdf_is_still_accepted() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    assert identify(Upload(out.getvalue())) == PDF


@pytest.mark.parametrize(
    ("name", "content_type", "served"),
    [
        ("invoice\u202efdp.exe", PDF.content_type, "invoicefdp.pdf"),
        ("x.html", PDF.content_type, "x.pdf"),
        ("見積書.PDF", PDF.content_type, "見積書.pdf"),
        ("写真.jpeg", JPEG.content_type, "写真.jpg"),
        ("経費内訳", XLSX.content_type, "経費内訳.xlsx"),
        ("report.tar.gz", DOCX.content_type, "report.tar.docx"),
        (".htaccess", PDF.content_type, "htaccess.pdf"),
        ("../../etc/passwd", PNG.content_type, "passwd.png"),
        ("a\u200b\u2066b.svg", PNG.content_type, "ab.png"),
        ("", PDF.content_type, "file.pdf"),
        ("old.xls", OFFICE_BINARY.content_type, "old.bin"),
        ("x.pdf", "text/html", "x.bin"),
    ],
)
def test_a_file_is_served_under_the_extension_of_its_kind(name: str, content_type: str, served: str) -> None:
    assert download_name(name, content_type) == served


@given(st.text(max_size=300), st.sampled_from([kind.content_type for kind in uploads.KINDS]))
def test_a_served_name_always_ends_with_the_kind(name: str, content_type: str) -> None:
    served = download_name(name, content_type)
    kind = uploads.kind_of(content_type)
    assert kind is not None and served.endswith("." + kind.extension)
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} for ch in served)

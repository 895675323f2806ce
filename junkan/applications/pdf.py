"""The official forms of a submission as one PDF: 様式1, 様式2, 様式3 and the budget excerpt.

Seed 003's calls name them 申請書 and 別紙1–3. Generated only from the frozen snapshot
(:func:`junkan.applications.snapshot.build`), never from live models, so that the PDF of a submission is the
same whenever it is downloaded. The layout follows the official forms of the calls: the letter with the
addressee, the applicant block, the title naming the call and the list of enclosed documents, then the contact
person; the plan as label | value tables per section; per fiscal year the (1)–(8) grid and the
補助対象経費支出予定額内訳; the 歳入 | 歳出 excerpt. Every page has a footer with the receipt number, the
version and the page number.

Text is set in IPAex明朝, embedded as a subset (:func:`junkan.common.pdf.japanese_font`), so that a machine
without Japanese fonts shows it. Everything the applicant typed is escaped for reportlab's paragraph markup;
line breaks are kept. The form's own words are not translated: the official forms are Japanese documents.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from junkan.common.pdf import japanese_font


@dataclass(frozen=True)
class ProgramForms:
    """What the official forms of a call print that the snapshot does not hold."""

    addressee: tuple[str, ...]
    # The title of a form page, by the form's name (「様式2」): the heading printed above it.
    titles: dict[str, str] = field(default_factory=dict)
    # The list of 様式1: (text, condition); a condition is "" (always), "section:<key>" or "document:<kind>";
    # 「{title}」 is that section's title as the call names it.
    enclosures: tuple[tuple[str, str], ...] = ()


PROGRAM_FORMS: dict[str, ProgramForms] = {
    "fy2019-decarbonised-region-model": ProgramForms(
        addressee=("一般社団法人低炭素社会創出促進協会", "代表理事　殿"),
        titles={
            "様式2": "地域の多様な課題に応える脱炭素型地域づくりモデル形成事業　実施計画書",
            "様式3": "地域の多様な課題に応える脱炭素型地域づくりモデル形成事業　経費内訳書",
        },
        enclosures=(
            ("実施計画書【様式2】及び別添資料", ""),
            ("経費内訳書【様式3】及び別添資料", ""),
            ("{title}", "section:budget"),
            ("その他参考資料", ""),
        ),
    ),
    "fy2015-ecotown-low-carbon": ProgramForms(
        addressee=("環境大臣　殿",),
        titles={
            "別紙1": "エコタウン等における資源循環社会と共生した低炭素地域づくり事業実施計画書",
            "別紙2": "エコタウン等における資源循環社会と共生した低炭素地域づくり事業に要する経費内訳",
        },
        enclosures=(
            ("別紙1（エコタウン等における資源循環社会と共生した低炭素地域づくり事業実施計画書）", ""),
            ("別紙2（エコタウン等における資源循環社会と共生した低炭素地域づくり事業に要する経費内訳）", ""),
            ("別紙3（{title}）", "section:budget"),
            (
                "経理状況説明書（直近の2決算期に関する貸借対照表及び損益計算書）",
                "document:financial_statements",
            ),
            ("定款又は寄付行為", "document:articles"),
            ("法人の概要が分かる説明資料", "document:corporate_overview"),
            ("その他参考資料", ""),
        ),
    ),
}
# A call without its own entry: the Ministry is the addressee and the list is made from the sections.
DEFAULT_FORMS = ProgramForms(addressee=("環境大臣　殿",))

CONTACT_LABELS = (
    ("contact_department", "所属部署名"),
    ("contact_title", "役職名"),
    ("contact_name", "氏名"),
    ("contact_phone", "TEL"),
    ("contact_fax", "FAX"),
    ("contact_email", "E-mail"),
)
GRID_KEYS = (
    ("total_cost", "(1)総事業費"),
    ("other_income", "(2)寄付金その他の収入"),
    ("net_cost", "(3)差引額\n(1)－(2)"),
    ("eligible_cost", "(4)補助対象経費\n支出予定額"),
    ("base_amount", "(5)基準額"),
    ("selected_amount", "(6)選定額\n(4)と(5)を比較して少ない方の額"),
    ("basic_amount", "(7)補助基本額\n(3)と(6)を比較して少ない方の額"),
    ("subsidy", "(8)補助金所要額\n(7)の額（千円未満切捨て）"),
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
LINE = 0.5
LABEL_WIDTH = 55 * mm
VALUE_WIDTH = FRAME_WIDTH - LABEL_WIDTH
PADDING = 4
# A long value is cut into rows of at most this height, so that a table row never outgrows a page.
CHUNK_HEIGHT = 30 * mm
# Characters that are not text (control characters other than tab and line breaks); a PDF has no use for them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@functools.cache
def _styles() -> dict[str, ParagraphStyle]:
    font = japanese_font()
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=9.5, leading=14)
    return {
        "body": body,
        "cell": cell,
        "label": ParagraphStyle("label", parent=cell, fontSize=9, leading=13),
        "number": ParagraphStyle("number", parent=cell, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=cell, alignment=TA_CENTER),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=12),
        "form": ParagraphStyle("form", parent=body, fontSize=10.5, spaceAfter=2 * mm),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontSize=13,
            leading=20,
            alignment=TA_CENTER,
            spaceBefore=4 * mm,
            spaceAfter=6 * mm,
        ),
        "heading": ParagraphStyle(
            "heading", parent=body, fontSize=11, leading=16, spaceBefore=5 * mm, spaceAfter=2 * mm
        ),
    }


def markup(text: object) -> str:
    """User text for reportlab's paragraph markup: escaped, line breaks kept, leading spaces kept."""
    value = _CONTROL.sub("", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in value.split("\n"):
        stripped = line.lstrip(" ")
        lines.append("&nbsp;" * (len(line) - len(stripped)) + escape(stripped))
    return "<br/>".join(lines)


def _p(text: object, style: str = "cell") -> Paragraph:
    return Paragraph(markup(text), _styles()[style])


def yen(value: int | None) -> str:
    return "—" if value is None else f"{value:,}円"


def _table(
    data: list[list[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 0,
    extra: Iterable[tuple[Any, ...]] = (),
) -> Table:
    table = Table(data, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), LINE, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), japanese_font()),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                *(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#eeeeee")) for r in range(header_rows)),
                *extra,
            ]
        )
    )
    return table


def _forms_of(snapshot: dict[str, Any]) -> ProgramForms:
    program = snapshot["meta"]["program"]
    for key in (program.get("slug", ""), program.get("application_forms", "")):
        if key in PROGRAM_FORMS:
            return PROGRAM_FORMS[key]
    return DEFAULT_FORMS


def _form_label(form: str) -> Paragraph:
    return _p(f"【{form}】", "form")


def _form_title(forms: ProgramForms, section: dict[str, Any], second_line: str = "") -> Paragraph:
    title = markup(forms.titles.get(section["form"]) or section["title"])
    return Paragraph(f"{title}<br/>{markup(second_line)}" if second_line else title, _styles()["title"])


# 受付 ------------------------------------------------------------------------------------------------------


def cover_line(meta: dict[str, Any]) -> Table:
    text = (
        f"受付番号　{meta['receipt_number']}　　受信日時　{meta['received_at_text']}　　第{meta['version']}版"
    )
    return _table(
        [[_p(text, "small")]],
        [FRAME_WIDTH],
        extra=[("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f2f2f2"))],
    )


# 様式1 -----------------------------------------------------------------------------------------------------


def _values(section: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {row["path"].split(".", 1)[1]: row for row in section.get("rows", [])}


def _block(data: list[list[Any]], widths: list[float], *, boxed: bool = False) -> Table:
    """A right-aligned block of the letter (number and date, applicant, contact person)."""
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), japanese_font()),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if boxed:
        style.append(("BOX", (0, 0), (-1, -1), LINE, colors.black))
    return Table(data, colWidths=widths, hAlign="RIGHT", style=TableStyle(style))


def _enclosures(snapshot: dict[str, Any], forms: ProgramForms) -> list[str]:
    section_keys = {s["key"] for s in snapshot["sections"]}
    titles = {s["key"]: s["title"] for s in snapshot["sections"]}
    kinds = {d["kind"] for d in snapshot.get("documents", [])}
    if forms.enclosures:
        result = []
        for text, condition in forms.enclosures:
            what, _, name = condition.partition(":")
            if (what == "section" and name not in section_keys) or (what == "document" and name not in kinds):
                continue
            # 「{title}」: the section's title as the call named it (its fiscal year), from the snapshot.
            result.append(text.replace("{title}", titles.get(name, "")) if what == "section" else text)
        return result
    seen: dict[str, str] = {}
    for section in snapshot["sections"]:
        if section["key"] != "letter" and not section.get("checklist") and section["form"] not in seen:
            seen[section["form"]] = f"{section['form']}（{section['title']}）"
    return [*seen.values(), "その他参考資料"]


def letter_page(snapshot: dict[str, Any], section: dict[str, Any], forms: ProgramForms) -> list[Flowable]:
    meta = snapshot["meta"]
    values = _values(section)

    def value(key: str) -> str:
        return values.get(key, {}).get("value", "")

    def label(key: str, default: str) -> str:
        return values.get(key, {}).get("label", default)

    number_block = _block(
        [
            [_p("番号", "label"), _p(value("doc_number"))],
            [_p("年月日", "label"), _p(value("letter_date"))],
        ],
        [18 * mm, 62 * mm],
    )
    applicant_block = _block(
        [
            [_p(label("address", "住所"), "label"), _p(value("address"))],
            [_p(label("organization_name", "申請者名"), "label"), _p(value("organization_name"))],
            [_p(label("representative", "代表者名"), "label"), _p(value("representative"))],
        ],
        [28 * mm, 72 * mm],
    )
    name = str(meta["program"]["name"])
    # The official title breaks before the parenthesised part of the call's name.
    title_lines = [name[: name.index("（")], name[name.index("（") :]] if "（" in name[1:] else [name]
    contact = _block(
        [[_p(text, "label"), _p(value(key))] for key, text in CONTACT_LABELS],
        [26 * mm, 74 * mm],
        boxed=True,
    )
    flowables: list[Flowable] = [
        _form_label(section["form"]),
        number_block,
        Spacer(0, 6 * mm),
        *(_p(line, "body") for line in forms.addressee),
        Spacer(0, 6 * mm),
        applicant_block,
        Spacer(0, 4 * mm),
        Paragraph(
            "<br/>".join([*(markup(t) for t in title_lines), markup(section["title"])]), _styles()["title"]
        ),
        _p("標記について、以下の必要書類を添えて申請します。", "body"),
        Spacer(0, 3 * mm),
        *(_p(f"{n}. {text}", "body") for n, text in enumerate(_enclosures(snapshot, forms), start=1)),
        Spacer(0, 8 * mm),
        KeepTogether([_block([[_p("（担当者欄）", "body")]], [100 * mm]), contact]),
    ]
    return flowables


# 様式2 -----------------------------------------------------------------------------------------------------


_ITEM_PATH = re.compile(r"^[^.]+\.[^.]+\.(\d+)\.[^.]+$")


def chunks(text: str, width: float, height: float = CHUNK_HEIGHT) -> list[str]:
    """The text cut at line breaks (a very long line where it wraps) into pieces of at most ``height``.

    reportlab splits a table only between rows, and a row taller than the page cannot be laid out at all.
    """
    inner = width - 2 * PADDING

    def fits(piece: str) -> bool:
        return _p(piece).wrap(inner, height)[1] <= height

    text = _CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    result: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if fits("\n".join([*current, line])):
            current.append(line)
            continue
        if current:
            result.append("\n".join(current))
        while not fits(line):
            low, high = 1, len(line)
            while low < high:  # the longest beginning of the line that fits
                middle = (low + high + 1) // 2
                low, high = (middle, high) if fits(line[:middle]) else (low, middle - 1)
            result.append(line[:low])
            line = line[low:]
        current = [line]
    result.append("\n".join(current))
    return result


def _section_table(section: dict[str, Any]) -> Table:
    """label | value, one row per field; each entry of a list field under a heading row (「調査項目（1）」).

    A long value continues in further rows without a line between them; the label stands in the first.
    """
    rows: list[list[Any]] = []
    style: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), LINE, colors.black),
        ("LINEAFTER", (0, 0), (0, -1), LINE, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), japanese_font()),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
    ]
    current_item = ""
    for row in section.get("rows", []):
        label, text = row["label"], row["value"]
        match = _ITEM_PATH.match(row["path"])
        if match:
            marker = f"（{match.group(1)}）"
            group, _, sub = label.partition(marker)
            item = f"{group}{marker}"
            if sub and item != current_item:
                current_item = item
                here = len(rows)
                style += [
                    ("SPAN", (0, here), (1, here)),
                    ("BACKGROUND", (0, here), (1, here), colors.HexColor("#f5f5f5")),
                    ("LINEBELOW", (0, here), (1, here), LINE, colors.black),
                ]
                rows.append([_p(item, "label"), ""])
            label = sub or label
        else:
            current_item = ""
        parts = chunks(text, VALUE_WIDTH) if text else ["—"]
        first = len(rows)
        rows += [[_p(label, "label") if i == 0 else "", _p(part)] for i, part in enumerate(parts)]
        if len(parts) > 1:  # the pieces read as one text: no padding between them
            style += [
                ("BOTTOMPADDING", (0, first), (1, len(rows) - 2), 0),
                ("TOPPADDING", (0, first + 1), (1, len(rows) - 1), 0),
            ]
        style.append(("LINEBELOW", (0, len(rows) - 1), (1, len(rows) - 1), LINE, colors.black))
    table = Table(rows, colWidths=[LABEL_WIDTH, VALUE_WIDTH], hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _overview_table(snapshot: dict[str, Any]) -> Table:
    meta, costs = snapshot["meta"], snapshot["costs"]
    rows = [
        ("補助事業名", meta["title"]),
        ("代表申請者", f"{meta['applicant']['name']}（{meta['applicant']['kind']}）"),
        ("申請事業", meta["project_type"]["name"]),
        ("総事業費", yen(costs.get("total_cost"))),
        ("補助金所要額", yen(costs.get("requested"))),
    ]
    return _table([[_p(label, "label"), _p(value)] for label, value in rows], [LABEL_WIDTH, VALUE_WIDTH])


def _co_applicants_table(co_applicants: list[dict[str, Any]]) -> Table:
    rows: list[list[Any]] = [
        [_p("団体等の名称", "label"), _p("種別", "label"), _p("事業における役割", "label")]
    ]
    rows += [[_p(c["name"]), _p(c["kind"]), _p(c["role"])] for c in co_applicants]
    return _table(rows, [60 * mm, 30 * mm, FRAME_WIDTH - 90 * mm], header_rows=1)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1):,}KB"


def _documents_table(documents: list[dict[str, Any]], labels: dict[str, str]) -> Table:
    rows: list[list[Any]] = [[_p("書類の種類", "label"), _p("ファイル名", "label"), _p("サイズ", "label")]]
    rows += [
        [_p(labels.get(d["kind"], d["kind"])), _p(d["name"]), _p(_size(int(d["size"])), "number")]
        for d in documents
    ]
    return _table(rows, [62 * mm, FRAME_WIDTH - 84 * mm, 22 * mm], header_rows=1)


def document_labels(snapshot: dict[str, Any]) -> dict[str, str]:
    """The names of the document kinds from the call's form specification; the code where it is unknown."""
    from junkan.applications.spec import form_spec

    program = snapshot["meta"]["program"]
    spec = form_spec(program.get("application_forms") or program.get("slug", ""))
    return {d.code: d.label for d in spec.documents} if spec else {}


def plan_pages(
    snapshot: dict[str, Any], sections: list[dict[str, Any]], forms: ProgramForms
) -> list[Flowable]:
    flowables: list[Flowable] = []
    form = ""
    for number, section in enumerate(sections, start=1):
        if section["form"] != form:
            form = section["form"]
            flowables += [PageBreak(), _form_label(form), _form_title(forms, section)]
            if number == 1:
                flowables.append(_overview_table(snapshot))
                if snapshot.get("co_applicants"):
                    flowables += [
                        _p("共同申請者", "heading"),
                        _co_applicants_table(snapshot["co_applicants"]),
                    ]
        flowables += [
            CondPageBreak(30 * mm),
            _p(f"{number}　{section['title']}", "heading"),
            _section_table(section),
        ]
    if snapshot.get("documents"):
        flowables += [
            CondPageBreak(30 * mm),
            _p("添付資料", "heading"),
            _documents_table(snapshot["documents"], document_labels(snapshot)),
        ]
    return flowables


# 様式3 -----------------------------------------------------------------------------------------------------


def _step_values(year: dict[str, Any]) -> dict[str, int | None]:
    values: dict[str, int | None] = {s["key"]: s["value"] for s in year.get("steps", [])}
    # Without an estimate (it cannot be computed) the grid still shows what was entered.
    values.setdefault("total_cost", year.get("total_cost"))
    values.setdefault("other_income", year.get("other_income"))
    values.setdefault("eligible_cost", year.get("eligible_cost"))
    return values


def _grid(year: dict[str, Any]) -> Table:
    """The official 2×4 grid of 様式3: 所要経費, (1)–(4) with their amounts, then (5)–(8)."""
    values = _step_values(year)
    labels = [_p(text, "label") for _, text in GRID_KEYS]
    amounts = [_p(yen(values.get(key)), "number") for key, _ in GRID_KEYS]
    data = [
        [_p("所要経費", "center"), *labels[:4]],
        ["", *amounts[:4]],
        ["", *labels[4:]],
        ["", *amounts[4:]],
    ]
    column = (FRAME_WIDTH - 18 * mm) / 4
    return _table(
        data,
        [18 * mm, column, column, column, column],
        extra=[
            ("SPAN", (0, 0), (0, 3)),
            ("VALIGN", (0, 0), (0, 3), "MIDDLE"),
            ("BACKGROUND", (1, 0), (-1, 0), colors.HexColor("#f5f5f5")),
            ("BACKGROUND", (1, 2), (-1, 2), colors.HexColor("#f5f5f5")),
        ],
    )


def _lines_table(year: dict[str, Any]) -> Table:
    rows: list[list[Any]] = [
        [_p("補助対象経費支出予定額内訳", "center"), "", ""],
        [_p("経費区分・費目", "center"), _p("金額", "center"), _p("積算内訳", "center")],
    ]
    for line in year["lines"]:
        basis = f"{line['unit_price']:,}円 × {line['quantity']:,}{line.get('unit', '')}"
        rows.append(
            [
                _p(line["category"]),
                _p(yen(line["amount"]), "number"),
                Paragraph(f"{markup(line['description'])}<br/>{markup(basis)}", _styles()["cell"]),
            ]
        )
    rows.append(
        [
            _p("合計", "center"),
            _p(yen(year.get("eligible_cost")), "number"),
            _p(f"（うち消費税及び地方消費税相当額　{yen(year.get('consumption_tax'))}）"),
        ]
    )
    return _table(
        rows,
        [45 * mm, 32 * mm, FRAME_WIDTH - 77 * mm],
        header_rows=2,
        extra=[("SPAN", (0, 0), (-1, 0))],
    )


def _working(year: dict[str, Any], rate: str) -> list[Flowable]:
    """The steps between (7) and (8): 補助率, 消費税等相当額, 千円未満切捨て, 上限額."""
    steps = [s for s in year.get("steps", []) if not s["number"]]
    if not steps:
        return [_p("補助金所要額は、入力された金額からは算定できませんでした。", "small")]
    rows = [
        [_p(s["label"], "label"), _p(yen(s["value"]), "number"), _p(s.get("note", ""), "label")]
        for s in steps
    ]
    return [
        _p(f"（参考）補助金所要額の算定（補助率：{rate}）", "small"),
        _table(rows, [55 * mm, 32 * mm, FRAME_WIDTH - 87 * mm]),
    ]


def _years_table(costs: dict[str, Any]) -> Table:
    rows: list[list[Any]] = [
        [_p(t, "center") for t in ("年度", "(1)総事業費", "(4)補助対象経費支出予定額", "(8)補助金所要額")]
    ]
    for year in costs["years"]:
        rows.append(
            [
                _p(year["label"]),
                _p(yen(year.get("total_cost")), "number"),
                _p(yen(year.get("eligible_cost")), "number"),
                _p(yen(year.get("subsidy")), "number"),
            ]
        )
    rows.append(
        [
            _p("合計", "center"),
            _p(yen(costs.get("total_cost")), "number"),
            _p(yen(sum(y.get("eligible_cost") or 0 for y in costs["years"])), "number"),
            _p(yen(costs.get("requested")), "number"),
        ]
    )
    return _table(rows, [FRAME_WIDTH / 4] * 4, header_rows=1)


def cost_pages(snapshot: dict[str, Any], section: dict[str, Any], forms: ProgramForms) -> list[Flowable]:
    costs = snapshot["costs"]
    flowables: list[Flowable] = []
    for year in costs["years"]:
        flowables += [
            PageBreak(),
            _form_label(section["form"]),
            _form_title(forms, section, f"（{year['label']}）"),
            _grid(year),
            Spacer(0, 5 * mm),
            _lines_table(year),
            Spacer(0, 5 * mm),
            *_working(year, str(costs.get("rate", ""))),
        ]
    if not costs["years"]:
        flowables += [
            PageBreak(),
            _form_label(section["form"]),
            _form_title(forms, section),
            _p("経費の入力はありません。"),
        ]
    elif len(costs["years"]) > 1:
        flowables += [CondPageBreak(50 * mm), _p("年度別の内訳と合計", "heading"), _years_table(costs)]
    return flowables


# 歳入歳出予算書（見込書）抜粋 ------------------------------------------------------------------------------


_LEVEL = re.compile(r"^\s*[（(]\s*([款項目節])\s*[）)]")
LEVELS = "款項目節"


def budget_total(rows: list[dict[str, Any]]) -> int:
    """The 合計 of one side: the rows of the highest level written (款, 項, 目, 節) and rows without a level.

    The excerpt lists the same money at each level (（款）国庫支出金, （項）国庫補助金, ...): adding every
    row would count it several times.
    """
    levels = [m.group(1) if (m := _LEVEL.match(str(r.get("item", "")))) else "" for r in rows]
    marked = [LEVELS.index(level) for level in levels if level]
    top = LEVELS[min(marked)] if marked else ""
    return sum(
        r["amount"]
        for r, level in zip(rows, levels, strict=True)
        if isinstance(r.get("amount"), int) and level in ("", top)
    )


def budget_page(snapshot: dict[str, Any], section: dict[str, Any]) -> list[Flowable]:
    budget = snapshot.get("budget") or {}
    revenue, expenditure = budget.get("revenue", []), budget.get("expenditure", [])
    body = max(len(revenue), len(expenditure), 1)
    note_width = FRAME_WIDTH - 148 * mm
    note = str(budget.get("note", ""))
    # The 備考 column spans the rows; a note too long for it is printed under the table instead.
    long_note = bool(note) and _p(note).wrap(note_width - 2 * PADDING, PAGE_HEIGHT)[1] > 40 * mm
    rows: list[list[Any]] = [
        [_p("（歳入）", "center"), "", _p("（歳出）", "center"), "", _p("備考", "center")],
        [_p("事項", "center"), _p("金額", "center"), _p("事項", "center"), _p("金額", "center"), ""],
    ]
    for i in range(body):
        cells: list[Any] = []
        for side in (revenue, expenditure):
            if i < len(side):
                cells += [_p(side[i]["item"]), _p(yen(side[i]["amount"]), "number")]
            else:
                cells += ["", ""]
        rows.append([*cells, _p("下記のとおり" if long_note else note) if i == 0 else ""])

    def total(side: list[dict[str, Any]]) -> str:
        return yen(budget_total(side))

    rows.append(
        [
            _p("合計", "center"),
            _p(total(revenue), "number"),
            _p("合計", "center"),
            _p(total(expenditure), "number"),
            "",
        ]
    )
    last = len(rows) - 1
    table = _table(
        rows,
        [44 * mm, 30 * mm, 44 * mm, 30 * mm, note_width],
        header_rows=2,
        extra=[
            ("SPAN", (0, 0), (1, 0)),
            ("SPAN", (2, 0), (3, 0)),
            ("SPAN", (4, 0), (4, 1)),
            ("SPAN", (4, 2), (4, last)),
        ],
    )
    flowables: list[Flowable] = [
        PageBreak(),
        _form_label(section["form"]),
        _p(section["title"], "title"),
        table,
    ]
    if long_note:
        flowables += [_p("備考", "heading"), _p(note, "body")]
    return flowables


# The document ----------------------------------------------------------------------------------------------


class _NumberedCanvas(Canvas):
    """Draws the footer on every page once the number of pages is known (「3 / 9」)."""

    def __init__(self, *args: Any, footer: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(japanese_font(), 8)
            self.drawString(MARGIN, 10 * mm, self._footer)
            self.drawRightString(PAGE_WIDTH - MARGIN, 10 * mm, f"{number} / {total}")
            super().showPage()
        super().save()


def story(snapshot: dict[str, Any]) -> list[Flowable]:
    """The flowables of the whole application, in the order of the official filing."""
    forms = _forms_of(snapshot)
    sections = snapshot["sections"]
    flowables: list[Flowable] = [cover_line(snapshot["meta"]), Spacer(0, 4 * mm)]
    letter = next((s for s in sections if s["key"] == "letter"), None)
    if letter is not None:
        flowables += letter_page(snapshot, letter, forms)
    plan = [s for s in sections if s["kind"] == "fields" and s["key"] != "letter" and not s.get("checklist")]
    if plan:
        flowables += plan_pages(snapshot, plan, forms)
    for section in sections:
        if section["kind"] == "costs":
            flowables += cost_pages(snapshot, section, forms)
        elif section["kind"] == "budget":
            flowables += budget_page(snapshot, section)
    for section in sections:
        if section.get("checklist"):
            # The requirements checklist is no official form: it follows them, as the applicant's answers.
            flowables += [
                PageBreak(),
                _form_label(section["form"]),
                _p(section["title"], "title"),
                _section_table(section),
            ]
    return flowables


def render_pdf(snapshot: dict[str, Any]) -> bytes:
    """The application's official forms as one PDF (A4), from the frozen snapshot."""
    meta = snapshot["meta"]
    font = japanese_font()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{meta['receipt_number']} {meta['title']}",
        author=meta["applicant"]["name"],
        subject=meta["program"]["name"],
        creator="junkan",
        lang="ja-JP",
        initialFontName=font,
    )
    applicant = _CONTROL.sub("", str(meta["applicant"]["name"]).replace("\n", " "))
    applicant = applicant if len(applicant) <= 30 else applicant[:29] + "…"
    footer = f"受付番号 {meta['receipt_number']}　第{meta['version']}版　{applicant}"
    document.build(story(snapshot), canvasmaker=functools.partial(_NumberedCanvas, footer=footer))
    return buffer.getvalue()

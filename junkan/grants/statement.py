"""補助金調書 (seed 003 §6(1), 交付要綱様式第11) of a local-government grantee, a PDF of its figures.

The seed asks for 「補助金と事業に係る予算及び決算との関係を明らかにした」調書. What it prints, per
fiscal year of the decision (``AwardYear``), and where each figure comes from:

- 国（国庫補助金）: 交付決定額 and 交付決定の年月日・番号 (the decision); 補助金額 = the determined amount of
  the year (額の確定, ``determination_working``), or 「未確定」 before it; 受入額 = the payment received (one
  payment per project, shown on its only year or in the total).
- 地方公共団体: 事業費 = the year's actual costs, 補助対象経費 = the eligible ones (both from the
  determination's working, or the cost lines of the completion report before it); 地方公共団体の負担額 =
  事業費 − 補助金額; 歳入・歳出予算の科目 and their amounts from the 歳入歳出予算書（見込書）抜粋 of the
  adopted application (a revenue line naming 国庫 is the subsidy's 科目).
- Below: the actual costs line by line (the 証拠書類 to keep), and the 5-year retention date.

Figures the platform does not hold (the local government's 決算, 予算現額 after later supplementary budgets)
are left as blank cells to write in. IPAex明朝 embedded; numbers are yen with separators.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from junkan.common.pdf import japanese_font
from junkan.grants.models import COMPLETION_REPORT_KINDS, CostLine, Project
from junkan.grants.services.award import latest_submission
from junkan.jp.dates import fiscal_year_label, format_wareki
from junkan.jp.money import format_yen

TITLE = "補助金調書"
FORM = "様式第11"
BLANK = ""


@dataclass
class YearRow:
    """One fiscal year of the statement; None where the figure is not known (yet)."""

    fiscal_year: int
    decided: int | None
    determined: int | None = None
    received: int | None = None
    total_cost: int | None = None
    eligible_cost: int | None = None

    @property
    def burden(self) -> int | None:
        """地方公共団体の負担額: the year's 事業費 less the subsidy (determined, else decided)."""
        subsidy = self.determined if self.determined is not None else None
        if self.total_cost is None or subsidy is None:
            return None
        return max(self.total_cost - subsidy, 0)


@dataclass
class Statement:
    """Everything the PDF prints, gathered from the project (no layout)."""

    project: Project
    years: list[YearRow]
    revenue: list[dict[str, Any]] = field(default_factory=list)
    expenditure: list[dict[str, Any]] = field(default_factory=list)
    budget_note: str = ""
    lines: list[CostLine] = field(default_factory=list)

    def total(self, name: str) -> int | None:
        """The sum of a column, or None when any year lacks it."""
        values = [getattr(year, name) for year in self.years]
        if not values or any(v is None for v in values):
            return None
        return sum(values)


def build(project: Project) -> Statement:
    """The statement's figures of ``project`` (decided: its award years exist)."""
    working = project.determination_working or {}
    worked = {int(y["fiscal_year"]): y for y in working.get("years", [])}
    lines = list(
        CostLine.objects.filter(report__project=project, report__kind__in=COMPLETION_REPORT_KINDS).order_by(
            "fiscal_year", "order", "id"
        )
    )
    spent: dict[int, int] = defaultdict(int)
    for line in lines:
        spent[line.fiscal_year] += line.amount
    years = []
    award_years = list(project.award_years.order_by("fiscal_year"))
    for award_year in award_years:
        fy = award_year.fiscal_year
        row = YearRow(fiscal_year=fy, decided=award_year.decided_amount)
        if fy in worked:
            steps = {s["key"]: s["value"] for s in worked[fy].get("rows", [])}
            row.determined = worked[fy].get("determined")
            row.total_cost = steps.get("total_cost", spent.get(fy))
            row.eligible_cost = steps.get("eligible_cost")
        elif spent.get(fy):
            row.total_cost = spent[fy]
        years.append(row)
    if project.paid_amount is not None and len(years) == 1:
        years[0].received = project.paid_amount
    submission = latest_submission(project.application)
    budget = (submission.snapshot.get("budget") if submission else None) or {}
    return Statement(
        project=project,
        years=years,
        revenue=list(budget.get("revenue") or []),
        expenditure=list(budget.get("expenditure") or []),
        budget_note=str(budget.get("note") or ""),
        lines=lines,
    )


# Layout ---------------------------------------------------------------------------------------------------

PAGE = landscape(A4)
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN
GREY = colors.HexColor("#555555")
HEAD_BG = colors.HexColor("#eeeeee")


def _styles() -> dict[str, ParagraphStyle]:
    font = japanese_font()
    body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11.5)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=10),
        "head": ParagraphStyle("head", parent=body, fontSize=8, leading=10, alignment=TA_CENTER),
        "number": ParagraphStyle("number", parent=body, alignment=TA_RIGHT),
        "title": ParagraphStyle("title", parent=body, fontSize=16, leading=22, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "heading": ParagraphStyle(
            "heading", parent=body, fontSize=10.5, leading=14, spaceBefore=5 * mm, spaceAfter=2 * mm
        ),
    }


def _yen(value: int | None, empty: str = BLANK) -> str:
    return empty if value is None else format_yen(value).removesuffix("円")


def _date(value: date | None) -> str:
    return format_wareki(value, seireki=False) if value else ""


class _Doc:
    def __init__(self) -> None:
        self.s = _styles()

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), self.s[style])

    def n(self, text: str) -> Paragraph:
        return self.p(text, "number")

    def h(self, text: str) -> Paragraph:
        return self.p(text, "head")


def _grid(table: Table, header_rows: int, extra: list[tuple[Any, ...]] | None = None) -> Table:
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                *(extra or []),
            ]
        )
    )
    return table


def _summary(d: _Doc, st: Statement) -> Table:
    project = st.project
    organization = project.organization
    code = organization.municipality.code if organization.municipality_id else ""
    rows = [
        [d.p("補助金等の名称"), d.p(project.program.name), d.p("地方公共団体名"), d.p(organization.name)],
        [d.p("補助事業名"), d.p(project.title), d.p("団体コード"), d.p(code)],
        [
            d.p("事業期間"),
            d.p(f"{_date(project.decided_on)} 〜 {_date(project.completed_on or project.planned_end_on)}"),
            d.p("額の確定日"),
            d.p(_date(project.determined_on) or "未確定"),
        ],
    ]
    table = Table(rows, colWidths=[30 * mm, 135 * mm, 30 * mm, WIDTH - 195 * mm])
    labels = [("BACKGROUND", (0, 0), (0, -1), HEAD_BG), ("BACKGROUND", (2, 0), (2, -1), HEAD_BG)]
    return _grid(table, 0, labels)


def _budget_text(items: list[dict[str, Any]], only_national: bool = False) -> str:
    chosen = [i for i in items if not only_national or "国庫" in str(i.get("item", ""))] or (
        [] if only_national else items
    )
    return "\n".join(
        f"{i.get('item', '')}　{_yen(i.get('amount'))}".strip()
        if i.get("amount") is not None
        else str(i.get("item"))
        for i in chosen
    )


def _main_table(d: _Doc, st: Statement) -> Table:
    project = st.project
    header1 = [d.h("年度"), d.h("国"), "", "", "", d.h("地方公共団体"), "", "", "", "", d.h("備考")]
    header2 = [
        "",
        d.h("交付決定額"),
        d.h("交付決定年月日\n及び番号"),
        d.h("補助金額\n（確定額）"),
        d.h("受入額"),
        d.h("事業費\n（支出済額）"),
        d.h("うち補助対象\n経費"),
        d.h("地方公共団体の\n負担額"),
        d.h("歳入予算の\n科目・予算額"),
        d.h("歳出予算の\n科目・予算額"),
        "",
    ]
    rows: list[list[Any]] = [header1, header2]
    revenue = _budget_text(st.revenue, only_national=True)
    expenditure = _budget_text(st.expenditure)
    for i, year in enumerate(st.years):
        rows.append(
            [
                d.p(fiscal_year_label(year.fiscal_year)),
                d.n(_yen(year.decided)),
                d.p(f"{_date(project.decided_on)}\n{project.decision_number}"),
                d.n(_yen(year.determined, "未確定")),
                d.n(_yen(year.received)),
                d.n(_yen(year.total_cost)),
                d.n(_yen(year.eligible_cost)),
                d.n(_yen(year.burden)),
                d.p(revenue, "small") if i == 0 else "",
                d.p(expenditure, "small") if i == 0 else "",
                d.p(st.budget_note, "small") if i == 0 else "",
            ]
        )
    received_total = project.paid_amount
    rows.append(
        [
            d.h("合計"),
            d.n(_yen(st.total("decided"))),
            "",
            d.n(_yen(st.total("determined"), "未確定")),
            d.n(_yen(received_total)),
            d.n(_yen(st.total("total_cost"))),
            d.n(_yen(st.total("eligible_cost"))),
            d.n(_yen(st.total("burden"))),
            "",
            "",
            "",
        ]
    )
    widths = [18, 23, 30, 23, 22, 23, 23, 23, 32, 32]
    widths_mm = [w * mm for w in widths]
    widths_mm.append(WIDTH - sum(widths_mm))
    last = len(rows) - 1
    extra: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (4, 0)),
        ("SPAN", (5, 0), (9, 0)),
        ("SPAN", (10, 0), (10, 1)),
        ("BACKGROUND", (0, last), (-1, last), colors.HexColor("#f6f6f6")),
        ("VALIGN", (8, 2), (10, -1), "TOP"),
    ]
    if len(st.years) > 1:
        extra += [("SPAN", (col, 2), (col, last - 1)) for col in (8, 9, 10)]
    return _grid(Table(rows, colWidths=widths_mm, repeatRows=2), 2, extra)


def _lines_table(d: _Doc, st: Statement) -> list[Flowable]:
    if not st.lines:
        return [d.p("完了実績報告書の経費の実績はまだありません。", "small")]
    rows: list[list[Any]] = [
        [d.h("年度"), d.h("費目"), d.h("細目"), d.h("内容"), d.h("支払日"), d.h("支出額（円・税込）")]
    ]
    for line in st.lines:
        rows.append(
            [
                d.p(fiscal_year_label(line.fiscal_year)),
                d.p(line.expense),
                d.p(line.item),
                d.p(line.description),
                d.p(_date(line.paid_on)),
                d.n(_yen(line.amount)),
            ]
        )
    rows.append([d.h("合計"), "", "", "", "", d.n(_yen(sum(line.amount for line in st.lines)))])
    widths = [22 * mm, 35 * mm, 35 * mm, 0, 32 * mm, 36 * mm]
    widths[3] = WIDTH - sum(widths)
    last = len(rows) - 1
    return [_grid(Table(rows, colWidths=widths, repeatRows=1), 1, [("SPAN", (0, last), (4, last))])]


def render(st: Statement, today: date) -> bytes:
    """The PDF of ``st``: A4 landscape, the form's number top left, the page number bottom right."""
    d = _Doc()
    project = st.project
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"{TITLE}　{project.title}",
        author=project.organization.name,
        subject=FORM,
    )
    flowables: list[Flowable] = [
        d.p(f"{FORM}（交付要綱）"),
        d.p(TITLE, "title"),
        d.p(f"{project.organization.name}　作成日 {_date(today)}", "right"),
        Spacer(1, 3 * mm),
        _summary(d, st),
        Spacer(1, 2 * mm),
        d.p("（単位：円）", "right"),
        _main_table(d, st),
        Spacer(1, 1.5 * mm),
        d.p(
            "注1　補助金額は額の確定による。受入額は国（執行団体）からの補助金の受領額。"
            "地方公共団体の負担額は事業費から補助金額を差し引いた額。\n"
            "注2　歳入・歳出予算の科目及び予算額は、応募時の歳入歳出予算書（見込書）抜粋による。"
            "補正予算等で変わった場合及び決算額は、地方公共団体の予算書・決算書により記入すること。",
            "small",
        ),
        d.p("経費の実績（証拠書類の対象）", "heading"),
        *_lines_table(d, st),
    ]
    if project.retain_until:
        flowables += [
            Spacer(1, 3 * mm),
            d.p(
                f"この補助金調書及び予算・決算の証拠書類は、事業完了後5年間（{_date(project.retain_until)}まで）"
                "保管すること。",
                "small",
            ),
        ]

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(japanese_font(), 7.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 7 * mm, f"{TITLE}　{project.title}")
        canvas.drawRightString(PAGE[0] - MARGIN, 7 * mm, f"{doc.page} ページ")
        canvas.restoreState()

    doc.build(flowables, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()

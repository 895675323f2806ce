"""PDF (reportlab, IPAex明朝 embedded) and xlsx (openpyxl) of a region's profile and of an analysis.

The PDF draws the same chart geometry as the page (:mod:`junkan.economy.charts`) and the same rows.
The xlsx carries the full, unrounded figures beside the rounded ones.
"""

from __future__ import annotations

import io as bytes_io
from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from junkan.common.pdf import japanese_font
from junkan.common.spreadsheets import spreadsheet_safe
from junkan.economy import charts, profile
from junkan.economy.engine.rounding import COEFFICIENT_PLACES, shown
from junkan.economy.models import Analysis, IOTable

FILLS = {
    "bar-production": colors.HexColor("#2f6f4f"),
    "bar-distribution": colors.HexColor("#2b5c8a"),
    "bar-expenditure": colors.HexColor("#8a5a2b"),
    "flow-in": colors.HexColor("#5fa37c"),
    "flow-out": colors.HexColor("#c0504d"),
    "bar-positive": colors.HexColor("#2b5c8a"),
    "bar-negative": colors.HexColor("#c0504d"),
}


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _styles() -> dict[str, ParagraphStyle]:
    font = japanese_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=10),
        "title": ParagraphStyle("title", parent=body, fontSize=15, leading=20, spaceAfter=3 * mm),
        "heading": ParagraphStyle(
            "heading", parent=body, fontSize=11, leading=15, spaceBefore=4 * mm, spaceAfter=2 * mm
        ),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _table(rows: list[list[Any]], style: ParagraphStyle, widths: list[float] | None = None) -> Table:
    table = Table([[_p(cell, style) for cell in row] for row in rows], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def drawing(chart: charts.Chart, width: float = 170 * mm) -> Drawing:
    """The chart's geometry as a reportlab drawing, scaled to ``width``."""
    scale = width / chart.width
    font = japanese_font()
    picture = Drawing(width, chart.height * scale)
    for rect in chart.rects:
        y = chart.height - rect.y - rect.height
        picture.add(
            Rect(
                rect.x * scale,
                y * scale,
                rect.width * scale,
                rect.height * scale,
                fillColor=FILLS.get(rect.css, colors.grey),
                strokeColor=None,
            )
        )
    for x1, y1, x2, y2 in chart.lines:
        picture.add(Line(x1 * scale, (chart.height - y1) * scale, x2 * scale, (chart.height - y2) * scale))
    for text in chart.texts:
        anchor = {"middle": "middle", "start": "start", "end": "end"}[text.anchor]
        picture.add(
            String(
                text.x * scale,
                (chart.height - text.y) * scale,
                text.text,
                fontName=font,
                fontSize=7 if "small" in text.css or "note" in text.css else 8,
                textAnchor=anchor,
            )
        )
    return picture


def _build(story: list[Flowable]) -> bytes:
    out = bytes_io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm
    )
    document.build(story)
    return out.getvalue()


def _account_story(view: profile.AccountProfile, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    account = view.account
    story: list[Flowable] = [
        _p(_("地域経済循環（%(name)s）") % {"name": account.display_name}, s["heading"]),
        _p(_("金額の単位：%(unit)s") % {"unit": view.unit}, s["small"]),
        drawing(view.three_sides),
        _table([[_("項目"), _("値")], *view.sides, *view.flows], s["body"], [110 * mm, 50 * mm]),
    ]
    if view.energy_chart is not None:
        story += [
            _p(_("エネルギー代金の収支"), s["heading"]),
            drawing(view.energy_chart),
            _table([[_("項目"), _("値")], *view.energy], s["body"], [110 * mm, 50 * mm]),
            _p(profile.ENERGY_NOTE, s["small"]),
        ]
    if view.industry_chart is not None:
        story += [
            _p(_("産業構造"), s["heading"]),
            drawing(view.industry_chart),
            _table([INDUSTRY_HEADER(), *view.industry_rows], s["small"]),
        ]
    if account.source:
        story.append(_p(_("出典：%(source)s") % {"source": account.source}, s["small"]))
    if account.is_fictional:
        story.append(_p(_("この数値はデモ用の架空のものです。実在する地域の値ではありません。"), s["small"]))
    return story


def INDUSTRY_HEADER() -> list[str]:
    return [_("産業"), _("付加価値額"), _("構成比（%）"), _("特化係数"), _("純移輸出"), _("労働生産性")]


def RESULT_HEADER() -> list[str]:
    return [
        _("部門"),
        _("最終需要"),
        _("直接効果"),
        _("第1次間接"),
        _("第2次間接"),
        _("合計"),
        _("影響力係数"),
        _("感応度係数"),
    ]


def account_pdf(view: profile.AccountProfile) -> bytes:
    s = _styles()
    story = [_p(_("地域経済循環分析 %(name)s") % {"name": view.account.display_name}, s["title"])]
    story += _account_story(view, s)
    story += [Spacer(1, 3 * mm), _p(profile.ROUNDING_NOTE, s["small"])]
    return _build(story)


def analysis_pdf(analysis: Analysis) -> bytes:
    s = _styles()
    view = profile.analysis_view(analysis)
    table = analysis.io_table
    story: list[Flowable] = [
        _p(analysis.title, s["title"]),
        _p(
            _("使用した産業連関表：%(table)s（第%(v)s版）")
            % {"table": str(table), "v": analysis.table_version},
            s["body"],
        ),
        _p(_("金額の単位：%(unit)s") % {"unit": view.unit}, s["small"]),
    ]
    if analysis.demand_note:
        story.append(_p(_("需要の根拠：%(note)s") % {"note": analysis.demand_note}, s["body"]))
    story += [
        _p(_("経済波及効果"), s["heading"]),
        _table([[_("項目"), _("値")], *view.summary], s["body"], [110 * mm, 50 * mm]),
        Spacer(1, 3 * mm),
        drawing(view.chart),
        _table([RESULT_HEADER(), *view.sector_rows, view.total_row], s["small"]),
        _p(_("計算の前提"), s["heading"]),
        *[_p(f"・{line}", s["small"]) for line in view.assumptions],
    ]
    if table.is_fictional:
        story.append(
            _p(_("この産業連関表はデモ用の架空のものです。実在する地域の値ではありません。"), s["small"])
        )
    if analysis.account is not None:
        story += _account_story(profile.account_profile(analysis.account), s)
    story += [Spacer(1, 3 * mm), _p(profile.ROUNDING_NOTE, s["small"])]
    return _build(story)


def _sheet(book: Workbook, title: str, rows: list[list[Any]], first: bool = False) -> None:
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    for row in rows:
        sheet.append([spreadsheet_safe(str(cell) if isinstance(cell, Promise) else cell) for cell in row])
    sheet.column_dimensions["A"].width = 40


def _xlsx(book: Workbook) -> bytes:
    out = bytes_io.BytesIO()
    book.save(out)
    return out.getvalue()


def account_xlsx(view: profile.AccountProfile) -> bytes:
    account = view.account
    book = Workbook()
    raw = [
        [_("地域"), account.display_name],
        [_("金額の単位"), view.unit],
        [_("生産（付加価値額）"), float(account.production)],
        [_("分配（所得）"), float(account.distribution)],
        [_("地域経済循環率（%）"), float(view.result.circulation_rate)],
    ]
    for name in (
        "income_employee",
        "income_other",
        "outflow_consumption",
        "outflow_investment",
        "outflow_other",
        *account.ENERGY_FIELDS,
    ):
        value = getattr(account, name)
        raw.append([str(account._meta.get_field(name).verbose_name), None if value is None else float(value)])
    _sheet(book, _("地域経済循環"), [[_("項目"), _("値")], *raw], first=True)
    _sheet(book, _("表示値"), [[_("項目"), _("値（四捨五入）")], *view.sides, *view.flows, *view.energy])
    if view.industries:
        _sheet(
            book,
            _("産業構造"),
            [INDUSTRY_HEADER()]
            + [
                [
                    f.name,
                    float(f.value_added),
                    float(f.share * 100),
                    None if f.specialization is None else float(f.specialization),
                    None if f.net_exports is None else float(f.net_exports),
                    None if f.productivity is None else float(f.productivity),
                ]
                for f in view.industries
            ],
        )
    return _xlsx(book)


def analysis_xlsx(analysis: Analysis) -> bytes:
    result = analysis.result
    book = Workbook()
    rows = [RESULT_HEADER()]
    for index, name in enumerate(result["sectors"]):
        rows.append(
            [
                name,
                analysis.demand[index],
                result["direct"][index],
                result["first"][index],
                result["second"][index],
                result["total"][index],
                result["influence"][index],
                result["sensitivity"][index],
            ]
        )
    _sheet(book, _("波及効果"), rows, first=True)
    view = profile.analysis_view(analysis)
    _sheet(book, _("集計"), [[_("項目"), _("値（四捨五入）")], *view.summary])
    _sheet(
        book,
        _("条件"),
        [
            [_("件名"), analysis.title],
            [_("産業連関表"), str(analysis.io_table)],
            [_("産業連関表の版"), analysis.table_version],
            [_("需要の根拠"), analysis.demand_note],
            *[[_("計算の前提"), line] for line in view.assumptions],
        ],
    )
    return _xlsx(book)


def table_rows(table: IOTable, influence: Any, sensitivity: Any) -> list[list[str]]:
    """Per-sector rows of a table page: the ratios and the two indices, rounded for display."""
    rows = []
    for index, name in enumerate(table.sectors):

        def ratio(values: list[float] | None, index: int = index) -> str:
            return "—" if not values else shown(values[index], COEFFICIENT_PLACES)

        rows.append(
            [
                name,
                shown(sum(row[index] for row in table.coefficients), COEFFICIENT_PLACES),
                ratio(table.self_sufficiency),
                ratio(table.employee_income_ratio),
                ratio(table.value_added_ratio),
                ratio(table.consumption_pattern),
                shown(influence[index], COEFFICIENT_PLACES),
                shown(sensitivity[index], COEFFICIENT_PLACES),
            ]
        )
    return rows

"""Exports for the committee's minutes: every score as xlsx, and a PDF summary (IPAex明朝 embedded)."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from junkan.common import files
from junkan.common.pdf import japanese_font
from junkan.common.permissions import enforce
from junkan.review import analysis, permissions
from junkan.review.engine.scoring import REQUIRED_STATUS_LABELS, display
from junkan.review.models import Committee, CommitteeMember
from junkan.review.views import get_committee

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _mark_text(mark: Any) -> str:
    if mark is None:
        return ""
    if mark.not_applicable:
        return "該当なし"
    if mark.passed is not None:
        return "適" if mark.passed else "否"
    return "" if mark.points is None else str(mark.points)


def _score(value: Any) -> Decimal | None:
    """A score as an xlsx number, kept exact (never a float)."""
    return None if value is None else Decimal(value)


def _header(ws: Any, row: list[str]) -> None:
    ws.append(row)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = f"A{ws.max_row + 1}"


def _widths(ws: Any, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def scores_workbook(committee: Committee, results: analysis.Results) -> bytes:
    """Sheets: 集計 (one row per application), 採点 (one row per member and application), 利益相反."""
    book = Workbook()
    summary = book.active
    summary.title = "集計"
    _header(
        summary,
        [
            *("事業区分", "順位", "受付番号", "補助事業名", "代表申請者", "補助金所要額（円）", "提出数"),
            *(
                "評点（平均）",
                "最低",
                "最高",
                "開き",
                "評価に開き",
                "必須の観点",
                "採択案",
                "採否",
                "採択額（円）",
            ),
        ],
    )
    for group in results.by_type():
        for row in group["rows"]:
            application, result, decision = row["application"], row["result"], row["decision"]
            summary.append(
                [
                    group["project_type"].label,
                    result.rank if result else None,
                    application.receipt_number,
                    application.title,
                    application.organization,
                    application.requested_amount,
                    row["submitted"],
                    _score(result.score if result else None),
                    _score(result.minimum if result else None),
                    _score(result.maximum if result else None),
                    _score(result.spread if result else None),
                    "あり" if result and result.disagreement else "",
                    "、".join(f"{o.code}:{REQUIRED_STATUS_LABELS[o.status]}" for o in result.required)
                    if result
                    else "",
                    "○" if row["proposed"] else "",
                    decision.label if decision else "",
                    decision.amount if decision else None,
                ]
            )
    for cells in summary.iter_rows(min_row=2, min_col=8, max_col=11):
        for cell in cells:
            cell.number_format = "0.00"
    for cells in summary.iter_rows(min_row=2, min_col=6, max_col=6):
        cells[0].number_format = "#,##0"
    _widths(summary, [24, 6, 16, 40, 24, 16, 8, 10, 8, 8, 8, 10, 20, 8, 12, 16])

    detail = book.create_sheet("採点")
    codes: list[str] = []
    for tc in results.criteria.values():
        for row in tc.rows:
            if row.code not in codes:
                codes.append(row.code)
    _header(
        detail,
        ["事業区分", "受付番号", "補助事業名", "委員", "評点（100点満点）", "提出日時", "総合所見",
         *[f"観点{c}" for c in codes], *[f"観点{c}コメント" for c in codes]],
    )  # fmt: skip
    names = {a.pk: a for a in results.applications}
    for application_id, sheets in results.sheets.items():
        application = names[application_id]
        rows = results.criteria[application.project_type].rows
        for sheet in sheets:
            by_code = {r.code: None for r in rows}
            by_pk = {r.pk: r.code for r in rows}
            for mark in sheet.mark_rows:
                if mark.criterion_id in by_pk:
                    by_code[by_pk[mark.criterion_id]] = mark
            detail.append(
                [
                    application.project_type,
                    application.receipt_number,
                    application.title,
                    sheet.member,
                    _score(sheet.score),
                    timezone.localtime(sheet.submitted_at).strftime("%Y-%m-%d %H:%M")
                    if sheet.submitted_at
                    else "",
                    sheet.overall_comment,
                    *[_mark_text(by_code.get(c)) for c in codes],
                    *[by_code[c].comment if by_code.get(c) else "" for c in codes],
                ]
            )
    for cells in detail.iter_rows(min_row=2, min_col=5, max_col=5):
        cells[0].number_format = "0.00"
    _widths(detail, [8, 16, 40, 16, 10, 16, 40, *([8] * len(codes)), *([30] * len(codes))])

    conflicts = book.create_sheet("利益相反")
    _header(conflicts, ["受付番号", "補助事業名", "委員", "理由"])
    for exclusion in analysis.exclusions(committee).order_by("application__receipt_number", "member_id"):
        conflicts.append(
            [
                exclusion.application.receipt_number,
                exclusion.application.title,
                str(exclusion.member),
                "／".join(r.get("label", "") for r in exclusion.reasons),
            ]
        )
    _widths(conflicts, [16, 40, 16, 80])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _styles() -> dict[str, ParagraphStyle]:
    font = japanese_font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=14, leading=20, spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=11, leading=16, spaceBefore=8, spaceAfter=4),
        "body": ParagraphStyle("body", fontName=font, fontSize=9, leading=13),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=10),
    }


def _table(rows: list[list[Any]], widths: list[float], styles: dict[str, ParagraphStyle]) -> Table:
    data = [
        [Paragraph(str(v), styles["cell"]) if not isinstance(v, Paragraph) else v for v in row]
        for row in rows
    ]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def summary_pdf(committee: Committee, results: analysis.Results) -> bytes:
    """The summary for the minutes: members, per type the ranked list, the proposal and the decisions."""
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"{committee.program.name} 審査結果の概要",
    )
    story: list[Any] = [
        Paragraph(f"{committee.program.name}　{committee.name}　審査結果の概要", styles["title"]),
        Paragraph(
            f"作成日時：{timezone.localtime():%Y年%m月%d日 %H:%M}　状態：{committee.get_status_display()}　"
            f"1件あたりの審査委員：{committee.reviewers_per_application}名　"
            f"評価の開きの目安：{display(committee.disagreement_threshold)}点",
            styles["body"],
        ),
        Paragraph("委員", styles["h2"]),
    ]
    members = CommitteeMember.objects.filter(committee=committee).select_related("user").order_by("id")
    story.append(
        Paragraph(
            "、".join(
                f"{m.user}（{m.affiliation}）" if m.affiliation else str(m.user) for m in members if m.active
            )
            or "－",
            styles["body"],
        )
    )
    for group in results.by_type():
        story.append(Paragraph(f"事業区分：{group['project_type'].label}", styles["h2"]))
        proposal = group["proposal"]
        if proposal is not None:
            story.append(Paragraph(f"採択案：{proposal.summary}。{proposal.status}", styles["body"]))
        elif group["budget"] is None:
            story.append(Paragraph("予算額が入力されていないため、採択案はありません。", styles["body"]))
        rows: list[list[Any]] = [
            [
                *("順位", "受付番号", "補助事業名", "代表申請者", "所要額（円）", "提出"),
                *("評点", "開き", "必須", "採択案", "採否"),
            ]
        ]
        for row in group["rows"]:
            application, result, decision = row["application"], row["result"], row["decision"]
            rows.append(
                [
                    result.rank if result and result.rank else "－",
                    application.receipt_number or "",
                    application.title,
                    application.organization,
                    f"{application.requested_amount:,}",
                    f"{row['submitted']}/{row['assigned']}",
                    result.display if result else "－",
                    (display(result.spread) + ("（開きあり）" if result.disagreement else ""))
                    if result
                    else "－",
                    "否"
                    if result and result.failed_required
                    else ("要審議" if result and result.disputed_required else ""),
                    "○" if row["proposed"] else "",
                    decision.label if decision else "",
                ]
            )
        widths = [12, 26, 64, 45, 24, 12, 16, 26, 14, 12, 22]
        story.append(_table(rows, [w * mm for w in widths], styles))
        story.append(Spacer(1, 4 * mm))
    document.build(story)
    return buffer.getvalue()


def _managed(request: HttpRequest, pk: int) -> Committee:
    committee = get_committee(pk)
    enforce(permissions.can_manage(request.user, committee))
    return committee


@login_required
def scores_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    results = replace(analysis.cached_results(committee), sheets=analysis.cached_sheets(committee))
    response = HttpResponse(scores_workbook(committee, results), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="review-scores-{committee.program.slug}.xlsx"'
    return files.exported(request, response, "review.scores.exported", committee, format="xlsx")


@login_required
def summary(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _managed(request, pk)
    response = HttpResponse(
        summary_pdf(committee, analysis.cached_results(committee)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="review-summary-{committee.program.slug}.pdf"'
    return files.exported(request, response, "review.summary.exported", committee, format="pdf")

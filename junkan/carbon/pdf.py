"""The printable calculation sheet (PDF): summary, the full trail, derived figures and the factors used.

reportlab with its built-in Japanese CID font (no font files). Numbers are set in Helvetica, so they
appear as plain text in the uncompressed content streams (the tests read them back).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from junkan.carbon import engine
from junkan.carbon.models import SavedCalculation
from junkan.carbon.templatetags.co2 import factor, percent, t_co2, t_co2_line
from junkan.jp.dates import format_wareki, tokyo_date
from junkan.jp.money import format_yen

FONT = "HeiseiKakuGo-W5"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BODY = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=12)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=7.5, leading=10)
NUMBER = ParagraphStyle("number", parent=BODY, alignment=TA_RIGHT)
TITLE = ParagraphStyle("title", parent=BODY, fontSize=15, leading=20, spaceAfter=4 * mm)
HEADING = ParagraphStyle(
    "heading", parent=BODY, fontSize=11, leading=15, spaceBefore=4 * mm, spaceAfter=2 * mm
)
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _p(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text (escaped: labels and sources are typed by people)."""
    return Paragraph(escape(text), style)


def _n(text: str, style: ParagraphStyle = NUMBER) -> Paragraph:
    """A number in Helvetica."""
    return Paragraph(f'<font name="Helvetica">{escape(text)}</font>', style)


def _table(rows: list[list[Flowable]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(GRID)
    return table


def _summary(result: engine.Result) -> list[Flowable]:
    rows = [[_p("区分"), _p("排出量（t-CO2/年）")]]
    for part in engine.Part:
        rows.append([_p(part.label), _n(t_co2(result.totals[part]))])
    rows += [
        [_p("ベースラインの排出量（C − D）"), _n(t_co2(result.baseline_t_co2))],
        [_p("事業実施後の排出量（A − B）"), _n(t_co2(result.project_t_co2))],
        [_p("CO2削減量 (C − D) − (A − B)"), _n(t_co2(result.reduction_t_co2))],
    ]
    table = _table(rows, [110 * mm, 50 * mm])
    table.setStyle(TableStyle([("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#e8f4ec"))]))
    return [
        _p("CO2削減量 = （C − D） − （A − B）。C・A：事業実施前・後のプロセスの排出量、D・B：その代替効果。"),
        Spacer(1, 2 * mm),
        table,
        _p("表示は0.1 t単位で四捨五入しています（計算は端数処理なしで行っています）。", SMALL),
    ]


def _trail(result: engine.Result) -> list[Flowable]:
    rows = [
        [
            _p(h)
            for h in ("欄", "項目", "数量", "単位", "排出係数", "係数の単位", "排出量 t-CO2/年", "出典・備考")
        ]
    ]
    for line in result.trail:
        rows.append(
            [
                _p(f"{line.part.letter}-{line.index}"),
                _p(line.label),
                _n(engine.numbers.grouped(line.amount)),
                _p(line.unit),
                _n(factor(line.factor)),
                _p(line.factor_unit),
                _n(t_co2_line(line.t_co2)),
                _p(f"{line.source}{'　' + line.note if line.note else ''}", SMALL),
            ]
        )
    if len(rows) == 1:
        rows.append([_p("—"), _p("活動がありません。"), *[_p("") for _ in range(6)]])
    widths = [12 * mm, 42 * mm, 26 * mm, 14 * mm, 28 * mm, 22 * mm, 26 * mm, 97 * mm]
    return [_table(rows, widths)]


def _extras(result: engine.Result) -> list[Flowable]:
    items: list[Flowable] = []
    if result.boundary_notes:
        items.append(_p("バウンダリから省略したプロセス", HEADING))
        items += [_p(f"・{n.process}：{n.reason}") for n in result.boundary_notes]
    if result.notes:
        items.append(_p("確認事項", HEADING))
        items += [_p(f"・{note}") for note in result.notes]
    if result.cost is not None:
        items.append(_p("費用対効果", HEADING))
        cost = result.cost
        lines = [f"補助金額 {format_yen(cost.subsidy_yen)}"]
        if cost.yen_per_t_co2_year is not None:
            lines.append(f"CO2削減量1 t-CO2/年あたり {format_yen(cost.yen_per_t_co2_year)}")
        if cost.yen_per_t_co2_life is not None:
            lines.append(
                f"事業期間{cost.life_years}年の累計削減量1 t-CO2あたり {format_yen(cost.yen_per_t_co2_life)}"
            )
        if cost.note:
            lines.append(cost.note)
        items += [_p(line) for line in lines]
    if result.renewables is not None:
        summary = result.renewables
        items.append(_p("再生可能エネルギー導入量", HEADING))
        items.append(
            _p(
                f"設備容量 {engine.numbers.grouped(summary.capacity_kw)} kW、年間発電量 "
                f"{engine.numbers.grouped(summary.annual_kwh)} kWh/年、年間熱利用量 "
                f"{engine.numbers.grouped(summary.annual_heat_gj)} GJ/年"
            )
        )
    if result.regional is not None:
        regional = result.regional
        items.append(_p("地域の排出量に対する割合", HEADING))
        total, share = t_co2(regional.region_total_t_co2), percent(regional.share_percent)
        target, needed = engine.plain(regional.target_percent), t_co2(regional.target_reduction_t_co2)
        contribution = percent(regional.contribution_percent)
        items.append(
            _p(
                f"地域全体の排出量 {total} t-CO2/年の {share}%。"
                f"2050年{target}%削減に必要な削減量 {needed} t-CO2/年の {contribution}%。"
            )
        )
    if result.resource is not None:
        resource = result.resource
        items.append(_p("資源生産性", HEADING))
        items.append(
            _p(
                f"活用する未利用資源：{resource.inputs.unused_resource}。資源生産性 "
                f"{format_yen(resource.before_yen_per_t)}/t → {format_yen(resource.after_yen_per_t)}/t"
                f"（{resource.change_yen_per_t:+,}円/t、{resource.change_percent:+}%）"
            )
        )
    return items


def _factors(result: engine.Result) -> list[Flowable]:
    used = result.factors_used
    rows = [[_p(h) for h in ("係数", "値", "出典")]]
    for fuel in used.fuels:
        rows.append(
            [
                _p(f"{fuel.name}（{fuel.key}）"),
                _n(f"{factor(fuel.t_co2_per_unit)} t-CO2/{fuel.unit}", BODY),
                _p(f"{fuel.source}　{fuel.derivation}", SMALL),
            ]
        )
    for unit, supplier_rows in (("kWh", used.electricity), ("千m3", used.gas)):
        for row in supplier_rows:
            adjusted = factor(row.adjusted) if row.adjusted is not None else "-"
            value = f"{factor(row.basic)} / {adjusted} t-CO2/{unit}"
            rows.append([_p(f"{row.label}（{row.year}年度）"), _n(value, BODY), _p(row.source, SMALL)])
    if len(rows) == 1:
        rows.append([_p("係数表の値は使っていません（入力した係数のみ）。"), _p(""), _p("")])
    return [_table(rows, [80 * mm, 55 * mm, 132 * mm])]


def _footer(canvas: object, doc: object) -> None:
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFont(FONT, 7)  # type: ignore[attr-defined]
    canvas.drawRightString(  # type: ignore[attr-defined]
        landscape(A4)[0] - 15 * mm,
        8 * mm,
        f"地域循環共生圏プラットフォーム 循環　{doc.page}ページ",  # type: ignore[attr-defined]
    )
    canvas.restoreState()  # type: ignore[attr-defined]


def calculation_sheet(calculation: SavedCalculation, result: engine.Result) -> bytes:
    """The sheet of one saved calculation as PDF bytes."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=15 * mm,
        title=f"CO2削減量 算定シート：{calculation.title}",
        author=str(calculation.owner),
        subject="CO2削減量の算定（公募要領別添「基本的な二酸化炭素削減量の考え方」）",
        pageCompression=0,
    )
    status = calculation.get_status_display()
    created = format_wareki(tokyo_date(calculation.created_at))
    meta = [
        [_p("件名"), _p(calculation.title), _p("状態"), _p(str(status))],
        [
            _p("作成者"),
            _p(
                f"{calculation.owner}"
                + (f"（{calculation.organization}）" if calculation.organization else "")
            ),
            _p("作成日"),
            _p(created),
        ],
        [
            _p("燃料の係数表"),
            _p(result.factors_used.fuel_source or result.factors_used.fuel_revision),
            _p("提出日"),
            _p(format_wareki(tokyo_date(calculation.submitted_at)) if calculation.submitted_at else "—"),
        ],
    ]
    meta_table = Table(meta, colWidths=[30 * mm, 130 * mm, 20 * mm, 87 * mm])
    meta_table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story: list[Flowable] = [
        _p("CO2削減量 算定シート", TITLE),
        meta_table,
        _p("算定結果", HEADING),
        *_summary(result),
        _p("算定の根拠（活動ごとの計算）", HEADING),
        *_trail(result),
        *_extras(result),
        _p("使用した排出係数", HEADING),
        *_factors(result),
    ]
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()

"""The official forms as PDF: the text a PDF tool reads back, the embedded font, long and hostile text.

No test here has database access: the PDF is made from the snapshot alone (pytest-django refuses a query).
Each snapshot goes through JSON first, as a stored submission does.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from junkan.applications import pdf
from junkan.applications.tests import sample_snapshot as sample


def stored(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot as a JSONField gives it back."""
    return json.loads(json.dumps(snapshot))


def reader(snapshot: dict[str, Any]) -> PdfReader:
    data = pdf.render_pdf(stored(snapshot))
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def page_texts(document: PdfReader) -> list[str]:
    return [page.extract_text() for page in document.pages]


def flat(text: str) -> str:
    """Without whitespace: a wrapped line is split wherever the cell ends."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def type1() -> dict[str, Any]:
    return sample.type1_snapshot()


@pytest.fixture(scope="module")
def type1_text(type1: dict[str, Any]) -> str:
    return "\n".join(page_texts(reader(type1)))


# The applicant's entries -----------------------------------------------------------------------------------


def test_it_shows_the_applicants_entries_in_japanese(type1_text: str) -> None:
    text = flat(type1_text)
    for expected in (
        sample.ORGANIZATION,
        "長野県飯田市大久保町2534番地",
        "飯田市長佐藤健",
        "飯田市卒FIT電源の地域内活用に関する実現可能性調査事業",
        flat(sample.BACKGROUND_FIRST_LINE),
        flat(sample.BACKGROUND_SECOND_LINE),
        flat(sample.LINE_DESCRIPTION),
        "kankyo@example.jp",
        "おひさま進歩エネルギー株式会社",
        "見積書_再エネポテンシャル調査.pdf",
        "見積書又は計算書（経費内訳の根拠）",  # the kind of document, named as the call's forms name it
    ):
        assert expected in text, expected
    assert "辞退した団体" not in text  # a declined co-applicant is not part of the application


def test_it_keeps_the_line_breaks_of_long_text(type1_text: str) -> None:
    # Without the break the second sentence would follow 「…豊富にある。」 on the same line.
    assert re.search(r"豊富にある。\s*\n\s*一方で、", type1_text)
    assert re.search(r"協議中）\s*\n\s*飯田信用金庫", type1_text)


def test_it_shows_the_amounts_with_commas(type1_text: str, type1: dict[str, Any]) -> None:
    text = flat(type1_text)
    year = type1["costs"]["years"][0]
    assert year["subsidy"] == 6_957_000
    assert "6,957,000円" in text  # (8) 補助金所要額
    assert "7,200,000円" in text  # (1) 総事業費
    assert "6,957,600円" in text  # (4) and the 合計 of the lines
    assert "6,380,000円×1式" in text  # 積算内訳: unit price × quantity
    assert "（うち消費税及び地方消費税相当額515,377円）" in text


def test_it_lays_out_the_letter_like_the_official_form(type1_text: str) -> None:
    text = flat(type1_text)
    assert "【様式1】" in text
    assert "一般社団法人低炭素社会創出促進協会代表理事殿" in text
    assert "22飯環第145号" in text
    assert "令和元年(2019年)6月14日" in text
    assert "地方公共団体名長野県飯田市" in text
    assert "地域の多様な課題に応える脱炭素型地域づくりモデル形成事業）応募申請書" in text
    assert "標記について、以下の必要書類を添えて申請します。" in text
    assert "1.実施計画書【様式2】及び別添資料2.経費内訳書【様式3】及び別添資料" in text
    assert "3.平成31年度歳入歳出予算書（見込書）抜粋4.その他参考資料" in text
    assert "（担当者欄）所属部署名市民協働環境部環境モデル都市推進課役職名係長氏名熊谷一郎" in text


def test_it_has_every_form_in_order(type1_text: str) -> None:
    text = flat(type1_text)
    positions = [text.index(marker) for marker in ("【様式1】", "【様式2】", "【様式3】", "【予算書抜粋】")]
    assert positions == sorted(positions)
    # 様式2: every section numbered; the entries of a list under their own heading.
    for heading in (
        "1実施計画書（事業の概要・実施体制の代表者）",
        "2事業の背景",
        "7事業の実施体制・他の助成制度",
    ):
        assert heading in text
    assert "調査項目（1）調査項目卒FIT太陽光の地域内活用" in text
    assert "調査項目（2）調査項目小水力発電の事業性" in text


def test_it_lays_out_the_grid_of_form_3(type1_text: str) -> None:
    text = flat(type1_text)
    assert "所要経費(1)総事業費(2)寄付金その他の収入(3)差引額(1)－(2)(4)補助対象経費支出予定額" in text
    assert "7,200,000円0円7,200,000円6,957,600円" in text
    assert "10,000,000円6,957,600円6,957,600円6,957,000円" in text
    assert "補助対象経費支出予定額内訳経費区分・費目金額積算内訳" in text


def test_it_prints_the_budget_excerpt(type1_text: str) -> None:
    text = flat(type1_text)
    assert "平成31年度歳入歳出予算書（見込書）抜粋" in text
    assert "（歳入）（歳出）備考事項金額事項金額" in text
    assert "（款）国庫支出金6,957,000円（款）衛生費7,200,000円6月補正予算（見込み）" in text
    # 合計: the 款 level and 一般財源, not every level added up.
    assert "合計7,200,000円合計7,200,000円" in text


def test_every_page_has_the_receipt_footer(type1: dict[str, Any]) -> None:
    texts = page_texts(reader(type1))
    assert len(texts) >= 5
    for number, text in enumerate(texts, start=1):
        assert "受付番号 2019-001-0001　第1版" in text
        assert f"{number} / {len(texts)}" in text
    assert "受付番号2019-001-0001受信日時2019年06月20日16時59分58秒第1版" in flat(texts[0])


def test_the_document_information_names_the_application(type1: dict[str, Any]) -> None:
    info = reader(type1).metadata
    assert info is not None
    assert info.title == "2019-001-0001 飯田市卒FIT電源の地域内活用に関する実現可能性調査事業"
    assert info.author == sample.ORGANIZATION


def test_a_multi_year_type_3_application() -> None:
    snapshot = sample.type3_snapshot()
    texts = page_texts(reader(snapshot))
    text = flat("\n".join(texts))
    assert "第2版" in texts[0]
    assert "経費内訳書（平成31年度）" in text
    assert "経費内訳書（令和2年度）" in text
    assert "協議会の構成員（予定を含む）（3）団体名・氏名飯田信用金庫阿智支店" in text
    assert "参加予定（未参加）はい" in text
    assert "年度別の内訳と合計" in text
    assert snapshot["costs"]["requested"] == 4_300_000
    assert "合計4,500,000円4,400,000円4,300,000円" in text


def test_seed_003_uses_its_own_forms_and_addressee() -> None:
    snapshot = sample.ecotown_snapshot()
    text = flat("\n".join(page_texts(reader(snapshot))))
    assert "【申請書】" in text
    assert "環境大臣殿" in text
    assert "低炭素社会創出促進協会" not in text
    assert "申請者名株式会社ひびき資源循環" in text
    assert "【別紙1】エコタウン等における資源循環社会と共生した低炭素地域づくり事業実施計画書" in text
    assert "【別紙2】" in text
    # A company: the financial statements are listed, the budget excerpt (local governments only) is not.
    assert "経理状況説明書（直近の2決算期に関する貸借対照表及び損益計算書）" in text
    assert "定款又は寄付行為" in text
    assert "歳入歳出予算書" not in text
    # 補助率2分の1 with the 消費税等相当額 deducted: 4,800,000 − 362,962 → 4,437,000.
    assert "(7)×補助率（2分の1）4,800,000円1円未満の端数は切り捨てます。" in text
    assert "消費税等相当額（減額）362,962円" in text
    assert "4,437,000円" in text
    assert "7,437,000円" in text


def test_an_unknown_call_gets_the_ministry_and_a_list_from_its_sections() -> None:
    snapshot = stored(sample.type1_snapshot())
    snapshot["meta"]["program"]["slug"] = "fy2030-some-new-call"
    snapshot["meta"]["program"]["application_forms"] = "fy2030-some-new-call"
    text = flat("\n".join(page_texts(PdfReader(io.BytesIO(pdf.render_pdf(snapshot))))))
    assert "環境大臣殿" in text
    assert "1.様式2（実施計画書（事業の概要・実施体制の代表者））2.様式3（経費内訳書）" in text


def test_figures_that_could_not_be_computed_are_shown_as_such() -> None:
    snapshot = stored(sample.type1_snapshot())
    for year in snapshot["costs"]["years"]:
        year["steps"], year["subsidy"] = [], None
    text = flat("\n".join(page_texts(PdfReader(io.BytesIO(pdf.render_pdf(snapshot))))))
    assert "補助金所要額は、入力された金額からは算定できませんでした。" in text
    assert "7,200,000円0円—6,957,600円" in text


# The font --------------------------------------------------------------------------------------------------


def fonts_of(document: PdfReader) -> list[DictionaryObject]:
    found: dict[int, DictionaryObject] = {}
    for page in document.pages:
        resources = page["/Resources"].get_object()
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            found[id(font)] = font
            for descendant in font.get("/DescendantFonts", []):
                found[id(descendant.get_object())] = descendant.get_object()
    return list(found.values())


def test_the_japanese_font_is_embedded_and_no_cid_font_is_used(type1: dict[str, Any]) -> None:
    fonts = fonts_of(reader(type1))
    assert fonts
    for font in fonts:
        # reportlab's CID fonts (HeiseiMin…) are Type0 fonts without a font file: blank where not installed.
        assert font["/Subtype"] == "/TrueType", font
        assert "IPAexMincho" in str(font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # the TrueType program is in the file
        assert "/ToUnicode" in font  # and the text can be copied and searched
        # A subset: only the glyphs used, so the file stays small (the full font is about 4 MB).
        assert re.fullmatch(r"/[A-Z]{6}\+IPAexMincho", str(font["/BaseFont"]))


def test_the_file_stays_small(type1: dict[str, Any]) -> None:
    assert len(pdf.render_pdf(stored(type1))) < 1_000_000


# Long and hostile text -------------------------------------------------------------------------------------


def test_long_text_flows_over_several_pages() -> None:
    paragraphs = [
        f"第{i}段落：地域の再生可能エネルギー資源を活用した事業の検討を行い、住民との合意形成を図る。"
        for i in range(1, 121)
    ]
    short = len(reader(sample.type1_snapshot()).pages)
    document = reader(sample.type1_snapshot(background={"background": "\n".join(paragraphs)}))
    assert len(document.pages) >= short + 3
    text = flat("\n".join(page_texts(document)))
    for i in (1, 60, 120):
        assert flat(paragraphs[i - 1]) in text
    # Nothing lost or repeated where the text was cut between pages.
    assert text.count("第120段落") == 1
    assert (
        text.index("第1段落")
        < text.index("第60段落")
        < text.index("第120段落")
        < text.index("地域経済循環分析により")
    )


def test_a_single_line_longer_than_a_page_is_laid_out() -> None:
    line = "".join(f"{i:04d}地域資源の活用。" for i in range(1500))
    document = reader(sample.type1_snapshot(concept={"vision": line}))
    text = flat("\n".join(page_texts(document)))
    assert "0000地域資源の活用。" in text
    assert "1499地域資源の活用。" in text


def test_chunks_keep_the_text_and_fit_the_height() -> None:
    text = "\n".join(["短い行。", "長い行。" * 400, "", "　全角で字下げした行。", "最後の行。"])
    parts = pdf.chunks(text, pdf.VALUE_WIDTH)
    assert len(parts) > 3
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")
    for part in parts:
        height = pdf._p(part).wrap(pdf.VALUE_WIDTH - 2 * pdf.PADDING, pdf.CHUNK_HEIGHT)[1]
        assert height <= pdf.CHUNK_HEIGHT


def test_markup_escapes_and_keeps_line_breaks() -> None:
    assert pdf.markup("<b>太字</b> & <script>") == "&lt;b&gt;太字&lt;/b&gt; &amp; &lt;script&gt;"
    assert pdf.markup("一行目\r\n二行目\n三行目") == "一行目<br/>二行目<br/>三行目"
    assert pdf.markup("  字下げ") == "&nbsp;&nbsp;字下げ"
    assert pdf.markup("制御\x00文字\x0b") == "制御文字"


def test_hostile_text_is_printed_literally() -> None:
    hostile = "<b>太字</b> & <script>alert('x')</script> &amp; <font size=40>大</font> <para>"
    snapshot = sample.type1_snapshot(
        organization="<i>市</i> & 町",
        title="事業名 <br/> & </para>",
        background={"background": f"{hostile}\n二行目\x00\x1b"},
        costs={
            "years": [
                {
                    "fiscal_year": 2019,
                    "total_cost": 100_000,
                    "other_income": 0,
                    "consumption_tax": 0,
                    "lines": [
                        {
                            "category": "業務費／委託料",
                            "description": "<unclosed & =SUM(A1)",
                            "unit_price": 100_000,
                            "quantity": 1,
                            "unit": "<式>",
                        }
                    ],
                }
            ]
        },
        budget={"note": "<script>備考</script>", "revenue": [{"item": "<b>", "amount": 1}]},
    )
    text = flat("\n".join(page_texts(reader(snapshot))))
    assert flat(hostile) in text
    assert "<i>市</i>&町" in text
    assert "事業名<br/>&</para>" in text
    assert "<unclosed&=SUM(A1)100,000円×1<式>" in text
    assert "<script>備考</script>" in text


def test_characters_outside_the_font_do_not_break_the_pdf() -> None:
    snapshot = sample.type1_snapshot(background={"background": "絵文字🌱と髙﨑と𠮷野家と①②"})
    text = flat("\n".join(page_texts(reader(snapshot))))
    assert "髙﨑" in text
    assert "①②" in text


# Pieces ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "total"),
    [
        ([], 0),
        ([{"item": "国庫補助金", "amount": 100}, {"item": "一般財源", "amount": 50}], 150),
        (
            [
                {"item": "（款）国庫支出金", "amount": 1000},
                {"item": "（項）国庫補助金", "amount": 1000},
                {"item": "(目) 環境保全費補助金", "amount": 1000},
                {"item": "一般財源", "amount": 200},
            ],
            1200,
        ),
        ([{"item": "（項）補助金", "amount": 300}, {"item": "（目）補助金", "amount": 300}], 300),
        ([{"item": "（款）支出金", "amount": None}, {"item": "（款）繰入金", "amount": 5}], 5),
    ],
)
def test_budget_total_counts_each_yen_once(rows: list[dict[str, Any]], total: int) -> None:
    assert pdf.budget_total(rows) == total


def test_a_long_budget_note_goes_under_the_table() -> None:
    note = "補正予算の見込みについての説明。" * 60
    text = flat("\n".join(page_texts(reader(sample.type1_snapshot(budget={"note": note})))))
    budget = text[text.index("【予算書抜粋】") :]
    assert "（款）国庫支出金6,957,000円（款）衛生費7,200,000円下記のとおり" in budget
    assert budget.index("合計7,200,000円合計7,200,000円") < budget.index(flat(note))


def test_a_long_applicant_name_is_shortened_in_the_footer_only() -> None:
    name = "一般社団法人" + "地域循環共生圏" * 8
    texts = page_texts(reader(sample.type1_snapshot(organization=name)))
    assert all(f"第1版　{name[:29]}…" in text for text in texts)
    assert name in flat("\n".join(texts))

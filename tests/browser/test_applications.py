"""The whole path of an online application in a real browser, with axe on every step.

As the applicant: start a type-1 and a type-3 application, fill 様式1, 様式2 (every section), 様式3 and the
budget excerpt, upload documents, see the checklist go clean, submit, download the PDF and the xlsx and read
them back. As the secretariat: accept one, return the other with a reason.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import PASSWORD, totp_code
from tests.browser.conftest import assert_accessible, assert_reflows, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from junkan.applications.samples import MINIMAL_PDF as PDF_BYTES  # noqa: E402


@pytest.fixture
def call(db):
    import yaml

    from junkan.programs.services import import_program

    # From the shipped file: earlier transactional tests flushed the calls the migration loaded.
    data = yaml.safe_load(
        (
            Path(__file__).resolve().parents[2] / "junkan/programs/data/fy2019-decarbonised-region-model.yaml"
        ).read_text(encoding="utf-8")
    )
    now = timezone.now()
    data.update(
        slug="browser-open-call",
        opens_at=(now - timedelta(days=1)).isoformat(),
        closes_at=(now + timedelta(days=5)).isoformat(),
        published=True,
        published_at=(now - timedelta(days=1)).isoformat(),
    )
    return import_program(None, data).program


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def save_next(page: Page) -> None:
    before = page.url
    with page.expect_navigation():
        page.get_by_role("button", name="保存して次の様式へ").click()
    problems = page.locator(".error-summary, .notice-error, .notice-warning")
    assert page.url != before, problems.all_inner_texts()


def fill_generic(page: Page) -> None:
    """Fill every empty field of a fields section the way an officer would (sample text, valid formats)."""
    form = page.locator("form.application-form")
    for area in form.locator("textarea").all():
        if not area.input_value():
            area.fill("（ブラウザテスト）地域の現状と課題。\n二行目も保存されること。")
    for box in form.locator("input[type=text], input:not([type])").all():
        if box.input_value():
            continue
        name = box.get_attribute("name") or ""
        if name.endswith("project_years"):
            box.fill("1")
        elif name.endswith("co2_reduction"):
            box.fill("１２０．５")
        elif name == "co2_direct":
            box.fill("100")  # type ①: the split adds up to the figure (seed 002 4.(3)① ※)
        elif name == "co2_indirect":
            box.fill("20.5")
        else:
            box.fill("テスト入力")
    for box in form.locator("input[type=email]").all():
        if not box.input_value():
            box.fill("officer@example.jp")
    for box in form.locator("input[type=tel]").all():
        if not box.input_value():
            box.fill("0265-22-4511")
    for box in form.locator("input[type=date]").all():
        if not box.input_value():
            box.fill(timezone.localdate().isoformat())
    names = set(form.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)"))
    for name in names:
        radios = form.locator(f"input[type=radio][name='{name}']")
        if not any(r.is_checked() for r in radios.all()):
            # The second choice of yes/no questions is 「なし」/「いいえ」; requirements are met (the first).
            radios.nth(1 if radios.count() == 2 and not name.startswith("req_") else 0).check()


def fill_costs(page: Page, fy: int, amount: str) -> None:
    page.locator(f"#id_y{fy}-total_cost").fill("9,500,000")
    page.locator(f"#id_y{fy}-consumption_tax").fill("70万円")
    page.locator(f"#id_l{fy}-0-category").select_option("委託料")
    page.locator(f"#id_l{fy}-0-description").fill("再エネ導入ポテンシャル調査業務委託")
    page.locator(f"#id_l{fy}-0-unit_price").fill(amount)
    page.locator(f"#id_l{fy}-0-quantity").fill("1")
    page.locator(f"#id_l{fy}-1-category").select_option("旅費")
    page.locator(f"#id_l{fy}-1-description").fill("有識者の旅費")
    page.locator(f"#id_l{fy}-1-unit_price").fill("25,000")
    page.locator(f"#id_l{fy}-1-quantity").fill("４")


def fill_budget(page: Page) -> None:
    page.locator("#id_revenue-0-item").fill("国庫支出金 環境保全費補助金")
    page.locator("#id_revenue-0-amount").fill("6,700千円")
    page.locator("#id_expenditure-0-item").fill("環境保全費 委託料")
    page.locator("#id_expenditure-0-amount").fill("6,700,000")


def apply(page: Page, base: str, call, type_label: str, title: str, *, council: bool, amount: str) -> str:
    page.goto(f"{base}/applications/start/{call.slug}/")
    check(page)
    page.get_by_label(re.compile(type_label)).check()
    page.get_by_label("補助事業名").fill(title)
    with page.expect_navigation():
        page.get_by_role("button", name="作成を始める").click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    check(page)
    detail_url = page.url

    # 様式1 is prefilled with the organization and the person; the rest is typed.
    page.get_by_role("link", name="様式の入力").click()
    expect(page.locator("#id_organization_name")).to_have_value("長野県飯田市")
    check(page)
    fy = call.fiscal_year
    while True:
        heading = page.locator("#section-top").inner_text()
        if "経費内訳書" in heading:
            fill_costs(page, fy, amount)
            expect(page.locator("#costs-block")).to_contain_text("(8)補助金所要額")
        elif "予算書" in heading:
            fill_budget(page)
        else:
            fill_generic(page)
        if council and "協議会の構成員" in heading:
            expect(page.locator("#id_members-0-name")).to_have_value(re.compile(".+"))
        check(page)
        if page.get_by_role("button", name="保存して次の様式へ").count() == 0:
            with page.expect_navigation():
                page.get_by_role("button", name="保存する").click()
            break
        save_next(page)
    expect(page.locator(".messages")).to_contain_text("保存しました")

    # Documents: a file that is not what its name says is refused with the reason; real PDFs are kept.
    page.goto(detail_url + "documents/")
    check(page)
    page.get_by_label("書類の種類").select_option(label="見積書又は計算書（経費内訳の根拠）")
    page.locator("#id_file").set_input_files(
        {"name": "見積書.pdf", "mimeType": "application/pdf", "buffer": b"<html>not a pdf</html>"}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="登録する").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "開くと動作する内容を含むファイルは受け付けていません"
    )
    check(page)
    kinds = ["見積書又は計算書（経費内訳の根拠）"]
    if council:
        kinds.append("協議会の形成状況（形成予定を含む）が確認できる文書")
    for label in kinds:
        page.get_by_label("書類の種類").select_option(label=label)
        page.locator("#id_file").set_input_files(
            {"name": f"{label[:6]}.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
        )
        with page.expect_navigation():
            page.get_by_role("button", name="登録する").click()
        expect(page.locator(".messages")).to_contain_text("ファイルを登録しました")

    # The checklist is clean; submit.
    page.goto(detail_url)
    expect(page.locator("#checklist-title + p")).to_have_text(
        "未入力・不備の項目はありません。提出できます。"
    )
    check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="提出する（内容の確認へ）").click()
    # The confirmation page (確認画面) shows the whole application for a last check.
    expect(page.locator("#confirm-details")).to_have_text("最終確認：記録される内容")
    expect(page.locator("main")).to_contain_text(title)
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="確認しました。提出する").click()
    expect(page.locator(".messages")).to_contain_text("受付番号は")
    check(page)

    # The PDF carries what was typed, in Japanese; the xlsx opens with the cost lines as numbers.
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name=re.compile("PDFをダウンロード")).click()
    text = "".join(p.extract_text() for p in PdfReader(pdf_download.value.path()).pages)
    assert "長野県飯田市" in text and title in text and "再エネ導入ポテンシャル調査業務委託" in text
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name=re.compile("Excelでダウンロード")).click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    cells = [c.value for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert "再エネ導入ポテンシャル調査業務委託" in cells
    return detail_url


def test_apply_submit_and_decide(page: Page, live_server, call, organization, owner, make_staff):
    from junkan.applications.models import Application, ApplicationStatus

    base = live_server.url
    login(page, base, owner.email, PASSWORD)
    page.goto(f"{base}/applications/")
    check(page)
    first = apply(
        page, base, call, "地域資源を活用", "ブラウザテスト 再エネ調査", council=False, amount="6,600千円"
    )
    second = apply(
        page, base, call, "住民参加型協議会", "ブラウザテスト 協議会運営", council=True, amount="190万円"
    )
    assert Application.objects.filter(status=ApplicationStatus.SUBMITTED).count() == 2
    # Requested amounts were computed by the engine: 6,600,000 + 100,000 (定額, below 基準額 10,000,000);
    # type 3: 1,900,000 + 100,000 = 2,000,000 (below 3,000,000).
    assert sorted(Application.objects.values_list("requested_amount", flat=True)) == [2_000_000, 6_700_000]

    # The secretariat accepts the first and returns the second.
    page.context.clear_cookies()
    staff = make_staff()
    login(page, base, staff.email, PASSWORD)
    if "/2fa/" in page.url:
        page.locator("#id_code").fill(totp_code())
        with page.expect_navigation():
            page.get_by_role("button", name="ログイン").click()
    page.goto(f"{base}/applications/inbox/{call.slug}/")
    check(page)
    expect(page.locator("table.responsive tbody tr")).to_have_count(2)
    page.goto(first + "decide/")
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="受理する").click()
    expect(page.locator(".messages")).to_contain_text("受理しました")
    page.goto(second + "decide/")
    page.get_by_label("不備の内容").fill("協議会の覚書の写しが不鮮明です。再度添付してください。")
    page.get_by_label("再提出の期限").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="不備として返却する").click()
    expect(page.locator(".messages")).to_contain_text("不備として返却しました")
    check(page)
    statuses = dict(Application.objects.values_list("title", "status"))
    assert statuses == {"ブラウザテスト 再エネ調査": "accepted", "ブラウザテスト 協議会運営": "returned"}

    # The applicant sees the reason.
    page.context.clear_cookies()
    login(page, base, owner.email, PASSWORD)
    page.goto(second)
    expect(page.locator(".notice-warning")).to_contain_text("協議会の覚書の写しが不鮮明です")
    check(page)

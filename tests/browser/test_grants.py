"""One project of the FY2015 call (seed 003, type「FS調査」) carried from the decision to the determined
amount and its first follow-up report, in a real browser, with axe on every page.

The project is set up with the ORM as just applied for (交付申請中, FY2015). Then only the browser: the
secretariat decides the grant; the grantee records a contract, the completion date, the FS調査書 with its CO2
figure and a cost line with its receipt, and submits it; the secretariat accepts it and determines the amount
(compared with the engine's result); the grantee requests the payment and the secretariat records it; the
grantee files the first annual 事業報告書 below the promised reduction (refused without the cause analysis,
then submitted). The history lists every state change, and an outsider cannot see the project.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, assert_reflows, login, login_2fa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOKYO = ZoneInfo("Asia/Tokyo")
PROGRAMS_DATA = Path(__file__).resolve().parents[2] / "junkan/programs/data"
# A PDF the upload check accepts.
from junkan.applications.samples import MINIMAL_PDF as PDF_BYTES  # noqa: E402

COST = 8_123_456
DECIDED = 8_500_000
TITLE = "飯田市エコタウンにおける廃食用油の燃料化の実現可能性調査"


def check(page: Page, *, reflow: bool = False) -> None:
    """axe (WCAG 2.1 A/AA) on the page; with ``reflow``, also nothing sideways at 320 px, then back."""
    assert_accessible(page)
    if reflow:
        assert_reflows(page)
        page.set_viewport_size({"width": 1280, "height": 900})


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


@pytest.fixture
def ecotown_call(db):
    """A copy of the FY2015 call (seed 003): FS調査書, then four annual 事業報告書."""
    import yaml

    from junkan.programs.services import import_program

    data = yaml.safe_load((PROGRAMS_DATA / "fy2015-ecotown-low-carbon.yaml").read_text(encoding="utf-8"))
    data.update(slug="browser-grants-ecotown", published=True)
    return import_program(None, data).program


@pytest.fixture
def applied_project(ecotown_call, organization, owner):
    """飯田市's FS project of the FY2015 call, as it stands after the grant application (ORM only, as the
    grants tests' ``make_project("applied")``): adopted 2015-07-01, applied 2015-07-06 for 9,000,000 yen in
    FY2015, planned 2015-08-03 to 2016-02-29 (the type has no period end of its own: within FY2015)."""
    from django.utils import timezone

    from junkan.applications.models import Application, ApplicationStatus
    from junkan.grants.models import AwardYear, PlanVersion, Project, ProjectStatus

    project_type = ecotown_call.project_types.get(code="fs")
    assert project_type.period_end is None and ecotown_call.fiscal_year == 2015
    application = Application.objects.create(
        program=ecotown_call,
        project_type=project_type,
        organization=organization,
        created_by=owner,
        title=TITLE,
        status=ApplicationStatus.ACCEPTED,
        receipt_number="2015-003-0001",
        submitted_at=timezone.now(),
        requested_amount=9_000_000,
        total_cost=9_000_000,
    )
    project = Project.objects.create(
        application=application,
        program=ecotown_call,
        project_type=project_type,
        organization=organization,
        title=TITLE,
        adopted_on=date(2015, 7, 1),
        adopted_amount=9_000_000,
        status=ProjectStatus.APPLIED,
        applied_at=datetime(2015, 7, 6, 10, 0, tzinfo=TOKYO),
        applied_amount=9_000_000,
        planned_start_on=date(2015, 8, 3),
        planned_end_on=date(2016, 2, 29),
    )
    AwardYear.objects.create(project=project, fiscal_year=2015, applied_amount=9_000_000)
    PlanVersion.objects.create(project=project, number=1, sections={}, reason="交付申請", created_by=owner)
    return project


def test_decision_to_determined_amount_and_first_annual_report(
    page: Page, new_page, live_server, applied_project, owner, outsider, make_staff, settings, tmp_path
):
    from junkan.audit.models import AuditEntry
    from junkan.grants.engine import determination
    from junkan.grants.models import ProjectStatus, Report, ReportStatus
    from junkan.jp.money import format_yen

    settings.MEDIA_ROOT = str(tmp_path / "media")  # the uploaded PDFs go to a temporary folder
    base = live_server.url
    project = applied_project
    project_url = f"{base}/grants/p/{project.public_id}/"
    staff = make_staff()
    secretariat = page
    grantee = new_page()

    # 1. The secretariat decides the grant: date, number, FY2015 amount (below the application), conditions.
    login_2fa(secretariat, base, staff.email)
    secretariat.goto(project_url)
    expect(secretariat.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(secretariat.locator(".badges .badge")).to_have_text("交付申請中")
    check(secretariat, reflow=True)
    secretariat.get_by_role("link", name="交付申請を審査し、交付決定を行ってください。").click()
    secretariat.wait_for_url("**/decision/")
    check(secretariat)
    # The three points of seed 002 「採択後」2.(2) ア–ウ are confirmed first; the decision form follows.
    for _point in range(3):
        with secretariat.expect_navigation():
            secretariat.get_by_role("button", name="確認した", exact=True).first.click()
    expect(secretariat.get_by_text("すべて確認済み")).to_be_visible()
    secretariat.locator("#id_decided_on").fill("2015-08-03")
    secretariat.locator("#id_decision_number").fill("環廃企発第150803001号")
    secretariat.locator("#id_amount_2015").fill("8,500,000")
    secretariat.locator("#id_conditions").fill("FS調査の結果は、事業報告書により4年間報告すること。")
    submit(secretariat, "交付決定を記録する")
    # The confirmation page (確認画面) shows what will be recorded before the irreversible step.
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("交付決定をする：内容の確認")
    expect(secretariat.locator("main")).to_contain_text("8,500,000円")
    check(secretariat)
    submit(secretariat, "確認しました。交付決定をする")
    expect(secretariat.locator(".messages")).to_contain_text("交付決定を記録しました")
    expect(secretariat.locator(".badges .badge")).to_have_text("交付決定")
    check(secretariat)
    project.refresh_from_db()
    assert (project.status, project.decided_on, project.decided_amount) == (
        ProjectStatus.DECIDED,
        date(2015, 8, 3),
        DECIDED,
    )

    # The overview: the figures, and every report owed with its (provisional) due date and the call's words.
    secretariat.goto(project_url)
    figures = secretariat.locator("#figures-title + dl")
    expect(figures).to_contain_text("2015年8月3日（環廃企発第150803001号）")
    expect(figures).to_contain_text("8,500,000円")
    expect(figures).to_contain_text("FS調査の結果は、事業報告書により4年間報告すること。")
    due_rows = secretariat.locator("table.responsive tbody tr")
    reports = list(project.reports.order_by("due_on", "fiscal_year", "id"))
    # FS調査書 and four annual 事業報告書 (the 中間報告書 only when continuing into the next year).
    assert [r.name for r in reports] == ["FS調査書", "事業報告書", "事業報告書", "事業報告書", "事業報告書"]
    expect(due_rows).to_have_count(len(reports))
    fs_report = reports[0]
    # 「起算して30日を経過した日」 from the planned end (2016-02-29) is earlier than 2016-04-10.
    assert fs_report.due_on == date(2016, 3, 30)
    expect(due_rows.nth(0)).to_contain_text("FS調査書")
    expect(due_rows.nth(0)).to_contain_text("2016年3月30日")
    expect(due_rows.nth(0)).to_contain_text(fs_report.due_text)
    expect(due_rows.nth(1)).to_contain_text("2016年4月30日")
    expect(due_rows.nth(1)).to_contain_text(reports[1].due_text)
    expect(secretariat.get_by_text("提出期限は事業完了予定日から計算した仮の期限です")).to_be_visible()

    # 2. The grantee: a contract after the decision, the completion date, the FS調査書, its cost and receipt.
    login(grantee, base, owner.email, PASSWORD)
    grantee.goto(project_url)
    expect(grantee.locator(".badges .badge")).to_have_text("交付決定")
    grantee.get_by_role("link", name="契約・発注", exact=True).click()
    grantee.wait_for_url("**/contracts/")
    check(grantee)
    grantee.get_by_label("契約・発注日").fill("2015-09-01")
    grantee.get_by_label("契約の相手方").fill("株式会社信州環境コンサルタント（架空）")
    grantee.get_by_label("件名・内容").fill("廃食用油燃料化の実現可能性調査業務委託")
    grantee.get_by_label("契約金額（円・税込）").fill("8,123,456")
    grantee.get_by_role("radio", name=re.compile("競争性のある手続")).check()
    submit(grantee, "登録する")
    expect(grantee.locator(".messages")).to_contain_text("契約・発注を登録しました")
    contracts = grantee.get_by_role("table", name="登録された契約・発注")
    expect(contracts.locator("tbody tr")).to_have_count(1)
    expect(contracts.locator("tbody tr")).to_contain_text("対象")
    check(grantee)

    grantee.get_by_role("link", name="報告", exact=True).click()
    grantee.wait_for_url("**/reports/")
    check(grantee)
    grantee.get_by_label("補助事業の完了日").fill("2016-02-15")
    submit(grantee, "完了日を登録する")
    expect(grantee.locator(".messages")).to_contain_text("事業完了日を登録しました")
    check(grantee)
    fs_report.refresh_from_db()
    # Now counted from the completion date: 30 days from 2016-02-15.
    assert fs_report.due_on == date(2016, 3, 16)
    expect(grantee.locator("table.responsive tbody tr").first).to_contain_text("2016年3月16日")

    grantee.get_by_role("link", name="FS調査書").click()
    grantee.wait_for_url(f"**/reports/{fs_report.pk}/")
    check(grantee)
    items = grantee.locator("form[aria-labelledby=contents-title] textarea")
    assert items.count() == len(fs_report.contents) == 6
    for index in range(items.count()):
        items.nth(index).fill(f"（ブラウザテスト）FS調査書の記入事項{index + 1}。\n二行目も保存されること。")
    grantee.get_by_label("CO2削減量（t-CO2/年）").fill("120.5")
    # （ウ）事業採算性又は光熱費等削減の評価 (seed 003 §9(2)): the figures as numbers, the payback derived.
    grantee.get_by_label("初期投資額（円）").fill("4,500万円")
    grantee.get_by_label("年間の支出（円/年）").fill("800,000")
    grantee.get_by_label("光熱費等削減額（円/年）").fill("420万円")
    grantee.get_by_label("評価期間（年）").fill("15")
    submit(grantee, "保存する")
    expect(grantee.locator(".messages")).to_contain_text("「FS調査書」を保存しました")
    expect(grantee.get_by_role("group", name="CO2削減量")).to_contain_text("現在の削減量：120.500 t-CO2/年")
    expect(grantee.get_by_role("group", name=re.compile("事業採算性"))).to_contain_text("13.3年")
    checklist = grantee.locator("section.checklist")
    expect(checklist).to_contain_text("経費の実績を1件以上登録してください。")
    check(grantee, reflow=True)

    grantee.get_by_role("link", name=re.compile("^経費の実績と領収書等")).click()
    grantee.wait_for_url(f"**/reports/{fs_report.pk}/costs/")
    check(grantee)
    grantee.get_by_label("費目／細目").select_option(value="業務費|委託料")
    grantee.get_by_label("年度").select_option(value="2015")
    grantee.get_by_label("内容").fill("廃食用油燃料化の実現可能性調査業務委託")
    grantee.get_by_label("支出額（円・税込）").fill("8,123,456")
    grantee.get_by_label("支払日").fill("2016-02-25")
    grantee.get_by_label("契約・発注", exact=True).select_option(index=1)
    submit(grantee, "追加する")
    expect(grantee.locator(".messages")).to_contain_text("経費の実績を追加しました")
    line_row = grantee.locator("table.cost-lines tbody tr")
    expect(line_row).to_have_count(1)
    expect(line_row).to_contain_text("未添付")
    upload = grantee.get_by_role(
        "form", name="「廃食用油燃料化の実現可能性調査業務委託」の領収書等・請求書を添付"
    )
    upload.get_by_label("書類の種類").select_option(label="領収書等")
    upload.get_by_label("ファイル").set_input_files(
        {"name": "領収書_調査委託.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    with grantee.expect_navigation():
        upload.get_by_role("button", name="添付する").click()
    expect(grantee.locator(".messages")).to_contain_text("ファイルを登録しました")
    expect(line_row).to_contain_text("領収書等：領収書_調査委託.pdf")
    expect(grantee.locator("table.cost-lines tfoot")).to_contain_text("補助対象 8,123,456円／対象外 0円")
    check(grantee)

    grantee.get_by_role("link", name="「FS調査書」に戻る").click()
    grantee.wait_for_url(f"**/reports/{fs_report.pk}/")
    expect(checklist.get_by_role("status")).to_have_text("未入力・不備の項目はありません。提出できます。")
    submit(grantee, "提出する")
    expect(grantee.locator(".messages")).to_contain_text("「FS調査書」を提出しました")
    expect(grantee.locator(".badges .badge")).to_have_text("事業完了（実績報告）")
    check(grantee)
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert str(project.promised_t_co2) == "120.500"

    # 3. The secretariat accepts the FS調査書 and determines the amount on the money page.
    secretariat.goto(f"{project_url}reports/{fs_report.pk}/")
    check(secretariat)
    submit(secretariat, "受理する")
    submit(secretariat, "確認しました。報告を受理する")
    expect(secretariat.locator(".messages")).to_contain_text("「FS調査書」を受理しました")
    secretariat.get_by_role("link", name="額の確定・支払・返還").click()
    secretariat.wait_for_url("**/money/")
    # The expected amount: the call's amount rule (定額 1/1, 上限 10,000,000円) on the eligible cost, at most
    # the decision, computed by the engine as the page should.
    rule = project.project_type.amount_rule()
    expected = determination.determine(
        rule,
        [
            determination.YearFigures(
                fiscal_year=2015, decided=DECIDED, total_cost=COST, eligible_cost=COST, other_income=0
            )
        ],
    ).determined_total
    # (1)=(4)=8,123,456 → (7)×1/1 → 千円未満切捨て 8,123,000 (below the cap and the decision).
    assert expected == 8_123_000 <= DECIDED
    working = secretariat.locator("#determination-title").locator("..")
    year_working = working.get_by_role("table", name="平成27年度の計算（実績による経費内訳）")
    expect(year_working.get_by_role("row", name=re.compile("^千円未満切捨て"))).to_contain_text("8,123,000円")
    expect(working.locator("dl.props")).to_contain_text(f"確定額（合計）{format_yen(expected)}")
    expect(working.get_by_role("table", name="経費の実績（完了実績報告書）")).to_contain_text("8,123,456円")
    check(secretariat, reflow=True)
    secretariat.get_by_label("額の確定日").fill("2016-03-25")
    submit(secretariat, "この額で確定する")
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("交付額を確定する：内容の確認")
    check(secretariat)
    submit(secretariat, "確認しました。交付額を確定する")
    expect(secretariat.locator(".messages")).to_contain_text("交付額を確定しました")
    expect(secretariat.locator(".badges .badge")).to_have_text("額の確定")
    expect(secretariat.locator("#figures-title + dl")).to_contain_text(format_yen(expected))
    check(secretariat)
    project.refresh_from_db()
    assert project.determined_amount == expected <= project.decided_amount

    # 4. The grantee requests the payment; the secretariat records it.
    grantee.goto(f"{project_url}money/")
    check(grantee)
    grantee.get_by_label("精算払請求日").fill("2016-04-01")
    submit(grantee, f"{format_yen(expected)}の精算払を請求する")
    expect(grantee.locator(".messages")).to_contain_text("精算払請求書の提出を記録しました")
    check(grantee)
    secretariat.reload()
    expect(secretariat.get_by_label("支払額")).to_have_value(f"{expected:,}")
    secretariat.get_by_label("支払日").fill("2016-04-10")
    submit(secretariat, "支払を記録する")
    expect(secretariat.locator(".messages")).to_contain_text("補助金の支払を記録しました")
    expect(secretariat.locator(".badges .badge")).to_have_text("支払済み")
    check(secretariat)

    # 5. The first annual 事業報告書 (FY2015): ① = 50 + 30 t-CO2/年, below the promised 120.5.
    annual = Report.objects.get(project=project, kind="annual", fiscal_year=2015)
    assert (annual.period_start, annual.period_end, annual.due_on) == (
        date(2016, 2, 15),
        date(2016, 3, 31),
        date(2016, 4, 30),
    )
    grantee.goto(f"{project_url}reports/")
    grantee.locator("table.responsive tbody tr", has_text="2016年2月15日〜2016年3月31日").get_by_role(
        "link", name="事業報告書"
    ).click()
    grantee.wait_for_url(f"**/reports/{annual.pk}/")
    expect(grantee.locator("#cause-requirement")).to_contain_text("120.500 t-CO2/年")
    check(grantee)
    texts = {
        "（ア）": "事業者Aが事業化計画を策定し、2016年3月に市と協定を結んだ。",
        "（イ）①": "燃料化設備は計画処理量から見込み、導入済みの前処理設備は電力使用量の実績から算定。",
        "（ウ）": "2016年度に燃料化設備の基本設計を行い、2017年度の稼働を目指す。",
    }
    for prefix, text in texts.items():
        grantee.get_by_role("textbox", name=re.compile("^" + re.escape(prefix))).fill(text)
    grantee.get_by_label(re.compile("^導入前の設備")).fill("50")
    grantee.get_by_label(re.compile("^導入後の設備")).fill("30")
    submit(grantee, "保存する")
    expect(grantee.locator(".messages")).to_contain_text("「事業報告書（平成27年度）」を保存しました")
    expect(grantee.locator("#cause-requirement")).to_contain_text("原因の分析の記入が必要です")
    files = grantee.locator("form[action$='/files/']")
    files.get_by_label("書類の種類").select_option(label="光熱水量のデータ等（算定根拠）")
    files.get_by_label("ファイル").set_input_files(
        {"name": "光熱水量_2015年度.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    with grantee.expect_navigation():
        files.get_by_role("button", name="添付する").click()
    expect(grantee.locator(".messages")).to_contain_text("ファイルを登録しました")
    expect(grantee.locator("#files-title").locator("..")).to_contain_text("光熱水量_2015年度.pdf")

    # Submitting without the cause analysis: refused in Japanese, and what was entered is still there.
    submit(grantee, "提出する")
    errors = grantee.locator(".error-summary")
    expect(errors).to_contain_text("手続ができませんでした")
    expect(errors.locator("li")).to_have_count(1)
    expect(errors).to_contain_text(
        "削減量（80.000 t-CO2/年）が実績報告書に記載した削減量（120.500 t-CO2/年）に達していないため、"
        "原因の分析を記入してください。"
    )
    for prefix, text in texts.items():
        expect(grantee.get_by_role("textbox", name=re.compile("^" + re.escape(prefix)))).to_have_value(text)
    expect(grantee.get_by_label(re.compile("^導入前の設備"))).to_have_value("50.000")
    expect(grantee.get_by_label(re.compile("^導入後の設備"))).to_have_value("30.000")
    check(grantee, reflow=True)
    annual.refresh_from_db()
    assert annual.status == ReportStatus.PENDING

    grantee.get_by_role("textbox", name=re.compile("^（イ）②")).fill(
        "燃料化設備の導入が1年遅れ、2015年度は試験運転分の削減にとどまったため。"
    )
    submit(grantee, "保存する")
    expect(grantee.locator("section.checklist").get_by_role("status")).to_have_text(
        "未入力・不備の項目はありません。提出できます。"
    )
    submit(grantee, "提出する")
    expect(grantee.locator(".messages")).to_contain_text("「事業報告書（平成27年度）」を提出しました")
    expect(grantee.locator("#report-title + dl")).to_contain_text("提出済み")
    annual.refresh_from_db()
    assert annual.status == ReportStatus.SUBMITTED

    # 6. The history lists every state change; an outsider is told the project does not exist.
    grantee.get_by_role("link", name="履歴").click()
    grantee.wait_for_url("**/history/")
    history = grantee.get_by_role("table", name="操作の記録")
    # In words, never the codes: the declared move's label or the app's words for the action.
    actions = {
        "grants.project.decided": "交付決定",
        "grants.project.completion_date_set": "完了予定日の設定",
        "grants.report.submitted": "報告の提出",
        "grants.project.completed": "事業完了（完了実績報告書の提出）",
        "grants.report.accepted": "報告の受理",
        "grants.project.determined": "額の確定",
        "grants.project.payment_requested": "支払の請求",
        "grants.project.paid": "補助金の支払",
    }
    for words in actions.values():
        expect(history.get_by_text(words, exact=True).first).to_be_visible()
    expect(history.get_by_text("報告の提出", exact=True)).to_have_count(2)
    expect(history).not_to_contain_text("grants.")
    check(grantee)
    recorded = set(AuditEntry.objects.values_list("action", flat=True))
    assert set(actions) <= recorded
    assert len(list((tmp_path / "media" / "grants" / str(project.public_id)).iterdir())) == 2

    other = new_page()
    login(other, base, outsider.email, PASSWORD)
    response = other.goto(project_url)
    assert response is not None and response.status == 404

"""A region from a consortium case through the transition hearing to a support team with a recorded visit
and a KPI actual: the region's member, the secretariat and a team expert in their own browsers; axe on
every page."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, assert_reflows, login, login_2fa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from junkan.applications.samples import MINIMAL_PDF as PDF_BYTES  # noqa: E402  (the upload check parses it)


def check(page: Page, *, reflow: bool = False) -> None:
    assert_accessible(page)
    if reflow:
        assert_reflows(page)
        page.set_viewport_size({"width": 1280, "height": 900})


def press(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def follow(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).click()


def open_details(page: Page, summary: str) -> None:
    page.locator("summary", has_text=summary).click()


@pytest.fixture
def setting(organization, make_staff, make_user):
    import importlib

    from django.apps import apps
    from django.db import connection

    from junkan.municipalities.models import Municipality
    from junkan.regional import services
    from junkan.registry.models import RegionRegistration, RegistrationStatus
    from junkan.support.models import Expert, SupportField

    migration = importlib.import_module("junkan.support.migrations.0002_load_vocabularies")
    with connection.schema_editor() as schema_editor:
        migration.load(apps, schema_editor)
    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        status=RegistrationStatus.APPROVED,
        challenges="人口減少と森林の荒廃",
        desired_future="森と水とエネルギーが地域で回る暮らし",
        backcasting="2030年までに公共施設へ地域の電力を供給する",
        contact_name="環境 太郎",
        contact_email="kankyo@example.jp",
    )
    region.municipalities.set([Municipality.objects.get(code="202053")])
    staff = make_staff()
    services.announce_round(
        staff, fiscal_year=2025, name="2025年度 環境整備", budget_cap=2_000_000, announced_on=date(2025, 4, 1)
    )
    field = SupportField.objects.get(name="地域経営・事業計画")
    for name in ("森本 さやか", "川辺 誠", "山田 花子"):
        expert = Expert.objects.create(name=name, affiliation="研究所（架空）", bio="経歴", is_published=True)
        expert.fields.set([field])
    expert_user = make_user("expert@example.jp", full_name="森本 さやか")
    return {"region": region, "staff": staff, "expert": expert_user}


def test_consortium_case_through_the_hearing_to_a_team_visit_and_a_kpi_actual(
    page: Page, new_page, live_server, setting, member, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    base = live_server.url
    region = setting["region"]
    region_url = f"{base}/regional/regions/{region.pk}/"
    person = page
    secretariat = new_page()
    expert = new_page()

    # 1. The region's member applies for consortium support: the case starts from the concept sheet.
    login(person, base, member.email, PASSWORD)
    person.goto(region_url)
    expect(person.get_by_role("heading", level=1)).to_have_text("南信州 地域循環共生圏の支援")
    check(person, reflow=True)
    open_details(person, "環境整備の支援に応募する")
    person.get_by_label("新規").check()
    press(person, "案件を作成する")
    expect(person.locator(".messages")).to_contain_text("支援案件を作成しました")
    expect(person.locator("#id_concept-desired_future")).to_have_value("森と水とエネルギーが地域で回る暮らし")
    expect(person.locator(".notice")).to_contain_text("行政")
    check(person, reflow=True)
    case_url = person.url
    person.locator("#id_analysis-file").set_input_files(
        {"name": "地域経済循環分析.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    press(person, "ファイルを添付する")
    expect(person.get_by_role("link", name="地域経済循環分析.pdf")).to_be_visible()

    # 2. The consortium: a local-government member and a meeting with its minutes.
    follow(person, "南信州 地域循環共生圏 地域コンソーシアム（構成員・会議・議事録）")
    check(person, reflow=True)
    open_details(person, "構成員を追加する")
    person.locator("#id_member-name").fill("飯田市 企画課")
    person.locator("#id_member-sector").select_option(label="行政")
    press(person, "追加する")
    expect(person.locator("table")).to_contain_text("飯田市 企画課")
    open_details(person, "会議を記録する")
    person.locator("#id_meeting-held_on").fill("2025-06-01")
    person.locator("#id_meeting-agenda").fill("第1回 ありたい未来の共有")
    person.locator("#id_meeting-attendance").fill("15")
    person.locator("#id_meeting-minutes").fill("地域資源の棚卸しの結果を共有した。")
    person.locator("#id_meeting-decisions").fill("木質バイオマスを重点テーマとする。")
    press(person, "記録する")
    expect(person.locator("main")).to_contain_text("地域資源の棚卸しの結果を共有した。")
    check(person, reflow=True)

    # 3. The region applies (a confirmation page), the secretariat selects with its reasons.
    person.goto(case_url)
    follow(person, "応募する")
    expect(person.locator("main")).to_contain_text("事務局の選定が終わるまで")
    check(person, reflow=True)
    press(person, "確認しました。応募する")
    expect(person.locator(".badges")).to_contain_text("選定中")
    login_2fa(secretariat, base, setting["staff"].email)
    secretariat.goto(case_url)
    check(secretariat)
    follow(secretariat, "支援する地域に選定する")
    secretariat.get_by_label("理由").fill("行政と金融が参画し、構想の具体化が見込める。")
    press(secretariat, "確認しました。支援する地域に選定する")
    expect(secretariat.locator(".badges")).to_contain_text("支援中")

    # 4. The region asks for the hearing; the panel judges the six criteria and decides to move on.
    person.goto(case_url)
    press(person, "移行ヒアリングを申し込む")
    expect(person.locator(".badges")).to_contain_text("移行ヒアリング")
    secretariat.goto(case_url)
    follow(secretariat, "移行ヒアリング")
    expect(secretariat.get_by_role("group", name="地域の関係性の構築")).to_be_visible()
    check(secretariat, reflow=True)
    for key in ("stakeholders", "partnership", "management", "resources", "private", "wide_area"):
        secretariat.locator(f"#id_{key}-met").select_option("yes")
        secretariat.locator(f"#id_{key}-evidence").fill("コンソーシアムの議事録")
        secretariat.locator(f"#id_{key}-comment").fill("満たしている")
    secretariat.locator("#id_outcome").select_option("team")
    secretariat.locator("#id_reasons").fill("六つの観点をすべて満たしている。")
    press(secretariat, "判定を保存する")
    follow(secretariat, "決定して地域に通知する")
    check(secretariat)
    press(secretariat, "確認しました。決定して地域に通知する")
    expect(secretariat.locator(".badges")).to_contain_text("決定済み")

    # 5. The region requests its support team; the secretariat forms it from the directory.
    person.goto(region_url)
    follow(person, "南信州 地域循環共生圏 支援チーム")
    check(person, reflow=True)
    person.get_by_label("地域経営・事業計画").check()
    person.locator("#id_request-request_note").fill("木質バイオマスの事業計画づくりの支援")
    press(person, "依頼の内容を保存する")
    press(person, "支援チームの派遣を依頼する")
    expect(person.locator(".badges")).to_contain_text("依頼中")
    team_url = person.url
    secretariat.goto(team_url)
    for number, name in enumerate(("森本 さやか", "川辺 誠", "山田 花子")):
        open_details(secretariat, "専門家を加える（専門家名簿から）")
        secretariat.locator("#id_expert-expert").select_option(label=name)
        if number == 0:
            secretariat.locator("#id_expert-user_email").fill("expert@example.jp")
        press(secretariat, "チームに加える")
        expect(secretariat.locator("main")).to_contain_text(name)
    open_details(secretariat, "支援期間と費用")
    secretariat.locator("#id_terms-starts_on").fill("2026-04-01")
    secretariat.locator("#id_terms-ends_on").fill("2027-03-31")
    secretariat.locator("#id_terms-consulting_fee").fill("6,000,000")
    secretariat.locator("#id_terms-other_costs").fill("4,000,001")
    press(secretariat, "保存する")
    expect(secretariat.locator("main")).to_contain_text("10,000千円")  # over the cap: refused, kept
    expect(secretariat.locator("#id_terms-other_costs")).to_have_value("4,000,001")
    secretariat.locator("#id_terms-other_costs").fill("1,800,000")
    press(secretariat, "保存する")
    check(secretariat, reflow=True)
    follow(secretariat, "この編成で支援チームを派遣する")
    press(secretariat, "確認しました。この編成で支援チームを派遣する")
    expect(secretariat.locator(".badges")).to_contain_text("支援中")

    # 6. The team's expert records a visit with advice.
    login(expert, base, "expert@example.jp", PASSWORD)
    expert.goto(team_url)
    open_details(expert, "訪問を記録する")
    expert.locator("#id_visit-visited_on").fill("2026-06-05")
    expert.get_by_label("森本 さやか").check()
    expert.locator("#id_visit-heard").fill("森林組合、旅館組合")
    expert.locator("#id_visit-advice_resources").fill("未利用材の量を確かめる。")
    press(expert, "記録する")
    expect(expert.locator(".messages")).to_contain_text("訪問を記録しました")
    expect(expert.locator("main")).to_contain_text("未利用材の量を確かめる。")
    check(expert, reflow=True)

    # 7. The region writes its business plan with a KPI and records the first actual.
    person.goto(region_url)
    open_details(person, "事業計画を作成する")
    person.locator("#id_plan-title").fill("森のエネルギー事業計画")
    press(person, "作成する")
    open_details(person, "KPIを追加する")
    person.locator("#id_kpi-area").select_option(label="環境")
    person.locator("#id_kpi-name").fill("CO2排出量")
    person.locator("#id_kpi-unit").fill("t-CO2/年")
    person.locator("#id_kpi-baseline").fill("1000")
    person.locator("#id_kpi-baseline_year").fill("2025")
    press(person, "追加する")
    open_details(person, "目標値・実績値を入力する")
    person.locator("#id_year-fiscal_year").fill("2026")
    person.locator("#id_year-target").fill("900")
    person.locator("#id_year-actual").fill("950")
    press(person, "保存する")
    expect(person.locator("table").first).to_contain_text("50.0%")
    expect(person.locator("svg.kpi-chart")).to_be_visible()
    check(person, reflow=True)

    # 8. The secretariat's views across regions; the region's profile shows its stage.
    secretariat.goto(f"{base}/regional/progress/")
    expect(secretariat.locator("main")).to_contain_text("南信州 地域循環共生圏")
    check(secretariat, reflow=True)
    secretariat.goto(f"{base}/regional/rounds/")
    check(secretariat)
    person.goto(f"{base}/regional/")
    check(person)
    person.goto(f"{base}/registry/regions/{region.pk}/")
    expect(person.locator("[aria-current=step]")).to_contain_text("支援チーム")
    check(person)

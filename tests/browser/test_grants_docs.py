"""補助金調書, 事後評価, a hub's cases and a bank's view of a region's plan, in a real browser with axe.

The secretariat records the post-evaluation of 飯田市's completed project (the form, then the result), sees it
in the list with its CSV link and downloads the 補助金調書; the grantee reads the evaluation and downloads the
調書; an outsider gets 404. The staff of 中部地方環境事務所 follow the cases of their area; a bank reads a
consenting region's published business plan.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, assert_reflows, login, login_2fa, reload_shipped_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROGRAMS_DATA = Path(__file__).resolve().parents[2] / "junkan/programs/data"
TITLE = "飯田市の廃熱・バイオガス相互利用の実現可能性調査"


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


@pytest.fixture(autouse=True)
def shipped(transactional_db):
    """Earlier transactional tests flush what the migrations ship (the hubs and their areas among them)."""
    reload_shipped_data()


@pytest.fixture
def paid_project(organization, owner):
    """飯田市's FS project of a copy of the FY2015 call, completed 2016-02-15 and paid (ORM only)."""
    import yaml
    from django.utils import timezone

    from junkan.applications.models import Application, ApplicationStatus
    from junkan.grants.models import AwardYear, Project, ProjectStatus
    from junkan.programs.services import import_program

    data = yaml.safe_load((PROGRAMS_DATA / "fy2015-ecotown-low-carbon.yaml").read_text(encoding="utf-8"))
    data.update(slug="browser-grants-docs", published=True)
    call = import_program(None, data).program
    project_type = call.project_types.get(code="fs")
    application = Application.objects.create(
        program=call,
        project_type=project_type,
        organization=organization,
        created_by=owner,
        title=TITLE,
        status=ApplicationStatus.ACCEPTED,
        receipt_number="2015-003-0011",
        submitted_at=timezone.now(),
        requested_amount=9_000_000,
        total_cost=18_000_000,
    )
    project = Project.objects.create(
        application=application,
        program=call,
        project_type=project_type,
        organization=organization,
        title=TITLE,
        adopted_on=date(2015, 7, 1),
        adopted_amount=9_000_000,
        status=ProjectStatus.PAID,
        decided_on=date(2015, 8, 3),
        decision_number="環廃企発第150803011号",
        decided_amount=9_000_000,
        completed_on=date(2016, 2, 15),
        promised_t_co2=Decimal("150.0"),
        determined_on=date(2016, 3, 22),
        determined_amount=9_000_000,
        paid_on=date(2016, 4, 12),
        paid_amount=9_000_000,
        retain_until=date(2021, 3, 31),
    )
    AwardYear.objects.create(
        project=project, fiscal_year=2015, applied_amount=9_000_000, decided_amount=9_000_000
    )
    return project


@pytest.fixture
def region_with_plan(organization, owner):
    from junkan.finance import services as finance
    from junkan.municipalities.models import Municipality
    from junkan.regional.models import BusinessPlan
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        challenges="人口減少と森林の荒廃",
        desired_future="森と水とエネルギーが地域で回る暮らし",
        backcasting="2030年までに公共施設へ地域の電力を供給する",
        contact_name="環境 太郎",
        contact_email="kankyo@example.jp",
        status=RegistrationStatus.APPROVED,
    )
    region.municipalities.set([Municipality.objects.get(code="202053")])
    plan = BusinessPlan.objects.create(
        region=region,
        title="南信州 再エネ地産地消の事業計画",
        summary="公共施設への電力供給",
        is_published=True,
    )
    finance.set_consent(owner, region, True)
    return region, plan


@pytest.fixture
def banker(make_user):
    from junkan.finance.models import Institution, InstitutionKind
    from junkan.organizations.models import Membership, MembershipRole, Organization

    person = make_user("banker@example.jp", full_name="金融 次郎")
    org = Organization.objects.create(kind="financial_institution", name="テスト信用金庫（架空）")
    Membership.objects.create(organization=org, user=person, role=MembershipRole.OWNER)
    Institution.objects.create(organization=org, kind=InstitutionKind.SHINKIN, is_published=True)
    return person


def test_statement_post_evaluation_hub_cases_and_bank_view(
    page: Page,
    new_page,
    live_server,
    paid_project,
    region_with_plan,
    owner,
    outsider,
    make_staff,
    make_user,
    with_totp,
    banker,
):
    from junkan.grants.models import PostEvaluation
    from junkan.hubs import services as hubs
    from junkan.hubs.models import Hub

    base = live_server.url
    project = paid_project
    project_url = f"{base}/grants/p/{project.public_id}/"
    region, plan = region_with_plan
    staff = make_staff()
    secretariat = page

    # 1. The secretariat records the post-evaluation, linked to the region's plan.
    login_2fa(secretariat, base, staff.email)
    secretariat.goto(f"{project_url}post-evaluation/")
    expect(secretariat.get_by_role("heading", name="事後評価を記録する")).to_be_visible()
    expect(secretariat.locator("main")).to_contain_text("平成29年(2017年)3月31日")  # due: FY2016 ends
    assert_accessible(secretariat)
    submit(secretariat, "記録する")  # nothing typed: the errors are listed and linked
    expect(secretariat.locator(".error-summary")).to_contain_text("評価の内容を入力してください。")
    assert_accessible(secretariat)
    secretariat.locator("#id_evaluated_on").fill("2017-02-20")
    secretariat.get_by_label("一部が計画に達していない").check()
    secretariat.locator("#id_evaluation").fill("廃熱の融通は計画どおり。バイオガス化は原料が計画の6割。")
    secretariat.locator("#id_actual_t_co2").fill("95")
    secretariat.locator("#id_feedback_to_plan").fill("次期計画で排出事業者との連携を重点施策とする。")
    secretariat.locator("#id_business_plan").select_option(label=plan.title)
    secretariat.locator("#id_ministry_note").fill("原料の需給が工場立地に左右される。")
    submit(secretariat, "記録する")
    expect(secretariat.locator(".messages")).to_contain_text("事後評価を記録しました。")
    expect(secretariat.locator("main")).to_contain_text("実績報告書の削減量の63.3%")
    assert_accessible(secretariat)
    assert PostEvaluation.objects.get(project=project).achievement_percent == Decimal("63.3")

    # 2. The list, filtered to the done ones, with the CSV link.
    secretariat.goto(f"{base}/grants/post-evaluations/?filter=done")
    expect(secretariat.locator("main table")).to_contain_text(TITLE)
    expect(secretariat.get_by_role("link", name="この一覧をCSVでダウンロード")).to_be_visible()
    assert_accessible(secretariat)
    assert_reflows(secretariat)
    secretariat.set_viewport_size({"width": 1280, "height": 900})

    # 3. The 補助金調書 from the overview.
    secretariat.goto(project_url)
    link = secretariat.get_by_role("link", name="補助金調書（PDF）をダウンロード")
    with secretariat.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert_accessible(secretariat)

    # 4. The grantee reads the evaluation (no form) and downloads the 調書; an outsider gets 404.
    grantee = new_page()
    login(grantee, base, owner.email, PASSWORD)
    grantee.goto(f"{project_url}post-evaluation/")
    expect(grantee.locator("main")).to_contain_text("バイオガス化は原料が計画の6割。")
    expect(grantee.get_by_role("button", name="記録する")).to_have_count(0)
    assert_accessible(grantee)
    # The feedback shows on the region's business plan for the region's people.
    grantee.goto(f"{base}/regional/plans/{plan.pk}/")
    expect(grantee.locator("main")).to_contain_text("次期計画で排出事業者との連携を重点施策とする。")
    assert_accessible(grantee)
    response = grantee.request.get(f"{project_url}statement.pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    stranger = new_page()
    login(stranger, base, outsider.email, PASSWORD)
    for url in (
        f"{project_url}post-evaluation/",
        f"{project_url}statement.pdf",
        f"{base}/grants/post-evaluations/",
    ):
        assert stranger.request.get(url).status == 404

    # 5. The hub's staff follow the cases of their area.
    hub_person = make_user("hub-chubu@example.jp", full_name="中部 事務所員")
    hubs.assign_staff(None, Hub.objects.get(slug="chubu-office"), hub_person)
    with_totp(hub_person)
    hub_page = new_page()
    login_2fa(hub_page, base, hub_person.email)
    hub_page.goto(f"{base}/hubs/chubu-office/")
    with hub_page.expect_navigation():
        hub_page.get_by_role("link", name="担当区域の案件（地域の支援案件と補助事業）").click()
    expect(hub_page.locator("main table")).to_contain_text(TITLE)
    assert_accessible(hub_page)
    assert stranger.request.get(f"{base}/hubs/chubu-office/cases/").status == 404

    # 6. A bank reads the consenting region's published plan.
    bank = new_page()
    login(bank, base, banker.email, PASSWORD)
    bank.goto(f"{base}/finance/regions/{region.pk}/")
    expect(bank.get_by_role("link", name=plan.title)).to_be_visible()
    assert_accessible(bank)

"""The oversight of a grant in a real browser, with axe on every new page.

The secretariat records the three checks before the grant decision (seed 002 「採択後」2.(2) ア–ウ): the
decision form appears only once all are recorded, and the confirmation page shows the checklist. It adds a
condition of adoption and marks it met, plans a site inspection and records it as done (after its
confirmation page); the grantee reads the conditions and the findings; an outsider gets 404.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, login, login_2fa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOKYO = ZoneInfo("Asia/Tokyo")
PROGRAMS_DATA = Path(__file__).resolve().parents[2] / "junkan/programs/data"
TITLE = "飯田市エコタウンにおける廃食用油の燃料化の実現可能性調査"


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


@pytest.fixture
def applied_project(organization, owner):
    """飯田市's FS project of a copy of the FY2015 call, just applied for (ORM only), nothing checked yet."""
    import yaml
    from django.utils import timezone

    from junkan.applications.models import Application, ApplicationStatus
    from junkan.grants.models import AwardYear, PlanVersion, Project, ProjectStatus
    from junkan.programs.services import import_program

    data = yaml.safe_load((PROGRAMS_DATA / "fy2015-ecotown-low-carbon.yaml").read_text(encoding="utf-8"))
    data.update(slug="browser-grants-oversight", published=True)
    call = import_program(None, data).program
    project_type = call.project_types.get(code="fs")
    application = Application.objects.create(
        program=call,
        project_type=project_type,
        organization=organization,
        created_by=owner,
        title=TITLE,
        status=ApplicationStatus.ACCEPTED,
        receipt_number="2015-003-0009",
        submitted_at=timezone.now(),
        requested_amount=9_000_000,
        total_cost=9_000_000,
    )
    project = Project.objects.create(
        application=application,
        program=call,
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


def test_checks_conditions_and_an_inspection(
    page: Page, new_page, live_server, applied_project, owner, outsider, make_staff
):
    from junkan.grants.models import ConditionStatus, InspectionStatus, ProjectStatus

    base = live_server.url
    project = applied_project
    project_url = f"{base}/grants/p/{project.public_id}/"
    staff = make_staff()
    secretariat = page

    # 1. The decision page lists ア–ウ for FY2015; the decision form appears once all three are checked.
    login_2fa(secretariat, base, staff.email)
    secretariat.goto(f"{project_url}decision/")
    expect(secretariat.get_by_role("heading", name="交付決定の前の確認")).to_be_visible()
    expect(secretariat.locator(".notice-warning")).to_contain_text("平成27年度 ア・イ・ウ")
    assert_accessible(secretariat)
    secretariat.locator("#check-note-2015-plan_ready").fill("資金調達計画と見積書を確認")
    submit(secretariat, "確認した")
    expect(secretariat.locator(".messages")).to_contain_text("確認を記録しました")
    submit(secretariat, "確認した")
    submit(secretariat, "確認した")
    expect(secretariat.get_by_text("すべて確認済み")).to_be_visible()
    assert_accessible(secretariat)
    secretariat.locator("#id_decided_on").fill("2015-08-03")
    secretariat.locator("#id_decision_number").fill("環廃企発第150803009号")
    submit(secretariat, "交付決定を記録する")
    # The confirmation page shows the checklist with who checked.
    expect(secretariat.get_by_role("heading", level=1)).to_contain_text("内容の確認")
    expect(secretariat.locator(".confirm-details")).to_contain_text("資金調達計画と見積書を確認")
    assert_accessible(secretariat)
    submit(secretariat, "確認しました。交付決定をする")
    expect(secretariat.locator(".badges .badge")).to_have_text("交付決定")
    project.refresh_from_db()
    assert project.status == ProjectStatus.DECIDED

    # 2. A condition of adoption, met with its evidence.
    secretariat.goto(f"{project_url}oversight/")
    assert_accessible(secretariat)
    secretariat.locator("#id_condition-text").fill("地元金融機関の融資の内諾書を提出すること。")
    submit(secretariat, "条件を登録する")
    expect(secretariat.locator(".messages")).to_contain_text("採択の条件を登録しました")
    secretariat.get_by_text("達成を確認する", exact=True).first.click()
    secretariat.locator("[id$='-evidence']").fill("内諾書の写しを受領")
    submit(secretariat, "達成を記録する")
    expect(secretariat.locator(".card")).to_contain_text("内諾書の写しを受領")
    assert project.conditions.get().status == ConditionStatus.MET

    # 3. A site inspection planned, then done after its confirmation page.
    secretariat.locator("#id_inspection-planned_on").fill("2015-12-10")
    secretariat.locator("#id_inspection-place").fill("飯田市竜丘地区の燃料化設備")
    secretariat.locator("#id_inspection-inspectors").fill("事務局 山田")
    submit(secretariat, "予定を登録する")
    expect(secretariat.get_by_role("heading", level=2)).to_contain_text("現地調査")
    assert_accessible(secretariat)
    secretariat.locator("#id_done-done_on").fill("2015-12-10")
    secretariat.locator("#id_done-findings").fill("設備は計画どおり設置。運転記録の様式を整えること。")
    submit(secretariat, "実施を記録する")
    expect(secretariat.get_by_role("heading", level=1)).to_contain_text("内容の確認")
    assert_accessible(secretariat)
    submit(secretariat, "確認しました。実施を記録する")
    expect(secretariat.locator(".messages")).to_contain_text("現地調査の実施を記録しました")
    inspection = project.inspections.get()
    assert inspection.status == InspectionStatus.DONE

    # 4. The grantee reads the conditions and the findings; an outsider gets 404.
    grantee = new_page()
    login(grantee, base, owner.email, PASSWORD)
    grantee.goto(f"{project_url}oversight/")
    expect(grantee.locator("main")).to_contain_text("地元金融機関の融資の内諾書を提出すること。")
    expect(grantee.get_by_role("button", name="条件を登録する")).to_have_count(0)
    assert_accessible(grantee)
    grantee.goto(f"{project_url}inspections/{inspection.pk}/")
    expect(grantee.locator("main")).to_contain_text("運転記録の様式を整えること。")
    assert_accessible(grantee)
    stranger = new_page()
    login(stranger, base, outsider.email, PASSWORD)
    response = stranger.goto(f"{project_url}oversight/")
    assert response is not None and response.status == 404

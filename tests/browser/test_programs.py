"""The call pages have 0 axe violations (WCAG 2.1 AA), reflow at 320 px and work by keyboard without JS."""

from __future__ import annotations

import copy
import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_reflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG_2019 = "fy2019-decarbonised-region-model"
SLUG_2015 = "fy2015-ecotown-low-carbon"


@pytest.fixture(autouse=True)
def _shipped_programs(_municipality_master: None) -> None:
    """Transactional tests flush every table afterwards; put back the calls the data migration ships."""
    migration = importlib.import_module("junkan.programs.migrations.0002_ship_seed_programs")
    with connection.schema_editor() as schema_editor:
        migration.load(apps, schema_editor)


@pytest.fixture
def open_call() -> str:
    """A copy of the FY2019 call, open now for ten more days."""
    from junkan.programs.loader import dump_program
    from junkan.programs.models import Program
    from junkan.programs.services import import_program

    data = copy.deepcopy(dump_program(Program.objects.get(slug=SLUG_2019)))
    now = timezone.now()
    data.update(
        slug="open-call",
        short_name="受付中のテスト公募",
        opens_at=(now - timedelta(days=3)).isoformat(),
        closes_at=(now + timedelta(days=10)).isoformat(),
    )
    import_program(None, data)
    return "open-call"


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_call_list(page: Page, live_server, open_call):
    page.goto(f"{live_server.url}/programs/")
    expect(page.get_by_role("heading", name="受付中", exact=True)).to_be_visible()
    expect(page.get_by_text("締切まであと10日")).to_be_visible()
    check(page)
    page.get_by_label("受付状況").select_option("closed")
    page.get_by_role("button", name="絞り込む").click()
    expect(page.get_by_role("heading", name="受付中", exact=True)).to_have_count(0)
    expect(
        page.get_by_role("link", name="エコタウン等における資源循環社会と共生した低炭素地域づくり補助金事業")
    ).to_be_visible()
    check(page)


@pytest.mark.parametrize("slug", [SLUG_2019, SLUG_2015, "open-call"])
def test_call_detail(page: Page, live_server, open_call, slug):
    page.goto(f"{live_server.url}/programs/{slug}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="応募できるか確認", exact=True)).to_be_visible()
    check(page)


def test_questionnaire_with_results_by_keyboard(page: Page, live_server):
    page.goto(f"{live_server.url}/programs/{SLUG_2019}/check/")
    check(page)
    page.get_by_label("③住民参加型協議会の運営及び情報発信を行う事業").check()
    page.get_by_label("応募する団体（共同申請の場合は代表申請者）の種別").select_option("prefecture")
    page.get_by_label("地方公共団体の職員の旅費（旅費）").check()
    page.get_by_role("button", name="確認する").press("Enter")
    results = page.get_by_role("region", name="確認の結果：③住民参加型協議会の運営及び情報発信を行う事業")
    expect(results).to_contain_text(
        "都道府県が応募する場合は、関連する市町村、特別区、一部事務組合、広域連合と共同で申請してください。"
    )
    expect(results).to_contain_text("根拠：公募要領 2.③(2)ウ")
    # What was answered is still there.
    expect(page.get_by_label("地方公共団体の職員の旅費（旅費）")).to_be_checked()
    check(page)


def test_questionnaire_errors_are_summarised(page: Page, live_server):
    page.goto(f"{live_server.url}/programs/{SLUG_2015}/check/")
    page.get_by_label("事業化計画の策定を行う事業（民間団体等向け）").check()
    page.get_by_role("button", name="確認する").click()
    expect(page.get_by_role("alert")).to_contain_text("入力内容を確認してください")
    expect(page.get_by_label("事業化計画の策定を行う事業（民間団体等向け）")).to_be_checked()
    check(page)


def test_estimate_with_results(page: Page, live_server):
    page.goto(f"{live_server.url}/programs/{SLUG_2015}/estimate/?type=plan")
    check(page)
    page.get_by_label("(1)総事業費").fill("2,400万円")
    page.get_by_label("(4)補助対象経費支出予定額").fill("22,345,678")
    page.get_by_label("消費税等相当額").fill("812,345")
    page.get_by_role("button", name="計算する").click()
    expect(page.get_by_role("heading", name="補助金の額：10,000,000円")).to_be_visible()
    expect(page.get_by_role("row", name="千円未満切捨て")).to_contain_text("10,360,000円")
    check(page)


def test_finder_with_results(page: Page, live_server):
    page.goto(f"{live_server.url}/programs/finder/")
    check(page)
    page.get_by_label("CO2削減効果が高い").check()
    page.get_by_label("将来的に施設整備に繋がる").check()
    page.get_by_role("button", name="合う公募を探す").click()
    expect(page.get_by_role("list").filter(has_text="おすすめ")).to_contain_text("低炭素地域づくり補助金事業")
    check(page)

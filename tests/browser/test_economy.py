"""Regional economy: import an IO table, compute a ripple effect from a 様式3, attach the analysis to 様式2.

Every page on the way passes axe (WCAG 2.1 AA) and reflows at 320 px.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, assert_reflows, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_import_compute_from_form3_and_attach(page: Page, live_server, owner, organization, tmp_path: Path):
    from junkan.applications.models import Section
    from junkan.economy import demo, imports, services
    from junkan.economy.models import Analysis, Visibility
    from junkan.economy.tests.helpers import make_application

    application = make_application(owner, organization)
    account = services.save_account(
        owner,
        demo.ACCOUNT,
        demo.INDUSTRIES,
        organization=organization,
        visibility=Visibility.PRIVATE,
        is_fictional=True,
    )
    workbook = tmp_path / "io-table.xlsx"
    workbook.write_bytes(
        imports.io_template_xlsx(
            demo.SECTORS,
            demo.COEFFICIENTS,
            {
                "self_sufficiency": demo.SELF_SUFFICIENCY,
                "employee_income_ratio": demo.EMPLOYEE_INCOME,
                "value_added_ratio": demo.VALUE_ADDED,
                "consumption_pattern": demo.CONSUMPTION_PATTERN,
                "employment_per_unit": demo.EMPLOYMENT,
            },
            demo.TABLE_SETTINGS,
        )
    )
    base = live_server.url
    login(page, base, owner.email, PASSWORD)

    page.goto(base + "/economy/")
    check(page)

    # The region's profile: three charts, each with its table.
    page.goto(f"{base}/economy/accounts/{account.public_id}/")
    expect(page.locator("svg.economy-svg")).to_have_count(3)
    check(page)

    # Import the table (the layout prefectures publish; the platform's template).
    page.goto(base + "/economy/tables/import/")
    check(page)
    page.locator("#id_organization").select_option(str(organization.pk))
    page.locator("#id_file").set_input_files(str(workbook))
    page.get_by_role("button", name="取り込む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.TABLE_TITLE)
    expect(page.get_by_text("5部門、第1版")).to_be_visible()
    check(page)

    # From the table to the calculator, and from the application's 様式3 to the demand.
    page.get_by_role("link", name="この表で波及効果を計算する").click()
    page.locator("#id_application").select_option(str(application.public_id))
    page.get_by_role("button", name="様式3を読み込む").click()
    expect(page.get_by_role("heading", name="様式3の経費を部門に割り当てる", exact=False)).to_be_visible()
    check(page)
    page.get_by_role("button", name="需要の欄に反映する").click()
    expect(page.get_by_role("status").filter(has_text="様式3（経費内訳）から")).to_be_visible()
    page.get_by_role("button", name="計算する").click()
    expect(page.get_by_role("heading", name="経済波及効果", exact=True)).to_be_visible()
    expect(page.get_by_text("生産誘発額の合計", exact=False).first).to_be_visible()
    check(page)

    # Save it as an analysis, private to the organization.
    page.locator("#id_title").fill("竜丘地区の調査の経済波及効果")
    page.locator("#id_account").select_option(str(account.public_id))
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("竜丘地区の調査の経済波及効果")
    check(page)
    analysis = Analysis.objects.get()
    assert analysis.demand_note.startswith("応募「竜丘地区の再エネ地産地消の調査」の様式3")
    assert sum(analysis.demand) > 0

    # Attach it to 様式2 (事業の背景) instead of uploading a file.
    page.goto(f"{base}/applications/{application.public_id}/sections/background/")
    check(page)
    page.get_by_label("使用した分析（地域経済循環分析で保存した分析）").select_option(str(analysis.pk))
    page.get_by_role("button", name="保存する", exact=True).first.click()
    expect(page.get_by_text("保存しました", exact=False).first).to_be_visible()
    stored = Section.objects.get(application=application, key="background").data["economy_analysis"]
    assert stored["public_id"] == str(analysis.public_id)

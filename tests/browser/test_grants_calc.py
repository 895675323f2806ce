"""The 加算金 calculator in a browser: 0 axe violations empty, with errors and with the working; reflow."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_reflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATH = "/grants/calc/additional-charge/"


def test_calculator_computes_the_issue_example_with_the_working(page: Page, live_server):
    page.goto(live_server.url + PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text("加算金の計算")
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("返還を命じられた補助金の額").fill("1,000万円")
    page.get_by_label("受領日").fill("2020-04-01")
    first = page.get_by_role("group", name="返還 1回目")
    first.get_by_label("返還日").fill("2020-06-30")
    first.get_by_label("返還額").fill("４，０００，０００")
    page.get_by_label("残額の完済日（任意）").fill("2020-09-30")
    with page.expect_navigation():
        page.get_by_role("button", name="計算する", exact=True).click()

    result = page.locator("#result")
    # 10,000,000 × 0.0003 × 91 = 273,000; 6,000,000 × 0.0003 × 92 = 165,600; total 438,600.
    expect(result.get_by_role("heading", level=2)).to_have_text("加算金の額：438,600円")
    table = result.get_by_role("table", name="計算の内訳（元金が同じ期間ごと）")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").nth(0)).to_contain_text("273,000円")
    expect(table.locator("tbody tr").nth(1)).to_contain_text("6,000,000円 × 10.95% × 92日 ÷ 365日")
    expect(table.locator("tfoot")).to_contain_text("438,600円")
    # What was typed is still in the form.
    expect(page.get_by_label("返還を命じられた補助金の額")).to_have_value("1,000万円")
    assert_accessible(page)
    assert_reflows(page)


def test_errors_are_listed_and_linked(page: Page, live_server):
    page.goto(live_server.url + PATH)
    page.get_by_label("返還を命じられた補助金の額").fill("100万円")
    page.get_by_label("受領日").fill("2020-04-01")
    page.get_by_role("group", name="返還 2回目").get_by_label("返還額").fill("500,000")
    with page.expect_navigation():
        page.get_by_role("button", name="計算する", exact=True).click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("返還2回目の返還日：返還額を入力した行には、返還日も入力してください。")
    expect(page.locator("#id_r-1-date")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_r-1-date")).to_be_focused()


def test_more_rows_without_losing_what_was_typed(page: Page, live_server):
    page.goto(live_server.url + PATH)
    page.get_by_label("返還を命じられた補助金の額").fill("3000000")
    page.get_by_role("group", name="返還 1回目").get_by_label("返還日").fill("2022-04-30")
    with page.expect_navigation():
        page.get_by_role("button", name="返還の行を追加").click()
    expect(page.get_by_role("group", name="返還 8回目")).to_be_visible()
    expect(page.get_by_label("返還を命じられた補助金の額")).to_have_value("3000000")
    expect(page.get_by_role("group", name="返還 1回目").get_by_label("返還日")).to_have_value("2022-04-30")
    expect(page.get_by_role("alert")).to_have_count(0)
    assert_accessible(page)

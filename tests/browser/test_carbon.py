"""The CO2 calculator and factor pages: 0 axe violations, reflow at 320 px, and the basic case without JS."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, assert_reflows, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _shipped_factors(_municipality_master: None) -> None:
    """Transactional tests flush every table; put back the factor sets that migrations ship."""
    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("junkan.carbon.migrations.0002_load_shipped_factors")
    with connection.schema_editor() as schema_editor:
        migration.load(apps, schema_editor)


@pytest.fixture
def page_without_js(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        locale="ja-JP", java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def fill_wood_chip_boiler(page: Page) -> None:
    """Part C's heavy oil and part A's wood chips and electricity. The calculator starts with one blank line
    per part and only the first part open: open A, and add its second line with the part's own button (htmx
    swaps the part in; without JavaScript the form is sent and comes back with everything typed)."""
    page.locator("#id_fuel_revision").select_option("2010")
    page.locator("#id_c-0-kind").select_option("fuel")
    page.locator("#id_c-0-fuel").select_option("heavy_oil_a")
    page.locator("#id_c-0-amount").fill("100")
    page.locator("#part-a > summary").click()
    page.locator("#id_a-0-kind").select_option("biomass")
    page.locator("#id_a-0-label").fill("木質チップ")
    page.locator("#id_a-0-amount").fill("900")
    page.locator("#id_a-0-unit").fill("t")
    page.get_by_role("button", name="Aに行を追加").click()
    expect(page.locator("#id_a-1-kind")).to_be_visible()
    expect(page.locator("#id_a-0-amount")).to_have_value("900")
    page.locator("#id_a-1-kind").select_option("electricity")
    page.locator("#id_a-1-amount").fill("30000")
    page.locator("#id_a-1-factor").fill("0.000416")


def test_calculator_empty_and_with_results(page: Page, live_server):
    page.goto(live_server.url + "/co2/")
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    fill_wood_chip_boiler(page)
    page.evaluate("window.notReloaded = true")
    page.get_by_role("button", name="計算する", exact=True).click()
    result = page.locator("#result")
    expect(result).to_contain_text("258.5")
    expect(result).to_contain_text("270.963")
    # htmx: only the outcome came back (the page was not reloaded), focus is on it, the headings' subtotals
    # changed with it and what was typed is still there.
    assert page.evaluate("window.notReloaded") is True
    expect(result).to_be_focused()
    expect(page.locator("#part-c-total")).to_have_text("小計 271.0 t-CO2/年")
    expect(page.locator("#id_a-1-factor")).to_have_value("0.000416")
    assert_accessible(page)
    assert_reflows(page)


def test_enter_computes_rather_than_adding_rows(page: Page, live_server):
    page.goto(live_server.url + "/co2/")
    fill_wood_chip_boiler(page)
    page.locator("#id_c-0-amount").press("Enter")
    expect(page.locator("#result")).to_contain_text("258.5")
    # Enter computed; it did not add a line to part C.
    expect(page.locator("#part-c fieldset.co2-row")).to_have_count(1)


def test_errors_have_a_summary_and_keep_input(page: Page, live_server):
    page.goto(live_server.url + "/co2/")
    page.locator("#id_c-0-kind").select_option("fuel")
    page.locator("#id_c-0-amount").fill("１００")
    page.get_by_role("button", name="計算する", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("燃料を入力してください")
    expect(page.get_by_role("alert")).to_be_focused()  # htmx brought back the calculator with its errors
    expect(page.locator("#id_c-0-amount")).to_have_value("１００")
    expect(page.locator("#id_c-0-fuel")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_basic_case_and_add_rows_work_without_javascript(page_without_js: Page, live_server):
    page = page_without_js
    page.goto(live_server.url + "/co2/")
    fill_wood_chip_boiler(page)  # its "add a line" submits the whole form without JavaScript
    expect(page.locator("#part-a fieldset.co2-row")).to_have_count(2)
    expect(page.locator("#id_c-0-amount")).to_have_value("100")
    page.get_by_role("button", name="計算する", exact=True).click()
    expect(page.locator("#result")).to_contain_text("258.5")


def test_factor_pages(page: Page, live_server):
    page.goto(live_server.url + "/co2/factors/")
    expect(page.get_by_role("heading", level=1)).to_have_text("排出係数の一覧")
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="算定省令 別表第1・第2（2010年改定）").click()
    expect(page.locator("main")).to_contain_text("2.70963")
    assert_accessible(page)
    assert_reflows(page)


def test_saved_calculation_pages(page: Page, live_server, owner, organization):
    from junkan.carbon import services
    from junkan.carbon.tests.conftest import API_EXAMPLE

    saved = services.save_calculation(owner, API_EXAMPLE, title="チップボイラー", organization=organization)
    login(page, live_server.url, owner.email, PASSWORD)
    for path in [
        "/co2/calculations/",
        f"/co2/calculations/{saved.pk}/",
        f"/co2/calculations/{saved.pk}/edit/",
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page)
        assert_reflows(page)
        page.set_viewport_size({"width": 1280, "height": 900})

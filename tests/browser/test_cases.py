"""しる and まなぶ in the browser: the case list, its filters, a case page, the guides; 0 axe violations."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_reflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _vocabularies_and_demo(_municipality_master: None) -> None:
    """Transactional tests flush every table: put back the shipped vocabularies, then load the cases demo."""
    for name in (
        "junkan.registry.migrations.0002_load_vocabularies",
        "junkan.cases.migrations.0002_load_themes",
    ):
        with connection.schema_editor() as schema_editor:
            importlib.import_module(name).load(apps, schema_editor)
    from junkan.cases import demo

    demo.load(lambda _: None)


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_case_list_filter_and_detail(page: Page, live_server):
    page.goto(f"{live_server.url}/cases/")
    expect(page.get_by_role("heading", name="事例を知る（しる）", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("14件の事例があります。")
    check(page)

    page.get_by_label("都道府県").select_option(label="岩手県")
    with page.expect_navigation():
        page.get_by_role("button", name="絞り込む").click()
    expect(page.get_by_role("status")).to_have_text("2件の事例があります。")
    expect(page.get_by_role("link", name="北岩手9市町村の構想")).to_be_visible()
    expect(page.get_by_role("link", name="生ごみと落ち葉の堆肥化で回す地域の食（デモ）")).to_be_visible()
    expect(page.get_by_role("link", name="条件をすべて解除")).to_be_visible()
    check(page)

    page.get_by_label("地域資源").select_option(label="人材")
    with page.expect_navigation():
        page.get_by_role("button", name="絞り込む").click()
    expect(page.get_by_role("status")).to_have_text("1件の事例があります。")
    with page.expect_navigation():
        page.get_by_role("link", name="北岩手9市町村の構想").click()
    expect(page.get_by_role("heading", name="北岩手9市町村の構想", level=1)).to_be_visible()
    expect(page.locator("blockquote")).to_contain_text(
        "北岩手9市町村：都市と地方でエネルギー、自然資源、人や資金を補完し、循環する仕組みづくり"
    )
    expect(page.get_by_role("heading", name="成果")).to_have_count(0)  # the seed gives no figures
    check(page)


def test_a_demo_case_with_figures_and_a_theme_link(page: Page, live_server):
    page.goto(f"{live_server.url}/cases/demo-shimokawa-biomass-heat/")
    expect(page.get_by_text("この事例はデモ用に作成した架空のものです。")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="木質チップの使用量")).to_contain_text("2,400 t/年")
    check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="森林・林業").click()
    expect(page.get_by_role("link", name="小水力発電と森林認証材で稼ぐ山の町（デモ）")).to_be_visible()
    expect(page.get_by_role("link", name="神奈川県小田原市の構想")).to_have_count(0)


def test_guides(page: Page, live_server):
    page.goto(f"{live_server.url}/cases/guides/")
    expect(page.get_by_role("heading", name="学ぶ（まなぶ）", level=1)).to_be_visible()
    check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="ローカルSDGsビジネスの3つの条件").click()
    expect(page.locator("blockquote").first).to_contain_text("②地域間で補完し支え合いの関係が構築できている")
    check(page)
    page.goto(f"{live_server.url}/cases/guides/concept-backcasting/")
    page.get_by_role("navigation", name="目次").get_by_role("link", name="構想を見直す観点").click()
    expect(page).to_have_url(f"{live_server.url}/cases/guides/concept-backcasting/#section-7")
    check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="北岩手9市町村").click()
    expect(page.get_by_role("heading", name="北岩手9市町村の構想", level=1)).to_be_visible()


def test_a_draft_is_not_found(page: Page, live_server):
    from junkan.cases.models import CaseStudy

    CaseStudy.objects.filter(slug="maniwa").update(published=False)
    response = page.goto(f"{live_server.url}/cases/maniwa/")
    assert response is not None and response.status == 404

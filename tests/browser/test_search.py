"""Search in the browser: a Japanese query finds a word inside a compound and a variant spelling,
the count is announced, pending registrations never show; 0 axe violations."""

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


def search(page: Page, words: str) -> None:
    page.get_by_role("searchbox", name="キーワード").fill(words)
    with page.expect_navigation():
        page.get_by_role("button", name="検索する").click()


def test_japanese_search(page: Page, live_server, organization, owner, staff):
    from junkan.registry import services
    from junkan.registry.models import RegionRegistration

    pending = RegionRegistration.objects.create(
        organization=organization,
        name="審査中の地域（非公開）",
        challenges="未利用の木質バイオマス",
        desired_future="f",
        backcasting="b",
        contact_name="n",
        contact_email="n@example.jp",
    )
    pending.municipalities.set(organization.municipality and [organization.municipality])
    services.submit(owner, pending)

    page.goto(f"{live_server.url}/search/")
    expect(page.get_by_role("heading", name="サイト内検索", level=1)).to_be_visible()
    check(page)

    # The demo says 木質バイオマス only; the query バイオマス finds it.
    search(page, "バイオマス")
    expect(page.get_by_role("status")).to_contain_text("「バイオマス」の検索結果は")
    result = page.get_by_role("link", name="木質バイオマスボイラーによる地域熱供給（デモ）")
    expect(result).to_be_visible()
    expect(result.locator("mark")).to_have_text("バイオマス")
    expect(page.get_by_text("審査中の地域（非公開）")).to_have_count(0)
    check(page)

    # A variant spelling finds the page that spells it the standard way.
    search(page, "シュミレーション")
    expect(page.get_by_role("status")).to_contain_text("検索結果は1件です。")
    expect(page.locator(".search-result mark")).to_have_text("シミュレーション")
    check(page)

    # The kind links keep the words and show the counts.
    search(page, "コンソーシアム")
    kinds = page.get_by_role("navigation", name="種類で絞り込む")
    expect(kinds.get_by_role("link", name="事例（4件）")).to_be_visible()
    with page.expect_navigation():
        kinds.get_by_role("link", name="学びのガイド").click()
    expect(kinds.get_by_role("link", name="学びのガイド")).to_have_attribute("aria-current", "page")
    expect(page.locator(".search-result .badge")).to_have_text(
        ["学びのガイド"] * page.locator(".search-result").count()
    )
    expect(page.get_by_role("searchbox", name="キーワード")).to_have_value("コンソーシアム")
    check(page)
    with page.expect_navigation():
        page.locator(".search-result a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_search_from_the_case_list(page: Page, live_server):
    page.goto(f"{live_server.url}/cases/")
    page.get_by_role("searchbox", name="キーワードで探す").fill("こうのとり")
    with page.expect_navigation():
        page.get_by_role("search", name="事例のキーワード検索").get_by_role("button", name="検索").click()
    expect(page.get_by_role("status")).to_contain_text("「こうのとり」の検索結果は1件です。")
    expect(page.get_by_role("link", name="徳島県吉野川流域の構想")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("コウノトリ")
    check(page)


def test_a_search_without_results_and_a_bad_filter(page: Page, live_server):
    page.goto(f"{live_server.url}/search/?q=宇宙船&prefecture=99")
    expect(page.get_by_role("alert")).to_contain_text("入力内容を確認してください")
    expect(page.get_by_role("searchbox", name="キーワード")).to_have_value("宇宙船")
    check(page)
    page.goto(f"{live_server.url}/search/?q=宇宙船")
    expect(page.get_by_role("status")).to_contain_text("検索結果は0件です。")
    check(page)

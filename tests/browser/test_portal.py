"""The portal's public pages: 0 axe violations, reflow at 320 px, the map by keyboard, the search box."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_reflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _vocabularies(_municipality_master: None) -> None:
    """Transactional tests flush every table afterwards; put back the vocabularies the migrations ship."""
    from django.core.cache import cache

    cache.clear()  # the map's base layer
    for name in (
        "junkan.registry.migrations.0002_load_vocabularies",
        "junkan.support.migrations.0002_load_vocabularies",
    ):
        migration = importlib.import_module(name)
        with connection.schema_editor() as schema_editor:
            migration.load(apps, schema_editor)


@pytest.fixture
def regions(organization):
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    made = []
    for name, codes, status in [
        ("南信州 地域循環共生圏", ["202053", "204072"], RegistrationStatus.APPROVED),
        ("森林未来都市しもかわ", ["014681"], RegistrationStatus.APPROVED),
        ("那覇 島の循環", ["472018"], RegistrationStatus.APPROVED),
        ("審査中の地域", ["131016"], RegistrationStatus.SUBMITTED),
    ]:
        region = RegionRegistration.objects.create(
            organization=organization,
            name=name,
            status=status,
            challenges="人口減少",
            desired_future="森と水が地域で回る暮らし",
            backcasting="2030年までに地域の電力を地域で賄う",
            contact_name="環境 太郎",
            contact_email="kankyo@example.jp",
        )
        region.municipalities.set(Municipality.objects.filter(code__in=codes))
        made.append(region)
    return made


@pytest.fixture
def news():
    from junkan.portal.models import News

    return News.objects.create(
        title="サイトを公開しました",
        body="5つの機能で情報を掲載します。\n\n登録の申請もこのサイトから行えます。",
        is_published=True,
        published_at=timezone.now() - timedelta(days=1),
    )


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_public_portal_pages_have_no_violations(page: Page, live_server, regions, news):
    base = live_server.url
    for path in ["/", "/tsunagaru/", "/deau/", "/news/", news.get_absolute_url()]:
        page.goto(base + path)
        expect(page.locator("h1")).to_have_count(1)
        check(page)


def test_map_shows_approved_regions_as_named_links(page: Page, live_server, regions):
    page.goto(live_server.url + "/tsunagaru/")
    markers = page.locator("svg a.map-marker")
    expect(markers).to_have_count(3)
    expect(page.get_by_role("link", name="南信州 地域循環共生圏（長野県）")).to_have_count(1)
    expect(page.get_by_role("link", name="那覇 島の循環（沖縄県）")).to_have_count(1)
    expect(page.get_by_text("審査中の地域")).to_have_count(0)
    # The text alternative lists the same regions by prefecture.
    expect(page.get_by_role("heading", name="都道府県別の一覧")).to_be_visible()
    expect(page.get_by_role("heading", name="長野県 1地域", level=3)).to_be_visible()
    expect(page.get_by_role("heading", name="沖縄県 1地域", level=3)).to_be_visible()


def test_map_links_work_by_keyboard(page: Page, live_server, regions):
    page.goto(live_server.url + "/tsunagaru/")
    page.get_by_role("link", name="地域を登録する").focus()
    page.keyboard.press("Tab")
    first = page.locator("svg a.map-marker").first
    expect(first).to_be_focused()
    expect(first).to_have_attribute("aria-label", "森林未来都市しもかわ（北海道）")  # north first
    # The focused marker is visibly different (WCAG 2.4.7).
    fill = first.locator("circle").evaluate("c => getComputedStyle(c).fill")
    assert fill == "rgb(255, 191, 71)"
    page.keyboard.press("Tab")
    expect(page.locator("svg a.map-marker").nth(1)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(first).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="森林未来都市しもかわ", level=1)).to_be_visible()


def test_main_navigation_and_search_box(page: Page, live_server, regions):
    page.goto(live_server.url + "/")
    nav = page.get_by_role("navigation", name="メインメニュー")
    for name in ("しる", "まなぶ", "つながる", "であう", "しかける"):
        expect(nav.get_by_role("link", name=name)).to_have_count(1)
    with page.expect_navigation():
        nav.get_by_role("link", name="つながる").click()
    expect(nav.get_by_role("link", name="つながる")).to_have_attribute("aria-current", "page")
    search = page.get_by_role("search")
    search.get_by_label("サイト内検索").fill("バイオマス")
    with page.expect_navigation():
        search.get_by_role("button", name="検索").click()
    assert "/search/?q=" in page.url


def test_home_links_to_the_five_functions_and_news(page: Page, live_server, news):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="5つの機能")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="サイトを公開しました").click()
    expect(page.get_by_role("heading", name="サイトを公開しました", level=1)).to_be_visible()
    check(page)

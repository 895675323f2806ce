"""The look and feel (issue 19): the component page, the header's menu, the map, the home page; axe, reflow at
320 px, no request to another host, the home page's weight, and screenshots at 1280 and 375 px in
``tests/browser/screenshots/`` (gitignored) for a person to look at."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, assert_reflows, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).parent / "screenshots"
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def shoot(page: Page, name: str) -> None:
    """Full-page screenshots at 1280 and 375 px; the page must not scroll sideways at either width."""
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate(SIDEWAYS)
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    page.set_viewport_size({"width": 1280, "height": 900})


def assert_numbers_on_one_line(page: Page) -> None:
    """Every right-aligned number cell is one line high (a wrapped amount is twice as high as its line)."""
    wrapped = page.evaluate(
        """() => Array.from(document.querySelectorAll('td.num, th.num')).filter(cell => {
            const range = document.createRange(); range.selectNodeContents(cell);
            return range.getClientRects().length > 1 &&
                new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size > 1;
        }).map(cell => cell.textContent.trim())"""
    )
    assert wrapped == [], f"numbers wrapped on {page.url}: {wrapped[:5]}"


def record_hosts(page: Page, base_url: str) -> list[str]:
    """Every request the page makes to a host other than ours (collected as they happen)."""
    ours = urlsplit(base_url).netloc
    foreign: list[str] = []
    page.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https") and urlsplit(request.url).netloc != ours
            else None
        ),
    )
    return foreign


def test_component_page_has_every_component_and_no_violations(page: Page, live_server):
    foreign = record_hosts(page, live_server.url)
    page.goto(live_server.url + "/design/")
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")
    for kind, role in (("success", "status"), ("info", "status"), ("warning", "alert"), ("error", "alert")):
        expect(page.locator(f".banner-{kind}")).to_have_attribute("role", role)
    expect(page.get_by_role("button", name="提出する")).to_be_disabled()
    expect(page.locator("#design-submit-reason")).to_contain_text("未了の項目")
    expect(page.locator('[aria-current="step"]')).to_contain_text("経費")
    expect(page.locator("svg.chart-svg")).to_have_count(2)
    # The icons are drawn: the sprite's symbol gives the <use> a size.
    box = page.locator(".icon-grid .icon").first.bounding_box()
    assert box and box["width"] > 10
    assert_accessible(page)
    assert_numbers_on_one_line(page)
    shoot(page, "design")
    assert_reflows(page)
    assert foreign == []


def test_user_menu_opens_without_javascript_on_a_phone(browser, live_server, owner):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 800}, locale="ja-JP"
    )
    page = context.new_page()
    try:
        login(page, live_server.url, owner.email, PASSWORD)
        page.goto(live_server.url + "/")
        menu = page.locator("details.user-menu")
        link = menu.get_by_role("link", name="応募")
        expect(link).to_be_hidden()
        menu.locator("summary").click()
        expect(link).to_be_visible()
        expect(menu.get_by_role("button", name="ログアウト")).to_be_visible()
        assert_reflows(page)
    finally:
        context.close()


def test_on_a_phone_the_header_is_one_row_and_its_menu_opens_without_javascript(browser, live_server):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 375, "height": 740}, locale="ja-JP"
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        header = page.locator(".site-header").bounding_box()
        assert header and header["height"] <= 80, f"the header is {header} high at 375 px"
        # The page's own heading is on the first screen.
        heading = page.locator("main h1").bounding_box()
        assert heading and heading["y"] < 200
        menu = page.locator("details.nav-menu")
        nav = menu.get_by_role("navigation", name="メインメニュー")
        expect(nav.get_by_role("link", name="つながる")).to_be_hidden()
        menu.locator("summary").click()
        for name in ("しる", "まなぶ", "つながる", "であう", "しかける", "CO2削減量の計算"):
            expect(nav.get_by_role("link", name=name)).to_be_visible()
        expect(menu.get_by_role("search").get_by_label("サイト内検索")).to_be_visible()
        expect(menu.get_by_role("button", name="English")).to_be_visible()
        for width in (320, 375):
            page.set_viewport_size({"width": width, "height": 740})
            assert page.evaluate(SIDEWAYS) <= 0, f"the open menu scrolls sideways at {width}px"
        with page.expect_navigation():
            nav.get_by_role("link", name="つながる").click()
        assert page.url.endswith("/tsunagaru/")
    finally:
        context.close()
    # With scripts (axe needs them): the open menu passes axe on a phone; on a wide screen the disclosure is
    # not there and the header shows the navigation itself.
    page = browser.new_page(viewport={"width": 375, "height": 740}, locale="ja-JP")
    try:
        page.goto(live_server.url + "/")
        page.locator("details.nav-menu summary").click()
        expect(page.locator("details.nav-menu").get_by_role("link", name="しる")).to_be_visible()
        assert_accessible(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + "/")
        expect(page.locator("details.nav-menu")).to_be_hidden()
        expect(page.locator(".site-nav").get_by_role("link", name="つながる")).to_be_visible()
    finally:
        page.close()


def page_weight(page: Page, url: str) -> int:
    """Bytes of every response body loaded for ``url`` on a first visit (fonts and icons included)."""
    sizes: list[int] = []
    page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    return sum(sizes)


def test_home_page_is_light_shows_what_is_coming_and_has_no_violations(page: Page, live_server, organization):
    from datetime import timedelta

    from django.utils import timezone

    from junkan.events.models import Event, EventFormat, EventKind, EventStatus

    starts = timezone.now().replace(microsecond=0) + timedelta(days=6)
    Event.objects.create(
        kind=EventKind.SYMPOSIUM,
        title="地域循環共生圏シンポジウム",
        summary="概要",
        body="本文",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        format=EventFormat.ONLINE,
        online_url="https://meet.example.jp/room",
        organizer=organization,
        status=EventStatus.PUBLISHED,
    )
    foreign = record_hosts(page, live_server.url)
    weight = page_weight(page, live_server.url + "/")
    print(f"home page weight: {weight} bytes")
    assert weight < 300_000, f"home page weighs {weight} bytes on first load"
    events = page.locator("section", has=page.locator("#home-events"))
    expect(events.get_by_role("link", name="地域循環共生圏シンポジウム")).to_be_visible()
    for name in ("しる", "まなぶ", "つながる", "であう", "しかける"):
        expect(page.locator(".function-cards").get_by_role("link", name=name)).to_be_visible()
    assert_accessible(page)
    shoot(page, "home")
    assert_reflows(page)
    assert foreign == []


@pytest.fixture
def open_call(db):
    import yaml

    from junkan.programs.services import import_program

    data = yaml.safe_load(
        (
            Path(__file__).resolve().parents[2] / "junkan/programs/data/fy2019-decarbonised-region-model.yaml"
        ).read_text(encoding="utf-8")
    )
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    data.update(
        slug="look-open-call",
        opens_at=(now - timedelta(days=1)).isoformat(),
        closes_at=(now + timedelta(days=5)).isoformat(),
        published=True,
        published_at=(now - timedelta(days=1)).isoformat(),
    )
    return import_program(None, data).program


def test_a_new_application_starts_with_what_to_do_next(
    page: Page, live_server, open_call, organization, owner
):
    import re

    login(page, live_server.url, owner.email, PASSWORD)
    page.goto(f"{live_server.url}/applications/start/{open_call.slug}/")
    page.get_by_label(re.compile("地域資源を活用")).check()
    page.get_by_label("補助事業名").fill("見た目の確認のための事業")
    with page.expect_navigation():
        page.get_by_role("button", name="作成を始める").click()
    # The first thing on the page is the next step, with one button to it (not a red list).
    next_step = page.locator(".next-step")
    expect(next_step).to_contain_text("次にすること")
    expect(next_step.get_by_role("link")).to_have_count(1)
    first_main = page.locator("main > *:not(.breadcrumb):not(h1):not(.badges):not(nav):not(.messages)").first
    expect(first_main).to_have_class(re.compile("next-step"))
    # 提出する cannot be pressed, and says why.
    submit = page.get_by_role("button", name="提出する")
    expect(submit).to_be_disabled()
    expect(page.locator("#submit-reason")).to_contain_text("未入力・不備が")
    # The long checklist shows five items; the rest are behind a disclosure.
    assert page.locator(".checklist > ul > li").count() <= 5
    assert_accessible(page)
    shoot(page, "application")
    assert_reflows(page)
    # A section page shows where the applicant is among the steps.
    with page.expect_navigation():
        next_step.get_by_role("link").click()
    expect(page.locator('.steps [aria-current="step"]')).to_have_count(1)
    assert_accessible(page)
    assert_numbers_on_one_line(page)
    shoot(page, "application-section")


def test_print_styles_leave_only_the_document(page: Page, live_server):
    page.goto(live_server.url + "/design/")
    expect(page.get_by_role("button", name="印刷する")).to_have_count(0)  # no print button where none is put
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    border = page.locator("main table td").first.evaluate("td => getComputedStyle(td).borderTopStyle")
    assert border == "solid"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    (SHOTS / "design-print.pdf").write_bytes(pdf)


def test_calculator_and_start_page_hold_their_layout(page: Page, live_server, organization, owner):
    foreign = record_hosts(page, live_server.url)
    page.goto(live_server.url + "/co2/")
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)
    assert_numbers_on_one_line(page)
    shoot(page, "calculator")
    login(page, live_server.url, owner.email, PASSWORD)
    page.goto(live_server.url + "/my/")
    expect(page.locator("h1")).to_have_count(1)
    # The start page is reachable from the account menu.
    menu = page.locator("details.user-menu")
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name="スタートページ")).to_be_visible()
    menu.locator("summary").click()
    assert_accessible(page)
    assert_numbers_on_one_line(page)
    shoot(page, "start-page")
    assert_reflows(page)
    assert foreign == []


def test_the_map_shows_the_islands_and_holds_its_layout(page: Page, live_server, organization):
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    for name, code in (
        ("石垣 島の循環", "472077"),
        ("小笠原 島の循環", "134210"),
        ("佐渡 島の循環", "152242"),
    ):
        region = RegionRegistration.objects.create(
            organization=organization,
            name=name,
            status=RegistrationStatus.APPROVED,
            contact_name="環境 太郎",
            contact_email="kankyo@example.jp",
        )
        region.municipalities.set(Municipality.objects.filter(code=code))
    foreign = record_hosts(page, live_server.url)
    page.goto(live_server.url + "/tsunagaru/")
    expect(page.locator("svg a.map-marker")).to_have_count(3)
    # The island regions' markers sit on their islands' outlines (drawn from Natural Earth); 父島 is about
    # 1.5 px across at this scale, smaller than its marker, so only 石垣島 and 佐渡 are checked this way.
    for label in ("石垣 島の循環（沖縄県）", "佐渡 島の循環（新潟県）"):
        marker = page.get_by_role("link", name=label).locator("circle").bounding_box()
        assert marker, label
        x, y = marker["x"] + marker["width"] / 2, marker["y"] + marker["height"] / 2
        under = page.evaluate(
            "([x, y]) => document.elementsFromPoint(x, y).some(e => e.classList.contains('map-pref'))", [x, y]
        )
        assert under, f"no island outline under {label}"
    assert_accessible(page)
    shoot(page, "map")
    assert_reflows(page)
    assert foreign == []

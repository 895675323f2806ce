"""Register a region and a company, approve them as the secretariat, find them in the directories, on the
map and in the search (and nowhere public before approval)."""

from __future__ import annotations

import importlib
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import connection
from playwright.sync_api import Page, expect

from conftest import PASSWORD, totp_code
from tests.browser.conftest import assert_accessible, assert_reflows, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _registry_vocabularies(_municipality_master: None) -> None:
    """Transactional tests flush every table afterwards; put back the vocabularies the migration ships."""
    migration = importlib.import_module("junkan.registry.migrations.0002_load_vocabularies")
    with connection.schema_editor() as schema_editor:
        migration.load(apps, schema_editor)


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def search(page: Page, base: str, query: str) -> None:
    page.goto(f"{base}/search/?q={quote(query)}")
    expect(page.get_by_role("heading", name="サイト内検索", level=1)).to_be_visible()


def result(page: Page, title: str) -> None:
    """A search result whose heading links to ``title``."""
    hits = page.locator(".search-result").get_by_role("heading", level=2)
    expect(hits.get_by_role("link", name=title, exact=True)).to_have_count(1)


def save(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()


def test_register_approve_and_publish(page: Page, live_server, organization, owner, make_staff):
    from junkan.organizations.models import Membership, MembershipRole, Organization
    from junkan.registry.models import CompanyRegistration, RegionRegistration, RegistrationStatus

    cache.clear()  # the map's base layer, cached by an earlier test with other primary keys
    company_org = Organization.objects.create(kind="company", name="株式会社テスト循環（架空）")
    Membership.objects.create(organization=company_org, user=owner, role=MembershipRole.OWNER)
    base = live_server.url

    # The 飯田市 officer registers a region.
    login(page, base, owner.email, PASSWORD)
    page.goto(f"{base}/registry/mine/")
    check(page)
    page.locator(f"a[href='/registry/organizations/{organization.pk}/regions/new/']").click()
    check(page)
    page.get_by_label("地域の名称").fill("南信州 地域循環共生圏")
    page.get_by_label("対象地域").fill("長野県飯田市、長野県阿智村")
    page.get_by_label("森林", exact=True).check()
    page.get_by_label("エネルギー", exact=True).check()
    page.get_by_label("地域の課題").fill("森林の手入れ不足と人口減少")
    page.locator("input[name=sdg_goals]").nth(6).check()
    page.locator("#id_desired_future").fill("森とエネルギーが地域で回る暮らし")
    page.locator("#id_backcasting").fill("2030年までに公共施設の熱を地域の木で賄う")
    page.get_by_label("担当者名").fill("環境 太郎")
    page.get_by_label("連絡先メールアドレス").fill("kankyo@example.jp")
    save(page)
    expect(page.get_by_role("heading", name="南信州 地域循環共生圏", level=1)).to_be_visible()
    check(page)
    page.get_by_role("button", name="事務局に申請する").click()
    expect(page.get_by_text("事務局に申請しました")).to_be_visible()

    # The same person registers the company with two solutions.
    page.goto(f"{base}/registry/mine/")
    page.locator(f"a[href='/registry/organizations/{company_org.pk}/companies/new/']").click()
    check(page)
    page.get_by_label("事業の概要").fill("木質バイオマスと小水力の導入支援")
    page.locator("#id_industry").select_option(label="F 電気・ガス・熱供給・水道業 ／ 33 電気業")
    page.locator("#id_agreed_to_purpose").check()
    page.get_by_label("担当者名").fill("営業 一郎")
    page.get_by_label("連絡先メールアドレス").fill("sales@example.jp")
    save(page)
    for title in ("薪ボイラーの導入支援", "小水力発電の共同事業"):
        page.get_by_role("link", name="ソリューションを追加する").click()
        check(page)
        page.get_by_label("ソリューション名").fill(title)
        page.locator("#id_description").fill("設計から保守まで地域の事業者と行います。")
        page.get_by_label("森林", exact=True).check()
        page.get_by_label("対応地域").fill("長野県")
        save(page)
    check(page)
    page.get_by_role("button", name="事務局に申請する").click()
    expect(page.get_by_text("事務局に申請しました")).to_be_visible()

    # Nobody else sees them yet: not in the directory, on the map or in the search.
    page.context.clear_cookies()
    page.goto(f"{base}/registry/")
    expect(page.get_by_text("南信州 地域循環共生圏")).to_have_count(0)
    page.goto(f"{base}/tsunagaru/")
    expect(page.locator("svg a.map-marker")).to_have_count(0)
    expect(page.get_by_text("南信州 地域循環共生圏")).to_have_count(0)
    for query in ("共生", "小水力", "薪ボイラー", "テスト循環"):
        search(page, base, query)
        expect(page.locator(".search-result")).to_have_count(0)

    # The secretariat approves both from the review queue.
    staff = make_staff()
    login(page, base, staff.email, PASSWORD)
    if "/2fa/" in page.url:
        page.locator("#id_code").fill(totp_code())
        with page.expect_navigation():
            page.get_by_role("button", name="ログイン").click()
    page.goto(f"{base}/registry/review/")
    check(page)
    for kind in ("region", "company"):
        page.locator(f"form[action*='/registry/{kind}/'][action$='/approve/'] button").click()
        expect(page.get_by_text("を承認し、公開しました")).to_be_visible()
    assert RegionRegistration.objects.get().status == RegistrationStatus.APPROVED
    assert CompanyRegistration.objects.get().status == RegistrationStatus.APPROVED

    # Anyone finds them in the directories.
    page.context.clear_cookies()
    page.goto(f"{base}/registry/")
    check(page)
    page.get_by_role("link", name="南信州 地域循環共生圏").click()
    expect(page.get_by_text("長野県阿智村")).to_be_visible()
    check(page)
    page.goto(f"{base}/registry/companies/")
    expect(page.get_by_text("小水力発電の共同事業")).to_be_visible()
    check(page)
    page.get_by_role("link", name="株式会社テスト循環（架空）").click()
    expect(page.get_by_role("heading", name="薪ボイラーの導入支援")).to_be_visible()
    check(page)

    # The region is on the つながる map, as a link in the drawing and in the list by prefecture.
    page.goto(f"{base}/tsunagaru/")
    expect(page.locator("svg a.map-marker")).to_have_count(1)
    expect(page.get_by_role("link", name="南信州 地域循環共生圏（長野県）", exact=True)).to_have_count(1)
    prefecture = page.locator("section", has=page.get_by_role("heading", name="長野県 1地域", level=3))
    expect(prefecture.get_by_role("link", name="南信州 地域循環共生圏", exact=True)).to_be_visible()
    check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="南信州 地域循環共生圏（長野県）").click()
    expect(page.get_by_role("heading", name="南信州 地域循環共生圏", level=1)).to_be_visible()

    # The search finds the region by a word inside the compound 地域循環共生圏 (segmented, not a substring
    # match), and the company and each of its solutions.
    search(page, base, "共生")
    result(page, "南信州 地域循環共生圏")
    check(page)
    search(page, base, "小水力")
    result(page, "小水力発電の共同事業")
    result(page, "株式会社テスト循環（架空）")
    check(page)
    search(page, base, "薪ボイラー")
    result(page, "薪ボイラーの導入支援")
    with page.expect_navigation():
        page.get_by_role("link", name="薪ボイラーの導入支援", exact=True).click()
    expect(page.get_by_role("heading", name="株式会社テスト循環（架空）", level=1)).to_be_visible()


def test_region_form_errors_are_summarised(page: Page, live_server, organization, owner):
    login(page, live_server.url, owner.email, PASSWORD)
    page.goto(f"{live_server.url}/registry/organizations/{organization.pk}/regions/new/")
    page.locator("#id_municipalities_text").fill("架空市")
    page.locator("#id_desired_future").fill("森が稼ぐ地域")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("alert")).to_contain_text("当てはまる団体が見つかりません")
    expect(page.locator("#id_desired_future")).to_have_value("森が稼ぐ地域")
    check(page)

"""Every foundation page has 0 axe violations (WCAG 2.1 AA), works by keyboard and reflows at 320 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, assert_reflows, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_violations(page: Page, live_server, path):
    page.goto(live_server.url + path)
    assert_accessible(page)
    assert_reflows(page)


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_english_pages_have_no_violations(page: Page, live_server, path):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="English").click()
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_skip_link_is_the_first_stop_and_moves_focus(page: Page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_signup_errors_have_a_summary_and_keep_input(page: Page, live_server):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("メールアドレス").fill("taro@example.jp")
    page.get_by_label("氏名", exact=False).first.fill("環境 太郎")
    page.get_by_label("パスワード", exact=True).fill("short")
    page.get_by_label("パスワード（再入力）").fill("short")
    page.get_by_role("button", name="ユーザー登録").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("入力内容を確認してください")
    expect(page.get_by_label("メールアドレス")).to_have_value("taro@example.jp")
    assert_accessible(page)


def test_signed_in_pages_have_no_violations(page: Page, live_server, organization, owner):
    login(page, live_server.url, owner.email, PASSWORD)
    for path in ["/organizations/", f"/organizations/{organization.pk}/", "/organizations/new/", "/accounts/2fa/"]:
        page.goto(live_server.url + path)
        assert_accessible(page)
        assert_reflows(page)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_organization_form_errors_are_accessible(page: Page, live_server, owner):
    login(page, live_server.url, owner.email, PASSWORD)
    page.goto(live_server.url + "/organizations/new/")
    page.get_by_label("種別").select_option("municipality")
    page.get_by_label("地方公共団体", exact=False).first.fill("府中市")
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_role("alert")).to_contain_text("複数あります")
    expect(page.get_by_label("地方公共団体", exact=False).first).to_have_value("府中市")
    assert_accessible(page)


def test_staff_two_factor_setup_page(page: Page, live_server, make_staff):
    user = make_staff(totp=False)
    login(page, live_server.url, user.email, PASSWORD)
    assert "/accounts/2fa/totp/activate" in page.url
    assert_accessible(page)

"""Every foundation page has 0 axe violations (WCAG 2.1 AA), works by keyboard and reflows at 320 px."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from conftest import PASSWORD, totp_code
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


def test_styles_and_scripts_are_served_by_the_app(page: Page, live_server):
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(live_server.url + "/")
    assert failed == []
    # The stylesheet applied: the skip link sits off-screen until focused, htmx loaded.
    assert page.locator(".skip-link").bounding_box()["x"] < 0
    assert page.evaluate("typeof window.htmx") == "object"


def test_skip_link_is_the_first_stop_and_moves_focus(page: Page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_signup_errors_have_a_summary_and_keep_input(page: Page, live_server):
    page.goto(live_server.url + "/accounts/signup/")
    page.locator("#id_email").fill("taro@example.jp")
    page.locator("#id_full_name").fill("環境 太郎")
    page.locator("#id_password1").fill("short")
    page.locator("#id_password2").fill("short")
    page.locator("main form button[type=submit]").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("入力内容を確認してください")
    expect(page.locator("#id_email")).to_have_value("taro@example.jp")
    expect(page.locator("#id_full_name")).to_have_value("環境 太郎")
    expect(page.locator("#id_password1")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_signed_in_pages_have_no_violations(page: Page, live_server, organization, owner, member):
    from junkan.organizations.models import Invitation, Membership

    removal = Membership.objects.get(organization=organization, user=member)
    Invitation.objects.create(organization=organization, email="invitee@example.jp", invited_by=owner)
    login(page, live_server.url, owner.email, PASSWORD)
    for path in [
        "/organizations/",
        f"/organizations/{organization.pk}/",
        f"/organizations/{organization.pk}/members/{removal.pk}/remove/",  # the confirmation
        f"/organizations/{organization.pk}/invitations/",  # every open invitation
        "/organizations/new/",
        "/accounts/2fa/",
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page)
        assert_reflows(page)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_organization_form_errors_are_accessible(page: Page, live_server, owner):
    login(page, live_server.url, owner.email, PASSWORD)
    page.goto(live_server.url + "/organizations/new/")
    page.locator("#id_kind").select_option("municipality")
    page.locator("#id_municipality_text").fill("府中市")
    page.locator("#id_name").fill("府中市役所")
    page.get_by_role("button", name="登録する").click()
    expect(page.get_by_role("alert")).to_contain_text("複数あります")
    expect(page.locator("#id_municipality_text")).to_have_value("府中市")
    expect(page.locator("#id_name")).to_have_value("府中市役所")
    # The summary links to the field with the problem.
    page.get_by_role("alert").get_by_role("link").first.click()
    expect(page.locator("#id_municipality_text")).to_be_focused()
    assert_accessible(page)


def test_staff_sets_up_two_factor_on_first_login(page: Page, live_server, make_staff):
    user = make_staff(totp=False)
    login(page, live_server.url, user.email, PASSWORD)
    # Sent to setup, which first asks for the password again.
    assert "/accounts/reauthenticate/" in page.url
    assert_accessible(page)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/accounts/2fa/totp/activate/**")
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_code(secret))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    # Now every page opens.
    page.goto(live_server.url + "/organizations/")
    assert page.url.endswith("/organizations/")
    assert_accessible(page)


def test_municipality_suggestions_appear_while_typing(page: Page, live_server, owner):
    login(page, live_server.url, owner.email, PASSWORD)
    page.goto(live_server.url + "/organizations/new/")
    page.locator("#id_municipality_text").press_sequentially("西粟倉", delay=50)
    expect(page.locator("#municipality-suggestions")).to_contain_text("岡山県西粟倉村（336432）")
    assert_accessible(page)

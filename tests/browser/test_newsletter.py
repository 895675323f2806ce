"""The mail magazine in the browser: subscribe → confirmation link → unsubscribe, and the secretariat's
pages (write an issue, preview, send, read the send log)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, totp_code
from tests.browser.conftest import assert_accessible, assert_reflows, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Mails are sent at once (the settings fixture also resets django-tasks' cached backend)."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "mail"],
        }
    }


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def mailed_link(base: str, name: str) -> str:
    from django.core import mail

    path = re.search(rf"http://[^/\s]+(/newsletter/{name}/\S+/)", mail.outbox[-1].body).group(1)
    return base + path


def test_subscribe_confirm_unsubscribe(page: Page, live_server):
    from junkan.newsletter.models import Subscriber

    base = live_server.url
    page.goto(f"{base}/newsletter/")
    check(page)
    page.get_by_label("メールアドレス").fill("not an address")
    with page.expect_navigation():
        page.get_by_role("button", name="登録する").click()
    expect(page.get_by_text("入力内容を確認してください")).to_be_visible()
    check(page)
    page.get_by_label("メールアドレス").fill("reader@example.jp")
    with page.expect_navigation():
        page.get_by_role("button", name="登録する").click()
    expect(page.get_by_role("heading", name="確認のメールをお送りしました")).to_be_visible()
    check(page)
    assert Subscriber.objects.get().status == "pending"

    page.goto(mailed_link(base, "confirm"))
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="購読を確定する").click()
    expect(page.get_by_role("heading", name="登録が完了しました")).to_be_visible()
    check(page)
    assert Subscriber.objects.get().status == "confirmed"

    page.goto(mailed_link(base, "unsubscribe"))  # from the welcome mail
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="配信を停止する").click()
    expect(page.get_by_role("heading", name="配信を停止しました")).to_be_visible()
    check(page)
    assert Subscriber.objects.get().status == "unsubscribed"

    page.goto(f"{base}/newsletter/confirm/forged/")
    expect(page.get_by_role("heading", name="このリンクは使えません")).to_be_visible()
    check(page)


def test_secretariat_writes_and_sends(page: Page, live_server, make_staff):
    from django.core import mail

    from junkan.newsletter import services
    from junkan.newsletter.models import Issue

    for address in ("a@example.jp", "b@example.jp"):
        subscriber = services.request_subscription(None, address)
        services.confirm(None, subscriber)
    mail.outbox.clear()
    staff = make_staff()
    base = live_server.url
    login(page, base, staff.email, PASSWORD)
    if "/2fa/" in page.url:
        page.locator("#id_code").fill(totp_code())
        with page.expect_navigation():
            page.get_by_role("button", name="ログイン").click()
    page.goto(f"{base}/newsletter/manage/")
    check(page)
    page.get_by_role("link", name="新しい号を作成する").click()
    check(page)
    page.get_by_label("件名").fill("フォーラムのご案内")
    page.get_by_label("すべての購読者").check()
    page.get_by_label("本文").fill("地域循環共生圏フォーラムを開催します。")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("[循環メールマガジン 第1号] フォーラムのご案内")).to_be_visible()
    check(page)
    page.get_by_role("link", name="2人に配信する").click()
    # The confirmation page: subject, segment and the number of recipients before the mail goes out.
    expect(page.get_by_role("heading", level=1)).to_contain_text("内容の確認")
    expect(page.locator("main")).to_contain_text("2人")
    check(page)
    assert mail.outbox == []
    with page.expect_navigation():
        page.get_by_role("button", name="確認しました。配信する").click()
    expect(page.get_by_text("2人への配信を始めました")).to_be_visible()
    assert Issue.objects.get().status == "sent"
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.jp", "b@example.jp"]
    page.get_by_role("link", name="配信記録").click()
    expect(page.get_by_role("cell", name="a@example.jp")).to_be_visible()
    check(page)
    page.goto(f"{base}/newsletter/manage/")
    expect(page.get_by_role("link", name="フォーラムのご案内")).to_be_visible()
    check(page)

"""Events in the browser: an organizer creates and publishes an event; visitors find it, add it to their
calendar, register (with and without an account), land on the waiting list and cancel."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import PASSWORD
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


def test_organizer_creates_and_publishes(page: Page, live_server, organization, owner):
    from junkan.events.models import Event, EventStatus

    base = live_server.url
    login(page, base, owner.email, PASSWORD)
    page.goto(f"{base}/events/manage/")
    check(page)
    page.get_by_role("link", name="イベントを登録する").click()
    check(page)
    day = (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%d")
    page.get_by_label("主催").select_option(label="長野県飯田市")
    page.get_by_label("種類").select_option(label="ワークショップ")
    page.get_by_label("名称").fill("森の恵みワークショップ")
    page.locator("#id_summary").fill("地域の森林資源の使い道を考えます。")
    page.locator("#id_body").fill("第1部 森を歩く\n第2部 話し合い")
    page.locator("#id_starts_at").fill(f"{day}T10:00")
    page.locator("#id_ends_at").fill(f"{day}T09:00")  # a mistake: before the start
    page.get_by_label("会場・オンライン併用").check()
    page.get_by_label("会場", exact=True).fill("飯田市 文化会館")
    page.get_by_label("定員").fill("30")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("終了日時は開始日時より後にしてください").first).to_be_visible()
    expect(page.get_by_label("名称")).to_have_value("森の恵みワークショップ")
    check(page)
    page.locator("#id_ends_at").fill(f"{day}T12:00")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    expect(page.get_by_role("heading", name="森の恵みワークショップ", level=1)).to_be_visible()
    expect(page.get_by_text("下書き（非公開）")).to_be_visible()
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="公開して申込の受付を始める").click()
    expect(page.get_by_text("イベントを公開しました")).to_be_visible()
    event = Event.objects.get()
    assert event.status == EventStatus.PUBLISHED
    assert timezone.localtime(event.starts_at).hour == 10
    page.get_by_role("link", name="参加者の一覧").click()
    expect(page.get_by_role("heading", name="参加者の一覧")).to_be_visible()
    check(page)


def test_find_register_and_cancel(page: Page, live_server, organization, make_user):
    from django.core import mail

    from junkan.events.models import Event, Registration, RegistrationStatus

    starts = timezone.now().replace(microsecond=0) + timedelta(days=7)
    event = Event.objects.create(
        kind="symposium",
        title="ローカルSDGsシンポジウム",
        summary="先行地域の事例発表とパネルディスカッション",
        body="第1部 基調講演\n第2部 パネルディスカッション",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        format="hybrid",
        venue="イイノホール",
        online_url="https://meet.example.jp/symposium",
        capacity=1,
        organizer=organization,
        status="published",
    )
    base = live_server.url

    # A visitor without an account finds the event and registers with a name and an address.
    page.goto(f"{base}/events/")
    check(page)
    page.get_by_role("combobox", name="種類").select_option(label="シンポジウム")
    with page.expect_navigation():
        page.get_by_role("button", name="絞り込む").click()
    page.get_by_role("link", name="ローカルSDGsシンポジウム").click()
    expect(page.get_by_role("heading", name="ローカルSDGsシンポジウム", level=1)).to_be_visible()
    expect(page.get_by_text("https://meet.example.jp/symposium")).to_have_count(0)
    check(page)

    ics = page.get_by_role("link", name="カレンダーに追加（iCalendar）")
    response = page.request.get(base + ics.get_attribute("href"))
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "BEGIN:VEVENT" in response.text()
    assert "TZID=Asia/Tokyo" in response.text()

    page.get_by_label("氏名").fill("地域 花子")
    page.get_by_label("メールアドレス").fill("hanako@example.jp")
    page.get_by_label("所属").fill("南信州森林組合")
    with page.expect_navigation():
        page.get_by_role("button", name="申し込む").click()
    expect(page.get_by_text("参加申込を受け付けました")).to_be_visible()
    expect(page.get_by_role("link", name="https://meet.example.jp/symposium")).to_be_visible()
    check(page)
    [message] = mail.outbox
    manage_url = re.search(r"http://\S+/events/registrations/\S+/", message.body).group(0)

    # The seat is taken: a signed-in person goes on the waiting list.
    late = make_user("late@example.jp", full_name="遅い 到着")
    page.context.clear_cookies()
    login(page, base, late.email, PASSWORD)
    page.goto(f"{base}/events/{event.pk}/")
    expect(page.get_by_text("定員に達しています")).to_be_visible()
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="キャンセル待ちで申し込む").click()
    expect(page.get_by_text("キャンセル待ち 1番目")).to_be_visible()
    check(page)

    # The first person cancels from the link in the mail, without logging in.
    page.context.clear_cookies()
    page.goto(manage_url.replace("http://127.0.0.1:8000", base))
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="参加申込をキャンセルする").click()
    expect(page.get_by_text("参加申込をキャンセルしました")).to_be_visible()
    assert Registration.objects.get(email="hanako@example.jp").status == RegistrationStatus.CANCELLED
    # ...and the person waiting moves up, is told by mail and sees the online link.
    assert Registration.objects.get(email="late@example.jp").status == RegistrationStatus.CONFIRMED
    assert any(m.to == ["late@example.jp"] and "繰り上がり" in m.body for m in mail.outbox)
    login(page, base, late.email, PASSWORD)
    page.goto(f"{base}/events/{event.pk}/")
    expect(page.get_by_role("link", name="https://meet.example.jp/symposium")).to_be_visible()
    check(page)

    # Past events are listed separately.
    page.goto(f"{base}/events/?when=past")
    expect(page.get_by_role("heading", name="終了したイベント", level=1)).to_be_visible()
    check(page)

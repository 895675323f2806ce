"""Issue 13 in the browser: every demo person lands on a start page (マイページ) that shows their next task,
reached in one click; the confirmation page and the start page pass axe; saved input is not offered for
restoring right after 「保存しました」."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from conftest import totp_code
from tests.browser.conftest import assert_accessible, assert_reflows, login, reload_shipped_data

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, _municipality_master):
    # Earlier transactional tests flush what the migrations ship (factor sets, calls, vocabularies).
    reload_shipped_data()
    call_command("load_demo", verbosity=0)


def sign_in(page: Page, base: str, email: str) -> None:
    from junkan.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

    login(page, base, email, DEMO_PASSWORD)
    if "/2fa/" in page.url:
        page.locator("#id_code").fill(totp_code(DEMO_TOTP_SECRET))
        with page.expect_navigation():
            page.get_by_role("button", name="ログイン").click()


# Who, and what their first task on the start page leads to (a URL pattern).
PEOPLE = [
    ("officer@example.jp", r"/(applications|grants)/"),
    ("company@example.jp", r"/(applications|grants|registry)/"),
    ("secretariat@example.jp", r"/(grants|applications|registry)/"),
    ("reviewer@example.jp", r"/review/"),
]


def test_each_demo_person_finds_their_next_task_in_one_click(page: Page, live_server, demo):
    base = live_server.url
    for email, target in PEOPLE:
        page.context.clear_cookies()
        sign_in(page, base, email)
        assert page.url.rstrip("/").endswith("/my"), (email, page.url)
        expect(page.locator("h1")).to_have_text("マイページ")
        assert_accessible(page)
        assert_reflows(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        next_task = page.locator("#next-task-title + p a")
        assert next_task.count() == 1, (email, page.locator("main").inner_text())
        with page.expect_navigation():
            next_task.click()
        assert re.search(target, page.url), (email, page.url)
        assert page.locator("h1").count() == 1
    withdrawal_confirmation(page, base)
    saved_input_is_not_offered_again(page, base)


def saved_input_is_not_offered_again(page: Page, base: str) -> None:
    """Issue 13: 「保存されていない入力が残っています」 appeared right after 「保存しました」 when the server
    kept the input normalised (here: without the surrounding spaces)."""
    from junkan.applications.models import Application, ApplicationStatus

    draft = Application.objects.filter(
        status=ApplicationStatus.DRAFT, organization__memberships__user__email="officer@example.jp"
    ).first()
    assert draft is not None, "the demo has no draft of the officer"
    page.goto(f"{base}/applications/{draft.public_id}/sections/letter/")
    field = page.locator("form.application-form input[type=text]").first
    field.fill("  " + field.input_value() + "  ")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("保存しました")
    expect(page.locator("[data-restore]")).to_be_hidden()
    page.reload()
    expect(page.locator("[data-restore]")).to_be_hidden()


def withdrawal_confirmation(page: Page, base: str) -> None:
    """The confirmation page before a withdrawal passes axe and reflows (one demo load for both checks:
    a second load after the flush would miss the reference data the migrations ship)."""
    from junkan.applications.models import Application
    from junkan.applications.processes import APPLICATION
    from junkan.common import workflow
    from junkan.organizations.models import Membership

    officer_orgs = Membership.objects.filter(user__email="officer@example.jp").values_list("organization_id")
    candidates = Application.objects.filter(organization_id__in=officer_orgs)
    from junkan.accounts.models import User

    officer = User.objects.get(email="officer@example.jp")
    withdrawable = next(
        (a for a in candidates if workflow.can(APPLICATION, officer, a, "withdrawn").allowed), None
    )
    if withdrawable is None:
        pytest.fail("the demo has no application the officer may withdraw")
    page.context.clear_cookies()
    sign_in(page, base, "officer@example.jp")
    page.goto(f"{base}/applications/{withdrawable.public_id}/")
    with page.expect_navigation():
        page.get_by_role("link", name="応募を取り下げる").click()
    expect(page.locator("#confirm-undo")).to_have_text("元に戻せないこと")
    assert_accessible(page)
    assert_reflows(page)

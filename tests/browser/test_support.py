"""Experts, organizations, support measures and funding mechanisms: 0 axe violations, reflow, an inquiry."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.conftest import assert_accessible, assert_reflows, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _vocabularies(_municipality_master: None) -> None:
    for name in (
        "junkan.registry.migrations.0002_load_vocabularies",
        "junkan.support.migrations.0002_load_vocabularies",
    ):
        migration = importlib.import_module(name)
        with connection.schema_editor() as schema_editor:
            migration.load(apps, schema_editor)


@pytest.fixture
def entries(organization):
    from junkan.municipalities.models import Municipality
    from junkan.registry.models import RegionRegistration, RegistrationStatus
    from junkan.support.models import (
        Expert,
        FundingKind,
        FundingLink,
        FundingMechanism,
        Ministry,
        OrganizationKind,
        SpecialistOrganization,
        SupportField,
        SupportMeasure,
    )

    energy = SupportField.objects.get(name="再生可能エネルギー")
    expert = Expert.objects.create(
        name="川辺 誠（デモ）",
        name_kana="かわべ まこと",
        affiliation="技術士事務所（架空）",
        bio="森林資源の熱利用を支援。",
        private_email="kawabe@example.jp",
        is_published=True,
    )
    expert.fields.set([energy])
    expert.regions.set(Municipality.objects.filter(code="200000"))
    org = SpecialistOrganization.objects.create(
        name="みなと研究所（架空）",
        kind=OrganizationKind.UNIVERSITY,
        description="再エネ調査",
        is_published=True,
    )
    org.fields.set([energy])
    today = timezone.localdate()
    open_measure = SupportMeasure.objects.create(
        title="地域資源活用支援（デモ）",
        ministry=Ministry.objects.get(name="農林水産省"),
        summary="概要",
        eligible_applicants="市町村",
        deadline=today + timedelta(days=10),
        is_published=True,
    )
    closed_measure = SupportMeasure.objects.create(
        title="締切済みの支援（デモ）",
        ministry=Ministry.objects.get(name="総務省"),
        summary="概要",
        eligible_applicants="市町村",
        deadline=today - timedelta(days=10),
        is_published=True,
    )
    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        status=RegistrationStatus.APPROVED,
        challenges="c",
        desired_future="f",
        backcasting="b",
        contact_name="n",
        contact_email="n@example.jp",
    )
    fund = FundingMechanism.objects.create(
        name="南信州 市民ファンド（デモ）",
        kind=FundingKind.CITIZEN_INVESTMENT,
        description="説明",
        is_published=True,
    )
    fund.regions.set([region])
    FundingLink.objects.create(mechanism=fund, title="資料（デモ）", url="https://example.jp/fund")
    return {"expert": expert, "org": org, "open": open_measure, "closed": closed_measure, "fund": fund}


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_support_pages_have_no_violations(page: Page, live_server, entries):
    base = live_server.url
    paths = [
        "/support/experts/",
        f"/support/experts/{entries['expert'].pk}/",
        "/support/organizations/",
        f"/support/organizations/{entries['org'].pk}/",
        "/support/measures/",
        f"/support/measures/{entries['open'].pk}/",
        f"/support/measures/{entries['closed'].pk}/",
        "/support/funding/",
        f"/support/funding/{entries['fund'].pk}/",
    ]
    for path in paths:
        page.goto(base + path)
        expect(page.locator("h1")).to_have_count(1)
        check(page)


def test_measures_list_marks_closed_ones_and_filters(page: Page, live_server, entries):
    page.goto(live_server.url + "/support/measures/")
    cards = page.locator("main .program-list > li")
    expect(cards.first).to_contain_text("地域資源活用支援（デモ）")
    expect(cards.nth(1)).to_contain_text("締切済み")
    page.get_by_label("受付中のものだけ表示する").check()
    with page.expect_navigation():
        page.get_by_role("button", name="絞り込む").click()
    expect(cards).to_have_count(1)
    check(page)


def test_member_asks_an_expert_through_the_secretariat(page: Page, live_server, entries, member):
    from junkan.support.models import Inquiry

    url = f"{live_server.url}/support/experts/{entries['expert'].pk}/"
    page.goto(url)
    expect(page.get_by_text("kawabe@example.jp")).to_have_count(0)
    expect(page.get_by_role("link", name="ログインして相談する")).to_be_visible()
    login(page, live_server.url, member.email, PASSWORD)
    page.goto(url)
    page.get_by_label("相談内容").fill("木質バイオマスの導入について相談したい。")
    with page.expect_navigation():
        page.get_by_role("button", name="事務局に相談を送る").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("入力内容を確認してください")
    expect(page.get_by_label("相談内容")).to_have_value("木質バイオマスの導入について相談したい。")
    assert_accessible(page)
    page.get_by_label("所属（団体名）").fill("長野県飯田市 環境課")
    with page.expect_navigation():
        page.get_by_role("button", name="事務局に相談を送る").click()
    expect(page.get_by_text("相談を事務局に送りました")).to_be_visible()
    assert Inquiry.objects.get().organization_name == "長野県飯田市 環境課"
    check(page)

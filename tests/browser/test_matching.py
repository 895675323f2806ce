"""The 下川町 officer sees a fitting solution with its reasons, asks for an introduction, the company accepts,
the secretariat sees the request's history; axe on every matching page."""

from __future__ import annotations

import importlib

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


def setup_data(officer, seller):  # type: ignore[no-untyped-def]
    from junkan.matching.services import refresh_company
    from junkan.municipalities.models import Municipality
    from junkan.organizations.models import Membership, MembershipRole, Organization
    from junkan.registry.models import (
        CompanyRegistration,
        Industry,
        LocalResource,
        RegionRegistration,
        Solution,
    )

    town = Organization.objects.create(
        kind="municipality", name="北海道下川町", municipality=Municipality.objects.get(code="014681")
    )
    Membership.objects.create(organization=town, user=officer, role=MembershipRole.OWNER)
    region = RegionRegistration.objects.create(
        organization=town,
        name="森林未来都市しもかわ",
        status="approved",
        challenges="エネルギー代金の域外流出。林業の担い手不足。",
        desired_future="森林で暮らしが回る町",
        backcasting="公共施設の熱を地域の木でまかなう",
        contact_name="下川 一郎",
        contact_email="town-contact@example.jp",
    )
    region.municipalities.set([Municipality.objects.get(code="014681")])
    region.resources.set(LocalResource.objects.filter(code__in=["forest", "energy"]))
    firm = Organization.objects.create(kind="company", name="株式会社チップ熱（架空）")
    Membership.objects.create(organization=firm, user=seller, role=MembershipRole.OWNER)
    company = CompanyRegistration.objects.create(
        organization=firm,
        summary="木質チップボイラーの設計と運営",
        industry=Industry.objects.get(code="33"),
        agreed_to_purpose=True,
        contact_name="営業 次郎",
        contact_email="firm-contact@example.jp",
        status="approved",
    )
    boiler = Solution.objects.create(
        registration=company,
        title="木質チップボイラーの導入と運営",
        description="公共施設の暖房を地域の間伐材のチップでまかないます。灯油代を地域に残します。",
    )
    boiler.resources.set(LocalResource.objects.filter(code="forest"))
    boiler.regions_served.set([Municipality.objects.get(code="010006")])
    beach = Solution.objects.create(
        registration=company, title="海岸漂着ごみの回収", description="ビーチクリーン"
    )
    beach.resources.set(LocalResource.objects.filter(code="sea"))
    refresh_company(company)
    return region, company


def test_suggestion_request_acceptance_and_history(page: Page, live_server, make_user, make_staff):
    from junkan.matching.models import CollaborationRequest

    cache.clear()
    officer = make_user("officer-browser@example.jp", full_name="下川 担当")
    seller = make_user("seller-browser@example.jp", full_name="チップ 営業")
    region, _company = setup_data(officer, seller)
    base = live_server.url

    # The officer sees the fitting solution, with its reasons, on the region's page.
    login(page, base, officer.email, PASSWORD)
    page.goto(f"{base}/registry/regions/{region.pk}/")
    suggestions = page.locator("section.suggestions")
    expect(suggestions.get_by_role("heading", name="この地域に合いそうなソリューション")).to_be_visible()
    first = suggestions.locator("li.card").first
    expect(first.get_by_role("link", name="木質チップボイラーの導入と運営", exact=True)).to_be_visible()
    expect(first.get_by_text("北海道で実施可能")).to_be_visible()
    expect(first.get_by_text("課題『エネルギー代金の域外流出』に対応")).to_be_visible()
    check(page)

    # … and asks for an introduction.
    with page.expect_navigation():
        first.get_by_role("link", name="紹介を依頼する").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("株式会社チップ熱（架空）")
    check(page)
    page.get_by_label("相談の内容").fill("町の公共施設にチップボイラーを入れたいので、お話を伺えますか。")
    with page.expect_navigation():
        page.get_by_role("button", name="相談を送る").click()
    expect(page.get_by_text("相談を送りました")).to_be_visible()
    expect(page.get_by_text("連絡先は、相手が相談を承諾した後に表示されます。")).to_be_visible()
    check(page)
    request = CollaborationRequest.objects.get()
    assert request.origin == "suggestion" and request.solution.title == "木質チップボイラーの導入と運営"
    page.goto(f"{base}/matching/requests/")
    check(page)
    page.goto(f"{base}/matching/digest/")
    check(page)

    # The company accepts, after the confirmation page, and then sees the town's contact.
    page.context.clear_cookies()
    login(page, base, seller.email, PASSWORD)
    page.goto(f"{base}/my/")
    expect(page.get_by_text("返答してください", exact=True)).to_be_visible()
    check(page)
    page.goto(f"{base}/matching/requests/{request.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="相談を受ける").click()
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="確認しました。相談を受ける").click()
    expect(page.get_by_text("town-contact@example.jp")).to_be_visible()
    request.refresh_from_db()
    assert request.status == "accepted"
    page.goto(f"{base}/registry/companies/{_company.pk}/")
    expect(page.get_by_role("heading", name="ソリューションに合いそうな実践地域")).to_be_visible()
    check(page)

    # The secretariat sees the request's history, the overview, and records an event.
    page.context.clear_cookies()
    staff = make_staff()
    login(page, base, staff.email, PASSWORD)
    if "/2fa/" in page.url:
        page.locator("#id_code").fill(totp_code())
        with page.expect_navigation():
            page.get_by_role("button", name="ログイン").click()
    page.goto(f"{base}/matching/requests/{request.pk}/")
    history = page.locator("ol.history")
    expect(history).to_contain_text("相談")
    expect(history).to_contain_text("承諾")
    check(page)
    page.goto(f"{base}/matching/manage/")
    check(page)
    page.get_by_label("名称").fill("ビジネスマッチング会 北海道")
    page.get_by_label("開催日").fill("2026-11-20")
    with page.expect_navigation():
        page.get_by_role("button", name="登録する").click()
    expect(page.get_by_role("heading", name="ビジネスマッチング会 北海道", level=1)).to_be_visible()
    check(page)

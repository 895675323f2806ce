"""The whole review in a real browser, with axe on every page.

The secretariat sets up the committee and two members (one a 長野県 official, detected as conflicted with
飯田市's application), assigns automatically and schedules a hearing; both members declare and score
their applications; the secretariat enters the budgets, records the proposal as the decisions, changes one
to adopted with conditions, notifies the applicants and publishes; anyone then reads the adopted projects.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, assert_reflows, login_2fa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Page) -> None:
    assert_accessible(page)
    assert_reflows(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def submit(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def confirm(page: Page) -> None:
    """The 確認画面 of an irreversible move (common/confirm.html): checked, then confirmed."""
    expect(page.get_by_role("button", name=re.compile("^確認しました。"))).to_be_visible()
    check(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("^確認しました。")).click()


@pytest.fixture
def call(db):
    import yaml

    from junkan.programs.services import import_program

    data = yaml.safe_load(
        (
            Path(__file__).resolve().parents[2] / "junkan/programs/data/fy2019-decarbonised-region-model.yaml"
        ).read_text(encoding="utf-8")
    )
    data.update(slug="browser-review-call", published=True)
    return import_program(None, data).program


@pytest.fixture
def applications(call, organization, owner):
    """Three accepted applications: 飯田市 (type 1), a company (type 1) and a council (type 3)."""
    from django.utils import timezone

    from junkan.applications.models import Application, ApplicationStatus
    from junkan.organizations.models import Organization

    company = Organization.objects.create(kind="company", name="株式会社ブラウザ循環（架空）")
    rows = [
        (organization, "1", "飯田市の小水力発電の活用調査", 7_000_000),
        (company, "1", "木質バイオマス熱供給の調査", 6_000_000),
        (company, "3", "脱炭素まちづくり協議会の運営", 2_500_000),
    ]
    created = [
        Application.objects.create(
            program=call,
            project_type=call.project_types.get(code=code),
            organization=org,
            created_by=owner,
            title=title,
            status=ApplicationStatus.ACCEPTED,
            receipt_number=f"2019-777-{n:04d}",
            submitted_at=timezone.now(),
            requested_amount=amount,
            total_cost=amount,
        )
        for n, (org, code, title, amount) in enumerate(rows, start=1)
    ]
    # The submitted versions hold the requirements checklist the members see (seed 002 2.①–③(2)イ).
    from junkan.applications.checklist import sections_of
    from junkan.applications.models import Submission
    from junkan.applications.samples import requirement_answers

    for app in created:
        section = next(s for s in sections_of(app) if s.requirements)
        Submission.objects.create(
            application=app,
            version=1,
            receipt_number=app.receipt_number,
            received_at=timezone.now(),
            submitted_by=owner,
            snapshot={"raw": {"requirements": requirement_answers(section)}},
        )
    return created


def score_all(page: Page, base: str, committee_pk: int, points: str) -> int:
    """As the logged-in member: declare and submit a sheet for every assigned application."""
    page.goto(f"{base}/review/{committee_pk}/assigned/")
    check(page)
    links = page.locator("table tbody td:nth-child(2) a")
    urls = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for url in urls:
        page.goto(base + url)
        expect(page.locator(".requirements-table tbody")).to_contain_text("満たしている")
        check(page)
        page.get_by_role("link", name="利害関係を申告する").click()
        page.wait_for_url("**/declare/")
        check(page)
        page.get_by_label("利害関係はありません").check()
        submit(page, "申告する")
        expect(page.locator(".messages")).to_contain_text("採点を始めてください")
        check(page)
        # Submitting an empty sheet keeps the page with every missing mark listed.
        submit(page, "提出する")
        expect(page.locator(".error-summary")).to_contain_text("評点を入力してください")
        check(page)
        names = set(
            page.locator("input[type=radio][name^=mark_]").evaluate_all("els => els.map(e => e.name)")
        )
        for name in sorted(names):
            passing = page.locator(f"input[name='{name}'][value='pass']")
            (passing if passing.count() else page.locator(f"input[name='{name}'][value='{points}']")).check()
        page.get_by_label("総合所見").fill("地域の合意形成の進め方が具体的である。")
        submit(page, "提出する")
        confirm(page)
        expect(page.locator(".messages")).to_contain_text("採点票を提出しました")
        check(page)
    return len(urls)


def test_assign_score_decide_publish(
    page: Page, live_server, call, applications, make_staff, django_user_model
):
    from junkan.accounts.models import Role
    from junkan.review.models import Committee, Decision, Exclusion, Outcome, ScoreSheet

    base = live_server.url
    staff = make_staff()
    first = make_staff("first-reviewer@example.jp", role=Role.REVIEWER)
    second = make_staff("second-reviewer@example.jp", role=Role.REVIEWER)
    django_user_model.objects.filter(pk=first.pk).update(full_name="審査 一郎")
    django_user_model.objects.filter(pk=second.pk).update(full_name="審査 二郎")

    # The secretariat sets up the committee and its members.
    login_2fa(page, base, staff.email, fresh_session=True)
    page.goto(f"{base}/review/")
    check(page)
    page.goto(f"{base}/review/new/")
    check(page)
    page.get_by_label("公募").select_option(value=str(call.pk))
    page.get_by_label("1件あたりの審査委員の人数").fill("2")
    submit(page, "保存する")
    committee = Committee.objects.get(program=call)
    expect(page.get_by_role("heading", name="委員会・委員", level=1)).to_be_visible()
    check(page)
    for person, affiliation, workplace in ((first, "○○大学 教授", ""), (second, "長野県 環境部", "長野県")):
        page.get_by_role("link", name="委員を追加する").click()
        page.wait_for_url("**/members/new/")
        check(page)
        page.get_by_label("メールアドレス").fill(person.email)
        page.get_by_label("所属・役職").fill(affiliation)
        page.get_by_label("勤務先の地方公共団体").fill(workplace)
        submit(page, "保存する")
        expect(page.locator(".messages")).to_contain_text("委員の情報を保存しました")
    check(page)
    assert Exclusion.objects.get().application == applications[0]

    # Automatic assignment: two members each, except 飯田市's application (the second member is conflicted).
    page.get_by_role("link", name="割当て・利益相反").click()
    page.wait_for_url("**/assignment/")
    check(page)
    submit(page, "自動で割り当てる")
    expect(page.locator(".messages")).to_contain_text("利益相反のない審査委員が足りない")
    expect(page.locator("table.review-loads tbody tr")).to_have_count(2)
    expect(page.locator("table.review-loads")).to_contain_text("3")
    expect(page.get_by_text("勤務先の長野県は申請者「長野県飯田市」")).to_be_visible()
    check(page)

    # A hearing for the company's application, with the invitation.
    page.get_by_role("link", name="ヒアリング").click()
    page.wait_for_url("**/hearings/")
    check(page)
    page.get_by_label("対象の応募").select_option(value=str(applications[1].pk))
    page.get_by_label("日付").fill("2019-07-10")
    page.get_by_label("開始時刻").fill("10:00")
    page.get_by_label("終了時刻").fill("10:30")
    page.get_by_label("会場").fill("東京都千代田区 会議室A")
    submit(page, "追加する")
    page.get_by_role("link", name="2019年7月10日 10:00～10:30").click()
    page.wait_for_url("**/hearings/*/")
    check(page)
    submit(page, "申請者に案内を送る")
    expect(page.locator(".messages")).to_contain_text("案内をメールで送りました")
    assert any("2019年7月10日" in m.body for m in mail.outbox)

    # Both members declare and score what they were given.
    login_2fa(page, base, first.email, fresh_session=True)
    page.goto(f"{base}/review/")
    check(page)
    assert score_all(page, base, committee.pk, "4") == 3
    expect(page.get_by_role("heading", name="他の委員の評点")).to_be_visible()
    login_2fa(page, base, second.email, fresh_session=True)
    assert score_all(page, base, committee.pk, "2") == 2
    # The second member now sees the first member's scores; never 飯田市's application.
    expect(page.get_by_role("rowheader", name="審査 一郎")).to_be_visible()
    response = page.goto(f"{base}/review/{committee.pk}/applications/{applications[0].public_id}/")
    assert response is not None and response.status == 404
    assert ScoreSheet.objects.filter(status="submitted").count() == 5

    # The secretariat: results, budgets, the proposal, one decision changed, notification, publication.
    login_2fa(page, base, staff.email, fresh_session=True)
    page.goto(f"{base}/review/{committee.pk}/results/")
    check(page)
    expect(page.locator("table.review-results").first).to_contain_text("80.00")
    expect(page.get_by_text("評価に開きあり").first).to_be_visible()
    page.get_by_role("textbox", name="①地域資源を活用した").fill("7,000,000")
    page.get_by_role("textbox", name="②地域の循環資源を").fill("0")
    page.get_by_role("textbox", name="③住民参加型協議会").fill("250万円")
    submit(page, "予算額を保存して採択案を計算する")
    expect(page.get_by_text("採択案1件、合計7,000,000円").first).to_be_visible()
    check(page)
    submit(page, "採否が未記録の応募に採択案のとおり記録する")
    expect(page.locator(".messages")).to_contain_text("3件の採否を記録しました")
    page.goto(f"{base}/review/{committee.pk}/decisions/{applications[2].public_id}/")
    check(page)
    page.get_by_label("条件付き採択").check()
    page.get_by_label("採択の条件").fill("協議会に地元の金融機関を加えること。")
    page.get_by_label("理由（記録用）").fill("評点は高いが、資金面の体制について委員から意見があった。")
    submit(page, "採否を記録する")
    assert Decision.objects.get(application=applications[2]).outcome == Outcome.ADOPTED_WITH_CONDITIONS
    check(page)
    sent = len(mail.outbox)
    with page.expect_navigation():
        page.get_by_role("link", name="採否を確定して申請者に通知する").click()
    confirm(page)
    expect(page.locator(".messages")).to_contain_text("3件の申請者に結果を通知しました")
    assert len(mail.outbox) == sent + 3
    check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="採択案件を公表する").click()
    confirm(page)
    expect(page.locator(".messages")).to_contain_text("採択案件を公表しました")

    # Anyone reads the adopted projects; nothing of the review is shown.
    page.context.clear_cookies()
    page.goto(f"{base}/review/adopted/")
    check(page)
    page.get_by_role("link", name=call.name).click()
    page.wait_for_url(f"**/review/adopted/{call.slug}/")
    check(page)
    adopted = page.locator("table.responsive tbody")
    expect(adopted.locator("tr")).to_have_count(2)
    expect(adopted).to_contain_text("長野県飯田市")
    expect(adopted).to_contain_text("脱炭素まちづくり協議会の運営")
    expect(page.locator("main")).not_to_contain_text("協議会に地元の金融機関を加えること")
    expect(page.locator("main")).not_to_contain_text("80.00")

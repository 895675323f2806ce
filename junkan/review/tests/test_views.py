"""The review's pages as the assigned reviewer, another reviewer, the committee's secretariat, other
secretariat staff, the applicant, an outsider and an anonymous visitor; the database after every POST."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from junkan.audit.models import AuditEntry
from junkan.municipalities.models import Municipality
from junkan.review import services
from junkan.review.models import (
    Assignment,
    AssignmentStatus,
    Budget,
    CommitteeStatus,
    Decision,
    Declaration,
    Exclusion,
    HearingSlot,
    Outcome,
    ScoreSheet,
    SheetStatus,
)
from junkan.review.tests.conftest import assignment_of, full_marks, score

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(reviewer, reviewer2, staff, make_staff, make_reviewer, owner, outsider):
    """Everyone a page is tested as (reviewer2 is a member who is not assigned in ``only_first``)."""
    return {
        "reviewer": reviewer,
        "other_member": reviewer2,
        "other_reviewer": make_reviewer("not-a-member@example.jp"),
        "secretariat": staff,
        "other_secretariat": make_staff("other-secretariat@example.jp"),
        "applicant": owner,
        "outsider": outsider,
        "anonymous": None,
    }


@pytest.fixture
def only_first(committee, members, application, staff):
    """The application assigned to the first member only."""
    services.save_manual_assignments(staff, committee, {(members[0].pk, application.pk)})
    return application


def get(client_as, user, url):
    return client_as(user).get(url)


# Member pages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reviewer", 200),
        ("other_member", 404),
        ("other_reviewer", 404),
        ("secretariat", 404),
        ("other_secretariat", 404),
        ("applicant", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
@pytest.mark.parametrize("page", ["application", "declare", "application_pdf"])
def test_only_the_assigned_member_opens_the_application(
    client_as, people, committee, only_first, who, status, page
):
    if page == "application_pdf" and status == 200:
        status = 404  # no submission was frozen for this application
    url = reverse(f"review:{page}", args=[committee.pk, only_first.public_id])
    assert get(client_as, people[who], url).status_code == status


def test_the_application_pdf_is_the_latest_submission(
    client_as, committee, members, staff, reviewer, submitted_app
):
    services.save_manual_assignments(staff, committee, {(members[0].pk, submitted_app.pk)})
    response = get(
        client_as, reviewer, reverse("review:application_pdf", args=[committee.pk, submitted_app.public_id])
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"


@pytest.fixture
def submitted_app(review_call, organization, owner):
    """A real application, filled and submitted through the applications services, then accepted."""
    from datetime import timedelta

    from django.utils import timezone

    from junkan.applications import services as application_services
    from junkan.applications.samples import fill

    review_call.opens_at = timezone.now() - timedelta(days=3)
    review_call.closes_at = timezone.now() + timedelta(days=3)
    review_call.save(update_fields=["opens_at", "closes_at"])
    application = application_services.start(
        owner, review_call, review_call.project_types.get(code="1"), organization, "小水力発電の活用調査"
    )
    fill(owner, application)
    application_services.submit(owner, application, timezone.now())
    from junkan.accounts.models import Role, User
    from junkan.accounts.services import grant_role

    clerk = User.objects.create_user(email="clerk@example.jp", password="x", full_name="受付 担当")
    grant_role(None, clerk, Role.SECRETARIAT)
    application_services.accept(clerk, application)
    application.refresh_from_db()
    return application


@pytest.mark.parametrize(
    ("who", "status"),
    [("reviewer", 200), ("other_member", 404), ("applicant", 404), ("outsider", 404), ("anonymous", 302)],
)
def test_the_assigned_member_sees_the_requirements_as_submitted(
    client_as, people, committee, members, staff, submitted_app, who, status
):
    """Seed 002 2.①(2)イ a–d with the applicant's answers and places in 様式2, from the frozen version."""
    from junkan.applications.models import Section

    services.save_manual_assignments(staff, committee, {(members[0].pk, submitted_app.pk)})
    # A later change of the draft's section does not show: the page reads the submitted version.
    section = Section.objects.get(application=submitted_app, key="requirements")
    Section.objects.filter(pk=section.pk).update(data={**section.data, "req_1_d_where": "あとで変えた箇所"})
    response = get(
        client_as, people[who], reverse("review:application", args=[committee.pk, submitted_app.public_id])
    )
    assert response.status_code == status
    if status != 200:
        return
    page = response.content.decode()
    assert "対象事業の要件（申請者の回答）" in page
    for label in ("要件a", "要件b", "要件c", "要件d"):
        assert f"<summary>{label}</summary>" in page
    assert "要件e" not in page  # e belongs to type ③ only
    assert page.count("満たしている") == 4
    assert "5頁「構想が実現した場合に期待される効果・意義」（イノベーション）" in page
    assert "あとで変えた箇所" not in page


def test_a_conflicted_member_cannot_open_the_application_by_url(
    client_as, committee, members, staff, reviewer, make_application, organization
):
    iida = make_application(organization)
    services.save_manual_assignments(staff, committee, {(members[0].pk, iida.pk)})
    url = reverse("review:application", args=[committee.pk, iida.public_id])
    assert get(client_as, reviewer, url).status_code == 200
    services.update_member(staff, members[0], {"workplace": Municipality.objects.get(code="202053")}, [])
    assert get(client_as, reviewer, url).status_code == 404
    assert (
        get(client_as, reviewer, reverse("review:sheet", args=[committee.pk, iida.public_id])).status_code
        == 404
    )
    assert (
        iida.title
        not in get(client_as, reviewer, reverse("review:assigned", args=[committee.pk])).content.decode()
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reviewer", 200),
        ("other_member", 200),
        ("other_reviewer", 404),
        ("secretariat", 404),
        ("applicant", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_the_assigned_list(client_as, people, committee, only_first, who, status):
    response = get(client_as, people[who], reverse("review:assigned", args=[committee.pk]))
    assert response.status_code == status
    if status == 200:
        assert (only_first.title in response.content.decode()) == (who == "reviewer")


def test_declare_then_score_as_draft_then_submit(client_as, committee, members, only_first, reviewer):
    client = client_as(reviewer)
    sheet_url = reverse("review:sheet", args=[committee.pk, only_first.public_id])
    response = client.get(sheet_url)
    assert response.status_code == 302 and response.url.endswith("/declare/")
    response = client.post(
        reverse("review:declare", args=[committee.pk, only_first.public_id]), {"kind": "none"}
    )
    assert response.status_code == 302 and response.url == sheet_url
    assert Declaration.objects.get().kind == "none"
    page = client.get(sheet_url)
    assert page.status_code == 200
    rows = page.context["form"].rows
    data = {"overall_comment": "地域の合意形成が進んでいる", "action": "save"}
    data[f"mark_{rows[1].pk}"] = "4"
    assert client.post(sheet_url, data).status_code == 302
    sheet = ScoreSheet.objects.get()
    assert sheet.status == SheetStatus.DRAFT and sheet.marks.get(criterion=rows[1]).points == 4
    data["action"] = "submit"
    response = client.post(sheet_url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "適否を選んでください" in text and "地域の合意形成が進んでいる" in text
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT
    for row in rows:
        data[f"mark_{row.pk}"] = "pass" if row.pass_fail else "3"
    # First the confirmation page (the sheet kept as a draft, the score shown), then the submission.
    confirm = client.post(sheet_url, data)
    assert confirm.status_code == 200 and "60.00" in confirm.content.decode()
    assert "元に戻せないこと" in confirm.content.decode()
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.DRAFT
    assert client.post(sheet_url, {**data, "confirmed": "yes"}).status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.SUBMITTED and sheet.score == Decimal(60)
    done = client.get(sheet_url).content.decode()
    assert "60.00" in done and "他の委員の採点票はまだ提出されていません" in done
    assert client.post(sheet_url, data).status_code == 200  # shows the submitted sheet, changes nothing
    assert AuditEntry.objects.filter(action="review.sheet.submitted").count() == 1


def test_an_out_of_scale_mark_keeps_what_was_typed(client_as, committee, members, only_first, reviewer):
    services.declare(reviewer, assignment_of(members[0], only_first), "none", "")
    url = reverse("review:sheet", args=[committee.pk, only_first.public_id])
    rows = client_as(reviewer).get(url).context["form"].rows
    response = client_as(reviewer).post(
        url, {f"mark_{rows[1].pk}": "9", "overall_comment": "残したい所見", "action": "save"}
    )
    assert response.status_code == 200
    assert "残したい所見" in response.content.decode()
    assert not ScoreSheet.objects.exists()


def test_other_members_scores_only_after_submitting_ones_own(
    client_as, committee, members, assigned, reviewer, reviewer2
):
    score(members[1], assigned, 5)
    services.declare(reviewer, assignment_of(members[0], assigned), "none", "")
    url = reverse("review:sheet", args=[committee.pk, assigned.public_id])
    before = client_as(reviewer).get(url).content.decode()
    assert "100.00" not in before and str(reviewer2) not in before
    score_sheet = services.save_sheet(
        reviewer, assignment_of(members[0], assigned), full_marks(assigned, 3), "", submit=True
    )
    assert score_sheet.is_submitted
    after = client_as(reviewer).get(url).content.decode()
    assert "100.00" in after and str(reviewer2) in after


def test_declaring_a_conflict_by_the_page(client_as, committee, members, only_first, reviewer):
    url = reverse("review:declare", args=[committee.pk, only_first.public_id])
    response = client_as(reviewer).post(url, {"kind": "advisory", "note": ""})
    assert response.status_code == 200 and "関係の内容を具体的に記入してください" in response.content.decode()
    assert not Declaration.objects.exists()
    response = client_as(reviewer).post(url, {"kind": "advisory", "note": "顧問"})
    assert response.status_code == 302
    assert Exclusion.objects.filter(member=members[0], application=only_first).exists()
    assert client_as(reviewer).get(url).status_code == 404


# The secretariat's pages --------------------------------------------------------------------------

MANAGE_PAGES = [
    "committee",
    "committee_edit",
    "assignment",
    "hearings",
    "results",
    "member_create",
    "scores_xlsx",
    "summary_pdf",
]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("secretariat", 200),
        ("other_secretariat", 403),
        ("reviewer", 403),
        ("other_reviewer", 404),
        ("applicant", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_secretariat_pages(client_as, people, committee, only_first, who, status, page):
    assert get(client_as, people[who], reverse(f"review:{page}", args=[committee.pk])).status_code == status


def test_decision_page_permissions(client_as, people, committee, only_first):
    url = reverse("review:decision", args=[committee.pk, only_first.public_id])
    expected = {
        "secretariat": 200,
        "other_secretariat": 403,
        "reviewer": 403,
        "applicant": 404,
        "anonymous": 302,
    }
    for who, status in expected.items():
        assert get(client_as, people[who], url).status_code == status, who


def test_index(client_as, people, committee, members, only_first, review_call):
    assert get(client_as, people["reviewer"], reverse("review:index")).status_code == 200
    assert review_call.name in get(client_as, people["reviewer"], reverse("review:index")).content.decode()
    assert get(client_as, people["secretariat"], reverse("review:index")).status_code == 200
    assert get(client_as, people["applicant"], reverse("review:index")).status_code == 404
    assert get(client_as, people["anonymous"], reverse("review:index")).status_code == 302


def test_create_committee_and_add_members(
    client_as, staff, review_call, make_application, make_reviewer, owner, organization
):
    make_application(organization)
    response = client_as(staff).post(
        reverse("review:committee_create"),
        {
            "program": review_call.pk,
            "name": "審査委員会",
            "reviewers_per_application": "2",
            "disagreement_threshold": "20",
            "required_rule": "majority",
            "nested_workplaces": "on",
        },
    )
    assert response.status_code == 302
    committee = review_call.review_committee
    assert list(committee.managers.all()) == [staff]
    url = reverse("review:member_create", args=[committee.pk])
    response = client_as(staff).post(url, {"email": owner.email, "workplace": "長野県"})
    assert response.status_code == 200 and "審査委員の役割を持つ方のみ" in response.content.decode()
    person = make_reviewer("new-member@example.jp")
    response = client_as(staff).post(
        url, {"email": person.email, "affiliation": "大学", "workplace": "架空県"}
    )
    assert response.status_code == 200 and "当てはまる団体が見つかりません" in response.content.decode()
    assert "大学" in response.content.decode()
    response = client_as(staff).post(
        url, {"email": person.email, "affiliation": "大学", "workplace": "長野県"}
    )
    assert response.status_code == 302
    member = committee.members.get()
    assert member.workplace.name == "長野県"
    assert Exclusion.objects.filter(member=member).count() == 1


def test_assignment_by_the_matrix_and_automatically(
    client_as, committee, members, staff, make_application, make_reviewer
):
    applications = [make_application() for _ in range(5)]
    services.add_member(staff, committee, make_reviewer("third@example.jp"), {})
    url = reverse("review:assignment", args=[committee.pk])
    response = client_as(staff).post(url, {f"a_{applications[0].pk}_{members[0].pk}": "on"})
    assert response.status_code == 302
    assert Assignment.objects.get().source == "manual"
    assert client_as(staff).post(reverse("review:assignment_auto", args=[committee.pk])).status_code == 302
    active = Assignment.objects.filter(status=AssignmentStatus.ACTIVE)
    assert active.count() == 10
    loads = sorted(active.filter(member=m).count() for m in committee.members.all())
    assert loads[-1] - loads[0] <= 1
    page = client_as(staff).get(url)
    assert page.context["spread"] == loads[-1] - loads[0] and page.context["short"] == 0
    # Unticking every box withdraws everything but nothing with a submitted sheet.
    response = client_as(staff).post(url, {})
    assert response.status_code == 302
    assert not Assignment.objects.filter(status=AssignmentStatus.ACTIVE).exists()


def test_results_show_the_aggregation_and_the_proposal(
    client_as, committee, members, staff, make_application
):
    strong, weak = make_application(amount=6_000_000), make_application(amount=6_000_000)
    services.save_manual_assignments(
        staff, committee, {(m.pk, a.pk) for m in members for a in (strong, weak)}
    )
    score(members[0], strong, 5)
    score(members[1], strong, 3)
    score(members[0], weak, 2)
    url = reverse("review:results", args=[committee.pk])
    text = client_as(staff).get(url).content.decode()
    assert "80.00" in text and "40.00" in text and "評価に開きあり" in text
    assert "予算額を入力すると採択案を表示します" in text
    response = client_as(staff).post(url, {f"budget_{strong.project_type.pk}": "1,000万円"})
    assert response.status_code == 302
    assert Budget.objects.get().amount == 10_000_000
    text = client_as(staff).get(url).content.decode()
    assert "採択案1件" in text and "最適解" in text
    assert "予算残を超える" in text
    response = client_as(staff).post(url, {f"budget_{strong.project_type.pk}": "たくさん"})
    assert response.status_code == 200 and "たくさん" in response.content.decode()


def test_decide_finalize_and_publish_by_the_pages(
    client_as, committee, members, staff, assigned, django_capture_on_commit_callbacks, client
):
    score(members[0], assigned, 5)
    url = reverse("review:decision", args=[committee.pk, assigned.public_id])
    response = client_as(staff).post(url, {"outcome": "conditional", "reasons": "評点が高い", "amount": ""})
    assert response.status_code == 200 and "採択の条件を記入してください" in response.content.decode()
    response = client_as(staff).post(
        url, {"outcome": "conditional", "reasons": "評点が高い", "conditions": "県と連携すること", "area": ""}
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (
        decision.outcome == Outcome.ADOPTED_WITH_CONDITIONS and decision.amount == assigned.requested_amount
    )
    public = reverse("review:adopted", args=[committee.program.slug])
    assert client.get(public).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        finalize = reverse("review:finalize", args=[committee.pk])
        assert "元に戻せないこと" in client_as(staff).post(finalize).content.decode()
        assert client_as(staff).post(finalize, {"confirmed": "yes"}).status_code == 302
    committee.refresh_from_db()
    assert committee.status == CommitteeStatus.DECIDED
    assert client.get(public).status_code == 404
    assert client_as(staff).post(url, {"outcome": "not_adopted", "reasons": "x"}).status_code == 403
    publish = reverse("review:publish", args=[committee.pk])
    assert client_as(staff).post(publish, {"confirmed": "yes"}).status_code == 302
    response = client.get(public)
    assert response.status_code == 200
    text = response.content.decode()
    assert assigned.title in text and "5,000,000円" in text
    assert "評点が高い" not in text and "県と連携すること" not in text


def test_hearings_by_the_pages(client_as, committee, staff, application, django_capture_on_commit_callbacks):
    from django.core import mail

    url = reverse("review:hearings", args=[committee.pk])
    data = {
        "application": application.pk,
        "date": "2019-07-10",
        "start_time": "10:30",
        "end_time": "10:00",
        "place": "",
    }
    response = client_as(staff).post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "終了時刻は開始時刻より後にしてください" in text and "会場かオンライン会議のURL" in text
    assert not HearingSlot.objects.exists()
    data.update(end_time="11:00", online_url="https://meet.example.jp/abc")
    assert client_as(staff).post(url, data).status_code == 302
    slot = HearingSlot.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(staff).post(reverse("review:hearing_invite", args=[committee.pk, slot.pk]))
    assert response.status_code == 302 and len(mail.outbox) == 1
    assert "https://meet.example.jp/abc" in mail.outbox[0].body
    detail = reverse("review:hearing", args=[committee.pk, slot.pk])
    assert client_as(staff).post(detail, {"part": "notes", "notes": "需要家の確保を確認"}).status_code == 302
    slot.refresh_from_db()
    assert slot.notes == "需要家の確保を確認"


# Publication and open data ------------------------------------------------------------------------


@pytest.fixture
def published(committee, members, staff, make_application, organization):
    iida = make_application(organization, amount=7_000_000, title="飯田市の小水力")
    other = make_application(amount=3_000_000, title="不採択の事業")
    services.decide(staff, committee, iida, {"outcome": Outcome.ADOPTED, "reasons": "内部の理由"})
    services.decide(staff, committee, other, {"outcome": Outcome.NOT_ADOPTED, "reasons": "内部の理由"})
    services.finalize(staff, committee)
    services.publish(staff, committee)
    return committee


def test_open_data(client, published):
    slug = published.program.slug
    csv = client.get(reverse("review:adopted_csv", args=[slug]))
    assert csv.status_code == 200
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeff公募,年度,事業区分,申請者,地域,補助事業名,採択額（円）")
    assert "長野県飯田市,飯田市の小水力,7000000" in text and "不採択の事業" not in text
    data = client.get(reverse("review:adopted_json", args=[slug])).json()
    assert data["program"]["slug"] == slug
    assert data["counts"] == [
        {"code": "1", "name": data["counts"][0]["name"], "applications": 2, "adopted": 1}
    ]
    assert data["adopted"][0]["area"] == "長野県飯田市" and data["adopted"][0]["amount"] == 7_000_000
    assert "内部の理由" not in str(data)
    index = client.get(reverse("review:adopted_index")).content.decode()
    assert published.program.name in index and "応募2件、採択1件" in index


def test_the_adopted_page_charts_adoption_per_type_with_the_same_numbers(client, published):
    page = client.get(reverse("review:adopted", args=[published.program.slug])).content.decode()
    chart = page.split('<figure class="chart">', 1)[1].split("</figure>", 1)[0]
    assert chart.count('class="chart-bar"') == 1 and "<title id=" in chart and "<desc id=" in chart
    name = published.program.project_types.get(code="1").name
    assert f'<th scope="row">1. {name}</th><td class="num">1</td>' in chart


def test_open_data_is_hidden_before_publication(client, committee):
    slug = committee.program.slug
    for name in ("adopted", "adopted_csv", "adopted_json"):
        assert client.get(reverse(f"review:{name}", args=[slug])).status_code == 404


def test_edit_a_members_profile(client_as, committee, members, staff, make_application, organization):
    make_application(organization)
    url = reverse("review:member_edit", args=[committee.pk, members[0].pk])
    services.update_member(staff, members[0], {"affiliation": "○○大学", "residence": None}, [])
    page = client_as(staff).get(url).content.decode()
    assert "○○大学" in page and members[0].user.email in page
    response = client_as(staff).post(
        url,
        {
            "affiliation": "○○大学 名誉教授",
            "organizations": [organization.pk],
            "workplace": "",
            "residence": "",
        },
    )
    assert response.status_code == 302
    members[0].refresh_from_db()
    assert members[0].affiliation == "○○大学 名誉教授"
    assert list(members[0].organizations.all()) == [organization]
    assert Exclusion.objects.get(member=members[0]).reasons[0]["kind"] == "same_organization"
    assert AuditEntry.objects.filter(action="review.member.updated").count() == 2


def test_a_member_without_a_second_factor_is_sent_to_set_it_up(client_as, committee, make_staff, staff):
    from junkan.accounts.models import Role

    person = make_staff("no-totp@example.jp", role=Role.REVIEWER, totp=False)
    services.add_member(staff, committee, person, {})
    response = client_as(person).get(reverse("review:assigned", args=[committee.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_activate_totp"))


def test_the_sitemap_lists_published_adoptions_only(client, committee, staff, application):
    url = f"http://testserver/review/adopted/{committee.program.slug}/"
    assert url not in client.get("/sitemap.xml").content.decode()
    services.decide(staff, committee, application, {"outcome": Outcome.ADOPTED, "reasons": "評点が高い"})
    services.finalize(staff, committee)
    assert url not in client.get("/sitemap.xml").content.decode()
    services.publish(staff, committee)
    text = client.get("/sitemap.xml").content.decode()
    assert url in text and "http://testserver/review/adopted/</loc>" in text


def test_a_large_committee_is_assigned_in_the_worker_with_its_progress_shown(
    client_as, committee, members, staff, reviewer, make_application, monkeypatch
):
    from junkan.review import tasks
    from junkan.review.models import Assignment, AssignmentStatus

    for _ in range(3):
        make_application()
    monkeypatch.setattr(tasks, "LARGE", 2)  # 3 applications × 2 members is "large" here
    seen = []
    real = tasks.set_progress
    monkeypatch.setattr(
        tasks, "set_progress", lambda pk, **state: (seen.append(state["state"]), real(pk, **state))
    )
    response = client_as(staff).post(reverse("review:assignment_auto", args=[committee.pk]))
    assert response.status_code == 302
    assert seen == ["queued", "running", "done"]  # the tests' worker runs the task at once
    # The same exact assignment as on the page: every application has both members.
    assert Assignment.objects.filter(committee=committee, status=AssignmentStatus.ACTIVE).count() == 6
    page = client_as(staff).get(reverse("review:assignment", args=[committee.pk])).content.decode()
    assert "自動割当てが終わりました（3／3）。新たに6件を割り当て" in page
    progress = reverse("review:assignment_progress", args=[committee.pk])
    assert "新たに6件" in client_as(staff).get(progress).content.decode()
    assert client_as(reviewer).get(progress).status_code in (403, 404)
    # While one runs, another is refused.
    tasks.set_progress(committee.pk, state="running", step=1)
    client = client_as(staff)
    client.post(reverse("review:assignment_auto", args=[committee.pk]))
    page = client.get(reverse("review:assignment", args=[committee.pk])).content.decode()
    assert "自動割当てを実行中です" in page and "2／3" in page
    assert 'hx-trigger="every 2s"' in client.get(progress).content.decode()

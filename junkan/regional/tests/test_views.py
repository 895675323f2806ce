"""Every page as region member, coordinator, team expert, other expert, secretariat, outsider, anonymous."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from junkan.regional.models import BodyMember, CaseStatus, ConsortiumCase, Meeting

pytestmark = pytest.mark.django_db

PEOPLE = ("member", "coordinator", "team_expert", "other_expert", "staff", "outsider", "anonymous")
INSIDERS = {"member", "coordinator", "team_expert", "staff"}


@pytest.fixture
def as_(client_as, member, coordinator, team_expert, other_expert, staff, outsider):
    people = {
        "member": member,
        "coordinator": coordinator,
        "team_expert": team_expert,
        "other_expert": other_expert,
        "staff": staff,
        "outsider": outsider,
        "anonymous": None,
    }
    return lambda who: client_as(people[who])


def _pages(world):
    return {
        "region": reverse("regional:region", args=[world["case"].region_id]),
        "case": reverse("regional:case", args=[world["case"].pk]),
        "hearing": reverse("regional:hearing", args=[world["hearing"].pk]),
        "team": reverse("regional:team", args=[world["team"].pk]),
        "plan": reverse("regional:plan", args=[world["plan"].pk]),
        "body": reverse("regional:body", args=[world["case"].body_id]),
    }


@pytest.mark.parametrize("who", PEOPLE)
def test_unpublished_work_is_seen_by_insiders_only(world, as_, who):
    client = as_(who)
    for name, url in _pages(world).items():
        response = client.get(url)
        if who in INSIDERS:
            assert response.status_code == 200, (name, who)
        elif who == "anonymous" and name in ("region", "hearing"):
            assert response.status_code == 302, (name, who)  # to the login page
        else:
            assert response.status_code == 404, (name, who)


def test_published_case_body_team_and_plan_are_public_without_the_inner_records(world, as_):
    case, team, plan = world["case"], world["team"], world["plan"]
    ConsortiumCase.objects.filter(pk=case.pk).update(is_published=True)
    case.body.is_published = True
    case.body.save(update_fields=["is_published"])
    team.is_published = True
    team.save(update_fields=["is_published"])
    plan.is_published = True
    plan.save(update_fields=["is_published"])
    BodyMember.objects.create(body=case.body, name="参加予定の大学", sector="education", planned=True)
    client = as_("anonymous")
    page = client.get(reverse("regional:case", args=[case.pk])).content.decode()
    assert "森と水とエネルギー" in page and "経費の予定と執行" not in page and "分析.pdf" not in page
    body = client.get(reverse("regional:body", args=[case.body_id])).content.decode()
    assert "飯田市 企画課" in body and "参加予定の大学" not in body
    team_page = client.get(reverse("regional:team", args=[team.pk])).content.decode()
    assert "森林組合" not in team_page and "専門家0" in team_page  # whom they heard stays inside
    plan_page = client.get(reverse("regional:plan", args=[plan.pk])).content.decode()
    assert "CO2排出量" in plan_page and "<svg" in plan_page and "50.0%" in plan_page
    assert client.get(reverse("regional:hearing", args=[world["hearing"].pk])).status_code == 302


def test_minutes_are_public_only_when_body_and_meeting_are_published(world, as_):
    body = world["case"].body
    meeting = body.meetings.get()
    url = reverse("regional:meeting", args=[meeting.pk])
    assert as_("outsider").get(url).status_code == 404
    body.is_published = True
    body.save(update_fields=["is_published"])
    assert "議事の記録" in as_("outsider").get(url).content.decode()
    Meeting.objects.filter(pk=meeting.pk).update(minutes_published=False)
    page = as_("outsider").get(url).content.decode()
    assert "議事の記録" not in page and "公開されていません" in page
    assert "議事の記録" in as_("member").get(url).content.decode()


def test_the_region_page_of_the_registry_follows_the_support_record(world, as_):
    """The registry's profile caches the support section per regional generation and insider or not: a
    change shows at once, and the unpublished work an insider saw first is never shown to an outsider."""
    url = reverse("registry:region", args=[world["case"].region_id])
    world["plan"].is_published = True
    world["plan"].save(update_fields=["is_published"])
    insider = as_("member").get(url).content.decode()
    assert "支援の記録を見る" in insider and "森のエネルギー計画" in insider
    outsider = as_("outsider").get(url).content.decode()
    assert "支援の記録を見る" not in outsider and "森のエネルギー計画" in outsider
    world["plan"].title = "森と水のエネルギー計画"
    world["plan"].save(update_fields=["title"])
    assert "森と水のエネルギー計画" in as_("anonymous").get(url).content.decode()
    world["plan"].is_published = False
    world["plan"].save(update_fields=["is_published"])
    assert "森と水のエネルギー計画" not in as_("outsider").get(url).content.decode()
    assert "森と水のエネルギー計画" in as_("coordinator").get(url).content.decode()


def test_the_region_page_of_the_registry_shows_the_stage_and_published_kpis(world, as_):
    url = reverse("registry:region", args=[world["case"].region_id])
    assert "地域循環共生圏づくりの支援" not in as_("outsider").get(url).content.decode()
    ConsortiumCase.objects.filter(pk=world["case"].pk).update(is_published=True)
    world["plan"].is_published = True
    world["plan"].save(update_fields=["is_published"])
    world["team"].is_published = True
    world["team"].save(update_fields=["is_published"])
    page = as_("outsider").get(url).content.decode()
    assert "地域循環共生圏づくりの支援" in page and "CO2排出量" in page
    assert 'aria-current="step"' in page and "支援チーム" in page
    assert "支援の記録を見る" in as_("member").get(url).content.decode()


def test_the_region_edits_its_concept_and_others_cannot(world, as_, region, round_, owner):
    from junkan.regional import services

    case = services.start_case(
        owner,
        region,
        services.announce_round(
            _staff(),
            fiscal_year=2026,
            name="2026",
            budget_cap=2_000_000,
            announced_on=date(2026, 4, 1),
        ),
    )
    url = reverse("regional:case", args=[case.pk])
    data = {"action": "concept", "concept-desired_future": "新しい未来", "concept-backcasting": "道筋"}
    response = as_("coordinator").post(url, data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.desired_future == "新しい未来"
    assert as_("team_expert").post(url, {**data, "concept-desired_future": "専門家の案"}).status_code == 403
    assert as_("outsider").post(url, data).status_code == 404
    case.refresh_from_db()
    assert case.desired_future == "新しい未来"


def _staff():
    from junkan.accounts.models import User

    return User.objects.get(email="staff@example.jp")


def test_a_refused_budget_keeps_what_was_typed(world, as_, region, owner):
    from junkan.regional import services

    round_2026 = services.announce_round(
        _staff(), fiscal_year=2026, name="2026", budget_cap=1_000_000, announced_on=date(2026, 4, 1)
    )
    other = services.start_case(owner, region, round_2026, kind="continuing")
    response = as_("member").post(
        reverse("regional:case", args=[other.pk]),
        {
            "action": "budget",
            "budget-meetings-planned": "1,200,000",
            "budget-materials-planned": "0",
            "budget-experts-planned": "0",
            "budget-commissions-planned": "0",
            "budget-study_tours-planned": "0",
            "budget-other-planned": "0",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "上限額1,000,000円を超えています" in page and "1,200,000" in page


def test_moves_are_confirmed_and_made_by_the_secretariat(world, as_, region, owner):
    from junkan.regional import services

    round_2026 = services.announce_round(
        _staff(), fiscal_year=2026, name="2026", budget_cap=2_000_000, announced_on=date(2026, 4, 1)
    )
    case = services.start_case(owner, region, round_2026, kind="continuing")
    from .conftest import pdf

    services.add_analysis(owner, case, pdf())
    submit = reverse("regional:move", args=["case", case.pk, "submit"])
    assert "事務局の選定が終わるまで" in as_("member").get(submit).content.decode()
    unconfirmed = as_("member").post(submit)
    assert unconfirmed.status_code == 200 and "確認しました。応募する" in unconfirmed.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT  # nothing happens before the confirmation
    assert as_("member").post(submit, {"confirmed": "yes"}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    select = reverse("regional:move", args=["case", case.pk, "select"])
    assert as_("member").post(select, {"reason": "x", "confirmed": "yes"}).status_code == 403
    assert as_("outsider").post(select, {"reason": "x", "confirmed": "yes"}).status_code == 404
    response = as_("staff").post(select, {"reason": "", "confirmed": "yes"})
    assert response.status_code == 400 and "理由を入力してください" in response.content.decode()
    assert (
        as_("staff").post(select, {"reason": "二年目の継続を認める", "confirmed": "yes"}).status_code == 302
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SELECTED and case.selection_reason == "二年目の継続を認める"


def test_the_team_expert_records_a_visit_and_the_other_expert_cannot(world, as_):
    team = world["team"]
    url = reverse("regional:team", args=[team.pk])
    seat = team.experts.get(user__email="expert@example.jp")
    data = {
        "action": "visit",
        "visit-visited_on": "2026-10-01",
        "visit-experts": [seat.pk],
        "visit-advice_plan": "KPIの追加",
    }
    assert as_("team_expert").post(url, data).status_code == 302
    assert team.visits.filter(advice_plan="KPIの追加").exists()
    assert as_("other_expert").post(url, data).status_code == 404
    page = as_("member").get(url).content.decode()
    assert "訪問を記録する" not in page


def test_the_hearing_form_is_the_secretariats(world, as_, region, owner):
    page = as_("staff").get(reverse("regional:hearing", args=[world["hearing"].pk])).content.decode()
    assert "地域の関係性の構築" in page and "広域連携" in page
    assert "判定を保存する" not in page  # decided: read only
    assert (
        "判定を保存する"
        not in as_("member").get(reverse("regional:hearing", args=[world["hearing"].pk])).content.decode()
    )


def test_progress_across_regions_is_for_the_secretariat(world, as_):
    url = reverse("regional:overview")
    response = as_("staff").get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "南信州 地域循環共生圏" in page and "下川町" in page
    assert as_("member").get(url).status_code == 404
    assert as_("member").get(reverse("regional:rounds")).status_code == 404


def test_index_lists_the_regions_one_works_on(world, as_):
    assert "南信州" in as_("coordinator").get(reverse("regional:index")).content.decode()
    assert "南信州" in as_("team_expert").get(reverse("regional:index")).content.decode()
    assert "南信州" not in as_("other_expert").get(reverse("regional:index")).content.decode()


def test_files_are_downloaded_with_permission(world, as_):
    analysis = world["case"].analyses.get()
    url = reverse("regional:download", args=["analysis", analysis.public_id])
    response = as_("member").get(url)
    # Reading the streamed content closes the response (a second close() would close the test's database
    # connection on PostgreSQL).
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert as_("outsider").get(url).status_code == 404


def test_every_download_of_a_non_public_file_is_audited(world, as_, member, owner):
    from junkan.audit.models import AuditEntry
    from junkan.regional import services
    from junkan.regional.tests.conftest import pdf

    analysis = world["case"].analyses.get()
    response = as_("member").get(reverse("regional:download", args=["analysis", analysis.public_id]))
    assert response.status_code == 200 and b"".join(response.streaming_content)
    entry = AuditEntry.objects.get(action="regional.analysis.downloaded")
    assert entry.actor == member and entry.object_id == str(analysis.pk)
    assert "sandbox" in response["Content-Security-Policy"]

    meeting = world["case"].body.meetings.get()
    stored = services.add_meeting_file(owner, meeting, pdf("資料.pdf"))
    url = reverse("regional:download", args=["meeting", stored.public_id])
    assert as_("outsider").get(url).status_code == 404  # the body is not published
    response = as_("member").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    entry = AuditEntry.objects.get(action="regional.meeting_file.downloaded")
    assert entry.actor == member and entry.data["name"] == "資料.pdf"

    body = meeting.body
    body.is_published = True
    body.save(update_fields=["is_published"])
    response = as_("anonymous").get(url)  # published minutes: a public document, not an audited read
    assert response.status_code == 200 and b"".join(response.streaming_content)
    assert AuditEntry.objects.filter(action="regional.meeting_file.downloaded").count() == 1


def test_the_region_attaches_its_economy_data_and_others_cannot(world, as_, region, owner):
    from decimal import Decimal

    from junkan.economy.models import RegionalAccount
    from junkan.regional import services

    case = services.start_case(
        owner,
        region,
        services.announce_round(
            _staff(), fiscal_year=2027, name="2027", budget_cap=2_000_000, announced_on=date(2027, 4, 1)
        ),
    )
    account = RegionalAccount.objects.create(
        organization=region.organization,
        created_by=owner,
        area_name="飯田市",
        data_year=2018,
        production=Decimal("100"),
        distribution=Decimal("90"),
    )
    url = reverse("regional:case", args=[case.pk])
    page = as_("member").get(url)
    assert "飯田市 2018年" in page.content.decode()
    assert as_("outsider").post(url, {"action": "economy", "economy-account": account.pk}).status_code == 404
    assert (
        as_("team_expert").post(url, {"action": "economy", "economy-account": account.pk}).status_code == 403
    )
    case.refresh_from_db()
    assert case.economy_account is None
    assert as_("member").post(url, {"action": "economy", "economy-account": account.pk}).status_code == 302
    case.refresh_from_db()
    assert case.economy_account == account
    page = as_("member").get(url).content.decode()
    assert reverse("economy:account", args=[account.public_id]) in page


def test_progress_counts_are_cached_and_follow_a_change_at_once(world, as_):
    from junkan.regional import progress
    from junkan.regional.models import CaseStatus

    url = reverse("regional:overview")

    def shown() -> dict:
        return dict(as_("staff").get(url).context["counts"])

    def fresh() -> dict:
        counts = progress.stage_counts(progress.regions_in_program(published_only=False))
        return {str(progress.STAGE_NAMES[s]): n for s, n in counts.items()}

    before = shown()
    assert before == fresh() and sum(before.values()) >= 1
    # Every case of one region goes back to draft (each saved as the shared transition saves a move): the
    # region leaves the program, and the next page shows it although the counts are cached.
    for case in world["case"].region.consortium_cases.all():
        case.status = CaseStatus.DRAFT
        case.save(update_fields=["status"])
    after = shown()
    assert after == fresh()
    assert sum(after.values()) == sum(before.values()) - 1


def test_each_coordinators_activity_form_has_ids_of_its_own(world, as_, region, owner):
    """Two coordinators: two activity forms on the region page, the same field names, no id twice."""
    import re
    from collections import Counter
    from datetime import date

    from junkan.regional import services

    services.appoint_coordinator(owner, region, {"name": "森 はるか", "appointed_on": date(2026, 5, 1)})
    html = as_("staff").get(reverse("regional:region", args=[region.pk])).content.decode()
    assert html.count('name="activity-note"') == 2
    twice = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1]
    assert twice == []


def test_a_refused_activity_comes_back_as_typed_with_its_errors(world, as_, region, owner):
    """No date: the region page again (400), the coordinator's form open with the note as typed and the
    error on the date; the other coordinator's form is empty; nothing is recorded."""
    from datetime import date

    from junkan.regional import services

    other = services.appoint_coordinator(
        owner, region, {"name": "森 はるか", "appointed_on": date(2026, 5, 1)}
    )
    appointed = world["coordinator"]
    response = as_("coordinator").post(
        reverse("regional:activity", args=[appointed.pk]),
        {"activity-done_on": "", "activity-kind": "funding", "activity-note": "信用金庫と融資の相談"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "信用金庫と融資の相談</textarea>" in html
    assert f'id="id_coordinator{appointed.pk}_activity-done_on_error"' in html
    assert f'id="id_coordinator{other.pk}_activity-done_on_error"' not in html
    assert "活動の日付・種類・内容を入力してください。" in html
    assert appointed.activities.count() == 0
    # Typed correctly, it is recorded and the page is the region's again.
    response = as_("coordinator").post(
        reverse("regional:activity", args=[appointed.pk]),
        {
            "activity-done_on": "2026-05-01",
            "activity-kind": "funding",
            "activity-note": "信用金庫と融資の相談",
        },
    )
    assert response.status_code == 302 and appointed.activities.count() == 1


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("outsider", 404), ("anonymous", 302)])
def test_only_the_coordinator_logs_activities(world, as_, who, status):
    response = as_(who).post(
        reverse("regional:activity", args=[world["coordinator"].pk]),
        {"activity-done_on": "", "activity-kind": "funding", "activity-note": "x"},
    )
    assert response.status_code == status
    assert world["coordinator"].activities.count() == 0


def test_the_region_page_shows_each_coordinators_latest_twenty_activities(world, as_, region, owner):
    from datetime import date, timedelta

    from junkan.regional.models import Activity

    appointed = world["coordinator"]
    start = date(2026, 4, 1)
    Activity.objects.bulk_create(
        Activity(
            coordinator=appointed, done_on=start + timedelta(days=n), kind="funding", note=f"記録{n:02d}"
        )
        for n in range(25)
    )
    logs = as_("staff").get(reverse("regional:region", args=[region.pk])).context["coordinators"][0].log
    assert [a.note for a in logs] == [f"記録{n:02d}" for n in range(24, 4, -1)]

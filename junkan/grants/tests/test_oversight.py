"""The oversight of a grant: the checks before the decision (seed 002 「採択後」2.(2) ア–ウ), the
conditions of adoption, site inspections and the judgement on further support after the continuation
review — services and pages as the secretariat, the grantee's owner and member, an outsider (404) and
anonymous (login)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from junkan.applications.samples import minimal_pdf
from junkan.audit.models import AuditEntry
from junkan.grants.models import (
    ConditionStatus,
    DecisionCheck,
    DecisionCheckItem,
    InspectionStatus,
    ProjectStatus,
)
from junkan.grants.services import award
from junkan.grants.services import oversight as services

pytestmark = pytest.mark.django_db

PEOPLE = ("staff", "owner", "member", "outsider", "anonymous")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def fetched(client: Any, url: str) -> int:
    """The status of a download, its content read (so that the file is closed)."""
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    return response.status_code


def person(request: Any, who: str) -> Any:
    return None if who == "anonymous" else request.getfixturevalue(who)


def unchecked(make_project: Any) -> Any:
    project = make_project("applied")
    DecisionCheck.objects.filter(award_year__project=project).delete()
    return project


def decide(staff: Any, project: Any) -> Any:
    return award.decide(
        staff,
        project,
        decided_on=date(2019, 7, 10),
        decision_number="低炭素協第1号",
        amounts={2019: 9_000_000},
        conditions="",
    )


# --- 交付決定の前の確認 -----------------------------------------------------------------------------------


def test_the_decision_is_refused_until_every_point_is_checked(make_project, staff):
    project = unchecked(make_project)
    with pytest.raises(ValidationError) as refused:
        decide(staff, project)
    assert "交付決定の前の確認（平成31年度 ア・イ・ウ）" in " ".join(refused.value.messages)
    for item in DecisionCheckItem.values[:2]:
        services.record_check(staff, project, 2019, item, "資金計画を確認")
    assert services.missing_checks(project) == ["平成31年度 ウ"]
    with pytest.raises(ValidationError):
        decide(staff, project)
    services.record_check(staff, project, 2019, DecisionCheckItem.ELIGIBLE_ONLY)
    decided = decide(staff, project)
    assert decided.status == ProjectStatus.DECIDED
    entries = AuditEntry.objects.filter(action="grants.project.decision_checked")
    assert entries.count() == 3 and entries.first().actor == staff


def test_checks_are_the_secretariats_and_only_before_the_decision(make_project, staff, owner, outsider):
    project = unchecked(make_project)
    with pytest.raises(PermissionDenied):
        services.record_check(owner, project, 2019, DecisionCheckItem.PLAN_READY)
    with pytest.raises(Http404):
        services.record_check(outsider, project, 2019, DecisionCheckItem.PLAN_READY)
    with pytest.raises(ValidationError):
        services.record_check(staff, project, 2020, DecisionCheckItem.PLAN_READY)
    services.record_check(staff, project, 2019, DecisionCheckItem.PLAN_READY)
    with pytest.raises(ValidationError):
        services.record_check(staff, project, 2019, DecisionCheckItem.PLAN_READY)
    services.withdraw_check(staff, project, 2019, DecisionCheckItem.PLAN_READY)
    assert AuditEntry.objects.filter(action="grants.project.decision_unchecked").count() == 1
    decided = make_project("decided")
    with pytest.raises(ValidationError):
        services.withdraw_check(staff, decided, 2019, DecisionCheckItem.PLAN_READY)


@pytest.mark.parametrize("who", PEOPLE)
def test_the_decision_page_with_its_checklist(request, client_as, make_project, who):
    project = unchecked(make_project)
    client = client_as(person(request, who))
    page = reverse("grants:decide", args=[project.public_id])
    post = reverse("grants:decision_check", args=[project.public_id])
    data = {"verb": "check", "fiscal_year": 2019, "item": "plan_ready", "note": "見積書3者分を確認"}
    response = client.get(page)
    answer = client.post(post, data)
    if who == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
        assert answer.status_code == 302 and "/login/" in answer["Location"]
    elif who == "outsider":
        assert response.status_code == answer.status_code == 404
    elif who in ("owner", "member"):
        assert response.status_code == answer.status_code == 403
    else:
        body = response.content.decode()
        assert "補助対象経費以外の経費を含まないこと。" in body
        assert "がまだ記録されていません" in body and 'value="decide"' not in body
        assert answer.status_code == 302
        check = DecisionCheck.objects.get(award_year__project=project, item="plan_ready")
        assert check.note == "見積書3者分を確認" and check.checked_by == request.getfixturevalue("staff")
    if who != "staff":
        assert not DecisionCheck.objects.filter(award_year__project=project).exists()


def test_the_confirmation_page_shows_the_checklist(client_as, make_project, staff):
    project = make_project("applied")
    client = client_as(staff)
    page = reverse("grants:decide", args=[project.public_id])
    body = client.get(page).content.decode()
    assert 'value="decide"' in body and "すべて確認済み" in body
    response = client.post(
        page,
        {
            "verb": "decide",
            "decided_on": "2019-07-10",
            "decision_number": "低炭素協第9号",
            "amount_2019": "9000000",
            "conditions": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and "内容の確認" in body
    assert "準備が確実に行われていること。" in body and "すべて確認済み" in body


# --- 採択の条件 --------------------------------------------------------------------------------------------


def test_a_condition_is_followed_until_met_or_waived(make_project, staff, owner):
    project = make_project("decided")
    condition = services.add_condition(
        staff, project, text="融資の内諾書を提出すること。", due_on=date(2019, 10, 31)
    )
    assert condition.status == ConditionStatus.OPEN
    with pytest.raises(PermissionDenied):
        services.add_condition(owner, project, text="x")
    with pytest.raises(ValidationError):
        services.condition_met(staff, condition, met_on=date(2019, 9, 1), evidence=" ")
    met = services.condition_met(staff, condition, met_on=date(2019, 9, 27), evidence="内諾書の写しを受領")
    assert (met.status, met.met_on, met.resolved_by) == (ConditionStatus.MET, date(2019, 9, 27), staff)
    reopened = services.condition_reopened(staff, met, "内諾が撤回されたため")
    assert reopened.status == ConditionStatus.OPEN and reopened.met_on is None
    waived = services.condition_waived(staff, reopened, "自己資金で賄うことになったため")
    assert waived.status == ConditionStatus.WAIVED and waived.waive_reason.startswith("自己資金")
    actions = list(
        AuditEntry.objects.filter(action__startswith="grants.condition.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "grants.condition.set",
        "grants.condition.met",
        "grants.condition.reopened",
        "grants.condition.waived",
    ]


# --- 現地調査 ----------------------------------------------------------------------------------------------


def planned(make_project: Any, staff: Any) -> Any:
    return services.plan_inspection(
        staff,
        make_project("decided"),
        planned_on=date(2019, 12, 10),
        place="飯田市竜丘地区",
        inspectors="事務局 山田",
        purpose="設置予定地の確認",
    )


def test_an_inspection_from_plan_to_close(make_project, staff, owner):
    with pytest.raises(ValidationError):
        services.plan_inspection(
            staff, make_project("applied"), planned_on=date(2019, 7, 1), place="p", inspectors="i"
        )
    inspection = planned(make_project, staff)
    with pytest.raises(PermissionDenied):
        services.inspection_done(owner, inspection, done_on=date(2019, 12, 10), findings="所見")
    with pytest.raises(ValidationError):
        services.inspection_done(staff, inspection, done_on=date(2019, 12, 10), findings="")
    done = services.inspection_done(
        staff, inspection, done_on=date(2019, 12, 10), findings="記録に日付の漏れ"
    )
    assert done.status == InspectionStatus.DONE
    follow = services.inspection_follow_up(staff, done, "日付を補記して提出")
    assert follow.status == InspectionStatus.FOLLOW_UP and follow.follow_up == "日付を補記して提出"
    closed = services.inspection_closed(staff, follow, "補記を確認")
    assert closed.status == InspectionStatus.CLOSED


def test_inspection_files_go_through_the_upload_checks(make_project, staff):
    inspection = planned(make_project, staff)
    with pytest.raises(ValidationError):
        services.add_inspection_file(
            staff, inspection, SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>")
        )
    document = services.add_inspection_file(staff, inspection, SimpleUploadedFile("写真.pdf", minimal_pdf()))
    assert document.inspection == inspection and document.kind == "inspection"


@pytest.mark.parametrize("who", PEOPLE)
def test_the_inspection_page(request, client_as, make_project, staff, who):
    inspection = planned(make_project, staff)
    document = services.add_inspection_file(staff, inspection, SimpleUploadedFile("写真.pdf", minimal_pdf()))
    project = inspection.project
    client = client_as(person(request, who))
    page = reverse("grants:inspection", args=[project.public_id, inspection.pk])
    file_url = reverse("grants:document", args=[project.public_id, document.public_id])
    before, file_before = client.get(page), fetched(client, file_url)
    done_url = reverse("grants:oversight_move", args=[project.public_id, "inspection", inspection.pk, "done"])
    posted = client.post(
        done_url, {"done-done_on": "2019-12-10", "done-findings": "所見あり", "confirmed": "yes"}
    )
    if who == "anonymous":
        assert before.status_code == posted.status_code == 302 and "/login/" in before["Location"]
        return
    if who == "outsider":
        assert before.status_code == file_before == posted.status_code == 404
        return
    assert before.status_code == 200
    inspection.refresh_from_db()
    if who == "staff":
        assert file_before == 200 and "写真.pdf" in before.content.decode()
        assert posted.status_code == 302 and inspection.status == InspectionStatus.DONE
    else:
        assert file_before == 403 and "写真.pdf" not in before.content.decode()
        assert "実施の記録の後に表示されます" in before.content.decode()
        assert posted.status_code == 403 and inspection.status == InspectionStatus.PLANNED
        services.inspection_done(staff, inspection, done_on=date(2019, 12, 10), findings="所見あり")
        after = client.get(page).content.decode()
        assert "所見あり" in after and "写真.pdf" in after
        assert fetched(client, file_url) == 200


# --- The oversight page and the support judgement ----------------------------------------------------------


@pytest.mark.parametrize("who", PEOPLE)
def test_the_oversight_page(request, client_as, make_project, staff, who):
    project = make_project("decided")
    services.add_condition(staff, project, text="融資の内諾書を提出すること。")
    client = client_as(person(request, who))
    page = reverse("grants:oversight", args=[project.public_id])
    response = client.get(page)
    posted = client.post(page, {"verb": "condition", "condition-text": "住民説明会を開催すること。"})
    if who == "anonymous":
        assert response.status_code == posted.status_code == 302 and "/login/" in response["Location"]
    elif who == "outsider":
        assert response.status_code == posted.status_code == 404
    else:
        body = response.content.decode()
        assert response.status_code == 200 and "融資の内諾書を提出すること。" in body
        if who == "staff":
            assert posted.status_code == 302 and project.conditions.count() == 2
            assert "採択の条件を登録する" in body
        else:
            assert posted.status_code == 403 and project.conditions.count() == 1
            assert "採択の条件を登録する" not in body
        overview = client.get(reverse("grants:project", args=[project.public_id])).content.decode()
        assert "融資の内諾書を提出すること。" in overview


def test_the_support_judgement_waits_for_the_continuation_review(make_project, staff, owner, client_as):
    from junkan.regional.models import ConsortiumCase

    project = make_project("decided")
    with pytest.raises(ValidationError):
        services.judge_support(staff, project, fiscal_year=2020, needed=False, reason="不要")
    project.continuing = True
    project.save(update_fields=["continuing"])
    with pytest.raises(PermissionDenied):
        services.judge_support(owner, project, fiscal_year=2020, needed=False, reason="不要")
    first = services.judge_support(staff, project, fiscal_year=2020, needed=False, reason="自走できる")
    assert not first.needed and first.case is None
    case = ConsortiumCase.objects.first()
    if case is not None:
        again = services.judge_support(
            staff, project, fiscal_year=2020, needed=True, reason="担い手の育成", case=case
        )
        assert again.pk == first.pk and again.case == case
    assert AuditEntry.objects.filter(action="grants.project.support_judged").count() == (2 if case else 1)
    body = client_as(owner).get(reverse("grants:project", args=[project.public_id])).content.decode()
    assert "更なる支援" in body


def test_the_demo_shows_the_oversight():
    from django.core.management import call_command

    from junkan.grants.models import AdoptionCondition, Inspection, Project, SupportJudgement

    call_command("load_demo", verbosity=0)
    decided = Project.objects.exclude(decided_on=None)
    assert decided.exists()
    assert all(not services.missing_checks(project) for project in decided)
    assert sorted(AdoptionCondition.objects.values_list("status", flat=True)) == ["met", "open"]
    inspection = Inspection.objects.get()
    assert inspection.done_on is not None and inspection.findings
    judgement = SupportJudgement.objects.get()
    assert judgement.needed and judgement.case is not None
    call_command("load_demo", verbosity=0)
    assert SupportJudgement.objects.count() == 1 and Inspection.objects.count() == 1


def a_support_case(organization: Any, owner: Any, staff: Any) -> Any:
    """A consortium support case of the grantee's region (made through the regional services)."""
    from junkan.regional import services as regional
    from junkan.registry.models import RegionRegistration, RegistrationStatus

    region = RegionRegistration.objects.create(
        organization=organization,
        name="南信州 地域循環共生圏",
        status=RegistrationStatus.APPROVED,
        challenges="人口減少と森林の荒廃",
        contact_name="環境 太郎",
        contact_email="kankyo@example.jp",
    )
    round_ = regional.announce_round(
        staff, fiscal_year=2020, name="2020年度 環境整備", budget_cap=2_000_000, announced_on=date(2020, 4, 1)
    )
    return regional.start_case(owner, region, round_)


def test_the_support_judgement_through_the_page_and_on_the_case(
    client_as, make_project, staff, owner, outsider, organization
):
    project = make_project("decided")
    project.continuing = True
    project.save(update_fields=["continuing"])
    case = a_support_case(organization, owner, staff)
    case_page = reverse("regional:case", args=[case.pk])
    # Seen once without a judgement (the case page keeps "none" until a judgement changes).
    assert "この案件で支援する補助事業" not in client_as(staff).get(case_page).content.decode()
    page = reverse("grants:oversight", args=[project.public_id])
    data = {
        "verb": "support",
        "support-fiscal_year": "2020",
        "support-needed": "yes",
        "support-reason": "担い手の育成に専門家の支援が必要",
        "support-case": str(case.pk),
    }
    assert client_as(owner).post(page, data).status_code == 403
    assert client_as(outsider).post(page, data).status_code == 404
    assert client_as(staff).post(page, {**data, "support-needed": "no"}).status_code == 422
    assert client_as(staff).post(page, data).status_code == 302
    judgement = project.support_judgements.get()
    assert judgement.needed and judgement.case == case
    for who in (staff, owner):
        body = client_as(who).get(case_page).content.decode()
        assert "この案件で支援する補助事業" in body and project.title in body
    overview = client_as(owner).get(reverse("grants:project", args=[project.public_id])).content.decode()
    assert case_page in overview and "担い手の育成に専門家の支援が必要" in overview


def test_conditions_through_the_page(client_as, make_project, staff, member):
    project = make_project("decided")
    condition = services.add_condition(staff, project, text="融資の内諾書を提出すること。")
    met_url = reverse("grants:oversight_move", args=[project.public_id, "condition", condition.pk, "met"])
    data = {f"met-{condition.pk}-met_on": "2019-09-27", f"met-{condition.pk}-evidence": "内諾書の写し"}
    assert client_as(member).post(met_url, data).status_code == 403
    assert client_as(staff).post(met_url, {**data, f"met-{condition.pk}-evidence": ""}).status_code == 422
    assert client_as(staff).post(met_url, data).status_code == 302
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.MET
    # 未達成に戻す needs a reason, typed on the confirmation page.
    reopen = reverse("grants:oversight_move", args=[project.public_id, "condition", condition.pk, "reopened"])
    confirm = client_as(staff).get(reopen)
    assert confirm.status_code == 200 and 'name="reason"' in confirm.content.decode()
    assert client_as(staff).post(reopen, {"confirmed": "yes", "reason": "内諾の撤回"}).status_code == 302
    condition.refresh_from_db()
    assert condition.status == ConditionStatus.OPEN
    unknown = reverse("grants:oversight_move", args=[project.public_id, "condition", condition.pk, "done"])
    assert client_as(staff).post(unknown).status_code == 404
    history = client_as(member).get(reverse("grants:history", args=[project.public_id])).content.decode()
    for words in ("採択の条件の登録", "採択の条件の達成の確認", "採択の条件の再確認（未達成に戻す）"):
        assert words in history


def test_a_returned_application_is_examined_afresh(make_project, staff):
    project = make_project("applied")
    assert not services.missing_checks(project)
    award.return_grant_application(staff, project, "経費の内訳を直してください。")
    assert services.missing_checks(project) == ["平成31年度 ア・イ・ウ"]


def test_the_grantee_is_told_of_the_inspection(
    make_project, staff, owner, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        inspection = planned(make_project, staff)
    with django_capture_on_commit_callbacks(execute=True):
        done = services.inspection_done(
            staff, inspection, done_on=date(2019, 12, 10), findings="記録に日付の漏れ"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.inspection_follow_up(staff, done, "日付を補記して提出")
    subjects = [m.subject for m in mail.outbox]
    assert [s.split("（")[0] for s in subjects] == [
        "[循環] 現地調査の実施予定のお知らせ",
        "[循環] 現地調査の結果のお知らせ",
        "[循環] 現地調査の指摘事項への対応のお願い",
    ]
    assert all(owner.email in m.to for m in mail.outbox)
    assert "記録に日付の漏れ" in mail.outbox[1].body and "日付を補記して提出" in mail.outbox[2].body
    assert f"/inspections/{inspection.pk}/" in mail.outbox[0].body


def test_the_secretariats_queues_count_open_conditions_and_inspections(client_as, make_project, staff):
    project = make_project("decided")
    services.add_condition(staff, project, text="融資の内諾書を提出すること。")
    planned(make_project, staff)
    body = client_as(staff).get(reverse("dashboard:home")).content.decode()
    assert "未達成の採択の条件" in body and "予定・是正確認中の現地調査" in body


def test_a_met_condition_and_a_done_inspection_need_a_past_date_and_their_text(make_project, staff):
    """Each refusal names its field: a missing or future date, and a blank evidence or findings."""
    from datetime import timedelta

    from junkan.jp.dates import today_tokyo

    future = today_tokyo() + timedelta(days=1)
    condition = services.add_condition(staff, make_project("decided"), text="用地の内諾書を提出すること。")
    with pytest.raises(ValidationError) as refused:
        services.condition_met(staff, condition, met_on=future, evidence=" ")
    assert set(refused.value.message_dict) == {"met_on", "evidence"}
    assert "未来" in refused.value.message_dict["met_on"][0]
    with pytest.raises(ValidationError) as refused:
        services.condition_met(staff, condition, met_on=None, evidence="内諾書")  # type: ignore[arg-type]
    assert set(refused.value.message_dict) == {"met_on"}
    inspection = planned(make_project, staff)
    with pytest.raises(ValidationError) as refused:
        services.inspection_done(staff, inspection, done_on=future, findings="")
    assert set(refused.value.message_dict) == {"done_on", "findings"}
    condition.refresh_from_db()
    inspection.refresh_from_db()
    assert condition.met_on is None and inspection.done_on is None  # nothing half-saved

"""Plan changes (計画変更) and the continuation review (継続事業の審査): requests, moves, versions, audit."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.grants.models import PlanChange, PlanChangeKind, PlanChangeStatus, PlanVersion, Project
from junkan.grants.services import changes

pytestmark = pytest.mark.django_db

SECTIONS: dict[str, Any] = {
    "background": {"background": "人口減少が進む。", "economic_analysis": "域外流出が大きい。"},
    "schedule": {"schedule": "6月 調査開始\n2月 報告書", "after_project": "新電力を設立する。"},
    "costs": {
        "years": [
            {
                "fiscal_year": 2019,
                "total_cost": 9_500_000,
                "other_income": 0,
                "lines": [
                    {"category": "委託料", "description": "調査委託", "unit_price": 6_600_000, "quantity": 1}
                ],
            }
        ]
    },
}


def with_plan(project: Any, sections: dict[str, Any] | None = None, multi_year: bool = False) -> Any:
    """The fixture's plan version 1 given content; the project multi-year when asked."""
    PlanVersion.objects.filter(project=project, number=1).update(sections=copy.deepcopy(sections or SECTIONS))
    Project.objects.filter(pk=project.pk).update(multi_year=multi_year)
    project.refresh_from_db()
    return project


@pytest.fixture
def planned(decided_project) -> Any:
    return with_plan(decided_project)


AFTER = {"schedule": {"schedule": "6月 調査開始\n3月 報告書", "after_project": "新電力を設立する。"}}


def request_change(actor: Any, project: Any, **kwargs: Any) -> PlanChange:
    values: dict[str, Any] = {"after": AFTER, "reason": "調査の開始が遅れたため。"}
    values.update(kwargs)
    return changes.request_change(actor, project, **values)


def change_actions(change: Any) -> list[str]:
    return list(AuditEntry.objects.for_object(change).order_by("id").values_list("action", flat=True))


# --- Requests ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member"])
def test_request_a_change(request, who, planned):
    user = request.getfixturevalue(who)
    change = request_change(user, planned)
    assert change.status == PlanChangeStatus.REQUESTED
    assert change.kind == PlanChangeKind.CHANGE
    assert change.base_version.number == 1
    assert change.after == AFTER
    assert change.requested_by == user
    assert change.fiscal_year is None
    entry = AuditEntry.objects.for_object(change).get()
    assert entry.action == "grants.plan_change.requested"
    assert entry.changes == {"status": [None, "requested"]}
    assert entry.data["sections"] == ["schedule"]
    assert entry.data["base_version"] == 1


def test_sections_given_unchanged_are_not_kept(planned, owner):
    change = request_change(owner, planned, after={**AFTER, "background": SECTIONS["background"]})
    assert list(change.after) == ["schedule"]


def test_only_one_request_at_a_time(planned, owner):
    request_change(owner, planned)
    with pytest.raises(ValidationError) as error:
        request_change(owner, planned)
    assert error.value.messages == [
        "承認申請中の計画変更があります。承認・不承認が決まるか、取り下げてから申請してください。"
    ]
    assert PlanChange.objects.count() == 1


def test_a_change_must_change_something_and_say_why(planned, owner):
    with pytest.raises(ValidationError) as error:
        request_change(owner, planned, after={"schedule": SECTIONS["schedule"]}, reason=" ")
    assert error.value.message_dict == {
        "reason": ["変更の理由を入力してください。"],
        "after": ["変更された項目がありません。"],
    }
    assert not PlanChange.objects.exists()


@pytest.mark.parametrize("after", [["schedule"], {"schedule": "text"}])
def test_unreadable_after(planned, owner, after):
    with pytest.raises(ValidationError) as error:
        request_change(owner, planned, after=after)
    assert error.value.message_dict == {"after": ["変更後の内容が読み取れません。"]}


def test_unknown_kind(planned, owner):
    with pytest.raises(ValidationError) as error:
        request_change(owner, planned, kind="other")
    assert error.value.message_dict == {"kind": ["申請の種類を選んでください。"]}


@pytest.mark.parametrize("stage", ["adopted", "applied", "completed"])
def test_changes_only_while_decided(make_project, owner, stage):
    project = with_plan(make_project(stage)) if stage != "adopted" else make_project(stage)
    with pytest.raises(ValidationError) as error:
        request_change(owner, project)
    assert "計画変更の承認申請はできません" in error.value.messages[0]


@pytest.mark.parametrize(
    ("who", "raised"), [("co_member", PermissionDenied), ("staff", PermissionDenied), ("outsider", Http404)]
)
def test_only_the_grantee_requests(request, who, raised, planned):
    with pytest.raises(raised):
        request_change(request.getfixturevalue(who), planned)
    assert not PlanChange.objects.exists()


# --- Moves ------------------------------------------------------------------------------------------------


def test_approve_makes_the_next_version(planned, owner, staff):
    change = request_change(owner, planned)
    result = changes.transition_change(staff, change, "approve", note=" 了承します。 ")
    assert result.status == PlanChangeStatus.APPROVED
    assert result.decided_by == staff and result.decided_at is not None
    assert result.decision_note == "了承します。"
    version = result.result_version
    assert version.number == 2
    assert version.reason == "調査の開始が遅れたため。"
    assert version.created_by == staff
    assert version.sections["schedule"] == AFTER["schedule"]
    assert version.sections["background"] == SECTIONS["background"]
    assert changes.current_version(planned) == version
    assert change_actions(change) == ["grants.plan_change.requested", "grants.plan_change.approved"]
    approved = AuditEntry.objects.for_object(change).get(action="grants.plan_change.approved")
    assert approved.changes["status"] == ["requested", "approved"]
    assert approved.data["result_version"] == 2
    created = AuditEntry.objects.for_object(planned).get(action="grants.plan_version.created")
    assert created.changes == {"plan_version": [1, 2]}
    assert created.data["reason"] == "調査の開始が遅れたため。"
    planned.refresh_from_db()
    assert planned.continuing is False


def test_a_long_reason_is_shortened_for_the_version(planned, owner, staff):
    change = request_change(owner, planned, reason="理由" * 150)
    version = changes.transition_change(staff, change, "approve").result_version
    assert len(version.reason) == 200 and version.reason.endswith("…")


def test_refuse_needs_a_note(planned, owner, staff):
    change = request_change(owner, planned)
    with pytest.raises(ValidationError) as error:
        changes.transition_change(staff, change, "refuse", note="  ")
    assert error.value.message_dict == {"note": ["不承認の理由を入力してください。"]}
    result = changes.transition_change(staff, change, "refuse", note="変更の必要性が確認できません。")
    assert result.status == PlanChangeStatus.REFUSED
    assert result.result_version is None
    assert planned.plan_versions.count() == 1
    assert change_actions(change)[-1] == "grants.plan_change.refused"


@pytest.mark.parametrize("who", ["owner", "member"])
def test_withdraw(request, who, planned, owner):
    change = request_change(owner, planned)
    result = changes.transition_change(request.getfixturevalue(who), change, "withdraw")
    assert result.status == PlanChangeStatus.WITHDRAWN
    assert result.decided_by is None and result.decided_at is None
    assert change_actions(change)[-1] == "grants.plan_change.withdrawn"
    # Another request is possible now.
    request_change(owner, planned)


@pytest.mark.parametrize(
    ("name", "who", "raised"),
    [
        ("approve", "owner", PermissionDenied),
        ("approve", "co_member", PermissionDenied),
        ("approve", "outsider", Http404),
        ("refuse", "member", PermissionDenied),
        ("withdraw", "staff", PermissionDenied),
        ("withdraw", "co_member", PermissionDenied),
        ("withdraw", "outsider", Http404),
    ],
)
def test_who_moves_a_change(request, planned, owner, name, who, raised):
    change = request_change(owner, planned)
    with pytest.raises(raised):
        changes.transition_change(request.getfixturevalue(who), change, name, note="所見")
    change.refresh_from_db()
    assert change.status == PlanChangeStatus.REQUESTED


def test_a_decided_change_does_not_move_again(planned, owner, staff):
    change = request_change(owner, planned)
    changes.transition_change(staff, change, "approve")
    for name, actor in (("approve", staff), ("refuse", staff), ("withdraw", owner)):
        with pytest.raises(ValidationError) as error:
            changes.transition_change(actor, change, name, note="所見")
        assert "計画変更は「承認」のため" in error.value.messages[0]
    assert planned.plan_versions.count() == 2


def test_unknown_move(planned, owner, staff):
    change = request_change(owner, planned)
    with pytest.raises(ValidationError) as error:
        changes.transition_change(staff, change, "reopen")
    assert error.value.messages == ["この手続はできません。"]


def test_approval_needs_the_plan_it_started_from(planned, owner, staff):
    change = request_change(owner, planned)
    PlanVersion.objects.create(project=planned, number=2, sections={}, reason="別の改定")
    with pytest.raises(ValidationError) as error:
        changes.transition_change(staff, change, "approve")
    assert "申請の後に実施計画が改定されているため承認できません。" in error.value.messages[0]
    change.refresh_from_db()
    assert change.status == PlanChangeStatus.REQUESTED


# --- Continuation -----------------------------------------------------------------------------------------


@pytest.fixture
def multi_year(decided_project) -> Any:
    return with_plan(decided_project, multi_year=True)


def test_continuation_with_changes_goes_to_review(multi_year, owner, staff):
    change = request_change(
        owner, multi_year, kind=PlanChangeKind.CONTINUATION, reason="調査範囲を広げるため。"
    )
    assert change.kind == PlanChangeKind.CONTINUATION
    assert change.fiscal_year == 2020  # the year after the last one applied for
    changes.transition_change(staff, change, "approve")
    multi_year.refresh_from_db()
    assert multi_year.continuing is True
    entry = AuditEntry.objects.for_object(multi_year).get(action="grants.project.continuation_approved")
    assert entry.changes == {"continuing": [False, True]}
    assert entry.data["fiscal_year"] == 2020
    assert changes.current_version(multi_year).number == 2


def test_continuation_is_for_multi_year_projects(planned, owner):
    with pytest.raises(ValidationError) as error:
        request_change(owner, planned, kind=PlanChangeKind.CONTINUATION)
    assert error.value.message_dict == {
        "kind": ["複数年度の事業のみ、継続年度の事業実施計画を提出できます。"]
    }
    with pytest.raises(ValidationError):
        changes.record_continuation_unchanged(owner, planned)


def test_continuation_after_the_completion_report(make_project, owner):
    project = with_plan(make_project("completed"), multi_year=True)
    change = request_change(owner, project, kind=PlanChangeKind.CONTINUATION)
    assert change.status == PlanChangeStatus.REQUESTED


def test_continuation_without_changes_points_to_unchanged(multi_year, owner):
    with pytest.raises(ValidationError) as error:
        request_change(owner, multi_year, kind=PlanChangeKind.CONTINUATION, after={}, reason="")
    assert error.value.message_dict == {
        "reason": ["継続年度の計画を変更する理由を入力してください。"],
        "after": ["変更された項目がありません。計画に変更がない場合は「変更なし」で継続を記録してください。"],
    }


@pytest.mark.parametrize("who", ["owner", "member"])
def test_unchanged_continuation_is_recorded_without_review(request, who, multi_year):
    changes.record_continuation_unchanged(request.getfixturevalue(who), multi_year)
    multi_year.refresh_from_db()
    assert multi_year.continuing is True
    assert not PlanChange.objects.exists()
    assert multi_year.plan_versions.count() == 1
    entry = AuditEntry.objects.for_object(multi_year).get(action="grants.project.continuation_recorded")
    assert entry.changes == {"continuing": [False, True]}
    assert entry.data == {"fiscal_year": 2020, "unchanged": True, "plan_version": 1}
    with pytest.raises(ValidationError) as error:
        changes.record_continuation_unchanged(request.getfixturevalue(who), multi_year)
    assert error.value.messages == ["翌年度の継続はすでに記録されています。"]


def test_unchanged_continuation_waits_for_an_open_request(multi_year, owner):
    request_change(owner, multi_year)
    with pytest.raises(ValidationError):
        changes.record_continuation_unchanged(owner, multi_year)
    multi_year.refresh_from_db()
    assert multi_year.continuing is False


@pytest.mark.parametrize(
    ("who", "raised"), [("co_member", PermissionDenied), ("staff", PermissionDenied), ("outsider", Http404)]
)
def test_only_the_grantee_records_continuation(request, who, raised, multi_year):
    with pytest.raises(raised):
        changes.record_continuation_unchanged(request.getfixturevalue(who), multi_year)


# --- Showing ----------------------------------------------------------------------------------------------


def test_labels_of_a_diff(planned):
    labels = changes.field_labels(planned)
    after = copy.deepcopy(SECTIONS)
    after["schedule"]["schedule"] = "変更後"
    after["costs"]["years"][0]["lines"][0]["unit_price"] = 7_000_000
    found = {c.path: c for c in changes.shown_diff(SECTIONS, after, labels)}
    assert (
        found["schedule.schedule"].label
        == "様式2　事業実施計画・スケジュール：完了実績報告書の完成までの計画"
    )
    assert found["costs.years.fy2019.lines.1.unit_price"].label.endswith("平成31年度 1行目 単価")
    assert found["costs.years.fy2019.lines.1.unit_price"].before == "6,600,000"
    rows = changes.plan_rows(SECTIONS, labels)
    assert (
        "様式2　事業実施計画・スケジュール：本事業の実施後に想定している取組の展開",
        "新電力を設立する。",
    ) in rows


def test_a_change_of_one_field_keeps_the_other_fields(planned, owner, staff):
    change = request_change(owner, planned, after={"background": {"background": "人口減少と高齢化が進む。"}})
    assert change.after == {"background": {"background": "人口減少と高齢化が進む。"}}
    version = changes.transition_change(staff, change, "approve").result_version
    assert version.sections["background"] == {
        "background": "人口減少と高齢化が進む。",
        "economic_analysis": "域外流出が大きい。",
    }
    assert version.sections["costs"] == SECTIONS["costs"]

"""The five grant processes (``grants.processes``): every move walked as allowed and refused people.

For each move with sources the object is put in its first source state (with what its guards ask for); the
people who may not make it are refused — 404 for those who must not know the project (outsider, anonymous),
403 for those who see it (the co-applicant, the secretariat for the grantee's moves, the grantee for the
secretariat's, a plain member for the owner's decline) — and nothing changes; the people who may are told
so by ``workflow.can``, and the first of them makes the move.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from junkan.common import workflow
from junkan.grants import oversight_processes, processes
from junkan.grants.models import (
    InfoRequest,
    InfoRequestKind,
    InfoRequestStatus,
    PlanChange,
    ProjectStatus,
    Report,
    ReportStatus,
    ReturnOrder,
    ReturnPayment,
)

pytestmark = pytest.mark.django_db

PEOPLE = ("owner", "member", "co_member", "staff", "outsider", "anonymous")
HIDDEN = {"outsider", "anonymous"}
# Who may make a move, by its declared "who".
MAY = {
    processes.grantee: ("owner", "member"),
    processes.secretariat: ("staff",),
    processes.grantee_owner: ("owner",),
    oversight_processes.secretariat: ("staff",),
}


def person(request: Any, name: str) -> Any:
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


def walk(
    request: Any,
    process: workflow.Process[Any],
    make: Callable[[str, str], Any],
    *,
    reasons: bool = True,
) -> list[str]:
    """Walk every move of ``process`` (``make(move, source)`` gives a fresh object ready for it)."""
    walked = []
    for move in process.moves:
        if not move.sources:
            continue  # made by its service when the object is created
        obj = make(move.name, move.sources[0])
        allowed = MAY[move.who]
        reason = "テストの理由" if move.needs_reason and reasons else ""
        for name in PEOPLE:
            user = person(request, name)
            decision = workflow.can(process, user, obj, move.name)
            if name in allowed:
                assert decision.allowed, (process.key, move.name, name, decision.reason)
                continue
            assert not decision.allowed, (process.key, move.name, name)
            expected = Http404 if name in HIDDEN else PermissionDenied
            with pytest.raises(expected):
                workflow.transition(process, user, obj, move.name, reason=reason)
            obj.refresh_from_db()
            assert process.state_of(obj) == move.sources[0], (process.key, move.name, name)
        done = workflow.transition(process, person(request, allowed[0]), obj, move.name, reason=reason)
        assert process.state_of(done) == move.target
        if move.target not in move.sources:
            # From the state it has moved to, the same move is refused with the state in words.
            again = workflow.can(process, person(request, allowed[0]), done, move.name)
            assert not again.allowed and "のため" in again.reason
        walked.append(move.name)
    return walked


@pytest.mark.parametrize("process", processes.PROCESSES, ids=lambda p: p.key)
def test_declarations_are_sound(process):
    assert workflow.problems(process) == []
    assert workflow.REGISTRY[process.key] is process
    for move in process.moves:
        assert move.who in MAY, (process.key, move.name)
        # Irreversible steps say what cannot be undone; a move that needs a reason is never silent.
        assert not move.confirm or len(str(move.confirm)) > 20


def test_the_project_process(request, make_project, mailoutbox):
    def make(name: str, source: str) -> Any:
        project = make_project(source)
        if name == "determined":
            project.reports.filter(status=ReportStatus.SUBMITTED).update(status=ReportStatus.ACCEPTED)
        if name == "paid":
            project.payment_requested_on = date(2020, 4, 1)
            project.save(update_fields=["payment_requested_on"])
        return project

    walked = walk(request, processes.PROJECT, make)
    assert walked == [
        "grant_applied",
        "grant_application_returned",
        "decided",
        "declined",
        "completed",
        "completion_reopened",
        "determined",
        "paid",
        "cancelled",
    ]


def test_project_guards_keep_the_button_with_the_reason(make_project, staff):
    completed = make_project("completed")
    (option,) = [o for o in workflow.options(processes.PROJECT, staff, completed) if o.name == "determined"]
    assert not option.allowed and "受理" in option.reason
    determined = make_project("determined")
    assert not workflow.can(processes.PROJECT, staff, determined, "paid").allowed
    assert "精算払請求書" in workflow.can(processes.PROJECT, staff, determined, "paid").reason


def test_the_report_process(request, make_project, monkeypatch):
    # The report's own checklist is tested with the report services; here only the process.
    monkeypatch.setattr(
        "junkan.grants.services.reports.check", lambda report, project=None: SimpleNamespace(problems=())
    )

    def make(name: str, source: str) -> Any:
        if source == ReportStatus.SUBMITTED:
            project = make_project("completed")
            return project.reports.get(status=ReportStatus.SUBMITTED)
        project = make_project("decided")
        return project.reports.exclude(kind="annual").order_by("id").first()

    assert walk(request, processes.REPORT, make) == ["submitted", "accepted", "returned"]


def test_reports_follow_the_project(make_project, owner, staff, monkeypatch):
    """Submitting the completion report completes the project; returning it reopens the project."""
    monkeypatch.setattr(
        "junkan.grants.services.reports.check", lambda report, project=None: SimpleNamespace(problems=())
    )
    project = make_project("decided")
    report = project.reports.exclude(kind="annual").order_by("id").first()
    workflow.transition(processes.REPORT, owner, report, "submitted")
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    workflow.transition(processes.REPORT, staff, report, "returned", reason="領収書がありません。")
    project.refresh_from_db()
    assert project.status == ProjectStatus.DECIDED
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.PENDING)
    project.status = ProjectStatus.CANCELLED
    project.save(update_fields=["status"])
    report.refresh_from_db()
    decision = workflow.can(processes.REPORT, owner, report, "submitted")
    assert not decision.allowed and "解除" in decision.reason


def test_the_plan_change_process(request, make_project, owner):
    def make(name: str, source: str) -> Any:
        project = make_project("decided")
        return PlanChange.objects.create(
            project=project,
            base_version=project.plan_versions.get(),
            after={"schedule": {"start": "令和2年4月"}},
            reason="調査の開始が遅れたため。",
            requested_by=owner,
            requested_at=timezone.now(),
        )

    assert walk(request, processes.PLAN_CHANGE, make) == ["approved", "refused", "withdrawn"]


def test_a_change_is_not_approved_once_the_project_is_completed(make_project, owner, staff):
    project = make_project("completed")
    change = PlanChange.objects.create(
        project=project,
        base_version=project.plan_versions.get(),
        after={},
        reason="変更",
        requested_by=owner,
        requested_at=timezone.now(),
    )
    decision = workflow.can(processes.PLAN_CHANGE, staff, change, "approved")
    assert not decision.allowed and "計画変更の承認申請はできません" in decision.reason
    assert workflow.can(processes.PLAN_CHANGE, staff, change, "refused").allowed


def test_the_return_order_process(request, make_project, staff):
    def make(name: str, source: str) -> Any:
        project = make_project("paid")
        order = ReturnOrder.objects.create(
            project=project,
            ordered_on=date(2020, 5, 1),
            reason="補助対象外の経費",
            principal=1_000,
            received_on=project.paid_on,
            pay_by=date(2020, 5, 31),
            ordered_by=staff,
        )
        # Paid back on the day received: no 加算金 on 1,000 yen for one day (0.3 yen, cut off).
        ReturnPayment.objects.create(order=order, paid_on=project.paid_on, amount=1_000, recorded_by=staff)
        return order

    assert walk(request, processes.RETURN_ORDER, make) == ["settled"]


def test_an_order_not_paid_in_full_is_not_settled(make_project, staff):
    project = make_project("paid")
    order = ReturnOrder.objects.create(
        project=project,
        ordered_on=date(2020, 5, 1),
        reason="x",
        principal=1_000_000,
        received_on=project.paid_on,
        pay_by=date(2020, 5, 31),
        ordered_by=staff,
    )
    with pytest.raises(ValidationError, match="まだ納付されていない額"):
        workflow.transition(processes.RETURN_ORDER, staff, order, "settled")


def test_the_info_request_process(request, make_project, staff):
    def make(name: str, source: str) -> Any:
        project = make_project("decided")
        return InfoRequest.objects.create(
            project=project,
            kind=InfoRequestKind.INFORMATION,
            subject="CO2削減量の算定根拠",
            body="算定の根拠資料をご提出ください。",
            requested_on=date(2020, 6, 1),
            status=source,
            answer="回答" if source == InfoRequestStatus.ANSWERED else "",
            requested_by=staff,
        )

    assert walk(request, processes.INFO_REQUEST, make) == ["answered", "closed", "reopened"]


def test_nothing_moves_once_the_records_are_disposed(make_project, staff, owner):
    project = make_project("decided")
    info = InfoRequest.objects.create(
        project=project,
        kind=InfoRequestKind.INFORMATION,
        subject="s",
        body="b",
        requested_on=date(2020, 6, 1),
        requested_by=staff,
    )
    project.disposed_at = timezone.now()
    project.save(update_fields=["disposed_at"])
    info.refresh_from_db()
    assert not workflow.can(processes.INFO_REQUEST, staff, info, "closed").allowed


def test_history_labels_are_words():
    assert processes.action_label("grants.project.determined") == "額の確定"
    assert processes.action_label("grants.project.opened") == "補助事業の登録（採択）"
    assert processes.action_label("grants.return_order.ordered") == "返還命令"
    assert processes.action_label("grants.report.accepted") == "報告の受理"
    assert processes.action_label("grants.project.payment_requested") == "精算払請求書の提出"
    assert processes.action_label("grants.report.reminded") == "提出期限のお知らせ"


def test_the_condition_process(request, make_project, staff):
    from junkan.grants.models import AdoptionCondition

    def make(name: str, source: str) -> Any:
        return AdoptionCondition.objects.create(
            project=make_project("decided"),
            text="地元金融機関の融資の内諾を得ること。",
            status=source,
            created_by=staff,
        )

    assert walk(request, oversight_processes.CONDITION, make) == ["met", "waived", "reopened"]


def test_the_inspection_process(request, make_project, staff):
    from junkan.grants.models import Inspection

    def make(name: str, source: str) -> Any:
        return Inspection.objects.create(
            project=make_project("decided"),
            planned_on=date(2019, 11, 5),
            place="飯田市竜丘地区",
            inspectors="事務局 調査員",
            status=source,
            created_by=staff,
        )

    walked = walk(request, oversight_processes.INSPECTION, make)
    assert walked == ["done", "follow_up", "closed", "cancelled"]


def test_the_decision_waits_for_the_checks(make_project, staff):
    from junkan.grants.models import DecisionCheck

    project = make_project("applied")
    DecisionCheck.objects.filter(award_year__project=project, item="no_other_subsidy").delete()
    decision = workflow.can(processes.PROJECT, staff, project, "decided")
    assert not decision.allowed and "交付決定の前の確認（平成31年度 イ）" in decision.reason
    with pytest.raises(ValidationError):
        workflow.transition(processes.PROJECT, staff, project, "decided")
    project.refresh_from_db()
    assert project.status == ProjectStatus.APPLIED

"""額の確定, the payment request and the payment record: validations, each move and its audit entry."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from junkan.audit.models import AuditEntry
from junkan.grants.models import CostLine, Project, ProjectStatus, Report, ReportStatus
from junkan.grants.services import mail as grant_mail
from junkan.grants.services import money

pytestmark = pytest.mark.django_db


def completion_report(project: Project) -> Report:
    return project.reports.get(kind__in=money.COMPLETION_KINDS)


def accept(project: Project) -> Report:
    report = completion_report(project)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    return report


def add_line(project: Project, amount: int, paid_on: date, fiscal_year: int = 2019) -> CostLine:
    return CostLine.objects.create(
        report=completion_report(project),
        fiscal_year=fiscal_year,
        expense="業務費",
        item="委託料",
        description=f"追加の経費 {amount}",
        amount=amount,
        paid_on=paid_on,
    )


def actions(project: Project) -> list[str]:
    return list(AuditEntry.objects.for_object(project).order_by("id").values_list("action", flat=True))


# Preview ---------------------------------------------------------------------------------------------


def test_preview_of_a_completed_project(make_project):
    project = make_project("completed")
    preview = money.determination_preview(project)
    assert preview.result is not None
    assert preview.result.determined_total == 8_500_000
    assert preview.result.decided_total == 9_000_000
    assert not preview.accepted  # submitted, not accepted yet
    assert [row.check.eligible for row in preview.lines] == [True]
    assert preview.errors == {}
    (year,) = preview.working()["years"]
    assert year["fiscal_year"] == 2019
    assert [row["number"] for row in year["rows"] if row["number"]] == [
        "(1)",
        "(2)",
        "(3)",
        "(4)",
        "(5)",
        "(6)",
        "(7)",
        "(8)",
    ]


def test_preview_without_a_submitted_report_says_so(make_project):
    project = make_project("decided")
    preview = money.determination_preview(project)
    assert preview.result is None
    assert "完了実績報告書がまだ提出されていません。" in preview.messages


def test_lines_paid_or_ordered_before_the_decision_are_excluded(make_project):
    project = make_project("completed")
    add_line(project, 1_000_000, date(2019, 7, 9))  # the day before the decision (2019-07-10)
    add_line(project, 300_000, date(2019, 7, 10))  # on the day: eligible
    preview = money.determination_preview(project)
    assert preview.result is not None
    assert preview.result.determined_total == 8_800_000
    excluded = preview.excluded_lines
    assert [row.line.amount for row in excluded] == [1_000_000]
    assert "交付決定日" in excluded[0].check.reason
    (year,) = preview.result.years
    assert year.figures.total_cost == 9_800_000
    assert year.figures.eligible_cost == 8_800_000


def test_a_line_of_a_contract_ordered_before_the_decision_is_excluded(make_project, owner):
    from junkan.grants.models import Contract, ProcurementMethod

    project = make_project("completed")
    contract = Contract.objects.create(
        project=project,
        ordered_on=date(2019, 7, 1),
        counterparty="株式会社テスト",
        subject="設備の発注",
        amount=2_000_000,
        method=ProcurementMethod.COMPETITIVE,
        created_by=owner,
    )
    line = add_line(project, 2_000_000, date(2019, 9, 1))
    CostLine.objects.filter(pk=line.pk).update(contract=contract)
    preview = money.determination_preview(project)
    assert [(row.line.pk, row.check.code) for row in preview.excluded_lines] == [
        (line.pk, "ordered_before_decision")
    ]
    assert preview.result is not None and preview.result.determined_total == 8_500_000


def test_other_income_and_tax_lower_the_amount(make_project):
    project = make_project("completed")
    preview = money.determination_preview(
        project, {2019: money.YearAdjustment(other_income=600_000, consumption_tax_equivalent=123_456)}
    )
    # (3) 7,900,000 limits (7); less 123,456 = 7,776,544; 千円未満切捨て 7,776,000.
    assert preview.result is not None
    assert preview.result.determined_total == 7_776_000


def test_wrong_adjustments_are_errors_on_their_fields(make_project):
    project = make_project("completed")
    preview = money.determination_preview(project, {2019: money.YearAdjustment(other_income=9_000_000)})
    assert preview.result is None
    assert "other_income_2019" in preview.errors


# Determination -----------------------------------------------------------------------------------------


def test_the_report_must_be_accepted_first(make_project, staff):
    project = make_project("completed")
    with pytest.raises(ValidationError) as caught:
        money.determine(staff, project, determined_on=date(2020, 3, 25))
    assert "受理してください" in " ".join(caught.value.messages)
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert project.determined_amount is None
    assert "grants.project.determined" not in actions(project)


def test_determine_moves_to_determined_with_the_working_and_audit(
    make_project, staff, django_capture_on_commit_callbacks
):
    project = make_project("completed")
    accept(project)
    with django_capture_on_commit_callbacks(execute=True):
        money.determine(staff, project, determined_on=date(2020, 3, 25))
    project.refresh_from_db()
    assert project.status == ProjectStatus.DETERMINED
    assert project.determined_amount == 8_500_000
    assert project.determined_on == date(2020, 3, 25)
    working = project.determination_working
    assert working["determined_total"] == 8_500_000
    assert working["lines"][0]["eligible"] is True
    entry = AuditEntry.objects.for_object(project).get(action="grants.project.determined")
    assert entry.changes["status"] == ["completed", "determined"]
    assert entry.changes["determined_amount"] == [None, 8_500_000]
    assert entry.actor == staff
    (message,) = mail.outbox
    assert "交付額の確定" in message.subject
    assert sorted(message.to) == ["member@example.jp", "owner@example.jp"]
    assert "8,500,000円" in message.body


def test_never_above_the_decision_even_with_actual_costs_above_it(make_project, staff):
    project = make_project("completed")
    add_line(project, 5_000_000, date(2020, 2, 1))  # 13,500,000 of actual costs; the decision is 9,000,000
    accept(project)
    money.determine(staff, project, determined_on=date(2020, 3, 25))
    project.refresh_from_db()
    assert project.determined_amount == 9_000_000
    assert project.determined_amount <= project.decided_amount
    (year,) = project.determination_working["years"]
    assert year["estimate"] == 10_000_000
    assert year["capped_by_decision"] is True
    assert "交付決定額を確定額とします" in year["note"]


def test_determined_on_not_before_completion(make_project, staff):
    project = make_project("completed")
    accept(project)
    with pytest.raises(ValidationError) as caught:
        money.determine(staff, project, determined_on=date(2020, 2, 19))
    assert "determined_on" in caught.value.message_dict


@pytest.mark.parametrize("stage", ["decided", "determined", "paid"])
def test_determine_only_from_completed(make_project, staff, stage):
    project = make_project(stage)
    with pytest.raises(ValidationError):
        money.determine(staff, project, determined_on=date(2020, 3, 25))


@pytest.mark.parametrize(
    ("who", "error"), [("owner", PermissionDenied), ("co_member", PermissionDenied), ("outsider", Http404)]
)
def test_only_the_secretariat_determines(make_project, request, who, error):
    project = make_project("completed")
    accept(project)
    with pytest.raises(error):
        money.determine(request.getfixturevalue(who), project, determined_on=date(2020, 3, 25))


# Payment request and record ------------------------------------------------------------------------------


def test_payment_request_by_the_grantee(make_project, member, settings, django_capture_on_commit_callbacks):
    settings.SECRETARIAT_EMAIL = "secretariat@example.jp"
    project = make_project("determined")
    with django_capture_on_commit_callbacks(execute=True):
        money.request_payment(member, project, requested_on=date(2020, 4, 1))
    project.refresh_from_db()
    assert project.payment_requested_on == date(2020, 4, 1)
    assert project.status == ProjectStatus.DETERMINED
    entry = AuditEntry.objects.for_object(project).get(action="grants.project.payment_requested")
    assert entry.changes == {"payment_requested_on": [None, "2020-04-01"]}
    (message,) = mail.outbox
    assert message.to == ["secretariat@example.jp"]
    with pytest.raises(ValidationError, match="提出済み"):
        money.request_payment(member, project, requested_on=date(2020, 4, 2))


def test_payment_request_not_before_the_determination(make_project, owner):
    project = make_project("determined")
    with pytest.raises(ValidationError) as caught:
        money.request_payment(owner, project, requested_on=date(2020, 3, 24))
    assert "requested_on" in caught.value.message_dict
    with pytest.raises(ValidationError):
        money.request_payment(owner, make_project("completed"), requested_on=date(2020, 4, 1))


@pytest.mark.parametrize(
    ("who", "error"), [("staff", PermissionDenied), ("co_member", PermissionDenied), ("outsider", Http404)]
)
def test_only_the_grantee_requests_payment(make_project, request, who, error):
    with pytest.raises(error):
        money.request_payment(
            request.getfixturevalue(who), make_project("determined"), requested_on=date(2020, 4, 1)
        )


def test_payment_needs_the_request_and_the_whole_determined_amount(make_project, owner, staff):
    project = make_project("determined")
    with pytest.raises(ValidationError) as caught:
        money.record_payment(staff, project, paid_on=date(2020, 4, 10), amount=8_500_000)
    assert "精算払請求書がまだ提出されていません。" in caught.value.messages
    money.request_payment(owner, project, requested_on=date(2020, 4, 1))
    with pytest.raises(ValidationError) as caught:
        money.record_payment(staff, project, paid_on=date(2020, 4, 10), amount=8_000_000)
    assert "amount" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        money.record_payment(staff, project, paid_on=date(2020, 3, 31), amount=8_500_000)
    assert "paid_on" in caught.value.message_dict
    project.refresh_from_db()
    assert project.status == ProjectStatus.DETERMINED and project.paid_on is None


def test_record_payment_moves_to_paid(make_project, owner, staff, django_capture_on_commit_callbacks):
    project = make_project("determined")
    money.request_payment(owner, project, requested_on=date(2020, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        money.record_payment(staff, project, paid_on=date(2020, 4, 10), amount=8_500_000)
    project.refresh_from_db()
    assert project.status == ProjectStatus.PAID
    assert (project.paid_on, project.paid_amount) == (date(2020, 4, 10), 8_500_000)
    entry = AuditEntry.objects.for_object(project).get(action="grants.project.paid")
    assert entry.changes["status"] == ["determined", "paid"]
    assert entry.changes["paid_amount"] == [None, 8_500_000]
    assert any("支払" in m.subject for m in mail.outbox)


@pytest.mark.parametrize(("who", "error"), [("owner", PermissionDenied), ("outsider", Http404)])
def test_only_the_secretariat_records_payment(make_project, request, who, error):
    project = make_project("determined")
    with pytest.raises(error):
        money.record_payment(
            request.getfixturevalue(who), project, paid_on=date(2020, 4, 10), amount=8_500_000
        )


def test_notices_go_to_the_lead_members_only(make_project):
    project = make_project("completed")
    assert grant_mail.member_addresses(project) == ["member@example.jp", "owner@example.jp"]

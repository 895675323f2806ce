"""The reports services: completion date, writing a report, cost lines and receipts, the report's moves."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from junkan.applications.samples import minimal_pdf
from junkan.audit.models import AuditEntry
from junkan.grants.engine import viability
from junkan.grants.models import (
    Contract,
    CostLine,
    DocumentKind,
    GrantDocument,
    ProjectStatus,
    Report,
    ReportStatus,
)
from junkan.grants.services import report_reminders
from junkan.grants.services import reports as services
from junkan.grants.tests.conftest import COMPLETED_ON, DECIDED_ON

pytestmark = pytest.mark.django_db

TODAY = date(2020, 3, 1)
D = Decimal


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name: str = "receipt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(b"test file"), content_type="application/pdf")


def actions(obj: Any = None) -> list[str]:
    qs = AuditEntry.objects.order_by("id")
    if obj is not None:
        qs = qs.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
    return list(qs.values_list("action", flat=True))


def completion_report(project: Any) -> Report:
    return project.reports.get(kind__in=["completion", "study_report"])


def calculation(owner: Any, organization: Any, reduction: str = "98.765") -> Any:
    from junkan.carbon.models import SavedCalculation

    return SavedCalculation.objects.create(
        owner=owner,
        organization=organization,
        title="竜丘地区の太陽光発電",
        baseline_t_co2=D("200"),
        project_t_co2=D("200") - D(reduction),
        reduction_t_co2=D(reduction),
    )


def answer_all(report: Report) -> dict[str, str]:
    return {item: f"{item}について記入しました。" for item in report.contents}


def add_line(owner: Any, report: Report, **kw: Any) -> CostLine:
    values = {
        "fiscal_year": 2019,
        "expense": "業務費",
        "item": "委託料",
        "description": "実現可能性調査の委託",
        "amount": 8_500_000,
        "paid_on": date(2020, 2, 25),
    }
    values.update(kw)
    return services.add_cost_line(owner, report, **values)


def ready_completion(owner: Any, project: Any, *, completed_on: date = COMPLETED_ON) -> Report:
    """A decided project with its completion date and a complete completion report (not yet submitted)."""
    services.set_completion(owner, project, completed_on=completed_on, today=TODAY)
    report = completion_report(project)
    line = add_line(owner, report)
    services.add_report_document(owner, report, DocumentKind.RECEIPT, pdf(), cost_line=line)
    report.refresh_from_db()
    # Seed 003's （ウ） needs profitability or utility savings in figures.
    figures = viability.Figures(savings=3_000_000) if services.viability_block(report).required else None
    return services.save_report(
        owner,
        report,
        answers=answer_all(report),
        base_version=report.version,
        expected_t_co2=D("120.5"),
        figures=figures,
    )


# --- set_completion -----------------------------------------------------------------------------------------


def test_set_completion_records_dates_retention_and_reschedules(make_project, owner):
    project = make_project("decided")
    report = completion_report(project)
    assert report.due_on == date(2020, 3, 10)  # provisional: from the planned end 2020-02-29
    services.set_completion(owner, project, completed_on=date(2020, 1, 15), today=TODAY)
    project.refresh_from_db()
    assert project.completed_on == date(2020, 1, 15)
    assert project.plan_made_on == date(2020, 1, 15)  # defaults to the completion date
    assert project.retain_until == date(2025, 3, 31)
    assert project.status == ProjectStatus.DECIDED
    report.refresh_from_db()
    assert report.due_on == date(2020, 2, 14)  # 30 days after 1/15, before 3/10
    assert "grants.project.completion_date_set" in actions(project)
    assert actions(report) == ["grants.report.rescheduled"]
    entry = AuditEntry.objects.get(action="grants.project.completion_date_set")
    assert entry.changes["completed_on"] == [None, "2020-01-15"]
    assert entry.changes["retain_until"] == [None, "2025-03-31"]


def test_set_completion_counts_annual_reports_from_the_plan_date(make_project, owner, ecotown_call):
    project = make_project("decided", call=ecotown_call, type_code="fs")
    services.set_completion(
        owner, project, completed_on=date(2020, 2, 20), plan_made_on=date(2020, 1, 31), today=TODAY
    )
    annual = list(project.reports.filter(kind="annual").order_by("fiscal_year"))
    assert [(r.fiscal_year, r.period_start, r.due_on) for r in annual] == [
        (2019, date(2020, 1, 31), date(2020, 4, 30)),
        (2020, date(2020, 4, 1), date(2021, 4, 30)),
        (2021, date(2021, 4, 1), date(2022, 4, 30)),
        (2022, date(2022, 4, 1), date(2023, 4, 30)),
    ]
    study = completion_report(project)
    assert study.due_on == date(2020, 3, 21)  # 30 days after 2/20, before 4/10 of the next year
    assert study.due_text.startswith("補助事業者は、補助事業を完了したときは")


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"completed_on": date(2019, 7, 9)}, "completed_on"),  # before the decision
        ({"completed_on": date(2020, 3, 2)}, "completed_on"),  # after "today"
        ({"completed_on": date(2020, 2, 20), "plan_made_on": date(2020, 2, 21)}, "plan_made_on"),
        ({"completed_on": date(2020, 2, 20), "plan_made_on": date(2019, 7, 1)}, "plan_made_on"),
    ],
)
def test_set_completion_validation(make_project, owner, kw, field):
    project = make_project("decided")
    with pytest.raises(ValidationError) as caught:
        services.set_completion(owner, project, today=TODAY, **kw)
    assert field in caught.value.message_dict
    project.refresh_from_db()
    assert project.completed_on is None
    assert AuditEntry.objects.filter(action__startswith="grants.").count() == 0


def test_set_completion_on_the_decision_day_and_today_is_fine(make_project, owner):
    project = make_project("decided")
    services.set_completion(owner, project, completed_on=DECIDED_ON, today=DECIDED_ON)
    project.refresh_from_db()
    assert project.completed_on == DECIDED_ON


def test_set_completion_only_while_decided(make_project, owner):
    project = make_project("completed")
    with pytest.raises(ValidationError, match="完了日を登録できません"):
        services.set_completion(owner, project, completed_on=date(2020, 2, 1), today=TODAY)


@pytest.mark.parametrize(
    ("who", "error"), [("co_member", PermissionDenied), ("staff", PermissionDenied), ("outsider", Http404)]
)
def test_set_completion_is_the_grantees(make_project, request, who, error):
    project = make_project("decided")
    with pytest.raises(error):
        services.set_completion(
            request.getfixturevalue(who), project, completed_on=date(2020, 2, 1), today=TODAY
        )


def test_member_may_set_completion(make_project, member):
    project = make_project("decided")
    services.set_completion(member, project, completed_on=date(2020, 2, 1), today=TODAY)
    project.refresh_from_db()
    assert project.completed_on == date(2020, 2, 1)


# --- save_report --------------------------------------------------------------------------------------------


def test_save_report_answers_and_version(make_project, owner, organization):
    project = make_project("decided")
    report = completion_report(project)
    calc = calculation(owner, organization)
    saved = services.save_report(
        owner,
        report,
        answers={report.contents[0]: "背景です。", "知らない項目": "無視されます", report.contents[1]: "  "},
        base_version=0,
        co2_calculation=calc,
        expected_t_co2=D("120.5"),
    )
    assert saved.version == 1
    report.refresh_from_db()
    assert report.answers == {report.contents[0]: "背景です。"}  # blanks and unknown items are not kept
    assert report.co2_calculation == calc
    assert report.expected_t_co2 == D("120.5")
    entry = AuditEntry.objects.get(action="grants.report.saved")
    assert entry.object_id == str(report.pk)
    assert entry.data == {"version": 1, "items_changed": [report.contents[0]]}
    assert entry.changes["co2_calculation_id"] == [None, calc.pk]
    assert entry.changes["expected_t_co2"] == [None, "120.5"]


def test_save_report_refuses_a_stale_version_and_writes_nothing(make_project, owner, member):
    project = make_project("decided")
    report = completion_report(project)
    services.save_report(member, report, answers={report.contents[0]: "先に保存"}, base_version=0)
    with pytest.raises(services.StaleReport) as caught:
        services.save_report(owner, report, answers={report.contents[0]: "後から保存"}, base_version=0)
    assert "他の方が保存しています" in " ".join(caught.value.messages)
    report.refresh_from_db()
    assert report.answers == {report.contents[0]: "先に保存"}
    assert report.version == 1
    assert actions(report) == ["grants.report.saved"]


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"expected_t_co2": D(-1)}, "expected_t_co2"),
        ({"expected_t_co2": D("1.2345")}, "expected_t_co2"),
        ({"expected_t_co2": D("1e13")}, "expected_t_co2"),
        ({"expected_t_co2": 1.5}, "expected_t_co2"),
        ({"actual_t_co2": D(3)}, "actual_t_co2"),  # the completion report has one figure
        ({"cause_analysis": "原因"}, "cause_analysis"),  # only annual reports
    ],
)
def test_save_report_validation(make_project, owner, kw, field):
    project = make_project("decided")
    report = completion_report(project)
    with pytest.raises(ValidationError) as caught:
        services.save_report(owner, report, answers={}, base_version=0, **kw)
    assert field in caught.value.message_dict
    report.refresh_from_db()
    assert report.version == 0


def test_save_report_refuses_another_organizations_calculation(make_project, owner, outsider):
    from junkan.organizations.models import Organization

    other = Organization.objects.create(kind="company", name="別の会社")
    project = make_project("decided")
    with pytest.raises(ValidationError) as caught:
        services.save_report(
            owner,
            completion_report(project),
            answers={},
            base_version=0,
            co2_calculation=calculation(outsider, other),
        )
    assert "co2_calculation" in caught.value.message_dict


def test_save_report_refuses_a_submitted_report(make_project, owner):
    project = make_project("completed")
    report = project.reports.get(status=ReportStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="提出済み"):
        services.save_report(owner, report, answers={}, base_version=report.version)


@pytest.mark.parametrize(
    ("who", "error"), [("co_member", PermissionDenied), ("staff", PermissionDenied), ("outsider", Http404)]
)
def test_save_report_is_the_grantees(make_project, request, who, error):
    project = make_project("decided")
    with pytest.raises(error):
        services.save_report(
            request.getfixturevalue(who), completion_report(project), answers={}, base_version=0
        )


# --- cost lines and receipts --------------------------------------------------------------------------------


def test_add_update_remove_cost_line_with_audit(make_project, owner):
    project = make_project("decided")
    report = completion_report(project)
    line = add_line(owner, report)
    assert (line.expense, line.item, line.amount, line.order) == ("業務費", "委託料", 8_500_000, 1)
    second = add_line(owner, report, item="旅費", description="現地調査の旅費", amount=120_000)
    assert second.order == 2
    services.add_report_document(owner, report, DocumentKind.RECEIPT, pdf(), cost_line=second)
    services.update_cost_line(
        owner,
        second,
        fiscal_year=2019,
        expense="業務費",
        item="旅費",
        description="現地調査の旅費（2回）",
        amount=240_000,
        paid_on=date(2020, 2, 10),
    )
    second.refresh_from_db()
    assert second.amount == 240_000
    changed = AuditEntry.objects.get(action="grants.cost_line.changed")
    assert changed.changes["amount"] == [120_000, 240_000]
    assert changed.object_id == str(report.pk)
    services.remove_cost_line(owner, second)
    assert not CostLine.objects.filter(pk=second.pk).exists()
    assert not GrantDocument.objects.filter(cost_line_id=second.pk).exists()
    assert actions(report) == [
        "grants.cost_line.added",
        "grants.cost_line.added",
        "grants.cost_line.changed",
        "grants.cost_line.removed",
    ]
    assert AuditEntry.objects.get(action="grants.cost_line.removed").data["documents"] == 1


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"expense": "旅費交通費"}, "expense"),  # not a 費目 of the type
        ({"item": "謝金"}, "item"),  # not a 細目 of 業務費
        ({"fiscal_year": 2020}, "fiscal_year"),  # no decision that year
        ({"amount": 0}, "amount"),
        ({"amount": True}, "amount"),
        ({"description": "  "}, "description"),
    ],
)
def test_cost_line_validation(make_project, owner, kw, field):
    project = make_project("decided")
    report = completion_report(project)
    with pytest.raises(ValidationError) as caught:
        add_line(owner, report, **kw)
    assert field in caught.value.message_dict
    assert not report.cost_lines.exists()


def test_cost_line_contract_must_be_the_projects(make_project, owner):
    project = make_project("decided")
    other = make_project("decided")
    contract = Contract.objects.create(
        project=other,
        ordered_on=date(2019, 8, 1),
        counterparty="株式会社調査",
        subject="調査委託",
        amount=8_500_000,
        method="competitive",
        created_by=owner,
    )
    with pytest.raises(ValidationError) as caught:
        add_line(owner, completion_report(project), contract=contract)
    assert "contract" in caught.value.message_dict
    own = Contract.objects.create(
        project=project,
        ordered_on=date(2019, 8, 1),
        counterparty="株式会社調査",
        subject="調査委託",
        amount=8_500_000,
        method="competitive",
        created_by=owner,
    )
    assert add_line(owner, completion_report(project), contract=own).contract == own


def test_cost_lines_only_on_the_completion_report_while_editable(make_project, owner, ecotown_call):
    project = make_project("paid", call=ecotown_call, type_code="fs")
    annual = project.reports.filter(kind="annual").first()
    with pytest.raises(ValidationError, match="完了実績報告書にのみ"):
        add_line(owner, annual)
    submitted = make_project("completed")
    with pytest.raises(ValidationError, match="提出済み"):
        add_line(owner, submitted.reports.get(status=ReportStatus.SUBMITTED))


def test_report_documents_go_where_they_belong(make_project, owner):
    project = make_project("decided")
    report = completion_report(project)
    line = add_line(owner, report)
    document = services.add_report_document(
        owner, report, DocumentKind.INVOICE, pdf("invoice.pdf"), cost_line=line
    )
    assert (document.report, document.cost_line, document.kind) == (report, line, DocumentKind.INVOICE)
    with pytest.raises(ValidationError) as caught:
        services.add_report_document(owner, report, DocumentKind.RECEIPT, pdf())
    assert "kind" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.add_report_document(owner, report, DocumentKind.UTILITY_DATA, pdf(), cost_line=line)
    assert "kind" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.add_report_document(
            owner, report, DocumentKind.OTHER, SimpleUploadedFile("x.txt", b"plain text")
        )
    assert "file" in caught.value.message_dict
    assert "grants.document.added" in actions(project)


# --- transition_report: submit, accept, return --------------------------------------------------------------


def test_submit_refuses_with_every_problem_listed(make_project, owner):
    project = make_project("decided")
    report = completion_report(project)
    with pytest.raises(ValidationError) as caught:
        services.transition_report(owner, report, "submit")
    fields = caught.value.message_dict
    assert {f"item_{i}" for i in range(7)} <= set(fields)
    assert {"completed_on", "cost_lines", "co2"} <= set(fields)
    assert fields["completed_on"] == ["補助事業の完了日を登録してください。"]
    report.refresh_from_db()
    assert report.status == ReportStatus.PENDING
    assert "grants.report.submitted" not in actions()


def test_submit_flags_a_line_without_receipt(make_project, owner):
    project = make_project("decided")
    report = ready_completion(owner, project)
    add_line(owner, report, item="旅費", description="現地調査の旅費", amount=50_000)
    report.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.transition_report(owner, report, "submit")
    assert list(caught.value.message_dict) == [f"cost_line_{report.cost_lines.last().pk}"]
    assert "現地調査の旅費" in caught.value.messages[0]


def test_submitting_the_completion_report_completes_the_project(
    make_project, owner, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SECRETARIAT_EMAIL = "jimukyoku@example.jp"
    project = make_project("decided")
    report = ready_completion(owner, project)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.transition_report(owner, report, "submit")
    assert submitted.status == ReportStatus.SUBMITTED
    assert submitted.submitted_by == owner and submitted.submitted_at is not None
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert project.promised_t_co2 == D("120.5")
    entry = AuditEntry.objects.get(action="grants.report.submitted")
    assert entry.changes["status"] == ["pending", "submitted"]
    assert entry.data["eligible_total"] == 8_500_000 and entry.data["reduction_t_co2"] == "120.500"
    moved = AuditEntry.objects.get(action="grants.project.completed")
    assert moved.changes["status"] == ["decided", "completed"]
    assert moved.changes["promised_t_co2"] == [None, "120.500"]
    assert [m.to for m in mailoutbox] == [["jimukyoku@example.jp"]]
    assert "提出されました" in mailoutbox[0].subject


def test_the_calculation_gives_the_promised_reduction(make_project, owner, organization):
    project = make_project("decided")
    report = ready_completion(owner, project)
    services.save_report(
        owner,
        report,
        answers=report.answers,
        base_version=report.version,
        co2_calculation=calculation(owner, organization, "98.765"),
    )
    services.transition_report(owner, report, "submit")
    project.refresh_from_db()
    assert project.promised_t_co2 == D("98.765")


def test_no_mail_to_the_secretariat_without_an_address(
    make_project, owner, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.SECRETARIAT_EMAIL = ""
    project = make_project("decided")
    report = ready_completion(owner, project)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_report(owner, report, "submit")
    assert mailoutbox == []


def test_the_study_report_completes_an_ecotown_project(make_project, owner, ecotown_call):
    project = make_project("decided", call=ecotown_call, type_code="fs")
    report = ready_completion(owner, project)
    assert report.kind == "study_report"
    services.transition_report(owner, report, "submit")
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert project.promised_t_co2 == D("120.5")


def test_accept_by_the_secretariat(
    make_project, owner, member, staff, django_capture_on_commit_callbacks, mailoutbox
):
    project = make_project("completed")
    report = project.reports.get(status=ReportStatus.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.transition_report(staff, report, "accept")
    assert accepted.status == ReportStatus.ACCEPTED and accepted.reviewed_at is not None
    entry = AuditEntry.objects.get(action="grants.report.accepted")
    assert entry.changes == {"status": ["submitted", "accepted"]}
    assert entry.actor == staff
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    assert sorted(mailoutbox[0].to) == sorted([owner.email, member.email])
    assert "受理" in mailoutbox[0].subject


def test_return_reopens_the_project_and_needs_a_reason(
    make_project, staff, owner, django_capture_on_commit_callbacks, mailoutbox
):
    project = make_project("completed")
    report = project.reports.get(status=ReportStatus.SUBMITTED)
    with pytest.raises(ValidationError) as caught:
        services.transition_report(staff, report, "return", reason="  ")
    assert "reason" in caught.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        returned = services.transition_report(
            staff, report, "return", reason="領収書の宛名を確認してください。"
        )
    assert returned.status == ReportStatus.RETURNED
    assert returned.return_reason == "領収書の宛名を確認してください。"
    project.refresh_from_db()
    assert project.status == ProjectStatus.DECIDED
    # The report's move is recorded first, then the project's (its effect).
    assert actions()[-2:] == ["grants.report.returned", "grants.project.completion_reopened"]
    assert AuditEntry.objects.get(action="grants.report.returned").data == {
        "reason": "領収書の宛名を確認してください。"
    }
    assert "領収書の宛名" in mailoutbox[0].body and owner.email in mailoutbox[0].to
    # The grantee fixes it and submits again: the project completes again.
    report.refresh_from_db()
    services.add_report_document(
        owner, report, DocumentKind.RECEIPT, pdf(), cost_line=report.cost_lines.get()
    )
    services.save_report(
        owner, report, answers=report.answers, base_version=report.version, expected_t_co2=D(5)
    )
    services.transition_report(owner, report, "submit")
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED and project.promised_t_co2 == D(5)


def test_return_of_the_completion_report_after_determination_is_refused(make_project, staff):
    project = make_project("determined")
    report = project.reports.get(status=ReportStatus.ACCEPTED)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="額の確定"):
        services.transition_report(staff, report, "return", reason="再確認")
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


@pytest.mark.parametrize(
    ("move", "who", "error"),
    [
        ("submit", "staff", PermissionDenied),
        ("submit", "co_member", PermissionDenied),
        ("submit", "outsider", Http404),
        ("accept", "owner", PermissionDenied),
        ("accept", "co_member", PermissionDenied),
        ("accept", "outsider", Http404),
        ("return", "member", PermissionDenied),
    ],
)
def test_who_makes_each_move(make_project, request, move, who, error):
    project = make_project("completed")
    report = project.reports.get(status=ReportStatus.SUBMITTED)
    with pytest.raises(error):
        services.transition_report(request.getfixturevalue(who), report, move, reason="理由")


def test_moves_from_the_wrong_status(make_project, staff, owner):
    project = make_project("decided")
    report = completion_report(project)
    with pytest.raises(ValidationError, match="未提出"):
        services.transition_report(staff, report, "accept")
    with pytest.raises(ValidationError, match="報告に対してこの手続は行えません"):
        services.transition_report(owner, report, "withdraw")
    submitted = make_project("completed").reports.get(status=ReportStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="提出済み"):
        services.transition_report(owner, submitted, "submit")


def test_cancelled_projects_reports_are_closed(make_project, owner):
    project = make_project("decided")
    project.status = ProjectStatus.CANCELLED
    project.save(update_fields=["status"])
    with pytest.raises(ValidationError, match="解除"):
        services.save_report(owner, completion_report(project), answers={}, base_version=0)


# --- annual reports (seed 003 §9(4)(5)) ---------------------------------------------------------------------


@pytest.fixture
def annual_report(make_project, ecotown_call):
    project = make_project("paid", call=ecotown_call, type_code="fs")
    project.promised_t_co2 = D(100)
    project.save(update_fields=["promised_t_co2"])
    return project.reports.filter(kind="annual").order_by("fiscal_year").first()


def annual_answers(report: Report) -> dict[str, str]:
    return {item: "記入しました。" for item in report.contents if "達しなかった場合" not in item}


def test_annual_report_below_the_promise_needs_the_cause_analysis(annual_report, owner):
    report = services.save_report(
        owner, annual_report, answers=annual_answers(annual_report), base_version=0, expected_t_co2=D(60)
    )
    with pytest.raises(ValidationError) as caught:
        services.transition_report(owner, report, "submit")
    assert list(caught.value.message_dict) == ["cause_analysis"]
    assert "60" in caught.value.messages[0] and "100" in caught.value.messages[0]
    report = services.save_report(
        owner,
        report,
        answers=annual_answers(report),
        base_version=report.version,
        expected_t_co2=D(60),
        cause_analysis="事業化計画の策定が遅れ、設備の導入が翌年度になったため。",
    )
    submitted = services.transition_report(owner, report, "submit")
    assert submitted.status == ReportStatus.SUBMITTED
    entry = AuditEntry.objects.get(action="grants.report.submitted")
    assert entry.data == {"reduction_t_co2": "60.000", "promised_t_co2": "100.000", "below_promise": True}
    annual_report.project.refresh_from_db()
    assert annual_report.project.status == ProjectStatus.PAID  # an annual report moves nothing


def test_annual_report_reaching_the_promise_needs_no_cause(annual_report, owner):
    report = services.save_report(
        owner, annual_report, answers=annual_answers(annual_report), base_version=0, expected_t_co2=D(100)
    )
    assert services.transition_report(owner, report, "submit").status == ReportStatus.SUBMITTED


def test_annual_actual_figure_needs_the_utility_data(annual_report, owner):
    report = services.save_report(
        owner,
        annual_report,
        answers=annual_answers(annual_report),
        base_version=0,
        expected_t_co2=D(50),
        actual_t_co2=D(55),
    )
    with pytest.raises(ValidationError) as caught:
        services.transition_report(owner, report, "submit")
    assert list(caught.value.message_dict) == ["utility_data"]
    services.add_report_document(owner, report, DocumentKind.UTILITY_DATA, pdf("denki.pdf"))
    assert services.transition_report(owner, report, "submit").status == ReportStatus.SUBMITTED


def test_annual_report_needs_its_figures(annual_report, owner):
    report = services.save_report(owner, annual_report, answers=annual_answers(annual_report), base_version=0)
    with pytest.raises(ValidationError) as caught:
        services.transition_report(owner, report, "submit")
    assert caught.value.message_dict == {
        "co2": ["二酸化炭素の削減量（導入前の設備の見込み、導入後の設備の実績）を入力してください。"]
    }


# --- lists --------------------------------------------------------------------------------------------------


def test_reports_due_flags_overdue_from_the_day_after(make_project):
    project = make_project("decided")
    report = completion_report(project)  # due 2020-03-10
    assert report_reminders.reports_due([report], date(2020, 3, 10))[0].is_overdue is False
    assert report_reminders.reports_due([report], date(2020, 3, 10))[0].days_left == 0
    late = report_reminders.reports_due([report], date(2020, 3, 13))[0]
    assert late.is_overdue and late.days_overdue == 3
    submitted = make_project("completed").reports.get(status=ReportStatus.SUBMITTED)
    assert report_reminders.reports_due([submitted], date(2030, 1, 1)) == []

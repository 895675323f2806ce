"""Report reminders by e-mail: business days before the due date, weekly once overdue, never twice a day."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from junkan.audit.models import AuditEntry
from junkan.grants.models import ProjectStatus, Report, ReportStatus
from junkan.grants.services import report_reminders
from junkan.grants.services import reports as services

pytestmark = pytest.mark.django_db


def completion_report(project: Any) -> Report:
    return project.reports.get(kind__in=["completion", "study_report"])


def due(report: Report, day: date) -> Report:
    Report.objects.filter(pk=report.pk).update(due_on=day)
    report.refresh_from_db()
    return report


def run_days(start: date, end: date) -> list[date]:
    """The days, from ``start`` to ``end``, on which a daily run queued at least one reminder."""
    sent = []
    day = start
    while day <= end:
        if report_reminders.send_reminders(day):
            sent.append(day)
        day += timedelta(days=1)
    return sent


@pytest.fixture
def report(make_project) -> Report:
    return completion_report(make_project("decided"))


def test_tuesday_due_date(report):
    due(report, date(2020, 3, 10))
    assert run_days(date(2020, 2, 1), date(2020, 3, 26)) == [
        date(2020, 2, 25),  # 10 business days before
        date(2020, 3, 3),  # 5
        date(2020, 3, 9),  # 1
        date(2020, 3, 11),  # overdue: the day after
        date(2020, 3, 18),  # then weekly
        date(2020, 3, 25),
    ]
    report.refresh_from_db()
    assert report.reminded_on == [
        "2020-02-25",
        "2020-03-03",
        "2020-03-09",
        "2020-03-11",
        "2020-03-18",
        "2020-03-25",
    ]


def test_due_on_a_sunday(report):
    # Sunday 2020-05-10: the last open day is Friday 5/8; 1 business day before it is Thursday 5/7.
    due(report, date(2020, 5, 10))
    assert run_days(date(2020, 4, 10), date(2020, 5, 19)) == [
        date(2020, 4, 20),  # 10 business days before Friday 5/8 (4/29 and 5/4–5/6 are holidays)
        date(2020, 4, 27),  # 5
        date(2020, 5, 7),  # 1
        date(2020, 5, 11),  # overdue from Monday, the day after
        date(2020, 5, 18),
    ]


def test_around_the_year_end_closure(report):
    # Due Monday 2020-01-06, right after the closure of 12/29–1/3.
    due(report, date(2020, 1, 6))
    assert run_days(date(2019, 12, 1), date(2020, 1, 15)) == [
        date(2019, 12, 16),
        date(2019, 12, 23),
        date(2019, 12, 27),  # the last open day of the year
        date(2020, 1, 7),
        date(2020, 1, 14),
    ]


def test_overdue_reminder_moves_past_the_closure(report):
    # Due Friday 2019-12-27: the day after is Saturday, then the closure: the first notice on Monday 1/6.
    due(report, date(2019, 12, 27))
    assert run_days(date(2019, 12, 1), date(2020, 1, 21)) == [
        date(2019, 12, 13),
        date(2019, 12, 20),
        date(2019, 12, 26),
        date(2020, 1, 6),
        date(2020, 1, 14),  # 1/11 is a Saturday and 1/13 成人の日
        date(2020, 1, 20),
    ]


def test_a_missed_day_is_caught_up_once(report):
    # The command did not run on 12/26 (1 business day before): the next run, on a Saturday, catches up.
    due(report, date(2019, 12, 27))
    assert report_reminders.send_reminders(date(2019, 12, 20)) == 1
    assert run_days(date(2019, 12, 28), date(2020, 1, 7)) == [date(2019, 12, 28), date(2020, 1, 6)]


def test_golden_week(report):
    due(report, date(2020, 5, 7))  # Thursday after Golden Week
    assert run_days(date(2020, 4, 1), date(2020, 5, 16)) == [
        date(2020, 4, 17),
        date(2020, 4, 24),
        date(2020, 5, 1),  # 1 business day before: 5/2–5/6 are closed
        date(2020, 5, 8),
        date(2020, 5, 15),
    ]


def test_across_the_fiscal_year_boundary(make_project, ecotown_call, owner):
    # F/S completed on 2020-03-20 (FY2019): the FS調査書 is due on 4/10 of the next fiscal year (the earlier
    # of 30 days and 4/10); its reminders start in March, in the old fiscal year.
    project = make_project("decided", call=ecotown_call, type_code="fs")
    services.set_completion(owner, project, completed_on=date(2020, 3, 20), today=date(2020, 3, 20))
    study = completion_report(project)
    assert study.due_on == date(2020, 4, 10)
    Report.objects.filter(project=project, kind="annual").update(status=ReportStatus.SUBMITTED)
    assert run_days(date(2020, 3, 20), date(2020, 4, 12)) == [
        date(2020, 3, 27),
        date(2020, 4, 3),
        date(2020, 4, 9),
    ]


def test_a_due_date_already_past_when_the_completion_date_is_set(make_project, owner):
    # Completed on 3/20: the earlier of 30 days and 3/10 of the same fiscal year is 3/10, already past.
    project = make_project("decided")
    services.set_completion(owner, project, completed_on=date(2020, 3, 20), today=date(2020, 3, 20))
    report = completion_report(project)
    assert report.due_on == date(2020, 3, 10)
    assert report_reminders.send_reminders(date(2020, 3, 23)) == 1  # caught up: the overdue notice of 3/18
    assert report_reminders.send_reminders(date(2020, 3, 24)) == 0
    assert report_reminders.send_reminders(date(2020, 3, 25)) == 1


def test_idempotent_twice_a_day(
    report, owner, member, co_member, django_capture_on_commit_callbacks, mailoutbox
):
    due(report, date(2020, 3, 10))
    with django_capture_on_commit_callbacks(execute=True):
        assert report_reminders.send_reminders(date(2020, 3, 9)) == 1
        assert report_reminders.send_reminders(date(2020, 3, 9)) == 0
    report.refresh_from_db()
    assert report.reminded_on == ["2020-03-09"]
    entries = AuditEntry.objects.filter(action="grants.report.reminded")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor is None and entry.actor_label == "system"
    assert entry.object_id == str(report.pk)
    assert entry.data["overdue"] is False and entry.data["due_on"] == "2020-03-10"
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == sorted([owner.email, member.email])  # the grantee's members, not co-applicants
    assert co_member.email not in mail.to
    assert "提出期限が近づいています" in mail.subject
    assert "あと1日" in mail.body
    assert report.due_text in mail.body
    assert f"/grants/p/{report.project.public_id}/reports/{report.pk}/" in mail.body
    assert "仮の期限" in mail.body  # the completion date is not known yet


def test_overdue_mail(report, django_capture_on_commit_callbacks, mailoutbox):
    due(report, date(2020, 3, 10))
    with django_capture_on_commit_callbacks(execute=True):
        assert report_reminders.send_reminders(date(2020, 3, 18)) == 1
    assert "提出期限を過ぎています" in mailoutbox[0].subject
    assert "（8日）" in mailoutbox[0].body
    assert AuditEntry.objects.get(action="grants.report.reminded").data["days_overdue"] == 8


def test_reports_handed_in_cancelled_or_disposed_are_not_reminded(make_project):
    submitted = make_project("completed").reports.get(status=ReportStatus.SUBMITTED)
    due(submitted, date(2020, 3, 10))
    cancelled = make_project("decided")
    cancelled.status = ProjectStatus.CANCELLED
    cancelled.save(update_fields=["status"])
    due(completion_report(cancelled), date(2020, 3, 10))
    assert report_reminders.send_reminders(date(2020, 3, 9)) == 0
    assert report_reminders.send_reminders(date(2020, 3, 11)) == 0
    assert not AuditEntry.objects.filter(action="grants.report.reminded").exists()


def test_returned_reports_are_reminded_again(make_project):
    report = make_project("completed").reports.get(status=ReportStatus.SUBMITTED)
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RETURNED, due_on=date(2020, 3, 10))
    assert report_reminders.send_reminders(date(2020, 3, 11)) == 1


def test_a_report_without_a_due_date_is_not_reminded(report):
    due(report, None)
    assert run_days(date(2020, 1, 1), date(2020, 1, 10)) == []


def test_business_days_can_be_chosen(report):
    due(report, date(2020, 3, 10))
    assert report_reminders.send_reminders(date(2020, 3, 6), business_days=(2,)) == 1
    assert report_reminders.send_reminders(date(2020, 3, 9), business_days=(2,)) == 0


def test_command_prints_the_count(report):
    due(report, date(2020, 3, 10))
    out = StringIO()
    call_command("send_report_reminders", "--date", "2020-03-09", stdout=out)
    assert out.getvalue().strip() == "1 report reminder(s) queued for 2020-03-09"
    out = StringIO()
    call_command("send_report_reminders", "--date", "2020-03-09", stdout=out)
    assert out.getvalue().startswith("0 report reminder(s)")


def test_command_without_a_date_runs_for_today(report):
    out = StringIO()
    call_command("send_report_reminders", stdout=out)
    assert "report reminder(s) queued for" in out.getvalue()


def test_command_refuses_a_bad_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_report_reminders", "--date", "2020/03/09")

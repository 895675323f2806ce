"""Reports still to hand in: lists with overdue flags, and the reminder e-mails (run daily by a command)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.db import transaction

from junkan.audit.services import record
from junkan.grants.engine import reminders, report_checks
from junkan.grants.models import EDITABLE_REPORT_STATUSES, ProjectStatus, Report
from junkan.grants.services import lifecycle, mail, report_mail
from junkan.grants.services.reports import lock_report

REMINDER_BUSINESS_DAYS = (10, 5, 1)


# --- Lists and reminders ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueReport:
    """A report still to hand in, with its due date, whether it is overdue and by how many days."""

    report: Report
    is_overdue: bool
    days_overdue: int
    days_left: int


def reports_due(reports: Iterable[Report], today: date) -> list[DueReport]:
    """The reports not yet handed in that have a due date, earliest first, with their overdue flags."""
    due: list[DueReport] = []
    for report in reports:
        if report.status not in EDITABLE_REPORT_STATUSES or report.due_on is None:
            continue
        due.append(
            DueReport(
                report,
                reminders.is_overdue(report.due_on, today),
                reminders.days_overdue(report.due_on, today),
                max(0, (report.due_on - today).days),
            )
        )
    return sorted(due, key=lambda d: (d.report.due_on, d.report.pk))


def send_reminders(today: date, business_days: Iterable[int] = REMINDER_BUSINESS_DAYS) -> int:
    """E-mail the grantee about reports not handed in: before the due date and weekly once overdue.

    See :mod:`junkan.grants.engine.report_checks` for the days. Each report records the days it was reminded
    (``reminded_on``) and a run sends only for a reminder day not yet served, so that running twice a day
    never sends twice. Projects cancelled or disposed of are skipped. Returns the number of e-mails queued."""
    days = tuple(business_days)
    candidates = (
        Report.objects.filter(status__in=EDITABLE_REPORT_STATUSES, due_on__isnull=False)
        .exclude(project__status=ProjectStatus.CANCELLED)
        .filter(project__disposed_at__isnull=True)
        .select_related("project")
        .order_by("due_on", "id")
    )
    sent = 0
    for candidate in candidates:
        assert candidate.due_on is not None
        if report_checks.reminder_to_send(candidate.due_on, days, today, _reminded(candidate)) is None:
            continue
        with transaction.atomic():
            lifecycle.lock(candidate.project)
            report = lock_report(candidate)
            if report.status not in EDITABLE_REPORT_STATUSES or report.due_on is None:
                continue
            day = report_checks.reminder_to_send(report.due_on, days, today, _reminded(report))
            if day is None:
                continue
            recipients = mail.member_addresses(candidate.project)
            if not recipients:
                continue
            report.reminded_on = [*report.reminded_on, today.isoformat()]
            report.save(update_fields=["reminded_on"])
            overdue = report_checks.is_overdue_reminder(report.due_on, day)
            record(
                None,
                "grants.report.reminded",
                report,
                data={
                    "on": today.isoformat(),
                    "reminder_day": day.isoformat(),
                    "due_on": report.due_on.isoformat(),
                    "overdue": overdue,
                    "days_overdue": reminders.days_overdue(report.due_on, today),
                    "recipients": len(recipients),
                },
            )
            transaction.on_commit(partial(report_mail.mail_reminder, report.pk, today))
            sent += 1
    return sent


def _reminded(report: Report) -> list[date]:
    days = []
    for value in report.reminded_on or []:
        try:
            days.append(date.fromisoformat(str(value)))
        except ValueError:
            continue
    return days

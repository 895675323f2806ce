"""E-mails about reports: submissions to the secretariat; acceptance, return and reminders to the grantee."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.grants.engine import reminders
from junkan.grants.models import Report
from junkan.grants.services import mail

# --- E-mail -------------------------------------------------------------------------------------------------


MOVE_MAILS = {
    "submitted": (
        "grants/email/report_submitted.txt",
        gettext_lazy("[循環] 報告が提出されました（%(who)s「%(report)s」）"),
    ),
    "accepted": ("grants/email/report_accepted.txt", gettext_lazy("[循環] 報告を受理しました（%(report)s）")),
    "returned": (
        "grants/email/report_returned.txt",
        gettext_lazy("[循環] 報告が差し戻されました（%(report)s）"),
    ),
}


def mail_move(report_pk: int, name: str) -> None:
    """A submission to the secretariat's address (when set); an acceptance or return to the grantee."""
    report = Report.objects.select_related("project__organization", "project__program").get(pk=report_pk)
    if name == "submitted":
        to = [settings.SECRETARIAT_EMAIL] if getattr(settings, "SECRETARIAT_EMAIL", "") else []
    else:
        to = mail.member_addresses(report.project)
    template, subject = MOVE_MAILS[name]
    if to:
        mail.send(
            template,
            str(subject) % {"who": report.project.organization.name, "report": report},
            to,
            {
                "report": report,
                "project": report.project,
                "url": mail.project_url("grants:report", report.project, report.pk),
            },
        )


def mail_reminder(report_pk: int, today: date) -> None:
    report = Report.objects.select_related("project__organization", "project__program").get(pk=report_pk)
    assert report.due_on is not None
    overdue = reminders.is_overdue(report.due_on, today)
    if overdue:
        subject = _("[循環] 報告の提出期限を過ぎています（%(report)s）") % {"report": report}
    else:
        subject = _("[循環] 報告の提出期限が近づいています（%(report)s）") % {"report": report}
    to = mail.member_addresses(report.project)
    if not to:
        return
    mail.send(
        "grants/email/report_reminder.txt",
        subject,
        to,
        {
            "report": report,
            "project": report.project,
            "overdue": overdue,
            "days_overdue": reminders.days_overdue(report.due_on, today),
            "days_left": max(0, (report.due_on - today).days),
            "provisional": report.project.completed_on is None,
            "url": mail.project_url("grants:report", report.project, report.pk),
        },
    )

"""``python manage.py send_report_reminders [--date YYYY-MM-DD]``: run from cron once a day (e.g. at 8:30).

E-mails the grantee's members about every report not yet handed in: 10, 5 and 1 business days before its
due date, then on the first open day after it and weekly until it is handed in
(:func:`junkan.grants.services.report_reminders.send_reminders`). Idempotent: a reminder day is served once,
however often the command runs; a day the command did not run is caught up on the next run. ``--date`` runs
it as of another day (Asia/Tokyo), e.g. to catch up by hand.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from junkan.grants.services.report_reminders import send_reminders
from junkan.jp.dates import today_tokyo


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date must be YYYY-MM-DD, got {value!r}") from None


class Command(BaseCommand):
    help = "Queue the reminder e-mails for reports due soon or overdue (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=str, default=None, help="Run as of this day (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options["date"]) if options["date"] else today_tokyo()
        count = send_reminders(today)
        self.stdout.write(f"{count} report reminder(s) queued for {today.isoformat()}")

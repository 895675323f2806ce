"""``python manage.py send_event_reminders``: run once a day from cron (for example at 9:00).

Reminds every confirmed attendee of an event that starts before the end of tomorrow, once: a
registration that has been reminded is never reminded again, however often the command runs.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from junkan.events import services


class Command(BaseCommand):
    help = "Queue the reminder e-mails for tomorrow's events (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = services.send_reminders()
        self.stdout.write(f"{count} reminder(s) queued")

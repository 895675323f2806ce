"""Background work of the events app. Tasks take plain values, never model instances."""

from __future__ import annotations

from django_tasks import task

from junkan.events import services


@task()
def send_reminders() -> int:
    """Queue the day-before reminders; safe to run as often as wanted (see services.send_reminders)."""
    return services.send_reminders()

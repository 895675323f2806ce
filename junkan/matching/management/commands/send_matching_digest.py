"""The weekly e-mail of new fits: ``python manage.py send_matching_digest`` from cron (daily is fine).

Each person who acts for an approved region or company, and has not opted out at /matching/digest/,
gets at most one e-mail in 7 days, listing suggestions not sent before. Running it twice sends nothing new.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from junkan.matching.digest import send_digests


class Command(BaseCommand):
    help = "Send the weekly digest of new matching suggestions (opt-out at /matching/digest/)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--days", type=int, default=7, help="at most one e-mail per person in this many days"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_digests(timezone.now(), timedelta(days=options["days"]))
        self.stdout.write(f"{sent} digests sent")

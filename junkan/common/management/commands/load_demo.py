"""Load the demo data: ``python manage.py load_demo``. Idempotent: running it twice changes nothing.

Each app that has demo data provides ``junkan/<app>/demo.py`` with a function ``load(log)``;
this command calls them in INSTALLED_APPS order, so later apps can rely on earlier ones.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins."

    def handle(self, *args: Any, **options: Any) -> None:
        logins: list[tuple[str, str, str]] = []
        for config in apps.get_app_configs():
            if not config.name.startswith("junkan."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            with transaction.atomic():
                logins.extend(module.load(self.stdout.write) or [])
        from django.contrib.auth import get_user_model

        # Every app's demo adds people (committee members, grantees' officers …): count them all, once.
        people = get_user_model().objects.count()
        self.stdout.write(f"People in the demo: {people} ({len(logins)} with the logins below)")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. デモ用のログイン:"))
        width = max((len(email) for email, _, _ in logins), default=0)
        for email, password, description in logins:
            self.stdout.write(f"  {email.ljust(width)}  {password}  {description}")

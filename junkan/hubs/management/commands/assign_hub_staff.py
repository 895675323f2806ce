"""``python manage.py assign_hub_staff someone@example.jp chubu-office``: make a person staff of a hub."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from junkan.accounts.models import User
from junkan.hubs import services
from junkan.hubs.models import Hub


class Command(BaseCommand):
    help = "Assign a person to a hub (地方環境事務所・EPO) and grant the hub-staff role."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")
        parser.add_argument("hub", help="the hub's slug, e.g. chubu-office")
        parser.add_argument("--remove", action="store_true", help="take the person off the hub")

    def handle(self, *args: Any, email: str, hub: str, remove: bool, **options: Any) -> None:
        try:
            user = User.objects.get(email__iexact=email)
            target = Hub.objects.get(slug=hub)
        except (User.DoesNotExist, Hub.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        if remove:
            services.remove_staff(None, target, user)
            self.stdout.write(f"{user.email} is no longer staff of {target.name}")
        else:
            services.assign_staff(None, target, user)
            self.stdout.write(f"{user.email} is now staff of {target.name}")

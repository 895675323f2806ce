"""Give a platform role from the shell: ``manage.py grant_role someone@example.jp secretariat``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from junkan.accounts.models import Role, User
from junkan.accounts.services import grant_role, revoke_role


class Command(BaseCommand):
    help = "Grant (or with --revoke, revoke) a platform role. Audited as done by the system."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("role", choices=[role.value for role in Role])
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(email__iexact=options["email"])
        except User.DoesNotExist:
            raise CommandError(f"no user with e-mail {options['email']}") from None
        role = Role(options["role"])
        if options["revoke"]:
            done = revoke_role(None, user, role)
        else:
            grant_role(None, user, role)
            done = True
        self.stdout.write(
            f"{'revoked' if options['revoke'] else 'granted'} {role.value}: {user.email} ({done})"
        )

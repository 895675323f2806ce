"""allauth adapter: e-mail goes through the task queue, not the request; a login lockout is audited."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from junkan.accounts.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        message = self.render_mail(template_prefix, email, context)
        html = None
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = str(content)
        send_email.enqueue(
            subject=str(message.subject),
            body=str(message.body),
            from_email=str(message.from_email),
            to=list(message.to),
            html=html,
            # Account mails carry secrets (confirmation and reset links): not kept for the start page.
            record=False,
        )

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """allauth's throttle of failed logins; a login it refuses is audited (ログイン試行の制限)."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from junkan.accounts.signals import record_lockout

            record_lockout(request, str(credentials.get("email") or credentials.get("username") or ""))
            raise

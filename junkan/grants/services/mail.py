"""E-mail of the grants services: who receives a notice, the link in it, and the queueing (one place)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from junkan.accounts.tasks import send_email
from junkan.grants.models import Project
from junkan.organizations.models import Membership


def member_addresses(project: Project) -> list[str]:
    """The e-mail addresses of the grantee's active members (the lead organization's people)."""
    return sorted(
        set(
            Membership.objects.filter(organization_id=project.organization_id, user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def contact_addresses(project: Project) -> list[str]:
    """The contact person of the application's cover letter (様式1), else its author: for the 交付 notices."""
    application = project.application
    letter = application.sections.filter(key="letter").first()
    address = (letter.data.get("contact_email") if letter else "") or application.created_by.email
    return [str(address)]


def secretariat_addresses() -> list[str]:
    return [settings.SECRETARIAT_EMAIL] if settings.SECRETARIAT_EMAIL else []


def project_url(name: str, project: Project, *args: Any) -> str:
    return settings.SITE_URL + reverse(name, args=[project.public_id, *args])


def send(template: str, subject: str, to: list[str], context: dict[str, Any]) -> None:
    """Queue one e-mail (call from ``transaction.on_commit``); nothing when there is no one to send to."""
    if not to:
        return
    send_email.enqueue(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )

"""E-mails to applicants, rendered in the request and sent by the worker (``send_email`` task)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.accounts.tasks import send_email
from junkan.applications.models import Application
from junkan.review.models import (
    Decision,
    HearingSlot,
)

# E-mail ----------------------------------------------------------------------------------------------------


def contact_address(application: Application) -> str:
    """The applicant's contact: the address in 様式1, or the person who started the application."""
    letter = application.sections.filter(key="letter").first()
    return str((letter.data.get("contact_email") if letter else "") or application.created_by.email)


def _send(template: str, subject: str, to: list[str], context: dict[str, Any]) -> None:
    send_email.enqueue(
        subject=subject,
        body=render_to_string(template, context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )


def mail_result(decision_pk: int) -> None:
    decision = Decision.objects.select_related("application__program", "application__created_by").get(
        pk=decision_pk
    )
    application = decision.application
    _send(
        "review/email/result.txt",
        _("[循環] 審査結果のお知らせ（受付番号 %(number)s）") % {"number": application.receipt_number},
        [contact_address(application)],
        {
            "application": application,
            "decision": decision,
            "url": settings.SITE_URL + reverse("applications:detail", args=[application.public_id]),
        },
    )


def mail_hearing(slot_pk: int) -> None:
    slot = HearingSlot.objects.select_related("application__program", "application__created_by").get(
        pk=slot_pk
    )
    application = slot.application
    if application is None:
        return
    _send(
        "review/email/hearing.txt",
        _("[循環] ヒアリングのご案内（受付番号 %(number)s）") % {"number": application.receipt_number},
        [contact_address(application)],
        {"application": application, "slot": slot},
    )

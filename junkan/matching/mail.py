"""E-mail about collaboration requests and the weekly digest, queued after the commit."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.accounts.tasks import send_email
from junkan.organizations.models import Membership


def _members(organization: Any) -> list[str]:
    return sorted(
        Membership.objects.filter(organization=organization, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


def _send(subject: str, body: str, recipients: list[str]) -> None:
    if recipients:
        transaction.on_commit(
            lambda: send_email.enqueue(
                subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients
            )
        )


def request_created(request: Any) -> None:
    """Tell the asked organization that someone wants to talk."""
    link = settings.SITE_URL.rstrip("/") + reverse("matching:request", args=[request.pk])
    _send(
        _("【循環】協業の相談が届きました（%(org)s）") % {"org": request.requester},
        _(
            "%(org)sから協業の相談が届きました。内容を確認して、相談を受けるか辞退するかを返答してください。\n\n%(link)s\n"
        )
        % {"org": request.requester, "link": link},
        _members(request.recipient),
    )


def request_moved(request: Any, move: str, actor: Any) -> None:
    """Tell both organizations that the request moved on."""
    from junkan.matching.processes import REQUEST

    link = settings.SITE_URL.rstrip("/") + reverse("matching:request", args=[request.pk])
    label = REQUEST.move(move).history_label
    _send(
        _("【循環】協業の相談：%(label)s") % {"label": label},
        _("%(requester)sから%(recipient)sへの協業の相談が「%(label)s」となりました。\n\n%(link)s\n")
        % {"requester": request.requester, "recipient": request.recipient, "label": label, "link": link},
        sorted(set(_members(request.requester)) | set(_members(request.recipient))),
    )

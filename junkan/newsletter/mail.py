"""The mails of the mail magazine: confirmation, welcome, and one issue to one subscriber."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from junkan.accounts.tasks import send_email
from junkan.newsletter import tokens
from junkan.newsletter.models import Issue, Subscriber

LIST_ID = "junkan-newsletter"


def issue_subject(issue: Issue) -> str:
    return _("[循環メールマガジン 第%(number)s号] %(subject)s") % {
        "number": issue.number,
        "subject": issue.subject,
    }


def issue_body(issue: Issue, unsubscribe_url: str) -> str:
    return render_to_string(
        "newsletter/email/issue.txt",
        {
            "issue": issue,
            "unsubscribe_url": unsubscribe_url,
            "home_url": settings.SITE_URL + reverse("newsletter:subscribe"),
        },
    )


def issue_message(issue: Issue, subscriber: Subscriber, connection: BaseEmailBackend) -> EmailMessage:
    """One issue to one subscriber, with their own unsubscribe link in the text and in the headers.

    ``List-Unsubscribe`` with ``List-Unsubscribe-Post`` (RFC 8058) lets mail programs offer a one-click
    unsubscribe button that POSTs to the same link.
    """
    url = tokens.unsubscribe_url(subscriber)
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return EmailMessage(
        subject=issue_subject(issue),
        body=issue_body(issue, url),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<{LIST_ID}.{host}>",
            "Precedence": "bulk",
        },
    )


def send_confirmation(subscriber_pk: int) -> None:
    subscriber = Subscriber.objects.get(pk=subscriber_pk)
    send_email.enqueue(
        subject=_("[循環] メールマガジンの登録を確認してください"),
        body=render_to_string(
            "newsletter/email/confirm.txt",
            {"confirm_url": tokens.confirm_url(subscriber), "days": tokens.CONFIRM_MAX_AGE // 86400},
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
    )


def send_welcome(subscriber_pk: int) -> None:
    subscriber = Subscriber.objects.get(pk=subscriber_pk)
    send_email.enqueue(
        subject=_("[循環] メールマガジンの登録が完了しました"),
        body=render_to_string(
            "newsletter/email/welcome.txt", {"unsubscribe_url": tokens.unsubscribe_url(subscriber)}
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
    )

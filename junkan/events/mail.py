"""E-mails to people who registered, and the signed links in them.

Each mail is rendered here and handed to the mail queue (``junkan.accounts.tasks.send_email``), so that
a slow mail server never slows a page down. Functions take primary keys: they run after the commit.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from junkan.accounts.tasks import send_email
from junkan.events.models import Registration, RegistrationStatus
from junkan.events.presentation import period_text

_SALT = "junkan.events.registration"


def registration_token(registration: Registration) -> str:
    """``<pk>-<signature>``: opens the registration without a login. Bound to the address, never expires."""
    signature = signing.Signer(salt=_SALT).signature(f"{registration.pk}:{registration.email}")
    return f"{registration.pk}-{signature}"


def registration_from_token(token: str) -> Registration | None:
    pk, _sep, signature = token.partition("-")
    if not pk.isdigit() or not signature:
        return None
    registration = Registration.objects.select_related("event", "event__organizer").filter(pk=int(pk)).first()
    if registration is None:
        return None
    expected = signing.Signer(salt=_SALT).signature(f"{registration.pk}:{registration.email}")
    return registration if constant_time_compare(expected, signature) else None


def manage_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("events:registration", args=[registration_token(registration)])


SUBJECTS = {
    "confirmed": _("[循環] 参加申込を受け付けました：%(title)s"),
    "waitlisted": _("[循環] キャンセル待ちで受け付けました：%(title)s"),
    "promoted": _("[循環] キャンセル待ちから参加が確定しました：%(title)s"),
    "cancelled": _("[循環] 参加申込をキャンセルしました：%(title)s"),
    "reminder": _("[循環] 明日の開催のお知らせ：%(title)s"),
    "event_cancelled": _("[循環] 開催中止のお知らせ：%(title)s"),
}


def send_registration_mail(registration_pk: int, kind: str) -> None:
    """Queue one of the registration mails (see SUBJECTS) to the person who registered."""
    registration = Registration.objects.select_related("event", "event__organizer").get(pk=registration_pk)
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    context = {
        "kind": kind,
        "registration": registration,
        "event": event,
        "period": period_text(event.starts_at, event.ends_at),
        "event_url": settings.SITE_URL + reverse("events:detail", args=[event.pk]),
        "manage_url": manage_url(registration),
        "online_url": event.online_url if confirmed and event.is_online else "",
    }
    send_email.enqueue(
        subject=str(SUBJECTS[kind]) % {"title": event.title},
        body=render_to_string("events/email/registration.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )

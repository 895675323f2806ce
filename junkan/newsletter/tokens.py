"""Signed links in the mails: confirm a subscription (expires, single use) and unsubscribe (never expires).

Neither needs a login. The confirmation link carries the subscriber's current ``nonce``, which changes
on every subscription request and on confirmation, so an old link cannot subscribe anyone again.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from junkan.newsletter.models import Subscriber

CONFIRM_SALT = "junkan.newsletter.confirm"
UNSUBSCRIBE_SALT = "junkan.newsletter.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60  # seconds: a week to click the link


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.nonce], salt=CONFIRM_SALT)


def subscriber_from_confirm_token(token: str) -> Subscriber | None:
    """The subscriber whose current confirmation link this is; None if forged, expired or used."""
    try:
        pk, nonce = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or not constant_time_compare(str(nonce), subscriber.nonce):
        return None
    return subscriber


def _unsubscribe_signature(subscriber: Subscriber) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).signature(f"{subscriber.pk}:{subscriber.email}")


def unsubscribe_token(subscriber: Subscriber) -> str:
    return f"{subscriber.pk}-{_unsubscribe_signature(subscriber)}"


def subscriber_from_unsubscribe_token(token: str) -> Subscriber | None:
    pk, _sep, signature = token.partition("-")
    if not pk.isdigit() or not signature:
        return None
    subscriber = Subscriber.objects.filter(pk=int(pk)).first()
    if subscriber is None or not constant_time_compare(_unsubscribe_signature(subscriber), signature):
        return None
    return subscriber


def confirm_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("newsletter:confirm", args=[confirm_token(subscriber)])


def unsubscribe_url(subscriber: Subscriber) -> str:
    return settings.SITE_URL + reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)])

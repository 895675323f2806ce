"""State changes of the mail magazine: subscribe, confirm, unsubscribe; write, send and retry an issue.

Each is atomic and audited. Mails are queued after the commit; an issue is sent by the background
worker in batches (``junkan.newsletter.tasks``).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.accounts.models import User
from junkan.audit.services import diff, record, snapshot
from junkan.common.permissions import enforce
from junkan.common.workflow import transition
from junkan.newsletter import mail, permissions, segments, tasks
from junkan.newsletter.models import RETRYABLE, Delivery, Issue, Subscriber, SubscriberStatus

S = SubscriberStatus
# A second request for the same address within this time sends no second confirmation mail.
RESEND_AFTER = timedelta(minutes=5)
ISSUE_FIELDS = ["subject", "body", "segment"]


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _actor(actor: User | None) -> User | None:
    return actor if getattr(actor, "is_authenticated", False) else None


# Subscribers -------------------------------------------------------------------------------------


def request_subscription(actor: User | None, email: str) -> Subscriber:
    """Start (or restart) a subscription: nothing is sent to the address until it is confirmed.

    Already confirmed: nothing changes and no mail is sent. The caller shows the same message in every
    case, so that the form does not tell anyone whether an address is subscribed.
    """
    email = normalize_email(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, nonce=secrets.token_hex(16))
            except IntegrityError:  # the same address submitted twice at once
                return Subscriber.objects.get(email=email)
            before = None
        else:
            before = subscriber.status
            if before == S.CONFIRMED:
                return subscriber
            recent = subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < RESEND_AFTER
            if before == S.PENDING and recent:
                return subscriber
        subscriber.status = S.PENDING
        subscriber.nonce = secrets.token_hex(16)
        subscriber.confirmation_sent_at = now
        subscriber.save(update_fields=["status", "nonce", "confirmation_sent_at", "updated_at"])
        record(
            _actor(actor),
            "newsletter.subscriber.requested",
            subscriber,
            changes={"status": [before, "pending"]} if before != S.PENDING else {},
        )
        pk = subscriber.pk
        transaction.on_commit(lambda: mail.send_confirmation(pk))
    return subscriber


def confirm(actor: User | None, subscriber: Subscriber) -> Subscriber:
    """The person opened the confirmation link: from now on they receive the issues."""
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status != S.PENDING or locked.nonce != subscriber.nonce:
            raise ValidationError(_("この確認リンクはすでに使われたか、新しいリンクに置き換わっています。"))
        locked.status = S.CONFIRMED
        locked.confirmed_at = timezone.now()
        locked.unsubscribed_at = None
        locked.nonce = secrets.token_hex(16)  # the link works once
        locked.save(update_fields=["status", "confirmed_at", "unsubscribed_at", "nonce", "updated_at"])
        record(
            _actor(actor),
            "newsletter.subscriber.confirmed",
            locked,
            changes={"status": ["pending", "confirmed"]},
        )
        transaction.on_commit(lambda: mail.send_welcome(locked.pk))
    return locked


def unsubscribe(actor: User | None, subscriber: Subscriber) -> Subscriber:
    """Stop every mail to this address at once; doing it twice changes nothing."""
    with transaction.atomic():
        locked = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if locked.status == S.UNSUBSCRIBED:
            return locked
        before = locked.status
        locked.status = S.UNSUBSCRIBED
        locked.unsubscribed_at = timezone.now()
        locked.nonce = secrets.token_hex(16)  # a pending confirmation link stops working too
        locked.save(update_fields=["status", "unsubscribed_at", "nonce", "updated_at"])
        record(
            _actor(actor),
            "newsletter.subscriber.unsubscribed",
            locked,
            changes={"status": [before, "unsubscribed"]},
        )
    return locked


# Issues ------------------------------------------------------------------------------------------


def save_issue(actor: User, data: dict[str, Any], issue: Issue | None = None) -> Issue:
    """Write a new issue (numbered one after the last) or change a draft."""
    if issue is None:
        enforce(permissions.can_manage(actor))
        Issue(number=1, created_by=actor, **data).full_clean(exclude=["number"])
        for _attempt in range(5):
            number = (Issue.objects.aggregate(last=Max("number"))["last"] or 0) + 1
            try:
                with transaction.atomic():
                    issue = Issue.objects.create(number=number, created_by=actor, **data)
                    record(actor, "newsletter.issue.created", issue, data={"number": number})
            except IntegrityError:  # two issues written at the same moment took the same number
                continue
            return issue
        raise ValidationError(_("号の番号を決められませんでした。もう一度保存してください。"))
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        enforce(permissions.can_edit_issue(actor, locked))
        before = snapshot(locked, ISSUE_FIELDS)
        for name, value in data.items():
            setattr(locked, name, value)
        locked.full_clean()
        changes = diff(before, snapshot(locked, ISSUE_FIELDS))
        if changes:
            locked.save(update_fields=[*changes, "updated_at"])
            record(actor, "newsletter.issue.updated", locked, changes=changes)
    return locked


def send_issue(actor: User, issue: Issue) -> int:
    """Fix the recipients (the segment's confirmed subscribers now) and hand the issue to the worker: the
    move ``sending`` of :data:`junkan.newsletter.processes.ISSUE`.

    Returns the number of recipients. One Delivery row per recipient is written in the same
    transaction as the status change; the batches are queued after the commit.
    """
    from junkan.newsletter.processes import ISSUE

    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        enforce(permissions.can_send_issue(actor, locked))
        recipients = list(segments.recipients(locked.segment).values_list("pk", flat=True))
        if not recipients:
            raise ValidationError(_("この配信先には購読者がいません。配信先を見直してください。"))
        Delivery.objects.bulk_create(
            [Delivery(issue=locked, subscriber_id=pk) for pk in recipients],
            batch_size=500,
            ignore_conflicts=True,
        )
        transition(
            ISSUE, actor, locked, "sending", data={"segment": locked.segment, "recipients": len(recipients)}
        )
    return len(recipients)


def retry_issue(actor: User, issue: Issue) -> int:
    """Queue again what is still pending or failed; what was sent (or is being sent) is never resent."""
    with transaction.atomic():
        locked = Issue.objects.select_for_update().get(pk=issue.pk)
        enforce(permissions.can_retry_issue(actor, locked))
        waiting = locked.deliveries.filter(status__in=RETRYABLE).count()
        if not waiting:
            raise ValidationError(_("再送する配信はありません。"))
        record(actor, "newsletter.issue.retried", locked, data={"deliveries": waiting})
        transaction.on_commit(lambda: tasks.enqueue_batches(locked.pk))
    return waiting

"""Sending an issue in the background: batches of deliveries, each delivery claimed before its mail.

How a retry can never send anyone the same issue twice:

1. A delivery is claimed with one conditional UPDATE (``status IN (pending, failed)`` → ``sending``)
   and only the worker whose UPDATE changed the row sends the mail. Two workers, or a retry running
   next to a slow batch, cannot both claim it.
2. After the mail server accepted the message the row becomes ``sent``; if sending raised, ``failed``.
3. Retries (automatic or the secretariat's button) only ever pick ``pending`` and ``failed`` rows.
   A row left in ``sending`` (a worker killed between claiming and marking) is never retried: whether
   that mail went out cannot be known, and not sending is the safe side. The send log shows such rows.

A batch that fails stops at the failing recipient (the mail server is usually down for everyone), and is
scheduled again with a growing delay, at most ``MAX_BATCH_ATTEMPTS`` times; what is still unsent then
waits for the secretariat's "未送信分を再送する".
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from junkan.common.workflow import transition
from junkan.newsletter import mail
from junkan.newsletter.models import (
    RETRYABLE,
    Delivery,
    DeliveryStatus,
    Issue,
    SubscriberStatus,
)

BATCH_SIZE = 100
MAX_BATCH_ATTEMPTS = 3
RETRY_DELAYS = (timedelta(minutes=2), timedelta(minutes=15))
UNFINISHED = (DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.FAILED)


@task(queue_name="mail")
def send_batch(issue_pk: int, delivery_pks: list[int], attempt: int = 1) -> dict[str, int]:
    """Send one issue to up to ``BATCH_SIZE`` recipients."""
    return deliver_batch(issue_pk, delivery_pks, attempt)


def enqueue_batches(issue_pk: int) -> int:
    """Queue every pending or failed delivery of the issue in batches; the number of batches queued."""
    pks = list(
        Delivery.objects.filter(issue_id=issue_pk, status__in=RETRYABLE)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chunks = [pks[start : start + BATCH_SIZE] for start in range(0, len(pks), BATCH_SIZE)]
    for chunk in chunks:
        send_batch.enqueue(issue_pk, chunk)
    return len(chunks)


def _claim(delivery_pk: int) -> bool:
    """pending/failed → sending, in one conditional UPDATE: True for the one worker that changed the row."""
    return bool(
        Delivery.objects.filter(pk=delivery_pk, status__in=RETRYABLE).update(
            status=DeliveryStatus.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now(), error=""
        )
    )


def _mark(delivery_pk: int, status: DeliveryStatus, **fields: object) -> None:
    Delivery.objects.filter(pk=delivery_pk, status=DeliveryStatus.SENDING).update(status=status, **fields)


def deliver_batch(issue_pk: int, delivery_pks: list[int], attempt: int = 1) -> dict[str, int]:
    issue = Issue.objects.get(pk=issue_pk)
    sent = skipped = 0
    try:
        with get_connection() as connection:
            for index, pk in enumerate(delivery_pks):
                if not _claim(pk):
                    continue  # already sent, being sent, or skipped
                delivery = Delivery.objects.select_related("subscriber").get(pk=pk)
                if delivery.subscriber.status != SubscriberStatus.CONFIRMED:
                    _mark(pk, DeliveryStatus.SKIPPED)  # unsubscribed after the issue was sent off
                    skipped += 1
                    continue
                try:
                    mail.issue_message(issue, delivery.subscriber, connection).send()
                except Exception as error:
                    _mark(pk, DeliveryStatus.FAILED, error=f"{type(error).__name__}: {error}"[:500])
                    _retry_later(issue_pk, delivery_pks[index:], attempt)
                    raise
                _mark(pk, DeliveryStatus.SENT, sent_at=timezone.now())
                sent += 1
    finally:
        finish_if_done(issue_pk)
    return {"sent": sent, "skipped": skipped}


def _retry_later(issue_pk: int, remaining: list[int], attempt: int) -> None:
    """Queue the rest of a failed batch again after a delay (backends that can defer; the database one)."""
    if attempt >= MAX_BATCH_ATTEMPTS or not send_batch.get_backend().supports_defer:
        return
    delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
    send_batch.using(run_after=timezone.now() + delay).enqueue(issue_pk, remaining, attempt + 1)


def finish_if_done(issue_pk: int) -> bool:
    """Mark the issue sent once no delivery is left unsent."""
    if Delivery.objects.filter(issue_id=issue_pk, status__in=UNFINISHED).exists():
        return False
    from junkan.newsletter.processes import ISSUE

    issue = Issue.objects.get(pk=issue_pk)
    try:
        transition(ISSUE, None, issue, "sent")
    except ValidationError:
        return False  # another batch finished it (or it was never sent)
    return True

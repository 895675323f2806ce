"""Demo mail magazine: a few confirmed subscribers (example.jp addresses) and one issue already sent."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.db.models import Max
from django.utils import timezone

from junkan.newsletter.models import (
    Delivery,
    DeliveryStatus,
    Issue,
    IssueStatus,
    Segment,
    Subscriber,
    SubscriberStatus,
)

SUBSCRIBERS = [
    "officer@example.jp",
    "company@example.jp",
    "reader.kankyo@example.jp",
    "junkan.fan@example.jp",
]

SUBJECT = "フォーラム2026の参加申込を受け付けています（デモ）"
BODY = """地域循環共生圏プラットフォーム事務局です。

地域循環共生圏フォーラム2026の参加申込を受け付けています。全国の実践地域と企業が集まり、
ローカルSDGsの取組と、資金の流れをつくる仕組みについて話し合います。

会場とオンラインの併用で開催します。詳しくはイベントのページをご覧ください。

（デモ用の架空のお知らせです）"""


def load(log: Callable[[str], object]) -> list[tuple[str, str, str]]:
    now = timezone.now()
    subscribers = []
    for email in SUBSCRIBERS:
        subscriber, _created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": SubscriberStatus.CONFIRMED,
                "confirmed_at": now,
                "nonce": secrets.token_hex(16),
            },
        )
        subscribers.append(subscriber)
    issue, created = Issue.objects.get_or_create(
        subject=SUBJECT,
        defaults={
            "number": (Issue.objects.aggregate(last=Max("number"))["last"] or 0) + 1,
            "body": BODY,
            "segment": Segment.ALL,
            "status": IssueStatus.SENT,
            "send_started_at": now,
            "sent_at": now,
        },
    )
    if created:
        Delivery.objects.bulk_create(
            [
                Delivery(
                    issue=issue,
                    subscriber=s,
                    status=DeliveryStatus.SENT,
                    attempts=1,
                    claimed_at=now,
                    sent_at=now,
                )
                for s in subscribers
            ]
        )
    log(f"newsletter: {len(SUBSCRIBERS)} confirmed demo subscribers, one sent issue")
    return []

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

# Tasks run at once through the root conftest's autouse ``_immediate_tasks`` fixture.


@pytest.fixture
def make_event(organization):
    """A published study session of 飯田市 in ten days, two seats; override anything."""
    from junkan.events.models import Event, EventFormat, EventKind, EventStatus

    def make(**extra: object) -> Event:
        starts_at = timezone.now().replace(microsecond=0) + timedelta(days=10)
        values = {
            "kind": EventKind.STUDY,
            "title": "木質バイオマスの勉強会",
            "summary": "薪ボイラー導入の経験を聞きます。",
            "body": "プログラム：事例報告と意見交換",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "format": EventFormat.HYBRID,
            "venue": "飯田市役所 会議室",
            "online_url": "https://meet.example.jp/secret-room",
            "capacity": 2,
            "organizer": organization,
            "status": EventStatus.PUBLISHED,
        }
        values.update(extra)
        return Event.objects.create(**values)

    return make


@pytest.fixture
def event(make_event):
    return make_event()

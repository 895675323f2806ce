"""Seats, the waiting list, cancellation with promotion, reminders: the services and their mails."""

from __future__ import annotations

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.utils import timezone

from junkan.audit.models import AuditEntry
from junkan.events import services
from junkan.events.models import Event, EventStatus, Registration, RegistrationStatus

R = RegistrationStatus
pytestmark = pytest.mark.django_db


def sign_up(event, email, name="参加 者"):
    return services.register(None, event, name=name, email=email)


def test_seats_then_waiting_list(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = sign_up(event, "a@example.jp")
        second, _ = sign_up(event, "B@Example.jp ")
        third, created = sign_up(event, "c@example.jp")
    assert [first.status, second.status, third.status] == [R.CONFIRMED, R.CONFIRMED, R.WAITLISTED]
    assert created
    assert second.email == "b@example.jp"
    assert services.waitlist_position(third) == 1
    subjects = [m.subject for m in mail.outbox]
    assert subjects[0].startswith("[循環] 参加申込を受け付けました")
    assert subjects[2].startswith("[循環] キャンセル待ちで受け付けました")
    # The online link goes to confirmed people only.
    assert "https://meet.example.jp/secret-room" in mail.outbox[0].body
    assert "https://meet.example.jp/secret-room" not in mail.outbox[2].body
    assert AuditEntry.objects.filter(action="events.registration.created").count() == 3


def test_double_submit_returns_the_first_registration(event):
    first, created_first = sign_up(event, "a@example.jp", name="一回目")
    again, created_again = sign_up(event, "A@example.jp", name="二回目")
    assert created_first and not created_again
    assert again.pk == first.pk
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "一回目"


def test_unique_constraint_backs_the_service(event):
    from django.db import IntegrityError, transaction

    sign_up(event, "a@example.jp")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="x", email="a@example.jp", status=R.CONFIRMED)


def test_cancel_promotes_the_first_on_the_waiting_list(event, django_capture_on_commit_callbacks):
    a, _ = sign_up(event, "a@example.jp")
    sign_up(event, "b@example.jp")
    c, _ = sign_up(event, "c@example.jp")
    d, _ = sign_up(event, "d@example.jp")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(None, a)
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.status == R.CONFIRMED and c.promoted_at is not None
    assert d.status == R.WAITLISTED and services.waitlist_position(d) == 1
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["c@example.jp"].subject.startswith("[循環] キャンセル待ちから参加が確定しました")
    assert "https://meet.example.jp/secret-room" in by_address["c@example.jp"].body
    assert by_address["a@example.jp"].subject.startswith("[循環] 参加申込をキャンセルしました")
    assert set(by_address) == {"a@example.jp", "c@example.jp"}
    # Cancelling twice changes nothing and promotes nobody else.
    services.cancel_registration(None, a)
    d.refresh_from_db()
    assert d.status == R.WAITLISTED


def test_cancel_from_waiting_list_promotes_nobody(event):
    sign_up(event, "a@example.jp")
    sign_up(event, "b@example.jp")
    c, _ = sign_up(event, "c@example.jp")
    d, _ = sign_up(event, "d@example.jp")
    services.cancel_registration(None, c)
    d.refresh_from_db()
    assert d.status == R.WAITLISTED
    assert Registration.objects.filter(status=R.CONFIRMED).count() == 2


def test_register_again_after_cancelling_goes_to_the_back(event):
    a, _ = sign_up(event, "a@example.jp")
    sign_up(event, "b@example.jp")
    services.cancel_registration(None, a)
    sign_up(event, "c@example.jp")  # takes the free seat
    again, created = sign_up(event, "a@example.jp")
    assert created and again.pk == a.pk
    assert again.status == R.WAITLISTED
    assert again.cancelled_at is None


def test_more_seats_promote(owner, event):
    sign_up(event, "a@example.jp")
    sign_up(event, "b@example.jp")
    c, _ = sign_up(event, "c@example.jp")
    data = {name: getattr(event, name) for name in services.EVENT_FIELDS if name != "organizer"}
    services.save_event(owner, {**data, "capacity": 3}, event.organizer, event)
    c.refresh_from_db()
    assert c.status == R.CONFIRMED
    entry = AuditEntry.objects.get(action="events.event.updated")
    assert entry.changes == {"capacity": [2, 3]}


def test_unlimited_capacity(make_event):
    event = make_event(capacity=None)
    for n in range(5):
        registration, _ = sign_up(event, f"p{n}@example.jp")
        assert registration.status == R.CONFIRMED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": EventStatus.DRAFT}, "公開されていない"),
        ({"status": EventStatus.CANCELLED}, "開催を中止しました"),
        ({"registration_deadline_days": -1}, "申込の受付は終了しました"),
    ],
)
def test_no_registration_when_closed(make_event, change, message):
    if "registration_deadline_days" in change:
        change = {
            "registration_deadline": timezone.now() + timedelta(days=change["registration_deadline_days"])
        }
    event = make_event(**change)
    with pytest.raises((Http404, PermissionDenied)) as error:
        sign_up(event, "a@example.jp")
    assert message in str(error.value)
    assert not Registration.objects.exists()


def test_no_registration_after_the_start(make_event):
    event = make_event()
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1)
    )
    event.refresh_from_db()
    with pytest.raises(PermissionDenied):
        sign_up(event, "a@example.jp")


def test_register_locks_the_event_row(event):
    """Seats are counted under select_for_update on the event (a no-op on SQLite, which serializes writes)."""
    real = Event.objects.select_for_update
    with mock.patch.object(Event.objects, "select_for_update", side_effect=real) as locked:
        sign_up(event, "a@example.jp")
    locked.assert_called_once_with(of=("self",))


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_overbook(make_event):
    """Twenty people press the button at once for two seats (needs real row locks: PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks (SELECT ... FOR UPDATE) need PostgreSQL; SQLite runs one writer at a time")
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    event = make_event()

    def attempt(n: int) -> str:
        try:
            return sign_up(event, f"p{n}@example.jp")[0].status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(attempt, range(20)))
    assert statuses.count(R.CONFIRMED) == 2
    assert Registration.objects.filter(event=event, status=R.CONFIRMED).count() == 2
    assert Registration.objects.filter(event=event, status=R.WAITLISTED).count() == 18


def test_cancel_event_tells_everyone(owner, event, django_capture_on_commit_callbacks):
    sign_up(event, "a@example.jp")
    sign_up(event, "b@example.jp")
    sign_up(event, "c@example.jp")
    mail.outbox.clear()
    with pytest.raises(ValidationError):
        services.cancel_event(owner, event, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(owner, event, "台風の接近のため")
    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.jp", "b@example.jp", "c@example.jp"]
    assert all("台風の接近のため" in m.body for m in mail.outbox)
    assert all("secret-room" not in m.body for m in mail.outbox)


def test_publish_only_drafts(owner, make_event):
    event = make_event(status=EventStatus.DRAFT)
    services.publish_event(owner, event)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and event.published_at
    with pytest.raises(ValidationError):
        services.publish_event(owner, event)


def test_outsider_cannot_change_an_event(outsider, event, make_event):
    from django.http import Http404

    with pytest.raises(Http404):  # a draft is not theirs to know of
        services.publish_event(outsider, make_event(status=EventStatus.DRAFT))
    with pytest.raises(PermissionDenied):
        services.cancel_event(outsider, event, "理由")


def test_event_validation(owner, organization):
    starts = timezone.now() + timedelta(days=3)
    data = {
        "kind": "forum",
        "title": "フォーラム",
        "summary": "概要",
        "body": "内容",
        "starts_at": starts,
        "ends_at": starts - timedelta(hours=1),
        "format": "onsite",
        "venue": "",
        "venue_address": "",
        "online_url": "",
        "capacity": 0,
        "registration_deadline": starts + timedelta(days=1),
    }
    with pytest.raises(ValidationError) as error:
        services.save_event(owner, data, organization)
    assert set(error.value.message_dict) >= {"ends_at", "venue", "capacity", "registration_deadline"}
    assert not Event.objects.exists()


# Reminders ---------------------------------------------------------------------------------------


def test_reminders_are_sent_once(make_event, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    tomorrow = make_event(title="明日の勉強会", starts_at=timezone.now() + timedelta(days=1))
    Event.objects.filter(pk=tomorrow.pk).update(ends_at=tomorrow.starts_at + timedelta(hours=2))
    later = make_event(title="来週の勉強会")
    sign_up(tomorrow, "a@example.jp")
    sign_up(tomorrow, "b@example.jp")
    waiting, _ = sign_up(tomorrow, "c@example.jp")
    sign_up(later, "d@example.jp")
    sign_up(later, "e@example.jp")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.jp", "b@example.jp"]
    assert all(m.subject.startswith("[循環] 明日の開催のお知らせ") for m in mail.outbox)
    assert all("secret-room" in m.body for m in mail.outbox)
    # A second run, or a run next to it, reminds nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 0
    assert len(mail.outbox) == 2
    assert Registration.objects.filter(reminded_at__isnull=False).count() == 2
    waiting.refresh_from_db()
    assert waiting.reminded_at is None


def test_reminder_task(make_event, django_capture_on_commit_callbacks):
    from junkan.events.tasks import send_reminders

    event = make_event(starts_at=timezone.now() + timedelta(hours=20))
    Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at + timedelta(hours=2))
    sign_up(event, "a@example.jp")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1


def test_no_cancelling_or_promotion_after_the_start(make_event):
    event = make_event()
    a, _ = sign_up(event, "a@example.jp")
    sign_up(event, "b@example.jp")
    c, _ = sign_up(event, "c@example.jp")
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ValidationError, match="キャンセルの受付は終了しました"):
        services.cancel_registration(None, a)
    a.refresh_from_db()
    c.refresh_from_db()
    assert (a.status, c.status) == (R.CONFIRMED, R.WAITLISTED)
    event.refresh_from_db()
    assert services._promote(event) == []

"""State changes of events and registrations. Each is atomic and audited; mails go out after the commit.

Seats are handed out under a lock on the event row (``select_for_update``), so two people registering
for the last seat at the same moment cannot both get it; the unique (event, e-mail) constraint makes a
double submit return the first registration instead of creating a second one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.accounts.models import User
from junkan.audit.services import diff, record, snapshot
from junkan.common.permissions import enforce
from junkan.common.workflow import transition
from junkan.events import mail, permissions
from junkan.events.models import Event, EventStatus, Registration, RegistrationStatus
from junkan.jp.dates import tokyo_date, tokyo_datetime
from junkan.organizations.models import Organization

R = RegistrationStatus

# What the event form edits (the organizer is chosen apart from them), and what the audit log compares.
EDITABLE_FIELDS = [
    "kind",
    "title",
    "summary",
    "body",
    "starts_at",
    "ends_at",
    "format",
    "venue",
    "venue_address",
    "online_url",
    "capacity",
    "registration_deadline",
]
EVENT_FIELDS = [*EDITABLE_FIELDS, "organizer"]


def normalize_email(email: str) -> str:
    """Addresses are compared in lower case: one person, one registration, however they type it."""
    return email.strip().lower()


def _lock_event(pk: int) -> Event:
    """The event row, locked until the transaction ends: seats are counted and handed out under this lock.

    ``of=("self",)``: lock only the event, not the organizer joined in (PostgreSQL refuses to lock the
    nullable side of an outer join, and the organization need not be locked).
    """
    return Event.objects.select_for_update(of=("self",)).select_related("organizer").get(pk=pk)


def _mail_after_commit(registration_pk: int, kind: str) -> None:
    transaction.on_commit(lambda: mail.send_registration_mail(registration_pk, kind))


# Events ------------------------------------------------------------------------------------------


def save_event(
    actor: User, data: dict[str, Any], organizer: Organization | None, event: Event | None = None
) -> Event:
    """Create an event (a draft) or change one; more seats move people up from the waiting list."""
    values = {**data, "organizer": organizer}
    with transaction.atomic():
        if event is None:
            enforce(permissions.can_create_event(actor, organizer))
            event = Event(created_by=actor, **values)
            event.full_clean()
            event.save()
            record(actor, "events.event.created", event, data={"title": event.title})
            return event
        locked = _lock_event(event.pk)
        enforce(permissions.can_edit_event(actor, locked))
        if organizer != locked.organizer:
            enforce(permissions.can_create_event(actor, organizer))
        before = snapshot(locked, EVENT_FIELDS)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        changes = diff(before, snapshot(locked, EVENT_FIELDS))
        if changes:
            locked.save(update_fields=[*changes, "updated_at"])
            record(actor, "events.event.updated", locked, changes=changes)
            if locked.status == EventStatus.PUBLISHED:
                _promote(locked)
    return locked


def publish_event(actor: User, event: Event) -> Event:
    """The move ``published`` of :data:`junkan.events.processes.EVENT`."""
    from junkan.events.processes import EVENT

    return transition(EVENT, actor, event, "published")


def cancel_event(actor: User, event: Event, reason: str) -> Event:
    """Call the event off (``cancelled`` of EVENT); everyone still registered is told by e-mail."""
    from junkan.events.processes import EVENT

    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("中止の理由を入力してください。")})
    return transition(EVENT, actor, event, "cancelled", fields={"cancel_reason": reason}, reason=reason)


# Registrations -----------------------------------------------------------------------------------


def register(
    actor: User | None, event: Event, *, name: str, email: str, affiliation: str = ""
) -> tuple[Registration, bool]:
    """Take a seat, or a place on the waiting list when the seats are gone.

    Returns the registration and whether it is new. Registering again with an address that already has
    an active registration returns that one unchanged (a double submit); a cancelled one is renewed.
    """
    email = normalize_email(email)
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        locked = _lock_event(event.pk)
        enforce(permissions.can_register(user, locked))
        existing = Registration.objects.filter(event=locked, email=email).first()
        if existing is not None and existing.is_active:
            return existing, False
        confirmed = locked.registrations.filter(status=R.CONFIRMED).count()
        status = R.CONFIRMED if locked.capacity is None or confirmed < locked.capacity else R.WAITLISTED
        now = timezone.now()
        values = {
            "user": user,
            "name": name.strip(),
            "affiliation": affiliation.strip(),
            "status": status,
            "queued_at": now,
            "cancelled_at": None,
            "promoted_at": None,
            "reminded_at": None,
        }
        if existing is not None:
            for field, value in values.items():
                setattr(existing, field, value)
            existing.save(update_fields=[*values, "updated_at"])
            registration = existing
            verb = "renewed"
        else:
            try:
                with transaction.atomic():
                    registration = Registration.objects.create(event=locked, email=email, **values)
            except IntegrityError:
                # Only without the row lock (a database that ignores it): the other request won.
                return Registration.objects.get(event=locked, email=email), False
            verb = "created"
        record(user, f"events.registration.{verb}", registration, data={"status": status.value})
        _mail_after_commit(registration.pk, status.value)
    return registration, True


def cancel_registration(actor: User | None, registration: Registration) -> Registration:
    """Give the seat back (the first on the waiting list moves up) or leave the waiting list: the move
    ``cancelled`` of :data:`junkan.events.processes.REGISTRATION`.

    ``actor`` None is the holder of the signed link from the confirmation mail (the link is the authority);
    a signed-in person must be the one who registered. Cancelling twice changes nothing.
    """
    from junkan.events.processes import REGISTRATION

    with transaction.atomic():
        event = _lock_event(registration.event_id)
        locked = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        if not locked.is_active:
            return locked
        source = locked.status
        locked = transition(REGISTRATION, actor, locked, "cancelled")
        if source == R.CONFIRMED:
            _promote(event)
    return locked


def _promote(event: Event) -> list[Registration]:
    """Move people up from the waiting list while there are free seats (the system's move ``promoted``).
    Call with the event row locked."""
    from junkan.events.processes import REGISTRATION

    if event.status != EventStatus.PUBLISHED or event.has_started():
        return []
    confirmed = event.registrations.filter(status=R.CONFIRMED).count()
    free = None if event.capacity is None else max(event.capacity - confirmed, 0)
    waiting = event.registrations.select_for_update().filter(status=R.WAITLISTED).order_by("queued_at", "id")
    return [
        transition(REGISTRATION, None, registration, "promoted")
        for registration in (waiting if free is None else waiting[:free])
    ]


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None when not waiting."""
    if registration.status != R.WAITLISTED:
        return None
    earlier = Q(queued_at__lt=registration.queued_at) | Q(
        queued_at=registration.queued_at, id__lt=registration.pk
    )
    ahead = Registration.objects.filter(earlier, event_id=registration.event_id, status=R.WAITLISTED)
    return ahead.count() + 1


# Reminders ---------------------------------------------------------------------------------------


def send_reminders(now: datetime | None = None) -> int:
    """Remind confirmed attendees of events that start before the end of tomorrow (Japan time).

    Run once a day (``manage.py send_event_reminders``). Each registration is claimed by setting
    ``reminded_at`` with a conditional UPDATE in the same transaction that queues the mail, so two runs,
    even at the same time, never remind anyone twice. A run that was missed still reminds on the day.
    """
    now = now or timezone.now()
    day_after_tomorrow = tokyo_datetime(tokyo_date(now) + timedelta(days=2))
    candidates = Registration.objects.filter(
        status=R.CONFIRMED,
        reminded_at__isnull=True,
        event__status=EventStatus.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lt=day_after_tomorrow,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(candidates):
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=pk, reminded_at__isnull=True, status=R.CONFIRMED).update(
                reminded_at=now
            )
            if claimed:
                _mail_after_commit(pk, "reminder")
                sent += 1
    return sent

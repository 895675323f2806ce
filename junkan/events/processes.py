"""The processes of events, each declared once (junkan.common.workflow).

- ``events.event``: an event — 下書き → 公開中 → 開催中止 (a draft may also be called off).
- ``events.registration``: a registration — キャンセル待ち → 参加確定 (繰り上げ) → キャンセル済み.
  A registration starts on the waiting list or, when a seat is free, confirmed at once
  (``services.register``, which also renews a cancelled one); creation is not a move.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny
from junkan.common.workflow import Context, Move, Process
from junkan.events import mail
from junkan.events import permissions as p
from junkan.events.models import Event, EventStatus, Registration, RegistrationStatus

E = EventStatus
R = RegistrationStatus


def not_over(event: Event) -> Decision:
    if event.is_past():
        return deny(_("終了日時を過ぎたイベントは公開できません。"))
    return allow()


def tell_the_registered(context: Context) -> None:
    """Everyone still registered for a published event is told that it is called off."""
    if context.source != E.PUBLISHED:
        return
    for pk in list(context.obj.registrations.exclude(status=R.CANCELLED).values_list("pk", flat=True)):
        transaction.on_commit(lambda pk=pk: mail.send_registration_mail(pk, "event_cancelled"))


EVENT = Process(
    key="events.event",
    label=gettext_lazy("イベント"),
    model=Event,
    states=EventStatus,
    initial=E.DRAFT,
    moves=(
        Move(
            "published",
            sources=(E.DRAFT,),
            target=E.PUBLISHED,
            label=gettext_lazy("公開して申込の受付を始める"),
            done=gettext_lazy("公開"),
            who=p.can_publish_event,
            guards=(not_over,),
            stamp="published_at",
        ),
        Move(
            "cancelled",
            sources=(E.DRAFT, E.PUBLISHED),
            target=E.CANCELLED,
            label=gettext_lazy("開催を中止する"),
            done=gettext_lazy("開催中止"),
            who=p.can_cancel_event,
            effects=(tell_the_registered,),
            needs_reason=True,
            confirm=gettext_lazy(
                "中止したイベントは再開できず、内容も変更できません。申込者全員に中止の理由をメールでお知らせし、"
                "イベントのページにも表示します。"
            ),
            style="danger",
        ),
    ),
)


def event_not_started(registration: Registration) -> Decision:
    if registration.event.called_off:
        return deny(_("このイベントは開催を中止しました。"))
    if registration.event.has_started():
        return deny(_("開始日時を過ぎたため、キャンセルの受付は終了しました。"))
    return allow()


def organizers(user: object, registration: Registration) -> Decision:
    """Moving up from the waiting list is the platform's (system) or, by hand, the organizers'."""
    if is_secretariat(user) or p.is_organizer(user, registration.event):
        return allow()
    return p.can_manage_attendees(user, registration.event)


def mail_cancelled(context: Context) -> None:
    transaction.on_commit(lambda pk=context.obj.pk: mail.send_registration_mail(pk, "cancelled"))


def mail_promoted(context: Context) -> None:
    transaction.on_commit(lambda pk=context.obj.pk: mail.send_registration_mail(pk, "promoted"))


REGISTRATION = Process(
    key="events.registration",
    label=gettext_lazy("参加申込"),
    model=Registration,
    states=RegistrationStatus,
    initial=R.WAITLISTED,
    lock_related=("event",),
    moves=(
        Move(
            "promoted",
            sources=(R.WAITLISTED,),
            target=R.CONFIRMED,
            label=gettext_lazy("キャンセル待ちから繰り上げる"),
            done=gettext_lazy("繰り上げ"),
            who=organizers,
            guards=(event_not_started,),
            effects=(mail_promoted,),
            stamp="promoted_at",
        ),
        Move(
            "cancelled",
            sources=(R.WAITLISTED, R.CONFIRMED),
            target=R.CANCELLED,
            label=gettext_lazy("参加申込をキャンセルする"),
            done=gettext_lazy("申込のキャンセル"),
            who=p.can_cancel_registration,
            guards=(event_not_started,),
            effects=(mail_cancelled,),
            stamp="cancelled_at",
            style="danger",
        ),
    ),
)

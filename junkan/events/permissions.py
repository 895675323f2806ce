"""Who may see, manage and register for events.

"Organizer" means a member of the organizing organization, or the secretariat for every event (the
secretariat organizes the events with no organizer and oversees the others). Drafts and attendee lists
are hidden (404) from everyone else.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from junkan.accounts.permissions import is_secretariat
from junkan.common.permissions import Decision, allow, deny, hide
from junkan.events.models import Event, EventStatus, Registration, RegistrationStatus
from junkan.organizations.models import Organization
from junkan.organizations.permissions import membership_of


def is_organizer(user: object, event: Event) -> bool:
    if is_secretariat(user):
        return True
    return event.organizer_id is not None and membership_of(user, event.organizer) is not None


def can_view_event(user: object, event: Event) -> Decision:
    if event.status != EventStatus.DRAFT:
        return allow(_("公開されているイベントです。"))
    if is_organizer(user, event):
        return allow(_("主催者として閲覧できます。"))
    return hide(_("公開されていないイベントです。"))


def can_list_events(user: object) -> Decision:
    """The listing of published events is public."""
    return allow()


def can_manage_events(user: object) -> Decision:
    """The organizer's own list (drafts included) needs a login; it shows only their events."""
    if getattr(user, "is_authenticated", False):
        return allow()
    return hide(_("ログインしてください。"))


def can_create_event(user: object, organizer: Organization | None) -> Decision:
    """The secretariat creates events for itself or any organization; members for their organization."""
    if is_secretariat(user):
        return allow()
    if organizer is None:
        return deny(_("事務局主催のイベントは事務局のみ登録できます。"))
    if membership_of(user, organizer) is None:
        return hide(_("この組織のメンバーではありません。"))
    return allow()


def can_edit_event(user: object, event: Event) -> Decision:
    if not is_organizer(user, event):
        view = can_view_event(user, event)
        return deny(_("イベントを変更できるのは主催者と事務局です。")) if view.allowed else view
    if event.status == EventStatus.CANCELLED:
        return deny(_("開催を中止したイベントは変更できません。"))
    return allow()


def can_publish_event(user: object, event: Event) -> Decision:
    return can_edit_event(user, event)


def can_cancel_event(user: object, event: Event) -> Decision:
    return can_edit_event(user, event)


def can_manage_attendees(user: object, event: Event) -> Decision:
    """The attendee list and its exports: organizers and the secretariat; 404 for everyone else."""
    if is_organizer(user, event):
        return allow()
    return hide(_("参加者の一覧は主催者のみ閲覧できます。"))


def can_register(user: object, event: Event, now: datetime | None = None) -> Decision:
    """Anyone may register (signed in or with a name and an address) while registration is open."""
    view = can_view_event(user, event)
    if not view.allowed:
        return view
    if event.status == EventStatus.CANCELLED:
        return deny(_("このイベントは開催を中止しました。"))
    if event.status != EventStatus.PUBLISHED:
        return deny(_("公開前のイベントには申し込めません。"))
    if not event.registration_is_open(now):
        return deny(_("申込の受付は終了しました。"))
    return allow()


def can_cancel_registration(user: object, registration: Registration) -> Decision:
    """From the event page: the person who registered (matched by account or by e-mail address)."""
    if not getattr(user, "is_authenticated", False):
        return hide(_("ログインしてください。"))
    own = registration.user_id == user.pk or registration.email == user.email.lower()  # type: ignore[attr-defined]
    if not own:
        return hide(_("ご本人の申込ではありません。"))
    if registration.status == RegistrationStatus.CANCELLED:
        return deny(_("この申込はすでにキャンセルされています。"))
    return allow()


def can_see_online_link(user: object, event: Event, registration: Registration | None) -> bool:
    """The online link is for confirmed attendees (and the organizers who set it)."""
    if not event.is_online or not event.online_url:
        return False
    if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
        return True
    return is_organizer(user, event)

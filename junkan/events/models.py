"""Events of the platform (シンポジウム・勉強会・フォーラム・ワークショップ) and the registrations for them.

An event is organized by an organization or, when ``organizer`` is empty, by the secretariat. Only
published (and cancelled) events are public. A registration holds a seat (confirmed) or a place on the
waiting list; there is at most one registration per e-mail address per event, and cancelling one keeps
the row (status ``cancelled``) so that registering again reuses it.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    SYMPOSIUM = "symposium", _("シンポジウム")
    STUDY = "study", _("勉強会")
    FORUM = "forum", _("フォーラム")
    WORKSHOP = "workshop", _("ワークショップ")


class EventFormat(models.TextChoices):
    ONSITE = "onsite", _("会場開催")
    ONLINE = "online", _("オンライン開催")
    HYBRID = "hybrid", _("会場・オンライン併用")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("公開中")
    CANCELLED = "cancelled", _("開催中止")


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> EventQuerySet:
        """Published and cancelled events: a cancelled one stays visible so that people learn of it."""
        return self.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])

    def with_counts(self) -> EventQuerySet:
        confirmed = models.Q(registrations__status="confirmed")
        waitlisted = models.Q(registrations__status="waitlisted")
        return self.annotate(
            confirmed_count=models.Count("registrations", filter=confirmed),
            waitlist_count=models.Count("registrations", filter=waitlisted),
        )


class Event(models.Model):
    kind = models.CharField(_("種類"), max_length=12, choices=EventKind.choices, db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    summary = models.CharField(
        _("概要"), max_length=300, help_text=_("一覧と検索結果に表示する、300字以内の紹介文です。")
    )
    body = models.TextField(_("内容"), help_text=_("プログラム、登壇者、対象者などを記入します。"))
    starts_at = models.DateTimeField(_("開始日時"), db_index=True)
    ends_at = models.DateTimeField(_("終了日時"))
    format = models.CharField(
        _("開催形式"), max_length=8, choices=EventFormat.choices, default=EventFormat.ONSITE
    )
    venue = models.CharField(_("会場"), max_length=200, blank=True)
    venue_address = models.CharField(_("会場の所在地"), max_length=255, blank=True)
    online_url = models.URLField(
        _("オンライン参加のURL"),
        blank=True,
        help_text=_(
            "参加が確定した方にだけ、申込確認のページとメールでお知らせします。"
            "決まっていなければ空欄のまま公開し、後で入力できます（前日のお知らせメールに載ります）。"
        ),
    )
    capacity = models.PositiveIntegerField(
        _("定員"), null=True, blank=True, help_text=_("空欄のときは定員を設けません。")
    )
    registration_deadline = models.DateTimeField(
        _("申込締切"), null=True, blank=True, help_text=_("空欄のときは開始日時まで受け付けます。")
    )
    organizer = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("主催"),
        help_text=_("空欄のときは事務局の主催です。"),
    )
    status = models.CharField(
        _("状態"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    cancel_reason = models.TextField(_("中止の理由"), blank=True)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("作成者"),
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("イベント")
        verbose_name_plural = _("イベント")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="events_event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("終了日時は開始日時より後にしてください。")
        if self.registration_deadline and self.starts_at and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("申込締切は開始日時より前にしてください。")
        if self.has_venue and not self.venue.strip():
            errors["venue"] = _("会場で開催するときは会場を入力してください。")
        if self.capacity == 0:
            errors["capacity"] = _("定員は1人以上にしてください。定員を設けないときは空欄にします。")
        if errors:
            raise ValidationError(errors)

    @property
    def organizer_name(self) -> str:
        return self.organizer.name if self.organizer_id else str(_("地域循環共生圏プラットフォーム事務局"))

    @property
    def has_venue(self) -> bool:
        return self.format in (EventFormat.ONSITE, EventFormat.HYBRID)

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def closes_at(self) -> datetime:
        """When registration ends: the deadline, or the start when there is none."""
        return min(self.registration_deadline or self.starts_at, self.starts_at)

    @property
    def unpublished(self) -> bool:
        """Not yet shown to the public (a draft): badge 「下書き（非公開）」, not indexed."""
        return self.status == EventStatus.DRAFT

    @property
    def called_off(self) -> bool:
        """The organizer called the event off (開催中止): said on every page of it."""
        return self.status == EventStatus.CANCELLED

    @property
    def seats_shown(self) -> bool:
        """Published: the remaining seats are worth showing."""
        return self.status == EventStatus.PUBLISHED

    def is_past(self, now: datetime | None = None) -> bool:
        return self.ends_at < (now or timezone.now())

    def has_started(self, now: datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def registration_is_open(self, now: datetime | None = None) -> bool:
        return self.status == EventStatus.PUBLISHED and (now or timezone.now()) < self.closes_at


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("参加確定")
    WAITLISTED = "waitlisted", _("キャンセル待ち")
    CANCELLED = "cancelled", _("キャンセル済み")


class Registration(models.Model):
    """One person's registration. ``email`` is stored in lower case; it is the key per event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("イベント")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("利用者"),
    )
    name = models.CharField(_("氏名"), max_length=100)
    email = models.EmailField(_("メールアドレス"))
    affiliation = models.CharField(_("所属"), max_length=200, blank=True)
    status = models.CharField(_("状態"), max_length=10, choices=RegistrationStatus.choices, db_index=True)
    # The waiting list is ordered by this moment; it is reset when a cancelled registration is renewed.
    queued_at = models.DateTimeField(_("受付日時"), default=timezone.now)
    promoted_at = models.DateTimeField(_("繰り上げ日時"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("キャンセル日時"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("前日のお知らせ送信日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("参加申込")
        verbose_name_plural = _("参加申込")
        ordering = ["event", "queued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="events_registration_one_per_email"),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"], name="events_reg_queue_idx")]

    def __str__(self) -> str:
        return f"{self.name}（{self.event_id}）"

    @property
    def is_active(self) -> bool:
        return self.status != RegistrationStatus.CANCELLED

    @property
    def has_seat(self) -> bool:
        """参加確定: the seat is this person's (the online link, the reminder)."""
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def waiting(self) -> bool:
        """キャンセル待ち."""
        return self.status == RegistrationStatus.WAITLISTED

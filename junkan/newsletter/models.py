"""The mail magazine (メールマガジン): subscribers, issues (号) and the per-recipient send log.

A subscriber is an e-mail address, confirmed by a link (double opt-in) before anything is sent to it.
An issue is written by the secretariat for a segment; sending it creates one Delivery row per recipient,
and the background worker works through them in batches. A Delivery moves pending → sending → sent
(or failed, to be retried); it is claimed with a conditional UPDATE before the mail goes out, so that
no retry and no second worker ever sends the same issue to the same person twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("確認待ち")
    CONFIRMED = "confirmed", _("配信中")
    UNSUBSCRIBED = "unsubscribed", _("配信停止")


class Subscriber(models.Model):
    """One address. Stored in lower case; unique, so subscribing again reuses the row."""

    email = models.EmailField(_("メールアドレス"), unique=True)
    status = models.CharField(
        _("状態"), max_length=12, choices=SubscriberStatus.choices, default=SubscriberStatus.PENDING
    )
    # Changes with every subscription request: an old confirmation link stops working.
    nonce = models.CharField(_("確認用の値"), max_length=32)
    confirmation_sent_at = models.DateTimeField(_("確認メール送信日時"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("登録確定日時"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("配信停止日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("購読者")
        verbose_name_plural = _("購読者")
        ordering = ["email"]
        indexes = [models.Index(fields=["status"], name="newsletter_subscriber_status")]

    def __str__(self) -> str:
        return self.email

    @property
    def awaiting_confirmation(self) -> bool:
        """確認待ち: the confirmation link may still be used."""
        return self.status == SubscriberStatus.PENDING

    @property
    def stopped(self) -> bool:
        """配信停止: nothing more is sent to the address."""
        return self.status == SubscriberStatus.UNSUBSCRIBED


class Segment(models.TextChoices):
    """Who an issue goes to. See ``junkan.newsletter.segments`` for the rules."""

    ALL = "all", _("すべての購読者")
    REGIONS = "regions", _("登録済みの実践地域等の関係者")
    COMPANIES = "companies", _("登録済みの企業等の関係者")


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("作成中")
    SENDING = "sending", _("配信中")
    SENT = "sent", _("配信済み")


class Issue(models.Model):
    number = models.PositiveIntegerField(_("号"), unique=True)
    subject = models.CharField(_("件名"), max_length=150)
    body = models.TextField(
        _("本文"), help_text=_("テキスト形式です。配信停止のリンクは末尾に自動で付きます。")
    )
    segment = models.CharField(_("配信先"), max_length=12, choices=Segment.choices, default=Segment.ALL)
    status = models.CharField(
        _("状態"), max_length=8, choices=IssueStatus.choices, default=IssueStatus.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("作成者"),
    )
    send_started_at = models.DateTimeField(_("配信開始日時"), null=True, blank=True)
    sent_at = models.DateTimeField(_("配信完了日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("メールマガジンの号")
        verbose_name_plural = _("メールマガジンの号")
        ordering = ["-number"]

    def __str__(self) -> str:
        return _("第%(number)s号 %(subject)s") % {"number": self.number, "subject": self.subject}

    @property
    def sending_started(self) -> bool:
        """Sending has begun (配信中 or 配信済み): the recipients are fixed and the deliveries recorded."""
        return self.status != IssueStatus.DRAFT


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("未送信")
    SENDING = "sending", _("送信中")
    SENT = "sent", _("送信済み")
    FAILED = "failed", _("送信失敗")
    SKIPPED = "skipped", _("送信せず（配信停止）")


# A delivery in one of these states may be (re)tried; SENDING never is, SENT and SKIPPED are final.
RETRYABLE = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


class Delivery(models.Model):
    """The send log: one row per issue and recipient."""

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("号")
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("購読者")
    )
    status = models.CharField(
        _("状態"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("送信の試行回数"), default=0)
    claimed_at = models.DateTimeField(_("送信開始日時"), null=True, blank=True)
    sent_at = models.DateTimeField(_("送信日時"), null=True, blank=True)
    error = models.CharField(_("エラー"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("配信記録")
        verbose_name_plural = _("配信記録")
        ordering = ["issue", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_once"),
        ]
        indexes = [models.Index(fields=["issue", "status"], name="newsletter_delivery_status")]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}"

    @property
    def in_flight(self) -> bool:
        """送信中: claimed by a worker and not yet finished."""
        return self.status == DeliveryStatus.SENDING

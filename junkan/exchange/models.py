"""Exchange on the web (seed 000:
「ウェブ上での地域や団体間の交流」「意見交換の場づくり」「相談などのサポート」).

- A forum of themes: members of registered regions and companies post topics (questions or experiences) and
  answer each other. The secretariat moderates: anyone taking part may report a post; the secretariat hides it
  with a reason (and may show it again). Every step is in the audit log.
- Consultations (相談): any member of a registered organization asks the secretariat; the consultation is a
  process (``exchange/processes.py``) tracked until it is answered and closed, with its messages.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    slug = models.SlugField(_("識別子"), max_length=40, unique=True)
    title = models.CharField(_("テーマ"), max_length=100)
    description = models.TextField(_("説明"), blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    is_active = models.BooleanField(_("受付中"), default=True)

    class Meta:
        verbose_name = _("交流のテーマ")
        verbose_name_plural = _("交流のテーマ")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Moderated(models.Model):
    """What topics and replies share: the author, the organization they write for, and moderation."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("投稿者")
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属")
    )
    body = models.TextField(_("本文"))
    created_at = models.DateTimeField(_("投稿日時"), auto_now_add=True)
    is_hidden = models.BooleanField(_("非表示"), default=False, db_index=True)
    hidden_reason = models.TextField(_("非表示の理由"), blank=True)
    hidden_at = models.DateTimeField(_("非表示にした日時"), null=True, blank=True)

    class Meta:
        abstract = True


class TopicKind(models.TextChoices):
    QUESTION = "question", _("質問")
    EXPERIENCE = "experience", _("経験の共有")


class Topic(Moderated):
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="topics", verbose_name=_("テーマ")
    )
    kind = models.CharField(_("種類"), max_length=12, choices=TopicKind.choices, default=TopicKind.QUESTION)
    title = models.CharField(_("題名"), max_length=200)
    last_activity_at = models.DateTimeField(_("最終投稿日時"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("話題")
        verbose_name_plural = _("話題")
        ordering = ["-last_activity_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Reply(Moderated):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies", verbose_name=_("話題"))

    class Meta:
        verbose_name = _("返信")
        verbose_name_plural = _("返信")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk}"


class Report(models.Model):
    """A participant's report of a topic or a reply to the secretariat."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="reports", verbose_name=_("話題")
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="reports", verbose_name=_("返信")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("通報者")
    )
    reason = models.TextField(_("通報の理由"))
    created_at = models.DateTimeField(_("通報日時"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("対応日時"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("通報")
        verbose_name_plural = _("通報")
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(topic__isnull=False, reply__isnull=True)
                | models.Q(topic__isnull=True, reply__isnull=False),
                name="exchange_report_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} ({self.created_at:%Y-%m-%d})"

    @property
    def target(self) -> Topic | Reply:
        return self.topic or self.reply  # type: ignore[return-value]


class ConsultationStatus(models.TextChoices):
    RECEIVED = "received", _("受付（回答待ち）")
    ANSWERED = "answered", _("回答済み")
    CLOSED = "closed", _("解決")


class Consultation(models.Model):
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("相談者")
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属")
    )
    subject = models.CharField(_("件名"), max_length=200)
    status = models.CharField(
        _("状態"),
        max_length=10,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.RECEIVED,
        db_index=True,
    )
    created_at = models.DateTimeField(_("受付日時"), auto_now_add=True)
    answered_at = models.DateTimeField(_("最終回答日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("解決日時"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("事務局への相談")
        verbose_name_plural = _("事務局への相談")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class ConsultationMessage(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="messages", verbose_name=_("相談")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("記入者")
    )
    from_secretariat = models.BooleanField(_("事務局からの回答"), default=False)
    body = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("相談のやりとり")
        verbose_name_plural = _("相談のやりとり")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.consultation} #{self.pk}"

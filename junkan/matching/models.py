"""Matching: what is precomputed for ranking, collaboration requests (協業の相談) and matching events.

A :class:`SolutionProfile` holds what the engine needs of an approved solution (concepts, words, area),
written when its registration is approved and removed when it stops being public.

A :class:`CollaborationRequest` is one organization asking to be introduced to another (a region to a
company, a company to a region, later a bank to either): generic between two organizations, with what
it is about (a region and/or a solution) and where it came from (a suggestion, the directory, an event).
Its moves are declared in ``processes.py``. Contact details are shown only after the other side accepts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SolutionProfile(models.Model):
    solution = models.OneToOneField(
        "registry.Solution",
        on_delete=models.CASCADE,
        related_name="matching_profile",
        verbose_name=_("ソリューション"),
    )
    data = models.JSONField(_("照合用データ"))
    built_at = models.DateTimeField(_("作成日時"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("照合用プロファイル")
        verbose_name_plural = _("照合用プロファイル")

    def __str__(self) -> str:
        return str(self.solution_id)


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("相談中（返答待ち）")
    ACCEPTED = "accepted", _("承諾")
    DECLINED = "declined", _("辞退")
    WITHDRAWN = "withdrawn", _("取下げ")
    INTRODUCED = "introduced", _("紹介済み")
    MEETING_HELD = "meeting_held", _("面談済み")
    COLLABORATING = "collaborating", _("協業中")
    CLOSED = "closed", _("終了")


class Origin(models.TextChoices):
    SUGGESTION = "suggestion", _("おすすめから")
    DIRECTORY = "directory", _("一覧・検索から")
    EVENT = "event", _("マッチング会から")


class Mediation(models.TextChoices):
    NONE = "none", _("当事者どうしで")
    ONLINE = "online", _("事務局の仲介（オンライン）")
    OFFLINE = "offline", _("事務局の仲介（対面）")


class Outcome(models.TextChoices):
    BUSINESS = "business", _("事業化した")
    PILOT = "pilot", _("実証・試行に進んだ")
    CONTINUING = "continuing", _("検討を続ける")
    NO_FIT = "no_fit", _("見送った")


class CollaborationRequest(models.Model):
    requester = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("相談した団体"),
    )
    recipient = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("相談を受けた団体"),
    )
    region = models.ForeignKey(
        "registry.RegionRegistration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("実践地域"),
    )
    solution = models.ForeignKey(
        "registry.Solution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ソリューション"),
    )
    origin = models.CharField(_("きっかけ"), max_length=12, choices=Origin.choices, default=Origin.SUGGESTION)
    score = models.FloatField(_("おすすめの点数"), null=True, blank=True)
    message = models.TextField(_("相談の内容"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("相談した人")
    )
    status = models.CharField(
        _("状態"),
        max_length=14,
        choices=RequestStatus.choices,
        default=RequestStatus.REQUESTED,
        db_index=True,
    )
    mediation = models.CharField(
        _("紹介の方法"), max_length=8, choices=Mediation.choices, default=Mediation.NONE
    )
    meeting_on = models.DateField(_("面談日"), null=True, blank=True)
    outcome = models.CharField(_("結果"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("結果の理由"), blank=True)
    event = models.ForeignKey(
        "matching.MatchingEvent",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("マッチング会"),
    )
    created_at = models.DateTimeField(_("相談日時"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)
    answered_at = models.DateTimeField(_("返答日時"), null=True, blank=True)
    introduced_at = models.DateTimeField(_("紹介日時"), null=True, blank=True)
    closed_at = models.DateTimeField(_("終了日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("協業の相談")
        verbose_name_plural = _("協業の相談")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("recipient")),
                name="matching_request_between_two_organizations",
                violation_error_message=_("自分の団体には相談できません。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class RequestMessage(models.Model):
    request = models.ForeignKey(
        CollaborationRequest, on_delete=models.CASCADE, related_name="messages", verbose_name=_("協業の相談")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("書いた人")
    )
    body = models.TextField(_("メッセージ"))
    created_at = models.DateTimeField(_("日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("相談のメッセージ")
        verbose_name_plural = _("相談のメッセージ")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.body[:20]}"


class MatchingEvent(models.Model):
    """ビジネスマッチング会: held by the secretariat, online or in person, with the pairs that met."""

    title = models.CharField(_("名称"), max_length=200)
    held_on = models.DateField(_("開催日"))
    mode = models.CharField(_("形式"), max_length=8, choices=Mediation.choices, default=Mediation.OFFLINE)
    place = models.CharField(_("会場"), max_length=200, blank=True)
    note = models.TextField(_("メモ"), blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("マッチング会")
        verbose_name_plural = _("マッチング会")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class EventPair(models.Model):
    event = models.ForeignKey(
        MatchingEvent, on_delete=models.CASCADE, related_name="pairs", verbose_name=_("マッチング会")
    )
    region = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("地域側の団体"),
    )
    company = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("企業側の団体"),
    )
    note = models.CharField(_("メモ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("マッチング会で会った組合せ")
        verbose_name_plural = _("マッチング会で会った組合せ")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "region", "company"], name="matching_event_pair_once")
        ]

    def __str__(self) -> str:
        return f"{self.region} × {self.company}"


class DigestSubscription(models.Model):
    """Whether a person receives the weekly digest of new fits (on unless they opt out) and what was sent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="matching_digest",
        verbose_name=_("利用者"),
    )
    enabled = models.BooleanField(_("週1回のおすすめメールを受け取る"), default=True)
    last_sent_at = models.DateTimeField(_("最後に送った日時"), null=True, blank=True)
    sent_keys = models.JSONField(_("送ったおすすめ"), default=list, blank=True)

    class Meta:
        verbose_name = _("おすすめメールの設定")
        verbose_name_plural = _("おすすめメールの設定")

    def __str__(self) -> str:
        return str(self.user)

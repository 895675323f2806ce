"""Experts, cooperating specialist organizations, other ministries' support measures and funding mechanisms.

Everything here is edited by the secretariat in the admin and shown on the portal once published
(であう: experts, organizations, support measures; しかける: funding mechanisms). An expert's own
e-mail address is kept for the secretariat only: people reach experts through the secretariat.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _


class SupportField(models.Model):
    """A field of expertise or support (地域経営, 再生可能エネルギー, ...), shared by every list here."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("分野")
        verbose_name_plural = _("分野")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Ministry(models.Model):
    """A ministry or agency that runs support measures."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("府省庁")
        verbose_name_plural = _("府省庁")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class PublishedQuerySet(models.QuerySet):
    def published(self) -> PublishedQuerySet:
        return self.filter(is_published=True)


class Publishable(models.Model):
    is_published = models.BooleanField(
        _("公開する"), default=False, help_text=_("チェックを外すと、事務局以外には表示されません。")
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True


PREFECTURE_CHOICES = {"kind": "prefecture"}


class Expert(Publishable):
    """専門家: a person the secretariat can send to a region (支援チーム)."""

    name = models.CharField(_("氏名"), max_length=100)
    name_kana = models.CharField(_("ふりがな"), max_length=100, blank=True)
    affiliation = models.CharField(_("所属・役職"), max_length=200)
    fields = models.ManyToManyField(SupportField, related_name="experts", verbose_name=_("専門分野"))
    nationwide = models.BooleanField(_("全国に対応"), default=False)
    regions = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        limit_choices_to=PREFECTURE_CHOICES,
        verbose_name=_("対応地域（都道府県）"),
    )
    bio = models.TextField(_("経歴・支援の実績"))
    private_email = models.EmailField(
        _("連絡先メールアドレス（非公開）"),
        blank=True,
        help_text=_("事務局が相談を取り次ぐときに使います。サイトには表示しません。"),
    )

    class Meta:
        verbose_name = _("専門家")
        verbose_name_plural = _("専門家")
        ordering = ["name_kana", "name", "id"]

    def __str__(self) -> str:
        return self.name


class OrganizationKind(models.TextChoices):
    UNIVERSITY = "university", _("大学・研究機関")
    INTERMEDIARY = "intermediary", _("中間支援組織")
    NPO = "npo", _("NPO・公益法人")
    FINANCE = "finance", _("金融機関")
    CONSULTANCY = "consultancy", _("コンサルタント")
    INDUSTRY_BODY = "industry_body", _("業界団体")
    OTHER = "other", _("その他")


class SpecialistOrganization(Publishable):
    """協力専門団体: an organization that lends its expertise to the platform."""

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("種類"), max_length=20, choices=OrganizationKind.choices)
    fields = models.ManyToManyField(SupportField, related_name="organizations", verbose_name=_("分野"))
    description = models.TextField(_("団体の紹介"))
    website = models.URLField(_("ウェブサイト"), blank=True)

    class Meta:
        verbose_name = _("協力専門団体")
        verbose_name_plural = _("協力専門団体")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


def is_closed(deadline: date | None, period_end: date | None, today: date) -> bool:
    """A measure is closed once its deadline has passed, or, without a deadline, its period has ended."""
    if deadline is not None:
        return deadline < today
    return period_end is not None and period_end < today


class MeasureQuerySet(PublishedQuerySet):
    def with_state(self, today: date) -> MeasureQuerySet:
        """Annotate ``closed`` (1/0, as :func:`is_closed`) and order open measures first.

        Open ones by nearest deadline (no deadline last), then closed ones, most recent first.
        """
        closed = Q(deadline__lt=today) | Q(deadline__isnull=True, period_end__lt=today)
        return self.annotate(
            closed=Case(When(closed, then=Value(1)), default=Value(0), output_field=models.IntegerField())
        ).order_by(
            "closed",
            Case(When(closed=0, then=F("deadline"))).asc(nulls_last=True),
            Case(When(closed=1, then=F("deadline"))).desc(nulls_last=True),
            "title",
            "id",
        )


class SupportMeasure(Publishable):
    """他省庁等の支援施策: a program of another ministry that regions can use."""

    title = models.CharField(_("施策名"), max_length=200)
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, related_name="measures", verbose_name=_("府省庁")
    )
    fields = models.ManyToManyField(SupportField, blank=True, related_name="measures", verbose_name=_("分野"))
    summary = models.TextField(_("概要"))
    eligible_applicants = models.TextField(_("対象者（応募できる者）"))
    period_start = models.DateField(_("実施期間（開始）"), null=True, blank=True)
    period_end = models.DateField(_("実施期間（終了）"), null=True, blank=True)
    deadline = models.DateField(_("申請締切"), null=True, blank=True)
    url = models.URLField(_("詳細ページ（リンク）"), blank=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("他省庁等の支援施策")
        verbose_name_plural = _("他省庁等の支援施策")
        ordering = ["title", "id"]
        constraints = (
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=F("period_end")),
                name="support_measure_period_in_order",
                violation_error_message=_("実施期間の終了は開始より後の日付にしてください。"),
            ),
        )

    def __str__(self) -> str:
        return self.title

    def is_closed(self, today: date) -> bool:
        return is_closed(self.deadline, self.period_end, today)


class FundingKind(models.TextChoices):
    ESG_FINANCE = "esg_finance", _("ESG地域金融")
    GREEN_FUND = "green_fund", _("グリーンファンド")
    REGIONAL_FUND = "regional_fund", _("地域ファンド")
    CROWDFUNDING = "crowdfunding", _("クラウドファンディング")
    CITIZEN_INVESTMENT = "citizen_investment", _("市民出資")
    HOMETOWN_TAX = "hometown_tax", _("ふるさと納税（企業版を含む）")
    OTHER = "other", _("その他")


class FundingMechanism(Publishable):
    """A way of raising money for regional work that a region built (しかける)."""

    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(_("種類"), max_length=20, choices=FundingKind.choices)
    description = models.TextField(_("仕組みの説明"))
    regions = models.ManyToManyField(
        "registry.RegionRegistration",
        blank=True,
        related_name="funding_mechanisms",
        verbose_name=_("仕組みをつくった実践地域"),
        help_text=_("登録済み（承認済み）の実践地域だけがサイトに表示されます。"),
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("関係する地方公共団体"),
    )

    class Meta:
        verbose_name = _("資金の仕組み")
        verbose_name_plural = _("資金の仕組み")
        ordering = ["kind", "name", "id"]

    def __str__(self) -> str:
        return self.name


class FundingLink(models.Model):
    mechanism = models.ForeignKey(
        FundingMechanism, on_delete=models.CASCADE, related_name="links", verbose_name=_("資金の仕組み")
    )
    title = models.CharField(_("リンクの名称"), max_length=200)
    url = models.URLField(_("URL"))
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("関連リンク")
        verbose_name_plural = _("関連リンク")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Inquiry(models.Model):
    """A request to consult an expert, passed on by the secretariat (the expert's address stays private)."""

    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("専門家")
    )
    sender = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("相談者")
    )
    organization_name = models.CharField(_("所属（団体名）"), max_length=200)
    message = models.TextField(_("相談内容"))
    created_at = models.DateTimeField(_("受付日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("専門家への相談")
        verbose_name_plural = _("専門家への相談")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.expert} ← {self.organization_name}"

"""Practice regions (実践地域等) and companies (企業等) registered on the Local SDGs platform.

Vocabularies (SDG goals, the industry classification and local resources) are data loaded by
migration 0002 from ``junkan/registry/data``. A registration is edited by its organization while a
draft, submitted, then approved or refused by the secretariat; an approved one may later be revoked.
Only approved registrations are public.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from junkan.organizations.models import LOCAL_GOVERNMENT_KINDS, OrganizationKind


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("番号"), unique=True)
    short_name = models.CharField(_("名称"), max_length=50)
    title = models.CharField(_("目標"), max_length=200)
    color_hex = models.CharField(_("色"), max_length=7)

    class Meta:
        verbose_name = _("SDGsゴール")
        verbose_name_plural = _("SDGsゴール")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_name}"


class Industry(models.Model):
    """日本標準産業分類: a major category (A–T, no parent) or a medium one (01–99, under a major)."""

    code = models.CharField(_("分類コード"), max_length=2, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("大分類"),
    )

    class Meta:
        verbose_name = _("産業分類")
        verbose_name_plural = _("産業分類")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class LocalResource(models.Model):
    """A kind of local resource (エネルギー, 食, 森林, ...)."""

    code = models.SlugField(_("コード"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("地域資源")
        verbose_name_plural = _("地域資源")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("作成中")
    SUBMITTED = "submitted", _("審査中")
    APPROVED = "approved", _("登録済み")
    REFUSED = "refused", _("不承認")
    REVOKED = "revoked", _("登録取消し")


# Organizations that may register as companies etc. (企業等).
COMPANY_KINDS = frozenset(
    {
        OrganizationKind.COMPANY,
        OrganizationKind.COOPERATIVE,
        OrganizationKind.ASSOCIATION,
        OrganizationKind.NPO,
        OrganizationKind.FINANCIAL_INSTITUTION,
    }
)
REGION_KINDS = frozenset(LOCAL_GOVERNMENT_KINDS)


class Registration(models.Model):
    """What region and company registrations share: the owner organization and the review trail."""

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("登録団体")
    )
    status = models.CharField(
        _("状態"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
        db_index=True,
    )
    decision_reason = models.TextField(_("理由"), blank=True)
    submitted_at = models.DateTimeField(_("申請日時"), null=True, blank=True)
    decided_at = models.DateTimeField(_("審査日時"), null=True, blank=True)
    contact_name = models.CharField(_("担当者名"), max_length=100)
    contact_email = models.EmailField(_("連絡先メールアドレス"))
    contact_phone = models.CharField(_("連絡先電話番号"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == RegistrationStatus.APPROVED

    @property
    def is_editable(self) -> bool:
        return self.status in (RegistrationStatus.DRAFT, RegistrationStatus.REFUSED)


class RegionRegistration(Registration):
    """実践地域等登録. A local government registers, or another body with a local government co-registering.

    The kind rule is kept simple: the organization is a local government (REGION_KINDS), or else
    ``partner_government`` names the local government that takes part (checked on submit).
    """

    name = models.CharField(_("地域の名称"), max_length=200)
    partner_government = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("参画する地方公共団体"),
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality", related_name="+", verbose_name=_("対象地域")
    )
    resources = models.ManyToManyField(
        LocalResource, blank=True, related_name="+", verbose_name=_("地域資源")
    )
    resources_note = models.TextField(_("地域資源の説明"), blank=True)
    challenges = models.TextField(_("地域の課題"))
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="+", verbose_name=_("SDGsゴール"))
    desired_future = models.TextField(_("ありたい未来"))
    backcasting = models.TextField(_("ありたい未来への道筋（バックキャスティング）"))
    stakeholders = models.TextField(
        _("ステークホルダー"),
        blank=True,
        help_text=_("行政・企業・金融機関・NPO・住民など、種類ごとに記入します。"),
    )

    class Meta:
        verbose_name = _("実践地域等登録")
        verbose_name_plural = _("実践地域等登録")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


COMPANY_ALREADY_REGISTERED = _("この組織の企業等登録はすでにあります。登録済みの内容を編集してください。")


class CompanyRegistration(Registration):
    """企業等登録: a company, cooperative, association, NPO or financial institution with its solutions."""

    summary = models.TextField(_("事業の概要"))
    industry = models.ForeignKey(
        Industry, on_delete=models.PROTECT, related_name="+", verbose_name=_("業種（日本標準産業分類）")
    )
    agreed_to_purpose = models.BooleanField(_("ローカルSDGsの趣旨・目的への賛同"), default=False)

    class Meta:
        verbose_name = _("企業等登録")
        verbose_name_plural = _("企業等登録")
        ordering = ["organization__name", "id"]
        constraints = [
            # The registration is the organization's own entry: one per organization.
            models.UniqueConstraint(
                fields=["organization"],
                name="registry_company_one_per_organization",
                violation_error_message=COMPANY_ALREADY_REGISTERED,
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)


class Solution(models.Model):
    """A technology or service a registered company offers to regions (ソリューション)."""

    registration = models.ForeignKey(
        CompanyRegistration, on_delete=models.CASCADE, related_name="solutions", verbose_name=_("企業等登録")
    )
    title = models.CharField(_("ソリューション名"), max_length=200)
    description = models.TextField(_("内容"))
    fields = models.CharField(_("分野"), max_length=200, blank=True)
    resources = models.ManyToManyField(
        LocalResource, blank=True, related_name="+", verbose_name=_("活用する地域資源")
    )
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="+", verbose_name=_("SDGsゴール"))
    regions_served = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("対応地域"),
        help_text=_("都道府県または市区町村。"),
    )
    track_record = models.TextField(_("実績"), blank=True)

    class Meta:
        verbose_name = _("ソリューション")
        verbose_name_plural = _("ソリューション")
        ordering = ["registration", "id"]

    def __str__(self) -> str:
        return self.title

"""ESG regional finance (seed 000:
「財務局と連携した地域金融機関・民間企業とのネットワーク構築」「ESG地域金融」).

- ``Institution``: a financial institution on the platform (地方銀行・信用金庫・信用組合・政府系), tied to the
  organization whose members act for it, with its area and whether it has signed the 21世紀金融行動原則.
  The secretariat publishes it (admin).
- ``Offer``: an ESG finance offer of an institution (loan, fund, green fund …): kind, conditions,
  contact, area.
- ``Consent``: a practice region agrees that registered financial institutions may see its registration in
  full (contact person included) and, once the regional-support app publishes them, its business plans and
  support cases. Withdrawn consent hides them again at once. One row per region; the history is in the audit.
A bank asks a consenting region to talk through the matching app's collaboration requests
(``finance.services.ask_region``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionKind(models.TextChoices):
    REGIONAL_BANK = "regional_bank", _("地方銀行")
    SHINKIN = "shinkin", _("信用金庫")
    SHINKUMI = "shinkumi", _("信用組合")
    GOVERNMENT = "government", _("政府系金融機関")
    OTHER = "other", _("その他の金融機関")


class Institution(models.Model):
    organization = models.OneToOneField(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="finance_institution",
        verbose_name=_("組織"),
        limit_choices_to={"kind": "financial_institution"},
    )
    kind = models.CharField(_("業態"), max_length=20, choices=InstitutionKind.choices, db_index=True)
    prefectures = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "prefecture"},
        verbose_name=_("営業区域（都道府県）"),
    )
    nationwide = models.BooleanField(_("全国で取り扱う"), default=False)
    principles_signatory = models.BooleanField(_("21世紀金融行動原則に署名"), default=False)
    principles_note = models.CharField(
        _("21世紀金融行動原則での取組"),
        max_length=200,
        blank=True,
        help_text=_("参加しているワーキンググループ（持続可能な地域WGなど）"),
    )
    summary = models.TextField(_("ESG地域金融の取組"), blank=True)
    is_published = models.BooleanField(_("公開"), default=False)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("金融機関")
        verbose_name_plural = _("金融機関")
        ordering = ["organization__name", "id"]

    def __str__(self) -> str:
        return self.organization.name


class OfferKind(models.TextChoices):
    LOAN = "loan", _("ESG融資・サステナビリティ融資")
    FUND = "fund", _("ファンド（出資）")
    GREEN_FUND = "green_fund", _("グリーンファンド")
    GUARANTEE = "guarantee", _("保証・その他の支援")


class Offer(models.Model):
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="offers", verbose_name=_("金融機関")
    )
    kind = models.CharField(_("種類"), max_length=20, choices=OfferKind.choices, db_index=True)
    title = models.CharField(_("名称"), max_length=200)
    summary = models.TextField(_("概要"))
    conditions = models.TextField(
        _("対象・条件"), help_text=_("対象となる事業、金額、期間、金利の考え方など")
    )
    contact = models.TextField(_("問合せ先"), help_text=_("部署名、電話番号、メールアドレスなど"))
    url = models.URLField(_("詳しい案内のページ"), blank=True)
    prefectures = models.ManyToManyField(
        "municipalities.Municipality",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "prefecture"},
        verbose_name=_("対象地域（都道府県）"),
        help_text=_("空欄のときは金融機関の営業区域"),
    )
    is_published = models.BooleanField(_("公開"), default=False)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("ESG金融の商品・取組")
        verbose_name_plural = _("ESG金融の商品・取組")
        ordering = ["-updated_at", "id"]

    def __str__(self) -> str:
        return self.title


class Consent(models.Model):
    """A region's consent to show its registration and plans to registered financial institutions."""

    region = models.OneToOneField(
        "registry.RegionRegistration",
        on_delete=models.CASCADE,
        related_name="finance_consent",
        verbose_name=_("実践地域等"),
    )
    active = models.BooleanField(_("同意している"), default=False, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("変更者")
    )
    changed_at = models.DateTimeField(_("変更日時"), auto_now=True)

    class Meta:
        verbose_name = _("金融機関への公開の同意")
        verbose_name_plural = _("金融機関への公開の同意")

    def __str__(self) -> str:
        return str(self.region)

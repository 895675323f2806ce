"""Organizations (local governments, companies, NPOs, ...) and the people who act for them."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from junkan.common.fields import validate_corporate_number_value
from junkan.municipalities.models import MUNICIPALITY_KINDS, MunicipalityKind


class OrganizationKind(models.TextChoices):
    """Identifiers used in code and in the API; they never change."""

    PREFECTURE = "prefecture", _("都道府県")
    MUNICIPALITY = "municipality", _("市町村")
    SPECIAL_WARD = "special_ward", _("特別区")
    MUNICIPAL_UNION = "municipal_union", _("一部事務組合")
    WIDE_AREA_UNION = "wide_area_union", _("広域連合")
    COMPANY = "company", _("民間企業")
    COOPERATIVE = "cooperative", _("協同組合")
    ASSOCIATION = "association", _("社団法人・財団法人")
    NPO = "npo", _("NPO法人")
    FINANCIAL_INSTITUTION = "financial_institution", _("金融機関")
    INDEPENDENT_AGENCY = "independent_agency", _("独立行政法人")
    UNIVERSITY = "university", _("大学・研究機関")
    OTHER = "other", _("その他")


# Which municipality-master kinds each local-government organization kind may link to.
LOCAL_GOVERNMENT_KINDS: dict[str, frozenset[str]] = {
    OrganizationKind.PREFECTURE: frozenset({MunicipalityKind.PREFECTURE}),
    OrganizationKind.MUNICIPALITY: MUNICIPALITY_KINDS,
    OrganizationKind.SPECIAL_WARD: frozenset({MunicipalityKind.SPECIAL_WARD}),
    OrganizationKind.MUNICIPAL_UNION: frozenset({MunicipalityKind.MUNICIPAL_UNION}),
    OrganizationKind.WIDE_AREA_UNION: frozenset({MunicipalityKind.WIDE_AREA_UNION}),
}


class Organization(models.Model):
    """An organization that applies, registers or partners. A local government links to the master."""

    kind = models.CharField(_("種別"), max_length=24, choices=OrganizationKind.choices, db_index=True)
    name = models.CharField(_("名称"), max_length=200)
    name_kana = models.CharField(_("名称（ふりがな）"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("地方公共団体"),
    )
    corporate_number = models.CharField(
        _("法人番号"), max_length=13, blank=True, validators=[validate_corporate_number_value]
    )
    postal_code = models.CharField(_("郵便番号"), max_length=8, blank=True)
    address = models.CharField(_("所在地"), max_length=255, blank=True)
    phone = models.CharField(_("電話番号"), max_length=20, blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    created_at = models.DateTimeField(_("登録日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("組織")
        verbose_name_plural = _("組織")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False)
                | ~models.Q(kind__in=list(LOCAL_GOVERNMENT_KINDS)),
                name="organization_local_government_has_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local_government(self) -> bool:
        return self.kind in LOCAL_GOVERNMENT_KINDS

    def clean(self) -> None:
        """A local government links to a master entry of the matching kind; others link to none."""
        allowed = LOCAL_GOVERNMENT_KINDS.get(self.kind)
        if allowed is None:
            if self.municipality_id is not None:
                raise ValidationError({"municipality": _("地方公共団体以外の組織には団体を指定できません。")})
            return
        if self.municipality_id is None:
            raise ValidationError({"municipality": _("地方公共団体を指定してください。")})
        if self.municipality.kind not in allowed:
            raise ValidationError(
                {
                    "municipality": _("「%(name)s」は%(kind)sではありません。")
                    % {"name": self.municipality.full_name, "kind": self.get_kind_display()}
                }
            )


class MembershipRole(models.TextChoices):
    OWNER = "owner", _("管理者")
    MEMBER = "member", _("メンバー")


class Membership(models.Model):
    """A person acting for an organization. Owners manage members; members act in its name."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("組織")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("利用者"),
    )
    role = models.CharField(
        _("組織での役割"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    department = models.CharField(_("所属部署"), max_length=200, blank=True)
    title = models.CharField(_("役職"), max_length=100, blank=True)
    # The owner lets this member submit and withdraw applications in the organization's name.
    acts_for_applications = models.BooleanField(
        _("応募の提出・取下げを任せる"),
        default=False,
        help_text=_("管理者のほか、この人も組織の名義で応募を提出し、取り下げることができます。"),
    )
    joined_at = models.DateTimeField(_("参加日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("所属")
        verbose_name_plural = _("所属")
        ordering = ["organization__name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="organizations_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"

    @property
    def is_owner(self) -> bool:
        """Whether this person is an owner (管理者) of the organization."""
        return self.role == MembershipRole.OWNER

    @property
    def may_act_for_applications(self) -> bool:
        """Submits and withdraws applications for the organization: owners, and members an owner allows."""
        return self.is_owner or self.acts_for_applications


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry() -> timezone.datetime:
    return timezone.now() + timedelta(days=14)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("未承諾")
    ACCEPTED = "accepted", _("承諾済み")
    REVOKED = "revoked", _("取消し")


class Invitation(models.Model):
    """An owner's invitation to an e-mail address to join the organization."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("組織")
    )
    email = models.EmailField(_("招待先メールアドレス"))
    role = models.CharField(
        _("組織での役割"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    status = models.CharField(
        _("状態"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("招待者"),
    )
    created_at = models.DateTimeField(_("招待日時"), auto_now_add=True)
    expires_at = models.DateTimeField(_("有効期限"), default=_invitation_expiry)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承諾者"),
    )

    class Meta:
        verbose_name = _("招待")
        verbose_name_plural = _("招待")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=models.Q(status="pending"),
                name="organizations_invitation_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

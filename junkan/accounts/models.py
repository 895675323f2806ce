"""People and their platform roles.

A person logs in with an e-mail address. Organization membership lives in the
organizations app; platform-wide roles (secretariat, reviewer, expert, administrator)
live here as grants so that each grant is audited and can be revoked.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    """Manager for a user model whose login is the e-mail address."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).strip(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. ``full_name`` is written as the person writes it (姓 名), never normalized."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("メールアドレス"), unique=True)
    full_name = models.CharField(_("氏名"), max_length=100)
    full_name_kana = models.CharField(_("氏名（ふりがな）"), max_length=100, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("利用者")
        verbose_name_plural = _("利用者")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name

    @property
    def role_set(self) -> frozenset[str]:
        """The person's platform roles, loaded once per request."""
        cached = getattr(self, "_role_set", None)
        if cached is None:
            cached = frozenset(self.role_grants.values_list("role", flat=True)) if self.pk else frozenset()
            self._role_set = cached
        return cached

    def has_role(self, role: str) -> bool:
        return role in self.role_set


class Role(models.TextChoices):
    """Platform-wide roles. Secretariat scope per program is added by the programs app."""

    SECRETARIAT = "secretariat", _("事務局")
    REVIEWER = "reviewer", _("審査委員")
    EXPERT = "expert", _("専門家")
    ADMINISTRATOR = "administrator", _("システム管理者")
    HUB_STAFF = "hub_staff", _("地方環境事務所・EPOの職員")


# Roles whose holders must log in with a second factor (TOTP).
TWO_FACTOR_ROLES = frozenset({Role.SECRETARIAT, Role.REVIEWER, Role.ADMINISTRATOR, Role.HUB_STAFF})
# Roles that open the Django admin (is_staff).
STAFF_ROLES = frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR})


class RoleGrant(models.Model):
    """One platform role held by one person. Created and removed only through accounts.services."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_grants",
        verbose_name=_("利用者"),
    )
    role = models.CharField(_("役割"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("付与日時"), auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("付与者"),
    )

    class Meta:
        verbose_name = _("役割")
        verbose_name_plural = _("役割")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="accounts_rolegrant_unique")]

    def __str__(self) -> str:
        return f"{self.user} / {self.get_role_display()}"

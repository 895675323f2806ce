"""Every e-mail the platform sends to a person, in one place, for the notification list of the start page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One e-mail as sent to one address; ``user`` is the person with that address, when there is one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("利用者"),
    )
    address = models.EmailField(_("宛先"))
    subject = models.CharField(_("件名"), max_length=300)
    body = models.TextField(_("本文"), blank=True)
    sent_at = models.DateTimeField(_("送信日時"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("お知らせメール")
        verbose_name_plural = _("お知らせメール")
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["user", "-sent_at"], name="dashboard_notification_user")]

    def __str__(self) -> str:
        return self.subject

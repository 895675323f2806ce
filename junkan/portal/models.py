"""News of the platform (お知らせ), written by the secretariat in the admin."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NewsQuerySet(models.QuerySet["News"]):
    def published(self) -> NewsQuerySet:
        """Items marked published whose publication time has come, newest first."""
        return self.filter(is_published=True, published_at__lte=timezone.now()).order_by(
            "-published_at", "-id"
        )


class News(models.Model):
    title = models.CharField(_("見出し"), max_length=200)
    body = models.TextField(_("本文"), help_text=_("段落は空行で区切ります。"))
    published_at = models.DateTimeField(
        _("公開日時"), default=timezone.now, help_text=_("この日時から公開されます（予約公開）。")
    )
    is_published = models.BooleanField(_("公開する"), default=False)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("お知らせ")
        verbose_name_plural = _("お知らせ")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["is_published", "-published_at"], name="portal_news_public")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:news_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.is_published and self.published_at <= timezone.now()

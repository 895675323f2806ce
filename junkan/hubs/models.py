"""Regional hubs of the platform (seed 000): the Ministry's 地方環境事務所 and the
環境パートナーシップオフィス (EPO, 全国8カ所), each with its area as a set of prefectures, and the people who
work for them on the platform.

A hub is a model of its own rather than an ``Organization``: hubs do not apply, register or sign
contracts; they are public bodies with an area, and what matters is which prefectures they cover.
The shipped hubs and their areas are loaded by migration 0002 (see its docstring for the sources and the
simplifications).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HubKind(models.TextChoices):
    REGIONAL_OFFICE = "regional_office", _("地方環境事務所")
    EPO = "epo", _("環境パートナーシップオフィス（EPO）")


class Hub(models.Model):
    """A regional hub and the prefectures of its area."""

    slug = models.SlugField(_("識別子"), max_length=40, unique=True)
    kind = models.CharField(_("種別"), max_length=20, choices=HubKind.choices, db_index=True)
    name = models.CharField(_("名称"), max_length=100)
    location = models.CharField(_("所在地"), max_length=100, blank=True)
    website = models.URLField(_("ウェブサイト"), blank=True)
    prefectures = models.ManyToManyField(
        "municipalities.Municipality",
        related_name="hubs",
        limit_choices_to={"kind": "prefecture"},
        verbose_name=_("担当区域（都道府県）"),
    )
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("地域の拠点")
        verbose_name_plural = _("地域の拠点")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class HubStaff(models.Model):
    """A person who works for a hub on the platform (with the platform role ``hub_staff``)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="staff", verbose_name=_("拠点"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="hub_assignments",
        verbose_name=_("職員"),
    )
    added_at = models.DateTimeField(_("登録日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("拠点の職員")
        verbose_name_plural = _("拠点の職員")
        constraints = [models.UniqueConstraint(fields=["hub", "user"], name="hubs_hubstaff_unique")]

    def __str__(self) -> str:
        return f"{self.hub} / {self.user}"

"""Case studies (しる) and guides (まなぶ), written and published by the secretariat.

A case study describes what a region did and what came of it: the area (municipalities from the
master, possibly across prefectures, and optionally the approved practice-region registration it
belongs to), themes, local resources and SDG goals (the registry's vocabularies), outcomes as
typed figures, funding and sources. Guides are learning materials in a small Markdown-like text
(see ``markup.py``). Only published ones are public.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from junkan.registry.models import LocalResource, RegistrationStatus, SdgGoal


class CaseTheme(models.Model):
    """A theme a case study is filed under (再生可能エネルギー, 資源循環, ...), from ``data/themes.csv``."""

    code = models.SlugField(_("コード"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("事例のテーマ")
        verbose_name_plural = _("事例のテーマ")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class PublishedQuerySet(models.QuerySet):
    def published(self) -> PublishedQuerySet:
        return self.filter(published=True)


class Publishable(models.Model):
    """Published pages carry the time they were first published (lists and sitemaps order by it)."""

    published = models.BooleanField(_("公開"), default=False)
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.published and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)


RESERVED_CASE_SLUGS = frozenset({"guides"})


def validate_case_slug(value: str) -> None:
    """/cases/guides/ is the list of guides, so no case study may be called that."""
    if value in RESERVED_CASE_SLUGS:
        raise ValidationError(_("「%(slug)s」は識別子に使えません。") % {"slug": value})


class CaseStudy(Publishable):
    slug = models.SlugField(_("識別子（URL）"), max_length=80, unique=True, validators=[validate_case_slug])
    title = models.CharField(_("事例名"), max_length=200)
    summary = models.TextField(
        _("概要"), max_length=400, help_text=_("一覧と検索結果に表示する2〜3文の紹介です。")
    )
    region_label = models.CharField(
        _("地域の表示名"),
        max_length=100,
        blank=True,
        help_text=_("「北岩手9市町村」など。空欄なら対象市区町村の名称を並べて表示します。"),
    )
    municipalities = models.ManyToManyField(
        "municipalities.Municipality",
        related_name="+",
        verbose_name=_("対象地域"),
        help_text=_("市区町村または都道府県。複数の都道府県にまたがっても構いません。"),
    )
    region_registration = models.ForeignKey(
        "registry.RegionRegistration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_studies",
        limit_choices_to={"status": RegistrationStatus.APPROVED},
        verbose_name=_("実践地域等登録"),
        help_text=_("登録済みの実践地域の取組であれば選びます。登録が公開中のときだけリンクを表示します。"),
    )
    themes = models.ManyToManyField(
        CaseTheme, blank=True, related_name="case_studies", verbose_name=_("テーマ")
    )
    resources = models.ManyToManyField(
        LocalResource, blank=True, related_name="+", verbose_name=_("活用した地域資源")
    )
    sdg_goals = models.ManyToManyField(SdgGoal, blank=True, related_name="+", verbose_name=_("SDGsゴール"))
    background = models.TextField(_("背景と課題"), blank=True)
    actions = models.TextField(
        _("取組の内容"), help_text=_("見出し（## ）、箇条書き（- ）、引用（> ）が使えます。")
    )
    outcomes_note = models.TextField(_("成果の説明"), blank=True)
    funding = models.TextField(_("資金・財源"), blank=True)
    stakeholders = models.TextField(_("主な関係者"), blank=True)

    class Meta:
        verbose_name = _("事例")
        verbose_name_plural = _("事例")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.slug])

    @property
    def region_text(self) -> str:
        """「北岩手9市町村」, or the names of the municipalities (uses the prefetched set)."""
        return self.region_label or "、".join(m.full_name for m in self.municipalities.all())


class CaseOutcome(models.Model):
    """One outcome as a figure: 「CO2削減量」 1,200 「t-CO2/年」."""

    case = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("事例")
    )
    label = models.CharField(_("項目"), max_length=100)
    value = models.DecimalField(_("数値"), max_digits=16, decimal_places=3)
    unit = models.CharField(_("単位"), max_length=30, blank=True)
    note = models.CharField(_("注記"), max_length=200, blank=True, help_text=_("時点や算定方法など。"))
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("成果の数値")
        verbose_name_plural = _("成果の数値")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.label} {self.value}{self.unit}"


class CaseSource(models.Model):
    """Where the facts of a case come from."""

    case = models.ForeignKey(
        CaseStudy, on_delete=models.CASCADE, related_name="sources", verbose_name=_("事例")
    )
    title = models.CharField(_("出典"), max_length=300)
    url = models.URLField(_("URL"), blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("出典")
        verbose_name_plural = _("出典")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class GuideCategory(models.TextChoices):
    BASICS = "basics", _("地域循環共生圏の基本")
    CONCEPT = "concept", _("構想づくり")
    BUSINESS = "business", _("ローカルSDGsビジネス")
    PLATFORM = "platform", _("地域プラットフォームの運営")
    SUPPORT = "support", _("支援の活用")


class Guide(Publishable):
    """A guide or learning material (まなぶ). The body is a small Markdown-like text."""

    slug = models.SlugField(_("識別子（URL）"), max_length=80, unique=True)
    title = models.CharField(_("題名"), max_length=200)
    summary = models.TextField(_("概要"), max_length=400)
    body = models.TextField(
        _("本文"),
        help_text=_(
            "空行で段落を分けます。「## 」で見出し、「- 」で箇条書き、「1. 」で番号付きの箇条書き、"
            "「> 」で引用、**太字**、[リンクの文字](https://…) が使えます。"
        ),
    )
    category = models.CharField(_("分類"), max_length=20, choices=GuideCategory.choices, db_index=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("学びのガイド")
        verbose_name_plural = _("学びのガイド")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:guide", args=[self.slug])

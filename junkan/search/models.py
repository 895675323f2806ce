"""The search index: one document per public object, and its terms.

Only public objects are indexed (published case studies and guides, approved regions, organizations
with an approved registration, solutions of approved company registrations), so a search can never
show anything else. The index is derived data: ``services`` keeps it in step with the objects on
every save (signals), and ``manage.py rebuild_search_index`` writes it anew.

Filters are space-delimited lists with a space at each end (" 13 20 "), so that a ``contains``
lookup on " 13 " selects a value exactly on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    CASE = "case", _("事例")
    GUIDE = "guide", _("学びのガイド")
    REGION = "region", _("実践地域")
    ORGANIZATION = "organization", _("団体")
    SOLUTION = "solution", _("ソリューション")


class SearchDocument(models.Model):
    kind = models.CharField(_("種類"), max_length=20, choices=DocumentKind.choices, db_index=True)
    object_id = models.PositiveIntegerField(_("対象のID"))
    title = models.CharField(_("題名"), max_length=300)
    url = models.CharField(_("URL"), max_length=300)
    summary = models.TextField(_("概要"), blank=True)
    text = models.TextField(_("本文"), blank=True, help_text=_("抜粋の表示に使う本文（書式なし）"))
    prefectures = models.CharField(_("都道府県コード"), max_length=200, blank=True, default=" ")
    resources = models.CharField(_("地域資源"), max_length=400, blank=True, default=" ")
    goals = models.CharField(_("SDGsゴール"), max_length=100, blank=True, default=" ")
    tokens = models.TextField(_("索引語"), blank=True, help_text=_("本文の索引語を空白で区切ったもの"))
    length = models.PositiveIntegerField(_("本文の語数"), default=0)
    title_length = models.PositiveIntegerField(_("題名の語数"), default=0)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("検索文書")
        verbose_name_plural = _("検索文書")
        ordering = ["kind", "object_id"]
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class SearchTerm(models.Model):
    """How often a term occurs in a document's body (``tf``) and title (``title_tf``)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(_("索引語"), max_length=100)
    tf = models.PositiveIntegerField(_("本文での出現回数"), default=0)
    title_tf = models.PositiveIntegerField(_("題名での出現回数"), default=0)

    class Meta:
        verbose_name = _("索引語")
        verbose_name_plural = _("索引語")
        constraints = [models.UniqueConstraint(fields=["document", "term"], name="search_term_unique")]
        indexes = [models.Index(fields=["term", "document"], name="search_term_lookup")]

    def __str__(self) -> str:
        return self.term

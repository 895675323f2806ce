"""Questions about a call and their public answers (seed 002 §6 asks for questions by e-mail with a fixed
subject; here they come through the platform).

A question is received until the secretariat answers it: published (an anonymised wording of the question and
the answer on the call's page, with the date of the answer), or answered to the asker only when it concerns
nobody else. The question as sent is never shown publicly. See ``callqa/processes.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", _("回答待ち")
    PUBLISHED = "published", _("回答を公開")
    ANSWERED_PRIVATELY = "private", _("質問者にのみ回答")


class Question(models.Model):
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="questions", verbose_name=_("公募")
    )
    project_type = models.ForeignKey(
        "programs.ProjectType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("どの事業についての質問か"),
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("質問者")
    )
    organization_name = models.CharField(_("所属"), max_length=200)
    body = models.TextField(_("質問"))
    status = models.CharField(
        _("状態"),
        max_length=10,
        choices=QuestionStatus.choices,
        default=QuestionStatus.RECEIVED,
        db_index=True,
    )
    public_question = models.TextField(
        _("公開する質問文"), blank=True, help_text=_("質問者が特定されないように書き直した質問")
    )
    answer = models.TextField(_("回答"), blank=True)
    answered_at = models.DateTimeField(_("回答日時"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("受付日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("公募への質問")
        verbose_name_plural = _("公募への質問")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.program.short_name or self.program.name} #{self.pk}"

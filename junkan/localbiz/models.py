"""The three criteria of 「ローカルSDGsビジネス」 (seed 000 【※ローカルSDGsビジネスの定義】) as claims.

A solution's company declares which criteria it meets, with how; the secretariat confirms each claim or sends
it back with a reason. Case studies are written by the secretariat, which declares and confirms at once. Only
confirmed claims are shown publicly and used by the directories' filters. A changed explanation needs a new
confirmation.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Criterion(models.IntegerChoices):
    CIRCULATION = 1, _("①地域資源を活用し、地域内で資金、エネルギーや食などが循環している")
    COMPLEMENT = 2, _("②地域間で補完し支え合いの関係が構築できている")
    SELF_RELIANCE = 3, _("③環境を含むそれぞれの地域課題を解決し、自立分散型の社会づくりにつながる")


SHORT = {1: "①", 2: "②", 3: "③"}


class ClaimStatus(models.TextChoices):
    DECLARED = "declared", _("確認待ち")
    CONFIRMED = "confirmed", _("事務局確認済み")
    RETURNED = "returned", _("差戻し")


class Claim(models.Model):
    solution = models.ForeignKey(
        "registry.Solution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="localbiz_claims",
        verbose_name=_("ソリューション"),
    )
    case_study = models.ForeignKey(
        "cases.CaseStudy",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="localbiz_claims",
        verbose_name=_("事例"),
    )
    criterion = models.PositiveSmallIntegerField(_("要件"), choices=Criterion.choices)
    explanation = models.TextField(_("どのように満たしているか"))
    status = models.CharField(
        _("状態"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.DECLARED, db_index=True
    )
    return_reason = models.TextField(_("差戻しの理由"), blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("申告者")
    )
    declared_at = models.DateTimeField(_("申告日時"), auto_now_add=True)
    decided_at = models.DateTimeField(_("確認日時"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("ローカルSDGsビジネスの要件")
        verbose_name_plural = _("ローカルSDGsビジネスの要件")
        ordering = ["criterion", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(solution__isnull=False, case_study__isnull=True)
                | models.Q(solution__isnull=True, case_study__isnull=False),
                name="localbiz_claim_one_target",
            ),
            models.UniqueConstraint(
                fields=["solution", "criterion"],
                condition=models.Q(solution__isnull=False),
                name="localbiz_claim_solution_once",
            ),
            models.UniqueConstraint(
                fields=["case_study", "criterion"],
                condition=models.Q(case_study__isnull=False),
                name="localbiz_claim_case_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.solution or self.case_study} {SHORT.get(self.criterion, '')}"

    @property
    def target(self):  # type: ignore[no-untyped-def]
        return self.solution or self.case_study

    @property
    def is_confirmed(self) -> bool:
        """Shown publicly and used by the directories' filters only when confirmed."""
        return self.status == ClaimStatus.CONFIRMED

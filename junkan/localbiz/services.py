"""Declaring and confirming the criteria (every change audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.audit.services import record
from junkan.common.permissions import enforce
from junkan.localbiz import permissions
from junkan.localbiz.models import Claim, ClaimStatus


def declare(actor: Any, target: Any, explanations: dict[int, str], *, confirm: bool = False) -> list[Claim]:
    """Set the claims of a solution or case study (``{criterion: explanation}``); the rest are withdrawn.

    A claim whose explanation changes goes back to 確認待ち. ``confirm`` (the secretariat on a case study)
    confirms at once."""
    from junkan.cases.models import CaseStudy

    is_case = isinstance(target, CaseStudy)
    check = permissions.can_declare_for_case if is_case else permissions.can_declare_for_solution
    enforce(check(actor, target))
    key = "case_study" if is_case else "solution"
    now = timezone.now()
    with transaction.atomic():
        existing = {c.criterion: c for c in Claim.objects.select_for_update().filter(**{key: target})}
        for criterion, dropped in existing.items():
            if criterion not in explanations:
                dropped.delete()
                record(actor, "localbiz.claim.withdrawn", target, data={"criterion": criterion})
        kept = []
        for criterion, text in sorted(explanations.items()):
            text = text.strip()
            if not text:
                raise ValidationError(_("満たしている要件には、どのように満たしているかを書いてください。"))
            claim = existing.get(criterion)
            status = ClaimStatus.CONFIRMED if confirm else ClaimStatus.DECLARED
            if claim is None:
                claim = Claim.objects.create(
                    criterion=criterion,
                    explanation=text,
                    declared_by=actor,
                    status=status,
                    decided_at=now if confirm else None,
                    **{key: target},
                )
                record(
                    actor,
                    "localbiz.claim.declared",
                    target,
                    data={"criterion": criterion, "confirmed": confirm},
                )
            elif claim.explanation != text or (confirm and claim.status != ClaimStatus.CONFIRMED):
                claim.explanation = text
                claim.status = status
                claim.declared_by = actor
                claim.decided_at = now if confirm else None
                claim.return_reason = ""
                claim.save(
                    update_fields=[
                        "explanation",
                        "status",
                        "declared_by",
                        "decided_at",
                        "return_reason",
                        "updated_at",
                    ]
                )
                record(
                    actor,
                    "localbiz.claim.declared",
                    target,
                    data={"criterion": criterion, "confirmed": confirm},
                )
            kept.append(claim)
    return kept


def decide(actor: Any, claim: Claim, confirm: bool, reason: str = "") -> Claim:
    enforce(permissions.can_decide(actor))
    reason = reason.strip()
    if not confirm and not reason:
        raise ValidationError(_("差戻しの理由を入力してください。"))
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if locked.status != ClaimStatus.DECLARED:
            raise ValidationError(_("確認待ちの申告ではありません。"))
        before = locked.status
        locked.status = ClaimStatus.CONFIRMED if confirm else ClaimStatus.RETURNED
        locked.return_reason = "" if confirm else reason
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "return_reason", "decided_at", "updated_at"])
        record(
            actor,
            "localbiz.claim.confirmed" if confirm else "localbiz.claim.returned",
            locked.target,
            changes={"status": [before, locked.status]},
            data={"criterion": locked.criterion, "reason": reason},
        )
    return locked


def confirmed_solution_ids(criterion: int) -> Any:
    return Claim.objects.filter(
        criterion=criterion, status=ClaimStatus.CONFIRMED, solution__isnull=False
    ).values("solution_id")


def confirmed_case_ids(criterion: int) -> Any:
    return Claim.objects.filter(
        criterion=criterion, status=ClaimStatus.CONFIRMED, case_study__isnull=False
    ).values("case_study_id")

"""Budgets, the committee's decisions, the proposal recorded, notification and publication."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.accounts.models import User
from junkan.applications.models import Application, ApplicationStatus
from junkan.audit.services import diff, record, snapshot
from junkan.common.permissions import enforce
from junkan.common.workflow import transition
from junkan.programs.models import ProjectType
from junkan.review import analysis, permissions
from junkan.review.engine import scoring
from junkan.review.models import (
    Budget,
    Committee,
    Decision,
    Outcome,
)
from junkan.review.services.committee import _lock_committee, _locked_for_change

# Budgets and decisions -------------------------------------------------------------------------------------


def set_budgets(actor: User, committee: Committee, amounts: Mapping[ProjectType, int | None]) -> None:
    """The budget of each type (None removes it); the proposal adopts within it."""
    enforce(permissions.can_change_review(actor, committee))
    with transaction.atomic():
        committee = _locked_for_change(actor, committee)
        existing = {b.project_type_id: b for b in Budget.objects.filter(committee=committee)}
        changes: dict[str, list[Any]] = {}
        for project_type, amount in amounts.items():
            if project_type.program_id != committee.program_id:
                raise ValidationError(_("この公募の事業区分ではありません。"))
            if amount is not None and amount < 0:
                raise ValidationError(_("予算額は0円以上で入力してください。"))
            budget = existing.get(project_type.pk)
            before = budget.amount if budget else None
            if before == amount:
                continue
            if amount is None:
                budget.delete()  # type: ignore[union-attr]
            elif budget is None:
                Budget.objects.create(committee=committee, project_type=project_type, amount=amount)
            else:
                budget.amount = amount
                budget.save(update_fields=["amount"])
            changes[project_type.code] = [before, amount]
        if changes:
            record(actor, "review.budget.set", committee, changes=changes)


DECISION_FIELDS = ["outcome", "conditions", "reasons", "amount", "area"]


def default_area(application: Application) -> str:
    """The area published with an adopted project: the lead applicant's local government, if any."""
    municipality = application.organization.municipality
    return municipality.full_name if municipality is not None else ""


def _check_decision(application: Application, data: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if data["outcome"] not in Outcome.values:
        errors["outcome"] = _("採否を選んでください。")
    if not data["reasons"]:
        errors["reasons"] = _(
            "採否の理由を記入してください（記録として保存され、申請者には開示されません）。"
        )
    if data["outcome"] == Outcome.ADOPTED_WITH_CONDITIONS and not data["conditions"]:
        errors["conditions"] = _("条件付き採択とするときは、採択の条件を記入してください。")
    if data["outcome"] != Outcome.ADOPTED_WITH_CONDITIONS and data["conditions"]:
        errors["conditions"] = _("採択の条件は、条件付き採択のときだけ記入してください。")
    if data["outcome"] in (Outcome.ADOPTED, Outcome.ADOPTED_WITH_CONDITIONS):
        if data["amount"] is None or data["amount"] <= 0:
            errors["amount"] = _("採択額を1円以上で入力してください。")
        elif data["amount"] > application.requested_amount:
            errors["amount"] = _("採択額は補助金所要額（%(amount)s円）以下にしてください。") % {
                "amount": f"{application.requested_amount:,}"
            }
    if errors:
        raise ValidationError(errors)


def decide(actor: User, committee: Committee, application: Application, data: Mapping[str, Any]) -> Decision:
    """Record (or change, while reviewing) the committee's decision on one application, with reasons."""
    enforce(permissions.can_change_review(actor, committee))
    outcome = data.get("outcome") or ""
    values = {
        "outcome": outcome,
        "conditions": (data.get("conditions") or "").strip(),
        "reasons": (data.get("reasons") or "").strip(),
        "amount": data.get("amount"),
        "area": (data.get("area") or "").strip() or default_area(application),
    }
    if outcome == Outcome.NOT_ADOPTED:
        values["amount"] = 0
    elif values["amount"] is None:
        values["amount"] = application.requested_amount
    if application.program_id != committee.program_id or application.status != ApplicationStatus.ACCEPTED:
        raise ValidationError(_("審査中の応募ではありません。"))
    _check_decision(application, values)
    with transaction.atomic():
        committee = _lock_committee(committee)
        enforce(permissions.can_change_review(actor, committee))
        decision = Decision.objects.select_for_update(of=("self",)).filter(application=application).first()
        if decision is None:
            decision = Decision.objects.create(
                committee=committee,
                application=application,
                decided_by=actor,
                decided_at=timezone.now(),
                **values,
            )
            record(
                actor, "review.decision.recorded", decision, data={**values, "application": application.pk}
            )
            return decision
        before = snapshot(decision, DECISION_FIELDS)
        for name, value in values.items():
            setattr(decision, name, value)
        changes = diff(before, snapshot(decision, DECISION_FIELDS))
        if changes:
            decision.decided_by, decision.decided_at = actor, timezone.now()
            decision.save(update_fields=[*changes, "decided_by", "decided_at"])
            record(actor, "review.decision.changed", decision, changes=changes)
    return decision


def apply_proposal(actor: User, committee: Committee) -> int:
    """Record the proposal as the decisions of the applications not yet decided; how many were recorded."""
    enforce(permissions.can_change_review(actor, committee))
    results = analysis.compute_results(committee)
    missing = sorted({a.project_type for a in results.applications} - set(results.budgets))
    if missing:
        raise ValidationError(
            _("予算額が入力されていない事業区分があります：%(types)s") % {"types": "、".join(missing)}
        )
    undecided = [a.pk for a in results.applications if a.pk not in results.decisions]
    instances = Application.objects.select_related("organization__municipality").in_bulk(undecided)
    made = 0
    for row in results.applications:
        if row.pk in results.decisions:
            continue
        application = instances[row.pk]
        proposal = results.proposals[row.project_type]
        result = results.results[application.pk]
        score = scoring.display(result.score)
        if application.pk in proposal.chosen:
            data = {
                "outcome": Outcome.ADOPTED,
                "amount": application.requested_amount,
                "reasons": _(
                    "審査委員の評点の平均%(score)s点（事業区分内%(rank)s位）。予算の範囲内で合計点が最大となる採択案に含まれるため採択。"
                )
                % {"score": score, "rank": result.rank},
            }
        else:
            excluded = {e.application_id: e.label for e in proposal.excluded}
            reason = excluded.get(application.pk) or _(
                "審査委員の評点の平均%(score)s点（事業区分内%(rank)s位）。予算の範囲内の採択案に含まれないため不採択。"
            ) % {"score": score, "rank": result.rank or "－"}
            data = {"outcome": Outcome.NOT_ADOPTED, "reasons": reason}
        decide(actor, committee, application, data)
        made += 1
    return made


def finalize(actor: User, committee: Committee) -> int:
    """採否確定: fix the decisions and notify every applicant of the result (no review detail); how many
    notified. The move ``decided`` of :data:`junkan.review.processes.COMMITTEE`."""
    from junkan.review.processes import COMMITTEE

    with transaction.atomic():
        committee = _lock_committee(committee)
        applications = list(analysis.review_applications(committee))
        decisions = {
            d.application_id: d
            for d in Decision.objects.filter(committee=committee).select_for_update(of=("self",))
        }
        current = [decisions[a.pk] for a in applications if a.pk in decisions]
        transition(
            COMMITTEE,
            actor,
            committee,
            "decided",
            data={
                "notified": [d.application_id for d in current],
                "adopted": sum(1 for d in current if d.is_adopted),
                "decisions": [d.pk for d in current],
            },
        )
    return len(current)


def publish(actor: User, committee: Committee) -> Committee:
    """Publish the adopted projects and the counts per type (public page, CSV and JSON)."""
    from junkan.review.processes import COMMITTEE

    return transition(COMMITTEE, actor, committee, "published")

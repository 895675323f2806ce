"""事後評価 (seed 003 §9(4)イ): recorded by the secretariat the year after the project ended.

The grantee reads it on the project.

:func:`record_evaluation` creates or updates a project's evaluation (audited, with the changed fields); the
CO2 achievement is computed from the completion report's promised reduction by the engine. :func:`projects`
lists the projects that owe one, filtered by where they stand (:mod:`junkan.grants.engine.post_evaluation`).
:func:`plans_for` offers the regional business plans of the grantee's region to link the feedback to.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from junkan.audit.services import record
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import post_evaluation as engine
from junkan.grants.models import PostEvaluation, PostEvaluationRating, Project
from junkan.regional.models import BusinessPlan

FIELDS: Final = (
    "evaluated_on",
    "rating",
    "evaluation",
    "actual_t_co2",
    "feedback_to_plan",
    "business_plan",
    "ministry_note",
)
FILTERS: Final = ("due", "overdue", "done", "not_yet")


def plans_for(project: Project) -> QuerySet[BusinessPlan]:
    """The business plans of the regions the grantee registered or takes part in (empty if none)."""
    organization = project.organization
    condition = Q(region__organization=organization)
    if organization.municipality_id is not None:
        condition |= Q(region__municipalities=organization.municipality_id) | Q(
            region__partner_government=organization.municipality_id
        )
    return BusinessPlan.objects.filter(condition).select_related("region").distinct().order_by("-created_at")


def projects(filter_name: str, today: date) -> QuerySet[Project]:
    """Completed projects that owe a post-evaluation, with it when recorded, by ``filter_name``."""
    qs = (
        Project.objects.filter(status__in=permissions.EVALUATED_STATES, completed_on__isnull=False)
        .select_related("organization", "program", "post_evaluation")
        .order_by("completed_on", "id")
    )
    overdue_before = engine.overdue_if_completed_before(today)
    year_starts = engine.evaluation_year_starts(today)
    if filter_name == "done":
        return qs.filter(post_evaluation__isnull=False).order_by("-post_evaluation__evaluated_on", "id")
    qs_open = qs.filter(post_evaluation__isnull=True)
    if filter_name == "overdue":
        return qs_open.filter(completed_on__lt=overdue_before)
    if filter_name == "due":
        return qs_open.filter(completed_on__gte=overdue_before, completed_on__lt=year_starts)
    if filter_name == "not_yet":
        return qs_open.filter(completed_on__gte=year_starts)
    return qs


def counts(today: date) -> dict[str, int]:
    """How many projects each filter shows."""
    return {name: projects(name, today).count() for name in FILTERS}


def record_evaluation(actor: Any, project: Project, **values: Any) -> PostEvaluation:
    """Record (or correct) the project's post-evaluation as the secretariat; audited with the changes."""
    enforce(permissions.can_record_post_evaluation(actor, project))
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    errors: dict[str, str] = {}
    if values.get("rating") not in PostEvaluationRating.values:
        errors["rating"] = _("総合評価を選んでください。")
    if not str(values.get("evaluation") or "").strip():
        errors["evaluation"] = _("評価の内容を入力してください。")
    evaluated_on = values.get("evaluated_on")
    if not isinstance(evaluated_on, date):
        errors["evaluated_on"] = _("評価日を入力してください。")
    elif project.completed_on is not None and evaluated_on < project.completed_on:
        errors["evaluated_on"] = _("評価日は事業完了日より後の日にしてください。")
    actual = values.get("actual_t_co2")
    if actual is not None and (not isinstance(actual, Decimal) or actual < 0):
        errors["actual_t_co2"] = _("CO2削減量は0以上の数値で入力してください。")
    plan = values.get("business_plan")
    if plan is not None and not plans_for(project).filter(pk=plan.pk).exists():
        errors["business_plan"] = _("この補助事業者の地域の事業計画を選んでください。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        evaluation = PostEvaluation.objects.filter(project=locked).first()
        values = {
            **values,
            "evaluation": str(values["evaluation"]).strip(),
            "feedback_to_plan": str(values.get("feedback_to_plan") or "").strip(),
            "ministry_note": str(values.get("ministry_note") or "").strip(),
            "achievement_percent": engine.achievement_percent(actual, locked.promised_t_co2),
        }
        if evaluation is None:
            evaluation = PostEvaluation.objects.create(project=locked, recorded_by=actor, **values)
            record(
                actor,
                "grants.post_evaluation.recorded",
                evaluation,
                data={"project": str(locked.public_id), "rating": evaluation.rating},
            )
            transaction.on_commit(partial(_tell_the_grantee, evaluation.pk))
            return evaluation
        changes: dict[str, list[Any]] = {}
        for name, value in values.items():
            before = getattr(evaluation, name)
            if before != value:
                changes[name] = [_plain(before), _plain(value)]
                setattr(evaluation, name, value)
        if changes:
            evaluation.save(update_fields=[*changes, "updated_at"])
            record(
                actor,
                "grants.post_evaluation.updated",
                evaluation,
                changes=changes,
                data={"project": str(locked.public_id)},
            )
        return evaluation


def _plain(value: Any) -> Any:
    """A value as the audit log keeps it (JSON)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, BusinessPlan):
        return value.pk
    return str(value)


def _tell_the_grantee(pk: int) -> None:
    """E-mail the grantee's members that the post-evaluation has been recorded (once, when first recorded)."""
    from junkan.grants.services import mail

    evaluation = PostEvaluation.objects.select_related("project__organization").get(pk=pk)
    project = evaluation.project
    mail.send(
        "grants/email/post_evaluation.txt",
        _("【事後評価】「%(title)s」の事後評価の結果") % {"title": project.title},
        mail.member_addresses(project),
        {
            "project": project,
            "evaluation": evaluation,
            "url": mail.project_url("grants:post_evaluation", project),
        },
    )

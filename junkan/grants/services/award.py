"""From adoption to the grant decision: opening projects, the grant application and the decision (交付決定).

Seed 002 「補助事業における留意事項等について（採択後の手続き等）」: the adopted applicant files the grant
application (交付規程様式第1), the association examines it and decides the grant; costs are eligible only
for work of the year, and contracts and orders count from the decision date (交付決定日を含む). The plan the
application was adopted with becomes version 1 of the project's plan (実施計画: 様式2 and 様式3).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.applications.engine import costs
from junkan.applications.models import Application, ApplicationStatus, Submission
from junkan.audit.services import record
from junkan.common import workflow
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.models import AwardYear, DecisionCheck, PlanVersion, Project, ProjectStatus
from junkan.grants.processes import PROJECT
from junkan.grants.services import project_mail
from junkan.grants.services.lifecycle import lock
from junkan.jp.dates import fiscal_year, fiscal_year_label, format_wareki, today_tokyo, tokyo_date
from junkan.jp.money import format_yen
from junkan.programs.models import Program

# The forms that make the plan (実施計画): 様式2/様式3 of seed 002, 別紙1/別紙2 of seed 003. The cover letter
# (様式1, 申請書) and the budget excerpt are not part of it.
PLAN_FORMS = frozenset({"様式2", "様式3", "別紙1", "別紙2"})


def _is_yen(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def require_move(project: Project, name: str) -> None:
    """ValidationError unless the project's state (and the move's guards) allow ``name`` now: checked before
    the input, so that a form posted twice says the step is done rather than listing field errors."""
    decision = workflow.can(PROJECT, None, project, name)
    if not decision:
        raise ValidationError(decision.reason)


# --- Opening projects -------------------------------------------------------------------------------------


def open_project(
    actor: Any, application: Application, *, adopted_on: date, adopted_amount: int, conditions: str = ""
) -> Project:
    """Register the adopted ``application`` as a project (secretariat; ``actor`` None is the system)."""
    if actor is not None:
        enforce(permissions.can_use_secretariat_pages(actor))
    errors: dict[str, str] = {}
    if application.status != ApplicationStatus.ACCEPTED:
        errors["application"] = _("受理された応募のみ補助事業として登録できます。")
    if not isinstance(adopted_on, date):
        errors["adopted_on"] = _("採択日を入力してください。")
    if not _is_yen(adopted_amount):
        errors["adopted_amount"] = _("採択額は0円以上の金額で入力してください。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Application.objects.select_for_update(of=("self",)).filter(pk=application.pk).first()
        if Project.objects.filter(application=application).exists():
            raise ValidationError({"application": _("この応募の補助事業はすでに登録されています。")})
        project_type = application.project_type
        project = Project.objects.create(
            application=application,
            program=application.program,
            project_type=project_type,
            organization=application.organization,
            title=application.title,
            adopted_on=adopted_on,
            adopted_amount=adopted_amount,
            adoption_conditions=conditions.strip(),
            multi_year=project_type.multi_year,
        )
        record(
            actor,
            "grants.project.opened",
            project,
            changes={"status": [None, ProjectStatus.ADOPTED]},
            data={
                "application": application.receipt_number,
                "adopted_on": adopted_on.isoformat(),
                "adopted_amount": adopted_amount,
            },
        )
        pk = project.pk
        transaction.on_commit(lambda: project_mail.opened(pk))
    return project


def open_adopted(actor: Any, program: Program) -> list[Project]:
    """Open a project for every notified adoption of ``program`` that has none yet (idempotent)."""
    from junkan.review.reads import adopted_without_project

    if actor is not None:
        enforce(permissions.can_use_secretariat_pages(actor))
    decisions = (
        adopted_without_project(program)
        .filter(application__status=ApplicationStatus.ACCEPTED)
        .select_related("application__program", "application__project_type", "application__organization")
        .order_by("application__receipt_number", "pk")
    )
    opened = []
    with transaction.atomic():
        for decision in decisions:
            opened.append(
                open_project(
                    actor,
                    decision.application,
                    adopted_on=tokyo_date(decision.notified_at or timezone.now()),
                    adopted_amount=decision.amount,
                    conditions=decision.conditions,
                )
            )
    return opened


# --- The plan as adopted ------------------------------------------------------------------------------------


def latest_submission(application: Application) -> Submission | None:
    """The application's last frozen submission (the one that was adopted), or None."""
    return application.submissions.order_by("-version").first()


def plan_sections(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """The plan's sections (様式2 and 様式3) of a submission snapshot: section key → the data as stored."""
    raw = snapshot.get("raw") or {}
    keys = [
        section["key"]
        for section in snapshot.get("sections") or []
        if section.get("form") in PLAN_FORMS or section.get("kind") == "costs"
    ]
    return {key: raw[key] for key in keys if key in raw}


def _adopted_years(project: Project) -> dict[int, int]:
    """The subsidy per fiscal year of the adopted 様式3, through the subsidy engine."""
    submission = latest_submission(project.application)
    if submission is None:
        return {}
    snapshot = submission.snapshot
    years, _problems = costs.read((snapshot.get("raw") or {}).get("costs") or {})
    estimate = costs.estimate(years, project.project_type.amount_rule())
    if estimate is not None:
        return {fy: result.subsidy for fy, result in estimate.years}
    found = {}
    for year in (snapshot.get("costs") or {}).get("years") or []:
        if isinstance(year.get("fiscal_year"), int) and _is_yen(year.get("subsidy")):
            found[year["fiscal_year"]] = year["subsidy"]
    return found


def grant_application_initial(project: Project) -> dict[str, Any]:
    """What the grant application form starts with: amounts per year (capped by the adopted amount) and dates.

    A grant application returned for correction starts from what was applied for."""
    existing = list(project.award_years.order_by("fiscal_year"))
    if existing:
        years = {y.fiscal_year: y.applied_amount for y in existing}
    else:
        left = project.adopted_amount
        years = {}
        for fy, amount in sorted(_adopted_years(project).items()):
            years[fy] = min(amount, left)
            left -= years[fy]
        if not years:
            years = {project.program.fiscal_year: project.adopted_amount}
    return {
        "years": years,
        "planned_start_on": project.planned_start_on or today_tokyo(),
        "planned_end_on": project.planned_end_on or project.project_type.period_end,
        "note": "",
    }


# --- 交付申請 --------------------------------------------------------------------------------------------


def _grant_application_errors(
    project: Project, years: Mapping[int, int], start: date | None, end: date | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(start, date):
        errors["planned_start_on"] = _("事業開始予定日を入力してください。")
    if not isinstance(end, date):
        errors["planned_end_on"] = _("事業完了予定日を入力してください。")
    elif isinstance(start, date) and end < start:
        errors["planned_end_on"] = _("事業完了予定日は事業開始予定日以降の日付にしてください。")
    elif project.project_type.period_end and end > project.project_type.period_end:
        errors["planned_end_on"] = _(
            "事業完了予定日は補助事業期間の終了日（%(date)s）までにしてください。"
        ) % {"date": format_wareki(project.project_type.period_end)}
    if not years:
        errors["years"] = _("年度ごとの交付申請額を入力してください。")
        return errors
    if not all(isinstance(fy, int) and not isinstance(fy, bool) and 2000 <= fy <= 2100 for fy in years):
        errors["years"] = _("交付申請額の年度は、事業の計画にある年度から選んでください。")
        return errors
    plan_years = (
        range(fiscal_year(start), fiscal_year(end) + 1)
        if isinstance(start, date) and isinstance(end, date) and "planned_end_on" not in errors
        else None
    )
    for fy, amount in sorted(years.items()):
        key = f"amount_{fy}"
        if not _is_yen(amount):
            errors[key] = _("%(year)sの交付申請額は0円以上の金額で入力してください。") % {
                "year": fiscal_year_label(fy)
            }
        elif plan_years is not None and fy not in plan_years:
            errors[key] = _("%(year)sは事業の実施期間（%(start)s〜%(end)s）に含まれない年度です。") % {
                "year": fiscal_year_label(fy),
                "start": format_wareki(start),  # type: ignore[arg-type]
                "end": format_wareki(end),  # type: ignore[arg-type]
            }
    if not any(key.startswith("amount_") for key in errors):
        total = sum(years.values())
        if total > project.adopted_amount:
            errors["years"] = _(
                "採択額を超えて申請することはできません。交付申請額の合計 %(total)s、採択額 %(adopted)s"
            ) % {"total": format_yen(total), "adopted": format_yen(project.adopted_amount)}
    return errors


def submit_grant_application(
    actor: Any,
    project: Project,
    *,
    years: Mapping[int, int],
    planned_start_on: date,
    planned_end_on: date,
    note: str = "",
    now: datetime | None = None,
) -> Project:
    """File the grant application (交付申請) of the adopted project: amounts per fiscal year and dates.

    ``now`` is the moment of filing (the request's time; the demo passes a moment of the call's year)."""
    enforce(permissions.can_act(actor, project))
    years = dict(years)
    with transaction.atomic():
        project = lock(project)
        require_move(project, "grant_applied")
        errors = _grant_application_errors(project, years, planned_start_on, planned_end_on)
        if errors:
            raise ValidationError(errors)
        rows = {
            y.fiscal_year: y
            for y in AwardYear.objects.select_for_update(of=("self",)).filter(project=project)
        }
        for fy, amount in sorted(years.items()):
            row = rows.pop(fy, None)
            if row is None:
                AwardYear.objects.create(project=project, fiscal_year=fy, applied_amount=amount)
            elif row.applied_amount != amount:
                row.applied_amount = amount
                row.save(update_fields=["applied_amount"])
        AwardYear.objects.filter(pk__in=[row.pk for row in rows.values()]).delete()
        version = None
        if not project.plan_versions.exists():
            submission = latest_submission(project.application)
            version = PlanVersion.objects.create(
                project=project,
                number=1,
                sections=plan_sections(submission.snapshot) if submission else {},
                reason=_("交付申請"),
                created_by=actor,
            )
        workflow.transition(
            PROJECT,
            actor,
            project,
            "grant_applied",
            fields={
                "applied_at": now or timezone.now(),
                "applied_amount": sum(years.values()),
                "planned_start_on": planned_start_on,
                "planned_end_on": planned_end_on,
            },
            data={
                "years": {str(fy): amount for fy, amount in sorted(years.items())},
                "note": note.strip(),
                "plan_version": version.number if version else None,
            },
        )
    return project


def return_grant_application(actor: Any, project: Project, reason: str) -> Project:
    """Send the grant application back to the grantee for correction (secretariat), with the reason."""
    enforce(permissions.can_manage(actor, project))
    with transaction.atomic():
        project = lock(project)
        require_move(project, "grant_application_returned")
        if not reason.strip():
            raise ValidationError({"reason": _("差戻しの理由を入力してください。")})
        # The corrected application is examined afresh: the checks before the decision start over.
        cleared, _kinds = DecisionCheck.objects.filter(award_year__project=project).delete()
        workflow.transition(
            PROJECT,
            actor,
            project,
            "grant_application_returned",
            reason=reason,
            data={"decision_checks_cleared": cleared} if cleared else None,
        )
    return project


# --- 辞退 ------------------------------------------------------------------------------------------------


def decline(actor: Any, project: Project, reason: str) -> Project:
    """辞退 (the grantee's owner, before the grant decision): the project ends as DECLINED, with the reason.

    The adoption stays on record (the review's results and the public list of adopted projects); the
    application's page shows the project's stage 「辞退」."""
    enforce(permissions.can_decline(actor, project))
    with transaction.atomic():
        project = lock(project)
        require_move(project, "declined")
        if not (reason or "").strip():
            raise ValidationError({"reason": _("辞退の理由を入力してください。")})
        workflow.transition(PROJECT, actor, project, "declined", reason=reason)
    return project


# --- 交付決定 --------------------------------------------------------------------------------------------


def _decision_errors(
    project: Project, years: list[AwardYear], decided_on: date | None, number: str, amounts: Mapping[int, int]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(decided_on, date):
        errors["decided_on"] = _("交付決定日を入力してください。")
    elif project.applied_at is not None and decided_on < tokyo_date(project.applied_at):
        errors["decided_on"] = _("交付決定日は交付申請日（%(date)s）以降の日付にしてください。") % {
            "date": format_wareki(tokyo_date(project.applied_at))
        }
    if not number:
        errors["decision_number"] = _("交付決定番号を入力してください。")
    elif len(number) > 60:
        errors["decision_number"] = _("交付決定番号は60文字以内で入力してください。")
    for year in years:
        key, label = f"amount_{year.fiscal_year}", fiscal_year_label(year.fiscal_year)
        amount = amounts.get(year.fiscal_year)
        if amount is None:
            errors[key] = _("%(year)sの交付決定額を入力してください。") % {"year": label}
        elif not _is_yen(amount):
            errors[key] = _("%(year)sの交付決定額は0円以上の金額で入力してください。") % {"year": label}
        elif amount > year.applied_amount:
            errors[key] = _("%(year)sの交付決定額は交付申請額（%(applied)s）以下にしてください。") % {
                "year": label,
                "applied": format_yen(year.applied_amount),
            }
    unknown = sorted(set(amounts) - {y.fiscal_year for y in years})
    if unknown:
        errors["amounts"] = _("交付申請のない年度（%(years)s）の交付決定額は入力できません。") % {
            "years": "、".join(fiscal_year_label(fy) for fy in unknown)
        }
    return errors


def decide(
    actor: Any,
    project: Project,
    *,
    decided_on: date,
    decision_number: str,
    amounts: Mapping[int, int],
    conditions: str,
) -> Project:
    """Decide the grant (交付決定, secretariat): amounts per fiscal year; schedule the reports, notify."""
    enforce(permissions.can_manage(actor, project))
    number = decision_number.strip()
    with transaction.atomic():
        project = lock(project)
        require_move(project, "decided")
        years = list(
            AwardYear.objects.select_for_update(of=("self",)).filter(project=project).order_by("fiscal_year")
        )
        errors = _decision_errors(project, years, decided_on, number, amounts)
        if errors:
            raise ValidationError(errors)
        for year in years:
            year.decided_amount = amounts[year.fiscal_year]
            year.save(update_fields=["decided_amount"])
        workflow.transition(
            PROJECT,
            actor,
            project,
            "decided",
            fields={
                "decided_on": decided_on,
                "decision_number": number,
                "decided_amount": sum(y.decided_amount or 0 for y in years),
                "decision_conditions": conditions.strip(),
            },
            data={"amounts": {str(y.fiscal_year): y.decided_amount for y in years}},
        )
    return project

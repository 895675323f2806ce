"""The oversight of a grant: the checks before the grant decision, the conditions of adoption, site
inspections and, after the continuation review, whether further support is needed.

- Seed 002 「採択後」2.(2): the association decides the grant after examining that ア the plan is ready, イ no
  cost is covered by another subsidy of the State, ウ only eligible costs are included. Each point is
  confirmed per fiscal year applied for, by whom and when, with an optional note; the 交付決定 move is
  refused until every point of every year is confirmed (``processes.decision_checks_done``).
- 採択の条件: set by the committee or the secretariat, followed until met (date, who, evidence) or waived.
- 現地調査: planned, done with findings, follow-up, closed; files through the project's upload checks.
- Seed 002 「継続事業の審査」※: after the continuation review, whether further support is needed; when it
  is, the regional support case (``regional.ConsortiumCase``) that gives it.

Every change: the permission first, ``transaction.atomic()`` with the project locked, an audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.audit.services import record
from junkan.common import workflow
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.models import (
    AdoptionCondition,
    AwardYear,
    DecisionCheck,
    DecisionCheckItem,
    DocumentKind,
    GrantDocument,
    Inspection,
    PlanChangeKind,
    PlanChangeStatus,
    Project,
    ProjectStatus,
    SupportJudgement,
)
from junkan.grants.oversight_processes import CONDITION, INSPECTION
from junkan.grants.services.lifecycle import lock
from junkan.jp.dates import fiscal_year_label, today_tokyo

# The letter of each point, as the seed numbers them.
LETTERS = {
    DecisionCheckItem.PLAN_READY: "ア",
    DecisionCheckItem.NO_OTHER_SUBSIDY: "イ",
    DecisionCheckItem.ELIGIBLE_ONLY: "ウ",
}


# --- 交付決定の前の確認 ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckRow:
    """One point for one fiscal year: confirmed (with who, when and the note) or not yet."""

    award_year: AwardYear
    item: str
    label: str
    check: DecisionCheck | None

    @property
    def done(self) -> bool:
        return self.check is not None


@dataclass(frozen=True)
class YearChecks:
    award_year: AwardYear
    rows: list[CheckRow]

    @property
    def complete(self) -> bool:
        return all(row.done for row in self.rows)


def checklist(project: Project) -> list[YearChecks]:
    """The three points for every fiscal year applied for, in the seed's order."""
    years = list(project.award_years.order_by("fiscal_year").prefetch_related("checks__checked_by"))
    found = []
    for year in years:
        by_item = {c.item: c for c in year.checks.all()}
        found.append(
            YearChecks(
                year,
                [
                    CheckRow(year, item.value, str(item.label), by_item.get(item.value))
                    for item in DecisionCheckItem
                ],
            )
        )
    return found


def missing_checks(project: Project) -> list[str]:
    """The points not yet confirmed, in words: 「令和元年度 ア・ウ」 (empty when all are)."""
    missing = []
    for year in checklist(project):
        letters = [LETTERS[DecisionCheckItem(row.item)] for row in year.rows if not row.done]
        if letters:
            missing.append(f"{fiscal_year_label(year.award_year.fiscal_year)} {'・'.join(letters)}")
    return missing


def _checks_open(project: Project) -> None:
    if project.status != ProjectStatus.APPLIED:
        raise ValidationError(
            _("この補助事業は「%(status)s」のため、交付決定の前の確認は変更できません。")
            % {"status": project.get_status_display()}
        )


def _award_year(project: Project, fiscal_year: int) -> AwardYear:
    year = project.award_years.filter(fiscal_year=fiscal_year).first()
    if year is None:
        raise ValidationError(_("交付申請のない年度です。"))
    return year


def record_check(actor: Any, project: Project, fiscal_year: int, item: str, note: str = "") -> DecisionCheck:
    """Confirm one point for one fiscal year (secretariat) while the grant application awaits the decision."""
    enforce(permissions.can_manage(actor, project))
    if item not in DecisionCheckItem.values:
        raise ValidationError({"item": _("確認事項を選んでください。")})
    note = (note or "").strip()
    with transaction.atomic():
        project = lock(project)
        _checks_open(project)
        year = _award_year(project, fiscal_year)
        check, created = DecisionCheck.objects.select_for_update().get_or_create(
            award_year=year,
            item=item,
            defaults={"note": note, "checked_by": actor, "checked_at": timezone.now()},
        )
        if not created:
            raise ValidationError(_("この事項はすでに確認されています。"))
        record(
            actor,
            "grants.project.decision_checked",
            project,
            data={"fiscal_year": fiscal_year, "item": LETTERS[DecisionCheckItem(item)], "note": note},
        )
    return check


def withdraw_check(actor: Any, project: Project, fiscal_year: int, item: str) -> None:
    """Take a confirmation back before the decision (secretariat); the audit entry keeps that it was made."""
    enforce(permissions.can_manage(actor, project))
    with transaction.atomic():
        project = lock(project)
        _checks_open(project)
        year = _award_year(project, fiscal_year)
        deleted, _kinds = DecisionCheck.objects.filter(award_year=year, item=item).delete()
        if not deleted:
            raise ValidationError(_("この事項はまだ確認されていません。"))
        record(
            actor,
            "grants.project.decision_unchecked",
            project,
            data={"fiscal_year": fiscal_year, "item": LETTERS[DecisionCheckItem(item)]},
        )


# --- 採択の条件 --------------------------------------------------------------------------------------------


def _kept(project: Project) -> None:
    if project.disposed_at is not None:
        raise ValidationError(_("この補助事業の記録は保存期限を過ぎて廃棄されています。"))


def add_condition(
    actor: Any, project: Project, *, text: str, due_on: date | None = None
) -> AdoptionCondition:
    """Record a condition of adoption (secretariat), open until met or waived."""
    enforce(permissions.can_manage(actor, project))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("条件の内容を入力してください。")})
    with transaction.atomic():
        project = lock(project)
        _kept(project)
        condition = AdoptionCondition.objects.create(
            project=project, text=text, due_on=due_on, created_by=actor
        )
        record(
            actor,
            "grants.condition.set",
            condition,
            changes={"status": [None, condition.status]},
            data={"project": project.pk, "text": text, "due_on": due_on.isoformat() if due_on else None},
        )
    return condition


def _past_day_and_text(day: tuple[str, Any, str, str], text: tuple[str, str | None, str]) -> str:
    """Something that happened: a date not in the future and a required text, each refused with its own
    message under its field; returns the text stripped. ``day`` is (field, value, if missing, if future),
    ``text`` is (field, value, if missing)."""
    day_field, day_value, day_missing, day_future = day
    text_field, text_value, text_missing = text
    stripped = (text_value or "").strip()
    errors = {}
    if not isinstance(day_value, date):
        errors[day_field] = day_missing
    elif day_value > today_tokyo():
        errors[day_field] = day_future
    if not stripped:
        errors[text_field] = text_missing
    if errors:
        raise ValidationError(errors)
    return stripped


def condition_met(
    actor: Any, condition: AdoptionCondition, *, met_on: date, evidence: str
) -> AdoptionCondition:
    """The condition is met: the date, who confirmed it and on what evidence."""
    enforce(permissions.can_manage(actor, condition.project))
    evidence = _past_day_and_text(
        ("met_on", met_on, _("達成日を入力してください。"), _("達成日に未来の日付は入力できません。")),
        ("evidence", evidence, _("達成を確認した根拠（書類・報告など）を入力してください。")),
    )
    return workflow.transition(
        CONDITION,
        actor,
        condition,
        "met",
        fields={"met_on": met_on, "evidence": evidence, "resolved_by": actor, "resolved_at": timezone.now()},
        data={"evidence": evidence},
    )


def condition_waived(actor: Any, condition: AdoptionCondition, reason: str) -> AdoptionCondition:
    enforce(permissions.can_manage(actor, condition.project))
    return workflow.transition(
        CONDITION,
        actor,
        condition,
        "waived",
        fields={"waive_reason": (reason or "").strip(), "resolved_by": actor, "resolved_at": timezone.now()},
        reason=reason,
    )


def condition_reopened(actor: Any, condition: AdoptionCondition, reason: str) -> AdoptionCondition:
    enforce(permissions.can_manage(actor, condition.project))
    return workflow.transition(
        CONDITION,
        actor,
        condition,
        "reopened",
        fields={"met_on": None, "evidence": "", "resolved_by": None, "resolved_at": None},
        reason=reason,
    )


# --- 現地調査 ----------------------------------------------------------------------------------------------


def plan_inspection(
    actor: Any, project: Project, *, planned_on: date, place: str, inspectors: str, purpose: str = ""
) -> Inspection:
    """Plan a site inspection (secretariat): during the project (after the grant decision) or after it."""
    enforce(permissions.can_manage(actor, project))
    place, inspectors, purpose = (place or "").strip(), (inspectors or "").strip(), (purpose or "").strip()
    errors = {}
    if not isinstance(planned_on, date):
        errors["planned_on"] = _("実施予定日を入力してください。")
    if not place:
        errors["place"] = _("場所を入力してください。")
    if not inspectors:
        errors["inspectors"] = _("調査員を入力してください。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        project = lock(project)
        _kept(project)
        opened = permissions.inspections_open(project)
        if not opened:
            raise ValidationError(opened.reason)
        inspection = Inspection.objects.create(
            project=project,
            planned_on=planned_on,
            place=place,
            inspectors=inspectors,
            purpose=purpose,
            created_by=actor,
        )
        record(
            actor,
            "grants.inspection.planned",
            inspection,
            changes={"status": [None, inspection.status]},
            data={"project": project.pk, "planned_on": planned_on.isoformat(), "place": place},
        )
        pk = inspection.pk
        transaction.on_commit(lambda: mail_inspection(pk, "planned"))
    return inspection


def inspection_done(actor: Any, inspection: Inspection, *, done_on: date, findings: str) -> Inspection:
    """The inspection took place: the date and the findings (shown to the grantee from now on)."""
    enforce(permissions.can_manage(actor, inspection.project))
    findings = _past_day_and_text(
        ("done_on", done_on, _("実施日を入力してください。"), _("実施日に未来の日付は入力できません。")),
        ("findings", findings, _("調査の結果（所見）を入力してください。")),
    )
    return workflow.transition(
        INSPECTION, actor, inspection, "done", fields={"done_on": done_on, "findings": findings}
    )


def inspection_follow_up(actor: Any, inspection: Inspection, follow_up: str) -> Inspection:
    enforce(permissions.can_manage(actor, inspection.project))
    return workflow.transition(
        INSPECTION,
        actor,
        inspection,
        "follow_up",
        fields={"follow_up": (follow_up or "").strip()},
        reason=follow_up,
    )


def inspection_closed(actor: Any, inspection: Inspection, note: str = "") -> Inspection:
    enforce(permissions.can_manage(actor, inspection.project))
    return workflow.transition(
        INSPECTION,
        actor,
        inspection,
        "closed",
        fields={"closing_note": (note or "").strip()},
        data={"note": (note or "").strip()},
    )


def inspection_cancelled(actor: Any, inspection: Inspection, reason: str) -> Inspection:
    enforce(permissions.can_manage(actor, inspection.project))
    return workflow.transition(
        INSPECTION,
        actor,
        inspection,
        "cancelled",
        fields={"cancel_reason": (reason or "").strip()},
        reason=reason,
    )


def add_inspection_file(actor: Any, inspection: Inspection, upload: UploadedFile) -> GrantDocument:
    """A file of the inspection (photos, notes, the grantee's correction report), checked by its content."""
    from junkan.grants.services.documents import add_document

    enforce(permissions.can_manage(actor, inspection.project))
    return add_document(
        actor,
        inspection.project,
        DocumentKind.INSPECTION,
        upload,
        inspection=inspection,
        as_secretariat=True,
    )


# --- 更なる支援の要否（継続事業の審査の後） ------------------------------------------------------------


def continuation_reviewed(project: Project) -> bool:
    """The continuation review has been made (a continuation plan approved or refused) or was not needed
    (「変更なし」 recorded)."""
    return (
        project.continuing
        or project.plan_changes.filter(
            kind=PlanChangeKind.CONTINUATION, status__in=(PlanChangeStatus.APPROVED, PlanChangeStatus.REFUSED)
        ).exists()
    )


def support_cases(project: Project) -> QuerySet[Any]:
    """The regional support cases a judgement may point to: the grantee's regions first, else every case."""
    from junkan.regional.models import ConsortiumCase

    cases = ConsortiumCase.objects.select_related("region", "round")
    own = cases.filter(region__organization=project.organization)
    return own if own.exists() else cases.order_by("-round__fiscal_year", "region__name", "id")[:300]


def judge_support(
    actor: Any,
    project: Project,
    *,
    fiscal_year: int,
    needed: bool,
    reason: str,
    case: Any = None,
) -> SupportJudgement:
    """Record (or correct) whether further support is needed after the continuation review of a year."""
    enforce(permissions.can_manage(actor, project))
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("判断の理由を入力してください。")
    if case is not None and not needed:
        errors["case"] = _("支援が不要と判断したときは、支援案件を選ばないでください。")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        project = lock(project)
        _kept(project)
        if not continuation_reviewed(project):
            raise ValidationError(
                _(
                    "継続事業の審査（継続年度の事業実施計画の承認・不承認、または「変更なし」の記録）の後に記録できます。"
                )
            )
        existing = (
            SupportJudgement.objects.select_for_update()
            .filter(project=project, fiscal_year=fiscal_year)
            .first()
        )
        before = (
            {"needed": existing.needed, "reason": existing.reason, "case": existing.case_id}
            if existing
            else {}
        )
        judgement, _created = SupportJudgement.objects.update_or_create(
            project=project,
            fiscal_year=fiscal_year,
            defaults={
                "needed": needed,
                "reason": reason,
                "case": case,
                "judged_by": actor,
                "judged_at": timezone.now(),
            },
        )
        after = {"needed": needed, "reason": reason, "case": case.pk if case else None}
        record(
            actor,
            "grants.project.support_judged",
            project,
            changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
            data={"fiscal_year": fiscal_year, "case": str(case) if case else None},
        )
    return judgement


# --- E-mail to the grantee ----------------------------------------------------------------------------------

INSPECTION_NOTICES: dict[str, Any] = {
    "planned": (
        gettext_lazy("[循環] 現地調査の実施予定のお知らせ（%(title)s）"),
        gettext_lazy("次のとおり現地調査を予定しています。ご対応をお願いします。"),
    ),
    "done": (
        gettext_lazy("[循環] 現地調査の結果のお知らせ（%(title)s）"),
        gettext_lazy("現地調査を実施しました。調査の結果（所見）は次のとおりです。"),
    ),
    "follow_up": (
        gettext_lazy("[循環] 現地調査の指摘事項への対応のお願い（%(title)s）"),
        gettext_lazy(
            "現地調査の結果を踏まえ、次の是正・対応をお願いします。対応の後、事務局にご連絡ください。"
        ),
    ),
    "cancelled": (
        gettext_lazy("[循環] 現地調査の中止のお知らせ（%(title)s）"),
        gettext_lazy("予定していた現地調査を中止します。"),
    ),
}


def mail_inspection(pk: int, move: str) -> None:
    """The grantee's members learn of an inspection planned, its findings, a follow-up or a cancellation."""
    from junkan.grants.services import mail

    if move not in INSPECTION_NOTICES:
        return
    inspection = Inspection.objects.select_related("project__organization").get(pk=pk)
    project = inspection.project
    subject, what = INSPECTION_NOTICES[move]
    mail.send(
        "grants/email/inspection.txt",
        str(subject) % {"title": project.title},
        mail.member_addresses(project),
        {
            "project": project,
            "inspection": inspection,
            "what": str(what),
            "url": mail.project_url("grants:inspection", project, inspection.pk),
        },
    )

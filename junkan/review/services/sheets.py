"""Score sheets (draft, submit, reopen) and hearings (slots, invitations, notes)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.accounts.models import User
from junkan.applications.models import ApplicationStatus
from junkan.audit.services import diff, record, snapshot
from junkan.common.permissions import enforce
from junkan.common.workflow import transition
from junkan.review import analysis, permissions
from junkan.review.engine import scoring
from junkan.review.models import (
    Assignment,
    Committee,
    Declaration,
    Exclusion,
    HearingSlot,
    Mark,
    ScoreSheet,
)
from junkan.review.services.committee import _locked_for_change
from junkan.review.services.mail import mail_hearing

# Score sheets ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkInput:
    points: int | None = None
    passed: bool | None = None
    not_applicable: bool = False
    comment: str = ""


class SheetNotSubmittable(Exception):
    """The sheet is incomplete; nothing was written. ``problems`` are the engine's, by criterion code."""

    def __init__(self, problems: Iterable[scoring.SheetProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.message for p in self.problems))


def _sheet_context(assignment: Assignment) -> tuple[Declaration | None, bool, ScoreSheet | None]:
    declaration = Declaration.objects.filter(
        member=assignment.member_id, application=assignment.application_id
    ).first()
    excluded = Exclusion.objects.filter(
        member=assignment.member_id, application=assignment.application_id
    ).exists()
    sheet = ScoreSheet.objects.filter(assignment=assignment).first()
    return declaration, excluded, sheet


def check_sheet(assignment: Assignment, marks: Mapping[int, MarkInput], overall_comment: str) -> Any:
    """The score of a complete sheet (engine), or SheetNotSubmittable / ValidationError; writes nothing."""
    tc = analysis.load_criteria(assignment.committee.program_id).get(assignment.application.project_type.code)
    rows = {row.pk: row for row in (tc.rows if tc else ())}
    if set(marks) - set(rows) or tc is None:
        raise ValidationError(_("審査の観点が変更されています。ページを読み込み直してください。"))
    if tc.problems:
        raise ValidationError(list(tc.problems))
    engine = scoring.ScoreSheet(
        member_id=assignment.member_id,
        application_id=assignment.application_id,
        marks={
            rows[pk].code: scoring.Mark(m.points, m.passed, m.not_applicable, m.comment.strip())
            for pk, m in marks.items()
        },
        overall_comment=overall_comment,
    )
    problems = scoring.validate_sheet(tc.criteria, engine)
    if problems:
        raise SheetNotSubmittable(problems)
    return scoring.sheet_score(tc.criteria, engine)


def save_sheet(
    actor: User,
    assignment: Assignment,
    marks: Mapping[int, MarkInput],
    overall_comment: str,
    *,
    submit: bool = False,
) -> ScoreSheet:
    """Save the sheet as a draft, or submit it (complete, checked by the engine, scored; the move
    ``review.sheet.submitted`` of :data:`junkan.review.processes.SHEET`). All or nothing."""
    from junkan.review.processes import SHEET

    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("committee", "member", "application__project_type")
            .get(pk=assignment.pk)
        )
        declaration, excluded, sheet = _sheet_context(assignment)
        enforce(permissions.can_score(actor, assignment, excluded, declaration, sheet))
        tc = analysis.load_criteria(assignment.committee.program_id).get(
            assignment.application.project_type.code
        )
        rows = {row.pk: row for row in (tc.rows if tc else ())}
        unknown = set(marks) - set(rows)
        if unknown or tc is None:
            raise ValidationError(_("審査の観点が変更されています。ページを読み込み直してください。"))
        score = check_sheet(assignment, marks, overall_comment) if submit else None
        created = sheet is None
        if created:
            sheet = ScoreSheet.objects.create(assignment=assignment, overall_comment=overall_comment.strip())
        elif sheet.overall_comment != overall_comment.strip():
            sheet.overall_comment = overall_comment.strip()
            sheet.save(update_fields=["overall_comment", "updated_at"])
        existing = {m.criterion_id: m for m in sheet.marks.all()}
        changed_marks = []
        for pk, value in marks.items():
            mark = existing.get(pk) or Mark(sheet=sheet, criterion_id=pk)
            new = (value.points, value.passed, value.not_applicable, value.comment.strip())
            if mark.pk is not None and (mark.points, mark.passed, mark.not_applicable, mark.comment) == new:
                continue
            mark.points, mark.passed, mark.not_applicable, mark.comment = new
            if mark.pk is None:
                mark.save()
            else:
                mark.save(update_fields=["points", "passed", "not_applicable", "comment"])
            changed_marks.append(rows[pk].code)
        data: dict[str, Any] = {
            "member": assignment.member_id,
            "application": assignment.application_id,
            "criteria_changed": changed_marks,
        }
        if submit:
            sheet = transition(
                SHEET, actor, sheet, "submitted", fields={"score": score}, data={**data, "score": str(score)}
            )
        else:
            record(actor, "review.sheet.saved", sheet, data=data)
    return sheet


def reopen_sheet(actor: User, sheet: ScoreSheet) -> ScoreSheet:
    """Give a submitted sheet back to its member as a draft (the member asked to correct it)."""
    from junkan.review.processes import SHEET

    return transition(SHEET, actor, sheet, "reopened", fields={"score": None, "submitted_at": None})


# Hearings --------------------------------------------------------------------------------------------------

HEARING_FIELDS = ["application", "date", "start_time", "end_time", "place", "online_url"]


def save_hearing(
    actor: User, committee: Committee, data: Mapping[str, Any], slot: HearingSlot | None = None
) -> HearingSlot:
    """Create or change a hearing slot; a change of time, place or application calls for a new invitation."""
    enforce(permissions.can_change_review(actor, committee))
    application = data.get("application")
    if application is not None and (
        application.program_id != committee.program_id or application.status != ApplicationStatus.ACCEPTED
    ):
        raise ValidationError({"application": _("審査中の応募を選んでください。")})
    if not data.get("place") and not data.get("online_url"):
        raise ValidationError(_("会場かオンライン会議のURLのどちらかを入力してください。"))
    with transaction.atomic():
        _locked_for_change(actor, committee)
        created = slot is None
        if created:
            slot = HearingSlot(committee=committee)
            before: dict[str, Any] = {}
        else:
            slot = HearingSlot.objects.select_for_update(of=("self",)).get(pk=slot.pk, committee=committee)
            before = snapshot(slot, HEARING_FIELDS)
        for name in HEARING_FIELDS:
            setattr(slot, name, data.get(name) if name != "place" else (data.get(name) or "").strip())
        slot.full_clean()
        changes = diff(before, snapshot(slot, HEARING_FIELDS))
        if created:
            slot.save()
        elif changes:
            fields = [slot._meta.get_field(n).name for n in changes]
            if slot.invited_at is not None:
                slot.invited_at = None
                fields.append("invited_at")
            slot.save(update_fields=[*fields, "updated_at"])
        if created or changes:
            record(
                actor,
                "review.hearing.created" if created else "review.hearing.updated",
                slot,
                changes=changes,
            )
    return slot


def save_hearing_notes(actor: User, slot: HearingSlot, notes: str) -> HearingSlot:
    enforce(permissions.can_manage(actor, slot.committee))
    with transaction.atomic():
        slot = HearingSlot.objects.select_for_update(of=("self",)).get(pk=slot.pk)
        before = slot.notes
        slot.notes = notes.strip()
        if slot.notes != before:
            slot.save(update_fields=["notes", "updated_at"])
            record(actor, "review.hearing.notes", slot, changes={"notes": [before, slot.notes]})
    return slot


def invite_to_hearing(actor: User, slot: HearingSlot) -> HearingSlot:
    """E-mail the applicant the hearing's date, time, place and link."""
    enforce(permissions.can_change_review(actor, slot.committee))
    with transaction.atomic():
        _locked_for_change(actor, slot.committee)
        slot = (
            HearingSlot.objects.select_for_update(of=("self",)).select_related("application").get(pk=slot.pk)
        )
        if slot.application is None:
            raise ValidationError(_("案内を送る前に、対象の応募を選んでください。"))
        slot.invited_at = timezone.now()
        slot.save(update_fields=["invited_at", "updated_at"])
        record(actor, "review.hearing.invited", slot, data={"application": slot.application_id})
        transaction.on_commit(partial(mail_hearing, slot.pk))
    return slot

"""The committee and its members, conflicts of interest and declarations, assignments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from junkan.accounts.models import Role, User
from junkan.accounts.permissions import is_secretariat
from junkan.applications.models import Application
from junkan.audit.services import diff, record, snapshot
from junkan.common.permissions import enforce
from junkan.organizations.models import Organization
from junkan.programs.models import Program
from junkan.review import analysis, caching, permissions
from junkan.review.engine.assignment import AssignmentInputError, AssignmentResult, assign
from junkan.review.models import (
    Assignment,
    AssignmentSource,
    AssignmentStatus,
    Committee,
    CommitteeMember,
    Declaration,
    DeclarationKind,
    Exclusion,
    ScoreSheet,
    SheetStatus,
)

COMMITTEE_FIELDS = [
    "name",
    "reviewers_per_application",
    "disagreement_threshold",
    "required_rule",
    "nested_workplaces",
]
MEMBER_FIELDS = ["affiliation", "workplace", "residence"]


def _lock_committee(committee: Committee) -> Committee:
    return Committee.objects.select_for_update(of=("self",)).select_related("program").get(pk=committee.pk)


def _locked_for_change(actor: User, committee: Committee) -> Committee:
    """The committee locked, checked again: another request may have closed the review meanwhile."""
    committee = _lock_committee(committee)
    enforce(permissions.can_change_review(actor, committee))
    return committee


# Committee and members -------------------------------------------------------------------------------------


def create_committee(actor: User, program: Program, data: Mapping[str, Any]) -> Committee:
    """Set up the committee of a call; the person setting it up manages it."""
    enforce(permissions.can_create_committee(actor))
    with transaction.atomic():
        program = Program.objects.select_for_update(of=("self",)).get(pk=program.pk)
        if Committee.objects.filter(program=program).exists():
            raise ValidationError(_("この公募の審査委員会はすでに設置されています。"))
        committee = Committee(
            program=program, created_by=actor, **{k: data[k] for k in COMMITTEE_FIELDS if k in data}
        )
        committee.full_clean()
        committee.save()
        committee.managers.add(actor)
        record(
            actor,
            "review.committee.created",
            committee,
            data={"program": program.slug, **{k: str(getattr(committee, k)) for k in COMMITTEE_FIELDS}},
        )
    return committee


def update_committee(actor: User, committee: Committee, data: Mapping[str, Any]) -> Committee:
    enforce(permissions.can_change_review(actor, committee))
    with transaction.atomic():
        committee = _lock_committee(committee)
        enforce(permissions.can_change_review(actor, committee))
        before = snapshot(committee, COMMITTEE_FIELDS)
        for name in COMMITTEE_FIELDS:
            if name in data:
                setattr(committee, name, data[name])
        committee.full_clean(exclude=["program", "created_by"])
        changes = diff(before, snapshot(committee, COMMITTEE_FIELDS))
        if changes:
            committee.save(update_fields=[*changes, "updated_at"])
            record(actor, "review.committee.updated", committee, changes=changes)
            if "nested_workplaces" in changes:
                refresh_conflicts(actor, committee)
    return committee


def add_manager(actor: User, committee: Committee, user: User) -> None:
    enforce(permissions.can_manage(actor, committee))
    if not is_secretariat(user):
        raise ValidationError({"email": _("事務局の役割を持つ方のみ追加できます。")})
    with transaction.atomic():
        if committee.managers.filter(pk=user.pk).exists():
            raise ValidationError({"email": _("すでに担当に含まれています。")})
        committee.managers.add(user)
        record(
            actor, "review.committee.manager_added", committee, data={"user": user.pk, "email": user.email}
        )


def _member_state(member: CommitteeMember) -> dict[str, Any]:
    return {
        **snapshot(member, MEMBER_FIELDS),
        "organizations": sorted(o.pk for o in member.organizations.all()),
    }


def add_member(
    actor: User,
    committee: Committee,
    user: User,
    data: Mapping[str, Any],
    organizations: Iterable[Organization] = (),
) -> CommitteeMember:
    """Appoint a person with the reviewer role; conflicts are checked at once."""
    enforce(permissions.can_change_review(actor, committee))
    if not user.has_role(Role.REVIEWER):
        raise ValidationError(
            {"email": _("審査委員の役割を持つ方のみ委員にできます。先に役割を付与してください。")}
        )
    with transaction.atomic():
        committee = _locked_for_change(actor, committee)
        member = CommitteeMember.objects.filter(committee=committee, user=user).first()
        if member is not None and member.active:
            raise ValidationError({"email": _("この方はすでに委員です。")})
        if member is None:
            member = CommitteeMember.objects.create(
                committee=committee, user=user, **{k: data.get(k) for k in MEMBER_FIELDS if k in data}
            )
        else:
            for name in MEMBER_FIELDS:
                if name in data:
                    setattr(member, name, data[name])
            member.active = True
            member.save(update_fields=[*MEMBER_FIELDS, "active"])
        member.organizations.set(list(organizations))
        record(
            actor,
            "review.member.added",
            committee,
            data={"member": member.pk, "user": user.pk, "email": user.email, **_member_state(member)},
        )
        refresh_conflicts(actor, committee)
    return member


def update_member(
    actor: User, member: CommitteeMember, data: Mapping[str, Any], organizations: Iterable[Organization]
) -> CommitteeMember:
    """Change a member's profile (affiliation, organizations, places); conflicts are checked again."""
    enforce(permissions.can_change_review(actor, member.committee))
    with transaction.atomic():
        _locked_for_change(actor, member.committee)
        member = CommitteeMember.objects.select_for_update(of=("self",)).get(pk=member.pk)
        before = _member_state(member)
        for name in MEMBER_FIELDS:
            if name in data:
                setattr(member, name, data[name])
        member.organizations.set(list(organizations))
        after = _member_state(member)
        changes = diff(before, after)
        if changes:
            fields = [n for n in changes if n in MEMBER_FIELDS]
            if fields:
                member.save(update_fields=[member._meta.get_field(n).name for n in fields])
            record(
                actor, "review.member.updated", member.committee, changes=changes, data={"member": member.pk}
            )
            refresh_conflicts(actor, member.committee)
    return member


def remove_member(actor: User, member: CommitteeMember) -> CommitteeMember:
    """A member leaves; their open assignments are withdrawn. Not once they have submitted a sheet."""
    enforce(permissions.can_change_review(actor, member.committee))
    with transaction.atomic():
        _locked_for_change(actor, member.committee)
        member = (
            CommitteeMember.objects.select_for_update(of=("self",))
            .select_related("committee")
            .get(pk=member.pk)
        )
        if not member.active:
            raise ValidationError(_("この方はすでに退任しています。"))
        if ScoreSheet.objects.filter(
            assignment__member=member,
            assignment__status=AssignmentStatus.ACTIVE,
            status=SheetStatus.SUBMITTED,
        ).exists():
            raise ValidationError(_("提出済みの採点票があるため、退任の手続はできません。"))
        member.active = False
        member.save(update_fields=["active"])
        withdrawn = _withdraw(
            Assignment.objects.filter(member=member, status=AssignmentStatus.ACTIVE), _("委員の退任")
        )
        record(
            actor,
            "review.member.removed",
            member.committee,
            changes={"active": [True, False]},
            data={"member": member.pk, "withdrawn_assignments": withdrawn},
        )
    return member


# Conflicts of interest -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConflictRefresh:
    added: int
    lifted: int
    withdrawn: int


def _withdraw(assignments: Iterable[Assignment], reason: str) -> list[list[int]]:
    """Withdraw assignments; the pairs (member, application) withdrawn."""
    pairs = []
    for assignment in assignments:
        assignment.status = AssignmentStatus.WITHDRAWN
        assignment.withdrawn_reason = reason
        assignment.save(update_fields=["status", "withdrawn_reason"])
        pairs.append([assignment.member_id, assignment.application_id])
    return pairs


def refresh_conflicts(actor: User | None, committee: Committee) -> ConflictRefresh:
    """Detect and merge conflicts; record every new exclusion and withdraw conflicted assignments.

    Exclusions that no longer hold (a member's profile corrected) are lifted; declarations never lift.
    Called inside the caller's transaction by every change that can create a conflict."""
    conflicts, _members, _applications = analysis.find_conflicts(committee)
    existing = {(e.member_id, e.application_id): e for e in Exclusion.objects.filter(committee=committee)}
    added = lifted = 0
    for pair, reasons in conflicts.pairs.items():
        records = analysis.reason_records(reasons)
        exclusion = existing.pop(pair, None)
        if exclusion is None:
            exclusion = Exclusion.objects.create(
                committee=committee, member_id=pair[0], application_id=pair[1], reasons=records
            )
            record(
                actor,
                "review.exclusion.created",
                exclusion,
                data={"member": pair[0], "application": pair[1], "reasons": [r["label"] for r in records]},
            )
            added += 1
        elif exclusion.reasons != records:
            before = exclusion.reasons
            exclusion.reasons = records
            exclusion.save(update_fields=["reasons"])
            record(
                actor,
                "review.exclusion.updated",
                exclusion,
                changes={"reasons": [[r["label"] for r in before], [r["label"] for r in records]]},
            )
    for exclusion in existing.values():
        # Members who left keep their exclusions on file.
        if not exclusion.member.active:
            continue
        record(
            actor,
            "review.exclusion.lifted",
            exclusion,
            data={"member": exclusion.member_id, "application": exclusion.application_id},
        )
        exclusion.delete()
        lifted += 1
    conflicted = Assignment.objects.filter(committee=committee, status=AssignmentStatus.ACTIVE)
    to_withdraw = [a for a in conflicted if conflicts.is_conflicted(a.member_id, a.application_id)]
    for assignment in to_withdraw:
        _withdraw([assignment], _("利益相反"))
        record(
            actor,
            "review.assignment.withdrawn",
            assignment,
            data={
                "reason": "conflict",
                "member": assignment.member_id,
                "application": assignment.application_id,
            },
        )
    return ConflictRefresh(added, lifted, len(to_withdraw))


def check_conflicts(actor: User, committee: Committee) -> ConflictRefresh:
    """The secretariat checks conflicts again (e.g. after more applications were accepted)."""
    enforce(permissions.can_change_review(actor, committee))
    with transaction.atomic():
        committee = _locked_for_change(actor, committee)
        return refresh_conflicts(actor, committee)


def declare(actor: User, assignment: Assignment, kind: str, note: str) -> Declaration:
    """A member declares their relationship with an assigned application; a conflict excludes them."""
    note = note.strip()
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("committee", "member")
            .get(pk=assignment.pk)
        )
        declaration = Declaration.objects.filter(
            member=assignment.member, application=assignment.application_id
        ).first()
        excluded = Exclusion.objects.filter(
            member=assignment.member, application=assignment.application_id
        ).exists()
        enforce(permissions.can_declare(actor, assignment, excluded))
        if kind not in DeclarationKind.values:
            raise ValidationError({"kind": _("申告の内容を選んでください。")})
        if declaration is not None and declaration.is_conflict and kind == DeclarationKind.NONE:
            raise ValidationError({"kind": _("申告した利害関係は取り消せません。事務局にご連絡ください。")})
        if kind != DeclarationKind.NONE and not note:
            raise ValidationError({"note": _("関係の内容を具体的に記入してください。")})
        before = snapshot(declaration, ["kind", "note"]) if declaration else {}
        if declaration is None:
            declaration = Declaration.objects.create(
                member=assignment.member, application_id=assignment.application_id, kind=kind, note=note
            )
        else:
            declaration.kind, declaration.note = kind, note
            declaration.save(update_fields=["kind", "note", "declared_at"])
        changes = diff(before, snapshot(declaration, ["kind", "note"]))
        record(
            actor,
            "review.declaration.declared",
            declaration,
            changes=changes,
            data={"member": assignment.member_id, "application": assignment.application_id},
        )
        if declaration.is_conflict:
            refresh_conflicts(actor, assignment.committee)
    return declaration


# Assignment ------------------------------------------------------------------------------------------------


def _labels(applications: Iterable[Application]) -> dict[int, str]:
    return {a.pk: f"{a.receipt_number or ''}「{a.title}」" for a in applications}


def auto_assign(actor: User, committee: Committee) -> AssignmentResult:
    """Give every application the configured number of reviewers (engine: balanced, no conflicts).

    Manual assignments and those with a sheet already started are kept; other automatic ones may move."""
    enforce(permissions.can_change_review(actor, committee))
    now = timezone.now()
    with transaction.atomic():
        committee = _locked_for_change(actor, committee)
        refresh_conflicts(actor, committee)
        conflicts, members, applications = analysis.find_conflicts(committee)
        active = list(
            Assignment.objects.filter(
                committee=committee, status=AssignmentStatus.ACTIVE, member__active=True
            )
            .filter(application__in=applications)
            .select_related("sheet")
        )
        has_sheet = {a.pk for a in active if hasattr(a, "sheet")}
        kept = {
            (a.member_id, a.application_id)
            for a in active
            if a.source == AssignmentSource.MANUAL or a.pk in has_sheet
        }
        try:
            result = (
                assign(
                    [a.pk for a in applications],
                    [m.pk for m in members],
                    committee.reviewers_per_application,
                    conflicts.forbidden(),
                    kept,
                )
                if members
                else None
            )
        except AssignmentInputError as error:
            raise ValidationError(str(error)) from error
        if result is None:
            raise ValidationError(_("審査委員がいないため割り当てられません。先に委員を追加してください。"))
        wanted = set(result.pairs)
        current = {(a.member_id, a.application_id): a for a in active}
        dropped = [a for pair, a in current.items() if pair not in wanted]
        withdrawn = _withdraw(dropped, _("自動割当ての見直し"))
        new_pairs = sorted(wanted - set(current))
        old = {
            (a.member_id, a.application_id): a
            for a in Assignment.objects.filter(committee=committee, status=AssignmentStatus.WITHDRAWN)
        }
        create = []
        for member_id, application_id in new_pairs:
            previous = old.get((member_id, application_id))
            if previous is not None:
                previous.status, previous.source = AssignmentStatus.ACTIVE, AssignmentSource.AUTO
                previous.withdrawn_reason, previous.assigned_by, previous.assigned_at = "", actor, now
                previous.save(
                    update_fields=["status", "source", "withdrawn_reason", "assigned_by", "assigned_at"]
                )
            else:
                create.append(
                    Assignment(
                        committee=committee,
                        member_id=member_id,
                        application_id=application_id,
                        source=AssignmentSource.AUTO,
                        assigned_by=actor,
                        assigned_at=now,
                    )
                )
        Assignment.objects.bulk_create(create)
        caching.invalidate(committee_id=committee.pk)  # bulk_create sends no post_save
        record(
            actor,
            "review.assignment.auto",
            committee,
            data={
                "reviewers_per_application": committee.reviewers_per_application,
                "added": [list(p) for p in new_pairs],
                "withdrawn": withdrawn,
                "loads": {str(k): v for k, v in result.loads.items()},
                "shortages": [s.application_id for s in result.shortages],
            },
        )
    return result


def shortage_message(result: AssignmentResult, applications: Iterable[Application]) -> str | None:
    return result.message(_labels(applications))


def save_manual_assignments(
    actor: User, committee: Committee, wanted: set[tuple[int, int]], shown: set[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """Set the assignments of the pairs ``shown`` on the page to ``wanted``; (added, withdrawn).

    A conflicted pair cannot be assigned; an assignment with a submitted sheet cannot be withdrawn."""
    enforce(permissions.can_change_review(actor, committee))
    now = timezone.now()
    with transaction.atomic():
        committee = _locked_for_change(actor, committee)
        refresh_conflicts(actor, committee)
        exclusions = set(
            Exclusion.objects.filter(committee=committee).values_list("member_id", "application_id")
        )
        members = {m.pk: m for m in analysis.active_members(committee)}
        applications = {a.pk: a for a in analysis.review_applications(committee)}
        errors = []
        for member_id, application_id in sorted(wanted):
            if member_id not in members or application_id not in applications:
                errors.append(
                    _("委員または応募が見つからない割当てがあります。ページを読み込み直してください。")
                )
                break
            if (member_id, application_id) in exclusions:
                errors.append(
                    _("%(member)sは%(app)sと利益相反があるため割り当てられません。")
                    % {
                        "member": members[member_id],
                        "app": _labels([applications[application_id]])[application_id],
                    }
                )
        all_rows = {
            (a.member_id, a.application_id): a
            for a in Assignment.objects.filter(committee=committee).select_related("sheet")
        }
        active = {p for p, a in all_rows.items() if a.is_active}
        scope = shown if shown is not None else set(active) | set(wanted)
        to_remove = [all_rows[p] for p in sorted((active & scope) - wanted)]
        for assignment in to_remove:
            sheet = getattr(assignment, "sheet", None)
            if sheet is not None and sheet.is_submitted:
                errors.append(
                    _("%(member)sは%(app)sの採点票を提出済みのため、割当てを解除できません。")
                    % {
                        "member": members.get(assignment.member_id, assignment.member),
                        "app": _labels([applications[assignment.application_id]]).get(
                            assignment.application_id, ""
                        )
                        if assignment.application_id in applications
                        else "",
                    }
                )
        if errors:
            raise ValidationError(errors)
        withdrawn = _withdraw(to_remove, _("事務局による解除"))
        added = sorted((wanted & scope) - active)
        create = []
        for pair in added:
            row = all_rows.get(pair)
            if row is not None:
                row.status, row.source, row.withdrawn_reason = (
                    AssignmentStatus.ACTIVE,
                    AssignmentSource.MANUAL,
                    "",
                )
                row.assigned_by, row.assigned_at = actor, now
                row.save(update_fields=["status", "source", "withdrawn_reason", "assigned_by", "assigned_at"])
            else:
                create.append(
                    Assignment(
                        committee=committee,
                        member_id=pair[0],
                        application_id=pair[1],
                        source=AssignmentSource.MANUAL,
                        assigned_by=actor,
                        assigned_at=now,
                    )
                )
        Assignment.objects.bulk_create(create)
        caching.invalidate(committee_id=committee.pk)  # bulk_create sends no post_save
        if added or withdrawn:
            record(
                actor,
                "review.assignment.manual",
                committee,
                data={"added": [list(p) for p in added], "withdrawn": withdrawn},
            )
    return len(added), len(withdrawn)

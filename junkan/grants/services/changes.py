"""Plan changes (計画変更) and the continuation review of multi-year projects (継続事業の審査).

Seed 002 「計画変更」: a grantee who must change part of the plan agrees it with the association before
changing, and obtains its approval (交付規程第6条・第8条). 「継続事業の審査」: a project adopted for
several years that changes the next year's plan from the one of the grant application submits that
plan, with the changes marked, for the continuation review; without changes the review is skipped
(「変更なし」, recorded at once).

A request holds the changed sections (``after``) against the plan version it started from; approval makes
the next version of the plan. A request moves only through :func:`transition_change` (the moves are declared
in ``processes.PLAN_CHANGE``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.audit.services import record
from junkan.common import workflow
from junkan.common.permissions import Decision, enforce
from junkan.grants import permissions
from junkan.grants.engine import orders
from junkan.grants.models import (
    PlanChange,
    PlanChangeKind,
    PlanChangeStatus,
    PlanVersion,
    Project,
)
from junkan.grants.processes import PLAN_CHANGE
from junkan.grants.services import lifecycle
from junkan.grants.services.lifecycle import lock
from junkan.grants.services.reports import schedule_reports
from junkan.jp.dates import fiscal_year, fiscal_year_label, today_tokyo

# The verbs of the forms → the declared moves.
MOVE_NAMES = {"approve": "approved", "refuse": "refused", "withdraw": "withdrawn"}


def current_version(project: Project) -> PlanVersion | None:
    """The plan in force: the version with the highest number."""
    return project.plan_versions.order_by("-number").first()


def open_change(project: Project) -> PlanChange | None:
    """The request waiting for a decision, if any (there is at most one)."""
    return project.plan_changes.filter(status=PlanChangeStatus.REQUESTED).first()


def next_fiscal_year(project: Project) -> int:
    """The year a continuation plan is for: the year after the last one applied for, else next year."""
    last = project.award_years.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    return (last if last is not None else fiscal_year(today_tokyo())) + 1


def kind_allowed(project: Project, kind: str) -> Decision:
    """May a change of ``kind`` be requested (or approved) in the project's state now?"""
    if kind == PlanChangeKind.CONTINUATION:
        return permissions.continuation_open(project)
    return permissions.change_open(project)


def _require_status(project: Project, kind: str) -> None:
    decision = kind_allowed(project, kind)
    if not decision:
        field = "kind" if not project.multi_year and kind == PlanChangeKind.CONTINUATION else None
        raise ValidationError({field: decision.reason} if field else decision.reason)


def _no_open_change(project: Project) -> None:
    if project.plan_changes.filter(status=PlanChangeStatus.REQUESTED).exists():
        raise ValidationError(
            _("承認申請中の計画変更があります。承認・不承認が決まるか、取り下げてから申請してください。")
        )


def request_change(
    actor: Any,
    project: Project,
    *,
    after: Mapping[str, Any],
    reason: str,
    kind: str = PlanChangeKind.CHANGE,
    fiscal_year: int | None = None,
) -> PlanChange:
    """Ask for approval of a changed plan (grantee): ``after`` maps sections to their changed fields."""
    enforce(permissions.can_act(actor, project))
    if kind not in PlanChangeKind.values:
        raise ValidationError({"kind": _("申請の種類を選んでください。")})
    if not isinstance(after, Mapping) or not all(isinstance(v, Mapping) for v in after.values()):
        raise ValidationError({"after": _("変更後の内容が読み取れません。")})
    with transaction.atomic():
        project = lock(project)
        _require_status(project, kind)
        _no_open_change(project)
        base = current_version(project)
        if base is None:
            raise ValidationError(_("実施計画がまだありません。交付申請の後に申請できます。"))
        errors: dict[str, str] = {}
        if not reason.strip():
            errors["reason"] = (
                _("継続年度の計画を変更する理由を入力してください。")
                if kind == PlanChangeKind.CONTINUATION
                else _("変更の理由を入力してください。")
            )
        whole = orders.merged(base.sections, after)
        changed = {key: dict(value) for key, value in after.items() if whole[key] != base.sections.get(key)}
        if not orders.plan_diff(base.sections, orders.merged(base.sections, changed)):
            errors["after"] = (
                _("変更された項目がありません。計画に変更がない場合は「変更なし」で継続を記録してください。")
                if kind == PlanChangeKind.CONTINUATION
                else _("変更された項目がありません。")
            )
        if errors:
            raise ValidationError(errors)
        if kind == PlanChangeKind.CONTINUATION and fiscal_year is None:
            fiscal_year = next_fiscal_year(project)
        change = PlanChange.objects.create(
            project=project,
            kind=kind,
            base_version=base,
            after=changed,
            reason=reason.strip(),
            fiscal_year=fiscal_year,
            requested_by=actor,
            requested_at=timezone.now(),
        )
        record(
            actor,
            "grants.plan_change.requested",
            change,
            changes={"status": [None, PlanChangeStatus.REQUESTED]},
            data={
                "plan_change": change.pk,
                "kind": kind,
                "fiscal_year": fiscal_year,
                "base_version": base.number,
                "sections": sorted(changed),
                "reason": change.reason,
            },
        )
    return change


def _version_reason(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:199] + "…"


def transition_change(actor: Any, change: PlanChange, name: str, *, note: str = "") -> PlanChange:
    """Move a requested change: ``approve``/``refuse`` (secretariat, with a note), ``withdraw`` (grantee)."""
    move_name = MOVE_NAMES.get(name, name)
    try:
        move = PLAN_CHANGE.move(move_name)
    except LookupError:
        raise ValidationError(_("この手続はできません。")) from None
    if not move.sources:
        raise ValidationError(_("この手続はできません。"))
    enforce(move.who(actor, change))
    note = note.strip()
    with transaction.atomic():
        project = lock(change.project)
        current = PlanChange.objects.select_for_update(of=("self",)).get(pk=change.pk, project=project)
        state = workflow.can(PLAN_CHANGE, None, current, move_name)
        if not state:
            raise ValidationError(state.reason)
        if move_name == "refused" and not note:
            raise ValidationError({"note": _("不承認の理由を入力してください。")})
        version = None
        fields: dict[str, Any] = {"decision_note": note}
        if move_name == "approved":
            version = _approve(actor, project, current)
            fields["result_version"] = version
        if move_name != "withdrawn":
            fields.update(decided_by=actor, decided_at=timezone.now())
        result = workflow.transition(
            PLAN_CHANGE,
            actor,
            current,
            move_name,
            fields=fields,
            data={
                "plan_change": current.pk,
                "kind": current.kind,
                "fiscal_year": current.fiscal_year,
                "note": note,
                "result_version": version.number if version else None,
            },
        )
    return result


def _approve(actor: Any, project: Project, change: PlanChange) -> PlanVersion:
    """The next plan version from an approved change; a continuation also marks the project continuing."""
    current = current_version(project)
    if current is None or current.pk != change.base_version_id:
        raise ValidationError(
            _("申請の後に実施計画が改定されているため承認できません。取り下げて、改めて申請してください。")
        )
    version = PlanVersion.objects.create(
        project=project,
        number=current.number + 1,
        sections=orders.merged(current.sections, change.after),
        reason=_version_reason(change.reason),
        created_by=actor,
    )
    record(
        actor,
        "grants.plan_version.created",
        project,
        changes={"plan_version": [current.number, version.number]},
        data={"plan_change": change.pk, "number": version.number, "reason": version.reason},
    )
    if change.kind == PlanChangeKind.CONTINUATION:
        lifecycle.update(
            actor,
            project,
            "continuation_approved",
            {"continuing": True},
            data={
                "plan_change": change.pk,
                "fiscal_year": change.fiscal_year,
                "plan_version": version.number,
            },
        )
        schedule_reports(project)
    return version


def record_continuation_unchanged(actor: Any, project: Project, *, fiscal_year: int | None = None) -> Project:
    """「変更なし」: continue next year on the plan as it stands; no review is needed (grantee)."""
    enforce(permissions.can_act(actor, project))
    with transaction.atomic():
        project = lock(project)
        _require_status(project, PlanChangeKind.CONTINUATION)
        _no_open_change(project)
        if project.continuing:
            raise ValidationError(_("翌年度の継続はすでに記録されています。"))
        version = current_version(project)
        if version is None:
            raise ValidationError(_("実施計画がまだありません。交付申請の後に記録できます。"))
        year = fiscal_year if fiscal_year is not None else next_fiscal_year(project)
        lifecycle.update(
            actor,
            project,
            "continuation_recorded",
            {"continuing": True},
            data={"fiscal_year": year, "unchanged": True, "plan_version": version.number},
        )
        schedule_reports(project)
    return project


# --- Showing a plan and its changes -------------------------------------------------------------------------

COST_KEYS = {
    "fiscal_year": gettext_lazy("年度"),
    "total_cost": gettext_lazy("(1)総事業費"),
    "other_income": gettext_lazy("(2)寄付金その他の収入"),
    "consumption_tax": gettext_lazy("うち消費税及び地方消費税相当額"),
    "consumption_tax_equivalent": gettext_lazy("減額する消費税等相当額"),
    "category": gettext_lazy("費目・細目"),
    "description": gettext_lazy("積算内訳"),
    "unit_price": gettext_lazy("単価"),
    "quantity": gettext_lazy("数量"),
    "unit": gettext_lazy("単位"),
    "staff": gettext_lazy("職員の区分"),
}


def field_labels(project: Project) -> dict[str, str]:
    """``"section.field"`` → label, and ``"section"`` → heading, from the call's form specification."""
    from junkan.applications.checklist import sections_of

    try:
        sections = sections_of(project.application)
    except LookupError:
        return {}
    labels: dict[str, str] = {}
    for section in sections:
        labels[section.key] = section.heading
        for spec in section.fields:
            labels[f"{section.key}.{spec.key}"] = spec.label
            for sub in spec.subfields:
                labels[f"{section.key}.{spec.key}.*.{sub.key}"] = sub.label
    return labels


def field_kinds(project: Project) -> dict[str, str]:
    """``"section.field"`` → the kind of input of the form specification (text, longtext, items…)."""
    from junkan.applications.checklist import sections_of

    try:
        sections = sections_of(project.application)
    except LookupError:
        return {}
    return {f"{s.key}.{f.key}": f.kind for s in sections for f in s.fields}


def path_label(path: str, labels: Mapping[str, str]) -> str:
    """A diff path in words: 「様式2　事業の背景：事業の背景」, 「令和元年度 2行目 単価」."""
    parts = path.split(".")
    section = labels.get(parts[0], parts[0])
    if len(parts) >= 2 and parts[0] == "costs" and parts[1] == "years":
        words = [section]
        rest = parts[2:]
        if rest and rest[0].startswith("fy") and rest[0][2:].isdigit():
            words.append(fiscal_year_label(int(rest[0][2:])))
            rest = rest[1:]
        if len(rest) >= 2 and rest[0] == "lines":
            words.append(_("%(n)s行目") % {"n": rest[1]})
            rest = rest[2:]
        words.extend(str(COST_KEYS.get(key, key)) for key in rest)
        return " ".join(words)
    if len(parts) == 1:
        return section
    field = labels.get(f"{parts[0]}.{parts[1]}", parts[1])
    if len(parts) >= 4:
        sub = labels.get(f"{parts[0]}.{parts[1]}.*.{parts[3]}", ".".join(parts[3:]))
        return f"{section}：{field}（{parts[2]}）{sub}"
    return f"{section}：{field}" + ("".join(f".{p}" for p in parts[2:]))


@dataclass(frozen=True)
class ShownChange:
    """A change of the plan with the words of its field."""

    path: str
    label: str
    before: str
    after: str
    kind: str


def shown_diff(
    before: Mapping[str, Any], after: Mapping[str, Any], labels: Mapping[str, str]
) -> list[ShownChange]:
    """The diff of two plans with labels, for the side-by-side view."""
    return [
        ShownChange(c.path, path_label(c.path, labels), c.before, c.after, c.kind)
        for c in orders.plan_diff(before, after)
    ]


def proposed(change: PlanChange) -> dict[str, Any]:
    """The whole plan as the change would make it."""
    return orders.merged(change.base_version.sections, change.after)


def plan_rows(sections: Mapping[str, Any], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """The plan's items as (label, text) rows, in order, for reading a version."""
    return [(path_label(c.path, labels), c.after) for c in orders.plan_diff({}, sections)]

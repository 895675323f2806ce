"""額の確定, the payment request (精算払請求書) and the payment record (seed 002 2(5)(6)).

- :func:`determination_preview` computes the amount from the completion report's cost lines with
  :mod:`junkan.grants.engine.determination` (which runs the call's amount rule, 様式3 step by step), per
  fiscal year of the decision (``AwardYear``); nothing is stored.
- :func:`determine` (secretariat) fixes it: COMPLETED → DETERMINED, storing the amount and the working.
  The completion report must have been accepted first.
- :func:`request_payment` (grantee) records the 精算払請求書; :func:`record_payment` (secretariat) records
  the payment of the whole determined amount (精算払): DETERMINED → PAID.

E-mails go out after the commit. The mail helpers here are shared by the other money-area services.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from junkan.common import workflow
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import determination as engine
from junkan.grants.models import CostLine, Project, ProjectStatus, Report, ReportStatus
from junkan.grants.processes import PROJECT
from junkan.grants.services import lifecycle, mail
from junkan.jp.dates import fiscal_year
from junkan.programs.models import ReportKind

# The reports whose cost lines are the project's actual costs (完了実績報告書, or the FS調査書・事業化計画書
# of a call that has no completion report).
COMPLETION_KINDS = (ReportKind.COMPLETION, ReportKind.STUDY_REPORT)
# A report counts for the preview once submitted; the determination needs it accepted.
COUNTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


@dataclass(frozen=True)
class YearAdjustment:
    """What the secretariat adds to one year's figures: (2) other income and the 消費税等相当額."""

    other_income: int = 0
    consumption_tax_equivalent: int | None = None


@dataclass(frozen=True)
class LineRow:
    """A cost line with the engine's verdict on it."""

    line: CostLine
    check: engine.LineCheck


@dataclass(frozen=True)
class Preview:
    """The determination as it would be made now: the reports used, each line, the result or the problems."""

    project: Project
    reports: tuple[Report, ...]
    lines: tuple[LineRow, ...]
    decided: dict[int, int]
    result: engine.Determination | None
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def eligible_lines(self) -> list[LineRow]:
        return [row for row in self.lines if row.check.eligible]

    @property
    def excluded_lines(self) -> list[LineRow]:
        return [row for row in self.lines if not row.check.eligible]

    @property
    def accepted(self) -> bool:
        """Every report used has been accepted (the condition of the determination)."""
        return bool(self.reports) and all(r.status == ReportStatus.ACCEPTED for r in self.reports)

    @property
    def messages(self) -> list[str]:
        return [message for messages in self.errors.values() for message in messages]

    def working(self) -> dict[str, Any]:
        """The result with the lines it was computed from, as stored in ``determination_working``."""
        if self.result is None:
            return {}
        data = self.result.as_dict()
        data["reports"] = [{"id": r.pk, "name": str(r), "status": r.status} for r in self.reports]
        data["lines"] = [
            {
                "id": row.line.pk,
                "fiscal_year": row.line.fiscal_year,
                "expense": row.line.expense,
                "item": row.line.item,
                "description": row.line.description,
                "amount": row.line.amount,
                "paid_on": row.line.paid_on.isoformat(),
                "eligible": row.check.eligible,
                "reason": row.check.reason,
            }
            for row in self.lines
        ]
        return data


def decided_by_year(project: Project) -> dict[int, int]:
    """交付決定額 per fiscal year (``AwardYear``); a project without years has its decision in one year."""
    years = {
        year.fiscal_year: year.decided_amount
        for year in project.award_years.all()
        if year.decided_amount is not None
    }
    if not years and project.decided_amount is not None and project.decided_on is not None:
        years = {fiscal_year(project.decided_on): project.decided_amount}
    return years


def completion_reports(project: Project) -> list[Report]:
    """The submitted or accepted completion reports of the project, with their cost lines and contracts."""
    return list(
        project.reports.filter(kind__in=COMPLETION_KINDS, status__in=COUNTED_STATUSES)
        .prefetch_related(Prefetch("cost_lines", queryset=CostLine.objects.select_related("contract")))
        .order_by("fiscal_year", "id")
    )


def _field_name(problem_field: str) -> str:
    """A form field for an engine problem (``2019.other_income`` → ``other_income_2019``), else the form."""
    year, _sep, name = problem_field.partition(".")
    if name in {"other_income", "consumption_tax_equivalent"}:
        return f"{name}_{year}"
    return NON_FIELD_ERRORS


def determination_preview(
    project: Project, adjustments: Mapping[int, YearAdjustment] | None = None
) -> Preview:
    """The amount the project would be determined at now, from its completion report's cost lines."""
    reports = completion_reports(project)
    decided = decided_by_year(project)
    lines = [line for report in reports for line in report.cost_lines.all()]
    errors: dict[str, list[str]] = {}
    if not reports:
        errors[NON_FIELD_ERRORS] = [_("完了実績報告書がまだ提出されていません。")]
    if not decided or project.decided_on is None:
        errors.setdefault(NON_FIELD_ERRORS, []).append(_("交付決定額が記録されていません。"))
    if errors:
        return Preview(project, tuple(reports), (), decided, None, errors)
    assert project.decided_on is not None
    inputs = [
        engine.CostLineInput(
            key=str(line.pk),
            fiscal_year=line.fiscal_year,
            amount=line.amount,
            paid_on=line.paid_on,
            ordered_on=line.contract.ordered_on if line.contract is not None else None,
        )
        for line in lines
    ]
    checks = engine.classify_lines(inputs, project.decided_on, decided)
    rows = tuple(LineRow(line, check) for line, check in zip(lines, checks, strict=True))
    adjustments = adjustments or {}
    figures = engine.figures_from_lines(
        checks,
        decided,
        other_income={year: a.other_income for year, a in adjustments.items()},
        consumption_tax_equivalent={year: a.consumption_tax_equivalent for year, a in adjustments.items()},
    )
    try:
        result = engine.determine(project.project_type.amount_rule(), figures)
    except engine.AmountInputError as error:
        for problem in error.problems:
            errors.setdefault(_field_name(problem.field), []).append(problem.message)
        return Preview(project, tuple(reports), rows, decided, None, errors)
    return Preview(project, tuple(reports), rows, decided, result)


def determine(
    actor: Any,
    project: Project,
    *,
    determined_on: date,
    adjustments: Mapping[int, YearAdjustment] | None = None,
) -> Project:
    """額の確定 (secretariat): COMPLETED → DETERMINED at the previewed amount, never above the decision."""
    enforce(permissions.can_manage(actor, project))
    with transaction.atomic():
        locked = lifecycle.lock(project)
        _require_state(locked, "determined", _("額の確定は事業完了の後に行います。"))
        preview = determination_preview(locked, adjustments)
        errors: dict[str, list[str]] = {key: list(value) for key, value in preview.errors.items()}
        if preview.reports and not preview.accepted:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("完了実績報告書がまだ受理されていません。報告の画面で先に受理してください。")
            )
        if locked.completed_on is not None and determined_on < locked.completed_on:
            errors["determined_on"] = [
                _("額の確定日は事業完了日（%(day)s）以後の日付にしてください。")
                % {"day": locked.completed_on.isoformat()}
            ]
        if errors:
            raise ValidationError(errors)
        assert preview.result is not None
        amount = preview.result.determined_total
        if locked.decided_amount is not None and amount > locked.decided_amount:
            # The years' decisions add up to more than the project's: never determine above the decision.
            raise ValidationError(
                _(
                    "確定額（%(amount)s円）が交付決定額（%(decided)s円）を超えています。年度別の交付決定額を確認してください。"
                )
                % {"amount": f"{amount:,}", "decided": f"{locked.decided_amount:,}"}
            )
        workflow.transition(
            PROJECT,
            actor,
            locked,
            "determined",
            fields={
                "determined_on": determined_on,
                "determined_amount": amount,
                "determination_working": preview.working(),
            },
            data={
                "decided_amount": locked.decided_amount,
                "estimate_total": preview.result.estimate_total,
                "capped_by_decision": preview.result.capped_by_decision,
            },
        )
    return locked


def request_payment(actor: Any, project: Project, *, requested_on: date) -> Project:
    """精算払請求書 (grantee): record the day the payment of the determined amount was requested."""
    enforce(permissions.can_act(actor, project))
    with transaction.atomic():
        locked = lifecycle.lock(project)
        if locked.status != ProjectStatus.DETERMINED:
            raise ValidationError(
                _("精算払請求は額の確定の後に行います（現在は「%(status)s」です）。")
                % {"status": locked.get_status_display()}
            )
        if locked.payment_requested_on is not None:
            raise ValidationError(
                _("精算払請求書は%(day)sに提出済みです。") % {"day": locked.payment_requested_on.isoformat()}
            )
        if locked.determined_on is not None and requested_on < locked.determined_on:
            raise ValidationError(
                {
                    "requested_on": _("請求日は額の確定日（%(day)s）以後の日付にしてください。")
                    % {"day": locked.determined_on.isoformat()}
                }
            )
        lifecycle.update(
            actor,
            locked,
            "payment_requested",
            {"payment_requested_on": requested_on},
            data={"amount": locked.determined_amount},
        )
        pk = locked.pk
        transaction.on_commit(lambda: _mail_payment_requested(pk))
    return locked


def record_payment(actor: Any, project: Project, *, paid_on: date, amount: int) -> Project:
    """The payment (secretariat): the whole determined amount (精算払) after the request; → PAID."""
    enforce(permissions.can_manage(actor, project))
    with transaction.atomic():
        locked = lifecycle.lock(project)
        _require_state(locked, "paid", _("支払は額の確定の後に記録します。"))
        errors: dict[str, str] = {}
        if locked.payment_requested_on is None:
            errors[NON_FIELD_ERRORS] = _("精算払請求書がまだ提出されていません。")
        elif paid_on < locked.payment_requested_on:
            errors["paid_on"] = _("支払日は精算払請求日（%(day)s）以後の日付にしてください。") % {
                "day": locked.payment_requested_on.isoformat()
            }
        if amount != locked.determined_amount:
            errors["amount"] = _("精算払のため、支払額は確定額（%(amount)s円）と同じ額にしてください。") % {
                "amount": f"{locked.determined_amount or 0:,}"
            }
        if errors:
            raise ValidationError(errors)
        workflow.transition(
            PROJECT, actor, locked, "paid", fields={"paid_on": paid_on, "paid_amount": amount}
        )
    return locked


def _require_state(project: Project, name: str, hint: str) -> None:
    """The project's state allows the move ``name`` (its guards are checked with the input)."""
    if project.status not in PROJECT.move(name).sources:
        raise ValidationError(
            _("この補助事業は「%(status)s」のため、この手続はできません。")
            % {"status": project.get_status_display()}
            + hint
        )


# E-mails (shared with returns and requests) --------------------------------------------------------


def _project(pk: int) -> Project:
    return Project.objects.select_related("program", "organization").get(pk=pk)


def _mail_payment_requested(pk: int) -> None:
    project = _project(pk)
    mail.send(
        "grants/email/money_payment_requested.txt",
        _("[循環] 精算払請求書の提出（%(title)s）") % {"title": project.title},
        mail.secretariat_addresses(),
        {"project": project, "url": mail.project_url("grants:money", project)},
    )

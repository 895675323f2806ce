"""Reports of a project: scheduled from the call's rules, written by the grantee, checked by the secretariat.

- :func:`schedule_reports`: the Report rows and their due dates from the type's report rules.
- :func:`set_completion` (grantee): the completion date (and the date the F/S or plan was made), the records'
  retention date, and the due dates counted from it.
- :func:`save_report` (grantee): the answers to the content items and the CO2 figures, versioned.
- :func:`add_cost_line`, :func:`update_cost_line`, :func:`remove_cost_line` (grantee): the actual costs of the
  completion report; :func:`add_report_document` the receipts, invoices and utility data.
- :func:`transition_report`: a report's moves (submit, accept, return; declared in ``processes.REPORT``).
  Submitting the completion report completes the project and records its promised CO2 reduction; returning
  it reopens it.
- :func:`check` runs :mod:`junkan.grants.engine.report_checks` on a report; :mod:`report_reminders` lists the
  overdue and upcoming reports; :func:`send_reminders` e-mails the grantee before and after due dates.

Which figure is the reduction: for the completion report (kind ``completion`` or ``study_report``) the chosen
saved CO2 calculation's reduction, else the figure entered (stored in ``expected_t_co2``: the reduction
expected from the equipment the F/S or plan leads to); it becomes ``Project.promised_t_co2`` when the report
is submitted. For an annual report, ① = ``expected_t_co2`` (equipment not yet installed) + ``actual_t_co2``
(installed equipment); a saved calculation may be chosen there as the basis of the figures, without replacing
them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from junkan.audit.services import plain, record
from junkan.carbon.engine import split
from junkan.carbon.forms import split_error
from junkan.carbon.models import SavedCalculation
from junkan.common import workflow
from junkan.common.permissions import enforce
from junkan.grants import permissions
from junkan.grants.engine import report_checks, viability
from junkan.grants.engine.retention import retain_until
from junkan.grants.models import (
    CO2_DIGITS,
    COMPLETION_REPORT_KINDS,
    EDITABLE_REPORT_STATUSES,
    Contract,
    CostLine,
    DocumentKind,
    GrantDocument,
    Project,
    Report,
    ReportStatus,
)
from junkan.grants.processes import REPORT, report_owed_now
from junkan.grants.services import documents, lifecycle
from junkan.jp.dates import format_date, today_tokyo
from junkan.programs.engine.deadlines import ReportSpec, schedule
from junkan.programs.models import ReportKind

COMPLETION_KINDS = COMPLETION_REPORT_KINDS
# The viability figures (engine name → model field), int yen except the period in years.
VIABILITY_FIELDS = {
    "investment": "initial_investment",
    "revenue": "annual_revenue",
    "running_cost": "annual_running_cost",
    "savings": "utility_savings",
    "years": "evaluation_years",
}
MAX_YEN = 10**15
MAX_YEARS = 100
EVIDENCE_KINDS = (DocumentKind.RECEIPT, DocumentKind.INVOICE)
# Files attached to the report itself (not to a cost line).
REPORT_FILE_KINDS = (DocumentKind.UTILITY_DATA, DocumentKind.REPORT_BODY, DocumentKind.OTHER)
ANSWER_MAX = 20_000
# The verbs of the forms and URLs → the declared moves (``processes.REPORT``).
MOVE_NAMES = {"submit": "submitted", "accept": "accepted", "return": "returned"}
MOVES = tuple(MOVE_NAMES)
FIGURE_FIELDS = (
    "co2_calculation_id",
    "expected_t_co2",
    "actual_t_co2",
    "cause_analysis",
    "direct_t_co2",
    "indirect_t_co2",
    *VIABILITY_FIELDS.values(),
)
MAX_CO2 = Decimal(10) ** (CO2_DIGITS["max_digits"] - CO2_DIGITS["decimal_places"])

# The engine's problems in words (the engine's own message is the Japanese default).
PROBLEM_MESSAGES = {
    report_checks.ANSWER_MISSING: gettext_lazy("「%(item)s」を記入してください。"),
    report_checks.COMPLETION_DATE_MISSING: gettext_lazy("補助事業の完了日を登録してください。"),
    report_checks.COST_LINES_MISSING: gettext_lazy("経費の実績を1件以上登録してください。"),
    report_checks.CO2_MISSING: gettext_lazy("CO2削減量を、保存した計算を選ぶか数値で入力してください。"),
    report_checks.YEAR_REDUCTION_MISSING: gettext_lazy(
        "二酸化炭素の削減量（導入前の設備の見込み、導入後の設備の実績）を入力してください。"
    ),
    report_checks.EVIDENCE_MISSING: gettext_lazy(
        "経費「%(description)s」の領収書等または請求書を添付してください。"
    ),
    report_checks.UTILITY_DATA_MISSING: gettext_lazy(
        "稼働実績による削減量を算定したため、当該年度の光熱水量のデータ等（算定根拠）を添付してください。"
    ),
    split.PART_MISSING: gettext_lazy(
        "分離して記載する場合は、直接的な削減効果と間接的な削減効果の両方を入力してください（ない場合は0）。"
    ),
    split.SUM_MISMATCH: gettext_lazy(
        "直接的な削減効果（%(direct)s）と間接的な削減効果（%(indirect)s）の合計（%(sum)s t-CO2/年）が、"
        "CO2削減量（%(total)s t-CO2/年）と一致しません。"
    ),
    viability.FIGURES_MISSING: gettext_lazy(
        "事業採算性（年間の収入・支出）又は光熱費等削減額を入力してください。"
    ),
    viability.YEARLY_MISSING: gettext_lazy(
        "初期投資額を入力した場合は、年間の収入・支出又は光熱費等削減額も入力してください。"
    ),
    report_checks.CAUSE_MISSING: gettext_lazy(
        "削減量（%(reduction)s t-CO2/年）が実績報告書に記載した削減量（%(promised)s t-CO2/年）に"
        "達していないため、原因の分析を記入してください。"
    ),
}


def is_completion_report(report: Report) -> bool:
    return report.kind in COMPLETION_KINDS


# --- Scheduling ---------------------------------------------------------------------------------------------


def schedule_reports(project: Project) -> list[Report]:
    """Create or update the project's Report rows from its type's report rules (idempotent).

    Due dates count from the completion date, or, while it is not known, from the planned end of the project
    (shown as provisional). Reports already submitted or accepted keep their dates. Call inside the
    transaction of the change that needs it (the decision, the completion date, a change of the plan date)."""
    counted_from: date | None = project.completed_on or project.planned_end_on
    if counted_from is None:
        return []
    rules = list(project.project_type.report_rules.all())
    specs = [
        ReportSpec(r.code, r.kind, r.due_from, r.due_rule, r.due_params, r.due_text, r.name) for r in rules
    ]
    by_code = {r.code: r for r in rules}
    existing = {(r.rule_code, r.fiscal_year): r for r in project.reports.all()}
    reports: list[Report] = []
    for item in schedule(
        specs, completed_on=counted_from, plan_made_on=project.plan_made_on, continuing=project.continuing
    ):
        rule = by_code[item.report.code]
        fiscal_year = item.due.fiscal_year if rule.kind == "annual" else None
        report = existing.get((rule.code, fiscal_year))
        if report is None:
            report = Report.objects.create(
                project=project,
                rule_code=rule.code,
                kind=rule.kind,
                name=rule.name,
                contents=list(rule.contents),
                fiscal_year=fiscal_year,
                period_start=item.due.period_start,
                period_end=item.due.period_end,
                due_on=item.due.due,
                due_text=rule.due_text,
            )
        elif report.status in EDITABLE_REPORT_STATUSES and (
            report.due_on != item.due.due or report.period_start != item.due.period_start
        ):
            report.due_on = item.due.due
            report.period_start = item.due.period_start
            report.period_end = item.due.period_end
            report.save(update_fields=["due_on", "period_start", "period_end", "updated_at"])
        reports.append(report)
    return reports


# --- Completion date ----------------------------------------------------------------------------------------


def set_completion(
    actor: Any,
    project: Project,
    *,
    completed_on: date,
    plan_made_on: date | None = None,
    today: date | None = None,
) -> Project:
    """Record the completion date (grantee, project decided), the retention date and the due dates from it.

    ``plan_made_on`` (the day the F/S or plan was made, from which the annual reports count) defaults to the
    completion date. Both must lie between the decision and today; the plan is made by completion."""
    enforce(permissions.can_act(actor, project))
    today = today or today_tokyo()
    plan_made_on = plan_made_on or completed_on
    with transaction.atomic():
        locked = lifecycle.lock(project)
        if locked.status not in permissions.RECORDING_OPEN:
            raise ValidationError(
                _(
                    "この補助事業は「%(status)s」のため、完了日を登録できません"
                    "（交付決定の後、完了実績報告書の提出の前に登録します）。"
                )
                % {"status": locked.get_status_display()}
            )
        errors: dict[str, str] = {}
        if locked.decided_on is not None and completed_on < locked.decided_on:
            errors["completed_on"] = _("完了日は交付決定日（%(day)s）以後の日付にしてください。") % {
                "day": format_date(locked.decided_on)
            }
        elif completed_on > today:
            errors["completed_on"] = _(
                "完了日に将来の日付は登録できません。事業が完了してから登録してください。"
            )
        if plan_made_on > completed_on:
            errors["plan_made_on"] = _("FS調査書・事業化計画の策定日は、完了日以前の日付にしてください。")
        elif locked.decided_on is not None and plan_made_on < locked.decided_on:
            errors["plan_made_on"] = _(
                "FS調査書・事業化計画の策定日は、交付決定日（%(day)s）以後の日付にしてください。"
            ) % {"day": format_date(locked.decided_on)}
        if errors:
            raise ValidationError(errors)
        before = {r.pk: r.due_on for r in locked.reports.all()}
        lifecycle.update(
            actor,
            locked,
            "completion_date_set",
            {
                "completed_on": completed_on,
                "plan_made_on": plan_made_on,
                "retain_until": retain_until(completed_on),
            },
        )
        scheduled = schedule_reports(locked)
        for report in scheduled:
            if before.get(report.pk) != report.due_on:
                record(
                    actor,
                    "grants.report.rescheduled",
                    report,
                    changes={"due_on": [plain(before.get(report.pk)), plain(report.due_on)]},
                    data={"completed_on": completed_on.isoformat()},
                )
        _drop_unscheduled(actor, locked, {r.pk for r in scheduled})
    return locked


def _drop_unscheduled(actor: Any, project: Project, kept: set[int]) -> None:
    """Remove the reports no longer owed under the new dates (e.g. an annual report of a year that moved),
    when nothing was ever written in them; a report with content stays, for the secretariat to see."""
    stale = (
        project.reports.exclude(pk__in=kept)
        .filter(status=ReportStatus.PENDING, version=0, cost_lines__isnull=True, documents__isnull=True)
        .distinct()
    )
    for report in stale:
        record(actor, "grants.report.unscheduled", project, data={"report": report.pk, "name": str(report)})
        report.delete()


# --- Writing the report -------------------------------------------------------------------------------------


class StaleReport(ValidationError):
    """Someone saved the report since the form was loaded; nothing was written."""


def lock_report(report: Report) -> Report:
    return Report.objects.select_for_update(of=("self",)).get(pk=report.pk)


def _editable(locked_project: Project, report: Report) -> None:
    """Refuse changes to a report that is handed in, or of a project whose decision was cancelled."""
    if locked_project.status in permissions.ENDED:
        raise ValidationError(_("交付決定が解除された補助事業の報告は変更できません。"))
    if report.status not in EDITABLE_REPORT_STATUSES:
        raise ValidationError(
            _("この報告は「%(status)s」のため、変更できません。") % {"status": report.get_status_display()}
        )


def _co2(value: Any, field: str, errors: dict[str, str]) -> Decimal | None:
    """A CO2 figure from the caller: a non-negative Decimal with at most three decimals, or None."""
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[field] = _("数値で入力してください。")
        return None
    if isinstance(value, (bool, float)) or not number.is_finite():
        errors[field] = _("数値で入力してください。")
    elif number < 0:
        errors[field] = _("0以上の数値で入力してください。")
    elif number >= MAX_CO2:
        errors[field] = _("数値が大きすぎます。")
    elif number != number.quantize(Decimal("0.001")):
        errors[field] = _("小数点以下は3桁までで入力してください。")
    else:
        return number
    return None


def save_report(
    actor: Any,
    report: Report,
    *,
    answers: Mapping[str, Any],
    base_version: int,
    co2_calculation: SavedCalculation | None = None,
    actual_t_co2: Decimal | None = None,
    expected_t_co2: Decimal | None = None,
    cause_analysis: str = "",
    direct_t_co2: Decimal | None = None,
    indirect_t_co2: Decimal | None = None,
    figures: viability.Figures | None = None,
) -> Report:
    """Save the answers (keyed by content item) and the CO2 figures of a report still being written.

    Refuses a form loaded before someone else saved (``base_version`` is not the report's version) with
    :class:`StaleReport`; nothing is written then. Answers may be incomplete (the checklist says what is
    missing); the version goes up by one on each save."""
    project = report.project
    enforce(permissions.can_act(actor, project))
    errors: dict[str, str] = {}
    completion = is_completion_report(report)
    annual = report.kind == ReportKind.ANNUAL
    cleaned: dict[str, str] = {}
    for index, item in report_checks.answer_items(report.kind, list(report.contents)):
        text = answers.get(item, "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            errors[report_checks.item_key(index)] = _("文章で入力してください。")
            continue
        if len(text) > ANSWER_MAX:
            errors[report_checks.item_key(index)] = _("%(max)s文字以内で入力してください。") % {
                "max": f"{ANSWER_MAX:,}"
            }
            continue
        if text.strip():
            cleaned[item] = text
    expected = _co2(expected_t_co2, "expected_t_co2", errors)
    actual = _co2(actual_t_co2, "actual_t_co2", errors)
    if not completion and not annual and (co2_calculation or expected is not None or actual is not None):
        errors["co2"] = _("この報告にはCO2削減量を記入しません。")
    if completion and actual is not None:
        errors["actual_t_co2"] = _(
            "完了実績報告書には、稼働実績による削減量ではなくCO2削減量を記入してください。"
        )
    if co2_calculation is not None and co2_calculation.organization_id != project.organization_id:
        errors["co2_calculation"] = _("補助事業者の組織で保存した計算を選んでください。")
    if cause_analysis and not annual:
        errors["cause_analysis"] = _("原因の分析は事業報告書にのみ記入します。")
    direct = _co2(direct_t_co2, "direct_t_co2", errors)
    indirect = _co2(indirect_t_co2, "indirect_t_co2", errors)
    if split.is_split(direct, indirect) and not (completion and split_applies(project)):
        errors["direct_t_co2"] = _("この報告には、直接的・間接的な削減効果を分けて記入しません。")
    elif completion and not errors:
        total = co2_calculation.reduction_t_co2 if co2_calculation is not None else expected
        for problem in split.check(total, direct, indirect):
            errors[f"{problem.part}_t_co2"] = split_error(problem)
    figures = figures or viability.Figures()
    if not figures.is_empty and not (completion and viability_block(report).shown):
        errors["initial_investment"] = _("この報告には、事業採算性・光熱費等削減の数値を記入しません。")
    for name, field_name in VIABILITY_FIELDS.items():
        value = getattr(figures, name)
        limit = MAX_YEARS if name == "years" else MAX_YEN
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < limit
        ):
            errors[field_name] = _("0以上の整数で入力してください。")
    if len(cause_analysis) > ANSWER_MAX:
        errors["cause_analysis"] = _("%(max)s文字以内で入力してください。") % {"max": f"{ANSWER_MAX:,}"}
    with transaction.atomic():
        locked_project = lifecycle.lock(project)
        locked = lock_report(report)
        _editable(locked_project, locked)
        if locked.version != base_version:
            raise StaleReport(
                {
                    NON_FIELD_ERRORS: _(
                        "この報告は、画面を開いた後に他の方が保存しています。入力した内容は保存されていません。"
                        "内容を控えてから画面を開き直し、最新の内容に反映してください。"
                    )
                }
            )
        if errors:
            raise ValidationError(errors)
        before = {name: plain(getattr(locked, name)) for name in FIGURE_FIELDS}
        old_answers = dict(locked.answers or {})
        changed_items = sorted(k for k in {*cleaned, *old_answers} if cleaned.get(k) != old_answers.get(k))
        locked.answers = cleaned
        locked.co2_calculation = co2_calculation
        locked.expected_t_co2 = expected
        locked.actual_t_co2 = actual if annual else None
        locked.cause_analysis = cause_analysis if annual else ""
        locked.direct_t_co2, locked.indirect_t_co2 = direct, indirect
        for name, field_name in VIABILITY_FIELDS.items():
            setattr(locked, field_name, getattr(figures, name))
        locked.version += 1
        locked.save(update_fields=["answers", "co2_calculation", *FIGURE_FIELDS[1:], "version", "updated_at"])
        after = {name: plain(getattr(locked, name)) for name in FIGURE_FIELDS}
        record(
            actor,
            "grants.report.saved",
            locked,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
            data={"version": locked.version, "items_changed": changed_items},
        )
    return locked


# --- Cost lines ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostLineInput:
    fiscal_year: int
    expense: str
    item: str
    description: str
    amount: int
    paid_on: date
    contract: Contract | None


def decided_years(project: Project) -> list[int]:
    """The fiscal years with a grant decision (a cost line of another year is not eligible)."""
    from junkan.grants.services.money import decided_by_year

    return sorted(decided_by_year(project))


def _cost_line_errors(project: Project, line: CostLineInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    categories = list(project.project_type.cost_categories.all())
    expenses = {c.expense for c in categories}
    if line.expense not in expenses:
        errors["expense"] = _("費目は、この事業区分の補助対象経費の区分から選んでください。")
    elif line.item:
        items = {c.item for c in categories if c.expense == line.expense and c.item}
        if items and line.item not in items:
            errors["item"] = _("細目は、この費目の区分から選んでください。")
    if len(line.item) > 50:
        errors["item"] = _("細目は50文字以内で入力してください。")
    if not line.description.strip():
        errors["description"] = _("内容を入力してください。")
    elif len(line.description) > 300:
        errors["description"] = _("内容は300文字以内で入力してください。")
    if isinstance(line.amount, bool) or not isinstance(line.amount, int):
        errors["amount"] = _("支出額は円単位の整数で入力してください。")
    elif line.amount <= 0:
        errors["amount"] = _("支出額は1円以上で入力してください。")
    elif line.amount >= 10**15:
        errors["amount"] = _("支出額が大きすぎます。")
    if not isinstance(line.paid_on, date):
        errors["paid_on"] = _("支払日を入力してください。")
    years = decided_years(project)
    if isinstance(line.fiscal_year, bool) or not isinstance(line.fiscal_year, int):
        errors["fiscal_year"] = _("年度を選んでください。")
    elif years and line.fiscal_year not in years:
        errors["fiscal_year"] = _("年度は、交付決定のある年度から選んでください。")
    if line.contract is not None and line.contract.project_id != project.pk:
        errors["contract"] = _("この補助事業の契約を選んでください。")
    return errors


def _cost_lines_open(locked_project: Project, report: Report) -> None:
    if not is_completion_report(report):
        raise ValidationError(_("経費の実績は完了実績報告書にのみ登録します。"))
    _editable(locked_project, report)
    if locked_project.status not in permissions.RECORDING_OPEN:
        raise ValidationError(
            _("この補助事業は「%(status)s」のため、経費の実績を変更できません。")
            % {"status": locked_project.get_status_display()}
        )


def _line_data(line: CostLine) -> dict[str, Any]:
    return {
        "fiscal_year": line.fiscal_year,
        "expense": line.expense,
        "item": line.item,
        "description": line.description,
        "amount": line.amount,
        "paid_on": line.paid_on.isoformat(),
        "contract": line.contract_id,
    }


def add_cost_line(
    actor: Any,
    report: Report,
    *,
    fiscal_year: int,
    expense: str,
    item: str,
    description: str,
    amount: int,
    paid_on: date,
    contract: Contract | None = None,
) -> CostLine:
    """Add an actual cost to the completion report while it is being written (grantee)."""
    data = CostLineInput(fiscal_year, expense, item or "", description, amount, paid_on, contract)
    return _write_cost_line(actor, report, None, data)


def update_cost_line(
    actor: Any,
    line: CostLine,
    *,
    fiscal_year: int,
    expense: str,
    item: str,
    description: str,
    amount: int,
    paid_on: date,
    contract: Contract | None = None,
) -> CostLine:
    """Change an actual cost of the completion report while it is being written (grantee)."""
    data = CostLineInput(fiscal_year, expense, item or "", description, amount, paid_on, contract)
    return _write_cost_line(actor, line.report, line, data)


def _write_cost_line(actor: Any, report: Report, line: CostLine | None, data: CostLineInput) -> CostLine:
    """Create (``line`` None) or change a cost line, after the checks; audited on the report."""
    enforce(permissions.can_act(actor, report.project))
    with transaction.atomic():
        locked_project = lifecycle.lock(report.project)
        locked_report = lock_report(report)
        _cost_lines_open(locked_project, locked_report)
        errors = _cost_line_errors(locked_project, data)
        if errors:
            raise ValidationError(errors)
        if line is None:
            top = locked_report.cost_lines.aggregate(top=Max("order"))["top"] or 0
            locked = CostLine(report=locked_report, order=top + 1)
            before: dict[str, Any] = {}
        else:
            locked = CostLine.objects.select_for_update(of=("self",)).get(pk=line.pk, report=locked_report)
            before = _line_data(locked)
        for name in ("fiscal_year", "expense", "item", "amount", "paid_on", "contract"):
            setattr(locked, name, getattr(data, name))
        locked.description = data.description.strip()
        if line is None:
            locked.save()
            record(
                actor,
                "grants.cost_line.added",
                locked_report,
                data={"cost_line": locked.pk, **_line_data(locked)},
            )
            return locked
        locked.save(update_fields=[*_line_data(locked)])
        after = _line_data(locked)
        record(
            actor,
            "grants.cost_line.changed",
            locked_report,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
            data={"cost_line": locked.pk},
        )
    return locked


def remove_cost_line(actor: Any, line: CostLine) -> None:
    """Remove an actual cost (and its receipts) from the completion report while it is being written."""
    report = line.report
    project = report.project
    enforce(permissions.can_act(actor, project))
    with transaction.atomic():
        locked_project = lifecycle.lock(project)
        locked_report = lock_report(report)
        _cost_lines_open(locked_project, locked_report)
        locked = CostLine.objects.select_for_update(of=("self",)).get(pk=line.pk)
        files = [(d.file.storage, d.file.name) for d in locked.documents.all()]
        data = {"cost_line": locked.pk, **_line_data(locked), "documents": len(files)}
        locked.delete()
        record(actor, "grants.cost_line.removed", locked_report, data=data)
        for storage, name in files:
            transaction.on_commit(partial(storage.delete, name))


def add_report_document(
    actor: Any, report: Report, kind: str, upload: UploadedFile, *, cost_line: CostLine | None = None
) -> GrantDocument:
    """Attach a file to a report being written: a cost line's receipt or invoice, or the report's files."""
    project = report.project
    enforce(permissions.can_act(actor, project))
    if cost_line is not None:
        if cost_line.report_id != report.pk:
            raise ValidationError({"cost_line": _("この報告の経費を選んでください。")})
        if kind not in EVIDENCE_KINDS:
            raise ValidationError({"kind": _("経費には領収書等または請求書を添付してください。")})
    elif kind not in REPORT_FILE_KINDS:
        raise ValidationError({"kind": _("領収書等・請求書は、経費の実績ごとに添付してください。")})
    with transaction.atomic():
        locked_project = lifecycle.lock(project)
        locked = lock_report(report)
        _editable(locked_project, locked)
        if cost_line is not None:
            _cost_lines_open(locked_project, locked)
        return documents.add_document(actor, locked_project, kind, upload, report=locked, cost_line=cost_line)


# --- Checks -------------------------------------------------------------------------------------------------


def split_applies(project: Project) -> bool:
    """Whether the project's type reports direct and indirect reductions apart (its 様式2 has the split)."""
    from junkan.applications.checklist import sections_of
    from junkan.applications.engine.spec import CO2_DIRECT

    try:
        sections = sections_of(project.application)
    except LookupError:  # a call without online forms
        return False
    return any(f.key == CO2_DIRECT for s in sections for f in s.fields)


def viability_block(report: Report) -> viability.Block:
    """Whether the report shows (and requires) the business viability figures, from its content items."""
    if report.kind not in COMPLETION_KINDS:
        return viability.Block(False, False)
    return viability.block_of(list(report.contents))


def figures_of(report: Report) -> viability.Figures:
    """The report's viability figures as the engine takes them."""
    return viability.Figures(**{name: getattr(report, field) for name, field in VIABILITY_FIELDS.items()})


def completion_figures(reports: Iterable[Report]) -> dict[str, Any] | None:
    """The completion report's CO2 split and viability figures for the project's overview, or None if none."""
    report = next((r for r in reports if r.kind in COMPLETION_KINDS), None)
    if report is None:
        return None
    figures = figures_of(report)
    has_split = report.direct_t_co2 is not None or report.indirect_t_co2 is not None
    if figures.is_empty and not has_split:
        return None
    return {
        "report": report,
        "has_split": has_split,
        "evaluation": None if figures.is_empty else viability.evaluate(figures),
    }


def facts(report: Report, project: Project | None = None) -> report_checks.ReportFacts:
    """The report as the engine needs it (cost lines, documents and contracts read in a few queries)."""
    project = project or report.project
    lines = list(report.cost_lines.select_related("contract").prefetch_related("documents"))
    report_files = list(report.documents.filter(cost_line__isnull=True).only("kind"))
    calculation = report.co2_calculation
    return report_checks.ReportFacts(
        kind=report.kind,
        contents=tuple(report.contents),
        answers=dict(report.answers or {}),
        cost_lines=tuple(
            report_checks.CostLineFacts(
                key=str(line.pk),
                fiscal_year=line.fiscal_year,
                amount=line.amount,
                paid_on=line.paid_on,
                description=line.description,
                evidence=sum(1 for d in line.documents.all() if d.kind in EVIDENCE_KINDS),
                ordered_on=line.contract.ordered_on if line.contract is not None else None,
            )
            for line in lines
        ),
        decided_on=project.decided_on,
        decided_years=decided_years(project),
        completed_on=project.completed_on,
        calculation_t_co2=calculation.reduction_t_co2 if calculation is not None else None,
        expected_t_co2=report.expected_t_co2,
        actual_t_co2=report.actual_t_co2,
        utility_documents=sum(1 for d in report_files if d.kind == DocumentKind.UTILITY_DATA),
        promised_t_co2=project.promised_t_co2,
        cause_analysis=report.cause_analysis,
        split_applies=report.kind in COMPLETION_KINDS and split_applies(project),
        direct_t_co2=report.direct_t_co2,
        indirect_t_co2=report.indirect_t_co2,
        viability=figures_of(report),
    )


def check(report: Report, project: Project | None = None) -> report_checks.ReportCheck:
    """What the report still lacks, its cost totals and its CO2 figures."""
    return report_checks.check_report(facts(report, project))


def problem_message(problem: report_checks.Problem) -> str:
    """An engine problem in the user's words."""
    message = PROBLEM_MESSAGES.get(problem.code)
    if message is None:
        return problem.message
    return str(message) % dict(problem.params) if problem.params else str(message)


def problem_errors(problems: Iterable[report_checks.Problem]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for problem in problems:
        errors.setdefault(problem.field, []).append(problem_message(problem))
    return errors


# --- The report's moves -------------------------------------------------------------------------------------


def transition_report(actor: Any, report: Report, name: str, *, reason: str = "") -> Report:
    """Move a report: ``submit`` (grantee), ``accept`` or ``return`` (secretariat, return with a reason).

    Submitting runs the checks and refuses with every problem listed. Submitting the completion report of a
    decided project with its completion date completes the project (``completed``) and records the report's
    reduction as the project's promised one; returning it reopens the project (``completion_reopened``):
    both are effects of the report's moves (``processes.REPORT``). An annual report below the promise needs
    its cause analysis (part of the checks)."""
    if name not in MOVE_NAMES:
        raise ValidationError(_("報告に対してこの手続は行えません。"))
    move_name = MOVE_NAMES[name]
    enforce(REPORT.move(move_name).who(actor, report))
    reason = (reason or "").strip()
    if move_name == "returned" and not reason:
        raise ValidationError({"reason": _("差戻しの理由を入力してください。")})
    with transaction.atomic():
        locked_project = lifecycle.lock(report.project)
        locked = lock_report(report)
        locked.project = locked_project
        data: dict[str, Any] = {}
        fields: dict[str, Any] = {}
        if move_name == "submitted":
            _editable(locked_project, locked)
            _submit(locked_project, locked, data)
            fields["submitted_by"] = actor
        else:
            state = workflow.can(REPORT, None, locked, move_name)
            if not state:
                raise ValidationError(state.reason)
            if move_name == "returned":
                fields["return_reason"] = reason
        result = workflow.transition(
            REPORT, actor, locked, move_name, fields=fields, data=data, reason=reason
        )
    return result


def _submit(locked_project: Project, report: Report, data: dict[str, Any]) -> None:
    """Check the report (every problem listed, by field) and fill the audit ``data`` of the submission."""
    owed = report_owed_now(report)
    if not owed:
        raise ValidationError(owed.reason)
    result = check(report, locked_project)
    if result.problems:
        raise ValidationError(problem_errors(result.problems))
    data["reduction_t_co2"] = plain(result.reduction)
    if is_completion_report(report):
        data["total"] = result.costs.total
        data["eligible_total"] = result.costs.eligible_total
    elif report.kind == ReportKind.ANNUAL:
        data["promised_t_co2"] = plain(locked_project.promised_t_co2)
        data["below_promise"] = result.below_promise


# --- Helpers ------------------------------------------------------------------------------------------------

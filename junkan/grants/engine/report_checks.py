"""What a report still lacks before it can be handed in, its cost lines' totals, and when to remind about it.

**Completeness** (:func:`check_report`), from the call's data copied into the report:

- every content item (a–g, a–d, （ア）–（カ）, the annual （ア）（イ）①②（ウ）) is answered (not blank); the
  annual item ② (the cause analysis) is answered by the report's cause analysis and required only when ①
  falls short of the completion report's reduction (:mod:`junkan.grants.engine.followup`);
- a completion report (完了実績報告書, or the FS調査書・事業化計画書 of seed 003, kind ``study_report``)
  needs the completion date, at least one actual cost line, and each line its receipt or invoice (seed 002
  (5)イ: 「完了実績報告書には証拠書類を添付する…請求書を添付することで可」);
- a line ordered or paid before the grant decision, or of a fiscal year without a decision, is flagged
  ineligible and left out of the eligible total (:func:`junkan.grants.engine.determination.classify_lines`,
  the rule the determination uses): a flag, not a problem, since the grantee reports what was spent;
- the CO2 reduction: a completion report needs its figure (the saved calculation's reduction, or the figure
  entered); an annual report needs ① (expected and/or actual), the year's utility data when the actual
  figure is above zero, and ② when ① is below the promise.

**Reminders** (:func:`reminder_to_send`): before the due date on the days of
:func:`junkan.grants.engine.reminders.reminder_dates` (business days); once overdue, on the first open day
after the due date and then every seven days (each moved to the next open day when it falls on a closed
one), until the report is handed in. A reminder day missed (the command did not run) is caught up on the
next run within four weeks, once: a run sends when a reminder day has come since the last reminder sent, so
that running twice a day, or again after a missed day, never sends the same reminder twice.

Money is ``int`` yen, CO2 ``Decimal``, dates ``date``; no Django.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Final

from junkan.carbon.engine import split
from junkan.grants.engine import followup, viability
from junkan.grants.engine.determination import CostLineInput, classify_lines
from junkan.grants.engine.reminders import reminder_dates
from junkan.jp.business_days import next_business_day
from junkan.jp.dates import require_date

COMPLETION: Final = "completion"
STUDY_REPORT: Final = "study_report"
ANNUAL: Final = "annual"
COMPLETION_KINDS: Final = frozenset({COMPLETION, STUDY_REPORT})
"""Report kinds that close the project (its 完了実績報告): cost lines, receipts, the promised reduction."""

OVERDUE_INTERVAL_DAYS: Final = 7
RECENT_DAYS: Final = 28

# Problem codes (the service shows a translated message per code; ``message`` is the Japanese default).
ANSWER_MISSING: Final = "answer_missing"
COMPLETION_DATE_MISSING: Final = "completion_date_missing"
COST_LINES_MISSING: Final = "cost_lines_missing"
EVIDENCE_MISSING: Final = "evidence_missing"
CO2_MISSING: Final = "co2_missing"
YEAR_REDUCTION_MISSING: Final = "year_reduction_missing"
UTILITY_DATA_MISSING: Final = "utility_data_missing"
CAUSE_MISSING: Final = "cause_missing"


def item_key(index: int) -> str:
    """The field key of the content item at ``index`` (``item_0``…), as forms and problems name it."""
    return f"item_{index}"


def cost_line_key(key: str) -> str:
    """The field key of a cost line's evidence (``cost_line_12``)."""
    return f"cost_line_{key}"


@dataclass(frozen=True)
class Problem:
    """One thing missing: the field it belongs to, a code and a Japanese message."""

    field: str
    code: str
    message: str
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class CostLineFacts:
    """An actual cost line as the check needs it: amounts, dates, and how many receipts or invoices it has."""

    key: str
    fiscal_year: int
    amount: int
    paid_on: date
    description: str
    evidence: int = 0
    ordered_on: date | None = None


@dataclass(frozen=True)
class LineFlag:
    """A cost line with whether it counts (eligible), why not, and whether its evidence is attached."""

    line: CostLineFacts
    eligible: bool
    reason: str
    has_evidence: bool


@dataclass(frozen=True)
class YearTotal:
    """The cost lines of one fiscal year: all of them, the eligible ones and the ineligible ones."""

    fiscal_year: int
    total: int
    eligible: int
    ineligible: int


@dataclass(frozen=True)
class Costs:
    """The cost lines flagged, with totals per fiscal year and overall."""

    lines: tuple[LineFlag, ...]
    years: tuple[YearTotal, ...]
    total: int
    eligible_total: int
    ineligible_total: int

    def flag(self, key: str) -> LineFlag | None:
        """The flag of the line with ``key``, or None."""
        return next((f for f in self.lines if f.line.key == key), None)


@dataclass(frozen=True)
class ReportFacts:
    """A report and what it depends on, as plain values."""

    kind: str
    contents: Sequence[str]
    answers: Mapping[str, str]
    cost_lines: Sequence[CostLineFacts] = ()
    decided_on: date | None = None
    decided_years: Iterable[int] = ()
    completed_on: date | None = None
    calculation_t_co2: Decimal | None = None
    expected_t_co2: Decimal | None = None
    actual_t_co2: Decimal | None = None
    utility_documents: int = 0
    promised_t_co2: Decimal | None = None
    cause_analysis: str = ""
    # Type ① (seed 002 4.(3)① ※): the reduction split into direct and indirect effects, when the type has it.
    split_applies: bool = False
    direct_t_co2: Decimal | None = None
    indirect_t_co2: Decimal | None = None
    # 事業採算性・光熱費等削減 (seed 003 §9(2)(3)（ウ）), in yen.
    viability: viability.Figures = dataclasses.field(default_factory=viability.Figures)


@dataclass(frozen=True)
class ReportCheck:
    """The outcome: every problem (empty when the report can be handed in), the costs and the CO2 figures."""

    problems: tuple[Problem, ...]
    costs: Costs
    reduction: Decimal | None
    below_promise: bool
    cause_required: bool
    utility_data_required: bool
    # The business viability block (shown or not) and the figures derived from what was entered.
    viability_block: viability.Block = dataclasses.field(
        default_factory=lambda: viability.Block(False, False)
    )
    evaluation: viability.Evaluation | None = None

    @property
    def ok(self) -> bool:
        """Whether nothing is missing."""
        return not self.problems


def is_completion(kind: str) -> bool:
    """Whether a report of ``kind`` is the completion report (完了実績報告書 or FS調査書・事業化計画書)."""
    return kind in COMPLETION_KINDS


def answered(text: object) -> bool:
    """Whether an answer says something (not blank, not only spaces, full-width ones included)."""
    return isinstance(text, str) and bool(text.strip())


def answer_items(kind: str, contents: Sequence[str]) -> tuple[tuple[int, str], ...]:
    """The content items answered as text, with their index (the annual item ② is the cause analysis)."""
    return tuple(
        (index, text)
        for index, text in enumerate(contents)
        if not (kind == ANNUAL and followup.is_cause_item(text))
    )


def reduction_of(
    kind: str,
    calculation_t_co2: Decimal | None,
    expected_t_co2: Decimal | None,
    actual_t_co2: Decimal | None,
) -> Decimal | None:
    """The report's CO2 reduction: the calculation's or the entered figure; for an annual report ①."""
    if is_completion(kind):
        if calculation_t_co2 is not None:
            return followup.figure(calculation_t_co2, "calculation_t_co2")
        return None if expected_t_co2 is None else followup.figure(expected_t_co2, "expected_t_co2")
    if kind == ANNUAL:
        if expected_t_co2 is None and actual_t_co2 is None:
            return None
        return followup.year_reduction(expected_t_co2, actual_t_co2)
    return None


def check_costs(
    lines: Sequence[CostLineFacts], decided_on: date | None, decided_years: Iterable[int]
) -> Costs:
    """Each line flagged (eligible or not, evidence or not) and the totals per fiscal year and overall."""
    years = frozenset(decided_years)
    if decided_on is None:
        flags = tuple(LineFlag(line, True, "", line.evidence > 0) for line in lines)
    else:
        inputs = [
            CostLineInput(line.key, line.fiscal_year, line.amount, line.paid_on, line.ordered_on)
            for line in lines
        ]
        checks = classify_lines(inputs, decided_on, years)
        flags = tuple(
            LineFlag(line, check.eligible, check.reason, line.evidence > 0)
            for line, check in zip(lines, checks, strict=True)
        )
    totals: list[YearTotal] = []
    for year in sorted({f.line.fiscal_year for f in flags}):
        of_year = [f for f in flags if f.line.fiscal_year == year]
        eligible = sum(f.line.amount for f in of_year if f.eligible)
        total = sum(f.line.amount for f in of_year)
        totals.append(YearTotal(year, total, eligible, total - eligible))
    total = sum(t.total for t in totals)
    eligible_total = sum(t.eligible for t in totals)
    return Costs(flags, tuple(totals), total, eligible_total, total - eligible_total)


def _figure_text(value: Decimal) -> str:
    """A CO2 figure as written (no exponent, trailing zeros kept as stored)."""
    return f"{value:f}"


def check_report(facts: ReportFacts) -> ReportCheck:
    """Everything that keeps the report from being handed in, in the order of the form."""
    problems: list[Problem] = []
    for index, text in answer_items(facts.kind, facts.contents):
        if not answered(facts.answers.get(text)):
            problems.append(
                Problem(item_key(index), ANSWER_MISSING, f"「{text}」を記入してください。", {"item": text})
            )
    costs = check_costs(facts.cost_lines, facts.decided_on, facts.decided_years)
    if is_completion(facts.kind):
        if facts.completed_on is None:
            problems.append(
                Problem("completed_on", COMPLETION_DATE_MISSING, "補助事業の完了日を登録してください。")
            )
        if not facts.cost_lines:
            problems.append(
                Problem("cost_lines", COST_LINES_MISSING, "経費の実績を1件以上登録してください。")
            )
        for flag in costs.lines:
            if not flag.has_evidence:
                problems.append(
                    Problem(
                        cost_line_key(flag.line.key),
                        EVIDENCE_MISSING,
                        f"経費「{flag.line.description}」の領収書等または請求書を添付してください。",
                        {"description": flag.line.description},
                    )
                )
    reduction = reduction_of(facts.kind, facts.calculation_t_co2, facts.expected_t_co2, facts.actual_t_co2)
    below = False
    cause = False
    utility = False
    if is_completion(facts.kind) and reduction is None:
        problems.append(
            Problem(
                "co2",
                CO2_MISSING,
                "CO2削減量を、保存した計算を選ぶか数値で入力してください。",
            )
        )
    if is_completion(facts.kind) and facts.split_applies:
        for problem in split.check(reduction, facts.direct_t_co2, facts.indirect_t_co2):
            problems.append(Problem(f"{problem.part}_t_co2", problem.code, problem.message, problem.params))
    if is_completion(facts.kind):
        shown = viability.block_of(facts.contents)
        if shown.shown:
            problems.extend(
                Problem(p.field, p.code, p.message) for p in viability.problems(facts.viability, shown)
            )
    if facts.kind == ANNUAL:
        if reduction is None:
            problems.append(
                Problem(
                    "co2",
                    YEAR_REDUCTION_MISSING,
                    "二酸化炭素の削減量（導入前の設備の見込み、導入後の設備の実績）を入力してください。",
                )
            )
        utility = followup.utility_data_required(facts.actual_t_co2)
        if utility and facts.utility_documents == 0:
            problems.append(
                Problem(
                    "utility_data",
                    UTILITY_DATA_MISSING,
                    "稼働実績による削減量を算定したため、当該年度の光熱水量のデータ等（算定根拠）を添付してください。",
                )
            )
        if reduction is not None:
            below = followup.below_promise(reduction, facts.promised_t_co2)
            cause = below
            if cause and not answered(facts.cause_analysis):
                promised = facts.promised_t_co2 or Decimal(0)
                problems.append(
                    Problem(
                        "cause_analysis",
                        CAUSE_MISSING,
                        f"削減量（{_figure_text(reduction)} t-CO2/年）が実績報告書に記載した削減量"
                        f"（{_figure_text(promised)} t-CO2/年）に達していないため、"
                        "原因の分析を記入してください。",
                        {"reduction": _figure_text(reduction), "promised": _figure_text(promised)},
                    )
                )
    block = viability.block_of(facts.contents) if is_completion(facts.kind) else viability.Block(False, False)
    evaluation = viability.evaluate(facts.viability) if block.shown else None
    return ReportCheck(tuple(problems), costs, reduction, below, cause, utility, block, evaluation)


# Reminders --------------------------------------------------------------------------------------------------


def overdue_reminder_dates(due: date, until: date, *, since: date | None = None) -> tuple[date, ...]:
    """The overdue reminder days in [since, until]: the first open day after ``due``, then weekly."""
    require_date(due)
    require_date(until)
    step = timedelta(days=OVERDUE_INTERVAL_DAYS)
    first = due + timedelta(days=1)
    raw = first
    if since is not None and require_date(since) > first:
        # Start a few weeks before ``since``: a day moved past closed days (at most ten) lands after it.
        raw = first + step * max(0, (since - first).days // OVERDUE_INTERVAL_DAYS - 3)
    days: set[date] = set()
    while raw <= until:
        day = next_business_day(raw, include_self=True)
        if day <= until and (since is None or day >= since):
            days.add(day)
        raw += step
    return tuple(sorted(days))


def reminder_days(
    due: date, business_days: Iterable[int], until: date, *, since: date | None = None
) -> tuple[date, ...]:
    """Every reminder day up to ``until`` (from ``since``): before the due date, then the overdue ones."""
    before = tuple(
        day for day in reminder_dates(due, business_days) if day <= until and (since is None or day >= since)
    )
    return tuple(sorted({*before, *overdue_reminder_dates(due, until, since=since)}))


def reminder_to_send(
    due: date, business_days: Iterable[int], today: date, sent: Iterable[date] = ()
) -> date | None:
    """The reminder day a reminder sent today serves, or None when none is owed (sent already, none yet)."""
    require_date(today)
    # A missed reminder day is caught up within four weeks (overdue days are at most 17 days apart).
    days = reminder_days(due, business_days, today, since=today - timedelta(days=RECENT_DAYS))
    if not days:
        return None
    latest = days[-1]
    if any(require_date(day) >= latest for day in sent):
        return None
    return latest


def is_overdue_reminder(due: date, day: date) -> bool:
    """Whether a reminder for ``day`` is an overdue notice (after the due date) rather than an advance one."""
    return require_date(day) > require_date(due)

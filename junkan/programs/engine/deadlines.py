"""Due dates of the reports a call requires, from the rule its data names and the date the rule counts from.

- ``earlier_of_days_or_fiscal_date``: 「補助事業を完了した日から起算して30日を経過した日又は
  補助事業の完了した年度の3月10日のいずれか早い日」 (seed 002) and 「…又は翌年度の4月10日の
  いずれか早い日」 (seed 003 §9(2)イ); params ``days``, ``month``, ``day``, ``fiscal_year_offset``
  (0: the fiscal year of completion, 1: the next).
- ``fixed_date``: one date (``date``, ISO), e.g. 「2020年（令和2年）2月28日（金）までに」
  (seed 002, 継続事業の審査).
- ``annual_after_fiscal_year``: 「策定された日からその年度の3月末までの期間及びその後の3年間の
  期間について毎年度作成し、当該年度の翌年度の4月30日までに提出」 (seed 003 §9(4)ウ);
  params ``month``, ``day``, ``following_years``.
- ``specified_separately``: 「環境省が別途指定する日までに」; no date can be computed.

「起算して n 日を経過した日」 is ``junkan.jp.dates.days_after`` (the first day counts as day one).

Each ``Due`` also names the fiscal year the report is about: the fiscal year of completion for a report
on the completed project, the year covered for an annual report, none for a fixed or separately set date.

:func:`schedule` lists the reports a project owes, with their dates. Which reports apply only when the
project goes on into the next fiscal year is also data, by report kind (``CONTINUATION_ONLY_KINDS``):
seed 002's 継続年度の事業実施計画書 (「2年度目以降も継続して補助事業を実施しようとする場合であって…」)
and seed 003's 中間報告書 (「翌年度も継続して補助事業を実施しようとする場合においては」). A report
whose date the ministry sets later is listed with ``due`` None rather than left out: it is still owed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from junkan.jp.dates import date_in_fiscal_year, days_after, fiscal_year, fiscal_year_end, fiscal_year_start


@dataclass(frozen=True)
class Due:
    """One report to hand in: its due date (None when set later by the ministry) and the period it covers."""

    due: date | None
    period_start: date | None = None
    period_end: date | None = None
    fiscal_year: int | None = None


def earlier_of_days_or_fiscal_date(params: Mapping[str, Any], event: date) -> tuple[Due, ...]:
    """The earlier of ``days`` after completion and a set day of the completion's (or next) fiscal year."""
    after = days_after(event, int(params["days"]))
    fy = fiscal_year(event) + int(params.get("fiscal_year_offset", 0))
    fixed = date_in_fiscal_year(fy, int(params["month"]), int(params["day"]))
    return (Due(min(after, fixed), fiscal_year=fiscal_year(event)),)


def fixed_date(params: Mapping[str, Any], event: date) -> tuple[Due, ...]:
    """A date stated in the call."""
    return (Due(date.fromisoformat(str(params["date"]))),)


def annual_after_fiscal_year(params: Mapping[str, Any], event: date) -> tuple[Due, ...]:
    """One report for the rest of the event's fiscal year and one for each of the following years."""
    first = fiscal_year(event)
    dues = []
    for fy in range(first, first + int(params["following_years"]) + 1):
        start = event if fy == first else fiscal_year_start(fy)
        dues.append(
            Due(
                date_in_fiscal_year(fy + 1, int(params["month"]), int(params["day"])),
                start,
                fiscal_year_end(fy),
                fy,
            )
        )
    return tuple(dues)


def specified_separately(params: Mapping[str, Any], event: date) -> tuple[Due, ...]:
    """The ministry names the date later."""
    return (Due(None),)


@dataclass(frozen=True)
class DueRuleSpec:
    """A due-date rule: its function, what it means (for staff) and its parameters."""

    code: str
    function: Callable[[Mapping[str, Any], date], tuple[Due, ...]]
    title: str
    params: tuple[str, ...]
    optional: tuple[str, ...] = ()


DUE_RULES: Final[dict[str, DueRuleSpec]] = {
    spec.code: spec
    for spec in (
        DueRuleSpec(
            "earlier_of_days_or_fiscal_date",
            earlier_of_days_or_fiscal_date,
            "完了日から起算してn日を経過した日と、年度内の定められた日のいずれか早い日",
            ("days", "month", "day"),
            ("fiscal_year_offset",),
        ),
        DueRuleSpec("fixed_date", fixed_date, "定められた日", ("date",)),
        DueRuleSpec(
            "annual_after_fiscal_year",
            annual_after_fiscal_year,
            "策定日の年度とその後の年度ごとに、翌年度の定められた日",
            ("month", "day", "following_years"),
        ),
        DueRuleSpec("specified_separately", specified_separately, "別途指定する日", ()),
    )
}


def check_due_rule_data(code: str, params: Mapping[str, Any]) -> list[str]:
    """Problems with a due-date rule as written in a program's data."""
    spec = DUE_RULES.get(code)
    if spec is None:
        return [f"提出期限の規則「{code}」はありません。使える規則：{'、'.join(sorted(DUE_RULES))}"]
    problems = [
        f"提出期限の規則「{code}」にはパラメータ「{name}」が必要です。"
        for name in spec.params
        if name not in params
    ]
    known = set(spec.params) | set(spec.optional)
    problems.extend(
        f"提出期限の規則「{code}」にパラメータ「{name}」はありません。"
        for name in params
        if name not in known
    )
    if problems:
        return problems
    try:
        spec.function(params, date(2019, 6, 1))
    except (TypeError, ValueError) as error:
        problems.append(f"提出期限の規則「{code}」のパラメータが正しくありません（{error}）。")
    return problems


def due_dates(code: str, params: Mapping[str, Any], event: date) -> tuple[Due, ...]:
    """The due dates of a report under rule ``code``, counted from ``event`` (completion or plan date)."""
    return DUE_RULES[code].function(params, event)


CONTINUATION_ONLY_KINDS: Final = frozenset({"interim", "continuation_plan"})
"""Report kinds owed only by a project that goes on into the next fiscal year."""

EVENTS: Final = frozenset({"completion", "plan_made", "none"})
"""What a report's due date counts from (``ReportRule.due_from``)."""


@dataclass(frozen=True)
class ReportSpec:
    """A report rule as the call's data states it (``programs.ReportRule`` without Django)."""

    code: str
    kind: str
    due_from: str
    due_rule: str
    due_params: Mapping[str, Any]
    due_text: str = ""
    name: str = ""


@dataclass(frozen=True)
class ScheduledReport:
    """One report a project owes: the rule it comes from and one due date (annual reports give several)."""

    report: ReportSpec
    due: Due


def owed(kind: str, *, continuing: bool) -> bool:
    """Whether a report of ``kind`` is owed: continuation reports only by a project that goes on."""
    return continuing or kind not in CONTINUATION_ONLY_KINDS


def schedule(
    reports: Iterable[ReportSpec],
    *,
    completed_on: date,
    plan_made_on: date | None = None,
    continuing: bool = False,
) -> tuple[ScheduledReport, ...]:
    """Every report owed and its due dates, in the order of the data; the plan date defaults to completion."""
    events = {"completion": completed_on, "plan_made": plan_made_on or completed_on, "none": completed_on}
    scheduled: list[ScheduledReport] = []
    for report in reports:
        if not owed(report.kind, continuing=continuing):
            continue
        if report.due_from not in EVENTS:
            raise ValueError(f"unknown due_from {report.due_from!r} in report {report.code!r}")
        for due in due_dates(report.due_rule, report.due_params, events[report.due_from]):
            scheduled.append(ScheduledReport(report, due))
    return tuple(scheduled)

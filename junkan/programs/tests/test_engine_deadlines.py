"""Report due dates of the seeds, computed from the rule each report names."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from junkan.jp.dates import fiscal_year
from junkan.programs.engine.deadlines import (
    CONTINUATION_ONLY_KINDS,
    DUE_RULES,
    Due,
    ReportSpec,
    check_due_rule_data,
    due_dates,
    owed,
    schedule,
)

COMPLETION_2019 = {"days": 30, "month": 3, "day": 10, "fiscal_year_offset": 0}  # seed 002
STUDY_2015 = {"days": 30, "month": 4, "day": 10, "fiscal_year_offset": 1}  # seed 003 §9(2)イ, (3)イ
ANNUAL_2015 = {"month": 4, "day": 30, "following_years": 3}  # seed 003 §9(4)ウ, (5)ウ


@pytest.mark.parametrize(
    ("completed", "due"),
    [
        (date(2019, 12, 1), date(2019, 12, 31)),  # 30 days first
        (date(2020, 2, 9), date(2020, 3, 10)),  # 30 days after is March 10 itself
        (date(2020, 2, 20), date(2020, 3, 10)),  # March 10 of the fiscal year first
        (date(2020, 2, 29), date(2020, 3, 10)),  # the end of the project period (leap day)
        (date(2020, 1, 30), date(2020, 2, 29)),  # the 30 days (Jan 30 – Feb 28) have passed on the leap day
        (date(2020, 2, 1), date(2020, 3, 2)),  # leap year: Feb 1 + 30 days is March 2, before March 10
        (date(2019, 2, 1), date(2019, 3, 3)),  # common year: Feb 1 + 30 days is March 3
        (date(2020, 2, 10), date(2020, 3, 10)),  # both rules give March 10 (leap year)
        (date(2019, 2, 9), date(2019, 3, 10)),  # FY2018: 30 days after is March 10 (common year)
        (date(2019, 2, 12), date(2019, 3, 10)),  # 30 days after (March 13) is later
        (
            date(2019, 3, 31),
            date(2019, 3, 10),
        ),  # last day of FY2018: March 10 has passed; the rule still says so
        (date(2019, 4, 1), date(2019, 5, 1)),  # first day of FY2019: 30 days after
    ],
)
def test_completion_report_of_seed_002(completed, due):
    assert due_dates("earlier_of_days_or_fiscal_date", COMPLETION_2019, completed) == (
        Due(due, fiscal_year=fiscal_year(completed)),
    )


@pytest.mark.parametrize(
    ("completed", "due"),
    [
        (date(2016, 2, 1), date(2016, 3, 2)),
        (date(2016, 3, 31), date(2016, 4, 10)),  # April 10 of the next fiscal year first
        (date(2015, 12, 25), date(2016, 1, 24)),
        (date(2016, 3, 10), date(2016, 4, 9)),  # 30 days after, across the fiscal-year end (leap year)
        (date(2016, 3, 11), date(2016, 4, 10)),  # both rules give April 10
        (date(2016, 3, 12), date(2016, 4, 10)),  # April 10 first
        (date(2015, 4, 1), date(2015, 5, 1)),  # first day of FY2015: April 10 of FY2016 is far off
        (date(2016, 2, 28), date(2016, 3, 29)),  # the leap day is one of the 30 days
        (date(2015, 2, 28), date(2015, 3, 30)),  # common year
    ],
)
def test_fs_report_and_business_plan_of_seed_003(completed, due):
    assert due_dates("earlier_of_days_or_fiscal_date", STUDY_2015, completed) == (
        Due(due, fiscal_year=fiscal_year(completed)),
    )


def test_offset_defaults_to_the_fiscal_year_of_completion():
    params = {"days": 30, "month": 3, "day": 10}
    assert due_dates("earlier_of_days_or_fiscal_date", params, date(2020, 2, 20)) == (
        Due(date(2020, 3, 10), fiscal_year=2019),
    )


def test_continuation_plan_has_a_fixed_date():
    assert due_dates("fixed_date", {"date": "2020-02-28"}, date(2019, 8, 1)) == (Due(date(2020, 2, 28)),)
    assert due_dates("fixed_date", {"date": "2020-02-28"}, date(2019, 8, 1))[0].fiscal_year is None


def test_annual_reports_cover_the_plan_year_and_three_more():
    assert due_dates("annual_after_fiscal_year", ANNUAL_2015, date(2016, 3, 15)) == (
        Due(date(2016, 4, 30), date(2016, 3, 15), date(2016, 3, 31), 2015),
        Due(date(2017, 4, 30), date(2016, 4, 1), date(2017, 3, 31), 2016),
        Due(date(2018, 4, 30), date(2017, 4, 1), date(2018, 3, 31), 2017),
        Due(date(2019, 4, 30), date(2018, 4, 1), date(2019, 3, 31), 2018),
    )


@pytest.mark.parametrize(
    ("made", "first_year", "first_due"),
    [
        (date(2016, 3, 31), 2015, date(2016, 4, 30)),  # last day of the fiscal year: a one-day first period
        (date(2016, 4, 1), 2016, date(2017, 4, 30)),  # first day of the next: four years from FY2016
        (date(2020, 2, 29), 2019, date(2020, 4, 30)),  # leap day
    ],
)
def test_annual_reports_at_fiscal_year_edges(made, first_year, first_due):
    dues = due_dates("annual_after_fiscal_year", ANNUAL_2015, made)
    assert [d.fiscal_year for d in dues] == [first_year, first_year + 1, first_year + 2, first_year + 3]
    assert dues[0].due == first_due
    assert dues[0].period_start == made
    assert [d.due for d in dues[1:]] == [date(first_due.year + n, 4, 30) for n in (1, 2, 3)]
    for earlier, later in itertools.pairwise(dues):
        assert (later.period_start - earlier.period_end).days == 1


def test_interim_report_date_is_set_by_the_ministry():
    assert due_dates("specified_separately", {}, date(2016, 3, 1)) == (Due(None),)


def test_rule_data_is_checked():
    for code in DUE_RULES:
        assert DUE_RULES[code].title
    assert check_due_rule_data("fixed_date", {"date": "2020-02-28"}) == []
    assert check_due_rule_data("earlier_of_days_or_fiscal_date", COMPLETION_2019) == []
    assert check_due_rule_data("nope", {})[0].startswith("提出期限の規則「nope」はありません。")
    assert check_due_rule_data("fixed_date", {}) == [
        "提出期限の規則「fixed_date」にはパラメータ「date」が必要です。"
    ]
    assert check_due_rule_data("specified_separately", {"x": 1}) == [
        "提出期限の規則「specified_separately」にパラメータ「x」はありません。"
    ]
    (problem,) = check_due_rule_data("fixed_date", {"date": "2020-02-30"})
    assert problem.startswith("提出期限の規則「fixed_date」のパラメータが正しくありません")
    (problem,) = check_due_rule_data(
        "annual_after_fiscal_year", {"month": 13, "day": 1, "following_years": 3}
    )
    assert "正しくありません" in problem


COMPLETION = ReportSpec(
    "completion", "completion", "completion", "earlier_of_days_or_fiscal_date", COMPLETION_2019
)
CONTINUATION = ReportSpec(
    "continuation_plan", "continuation_plan", "none", "fixed_date", {"date": "2020-02-28"}
)
FS = ReportSpec("fs_report", "study_report", "completion", "earlier_of_days_or_fiscal_date", STUDY_2015)
INTERIM = ReportSpec("interim", "interim", "none", "specified_separately", {})
ANNUAL = ReportSpec("annual", "annual", "plan_made", "annual_after_fiscal_year", ANNUAL_2015)


def test_continuation_reports_are_owed_only_by_continuing_projects():
    assert {"interim", "continuation_plan"} == CONTINUATION_ONLY_KINDS
    assert owed("completion", continuing=False)
    assert owed("annual", continuing=False)
    assert not owed("interim", continuing=False)
    assert not owed("continuation_plan", continuing=False)
    assert owed("continuation_plan", continuing=True)


def test_schedule_of_a_single_year_project_of_seed_002():
    (only,) = schedule([COMPLETION, CONTINUATION], completed_on=date(2020, 2, 20))
    assert only.report is COMPLETION
    assert only.due == Due(date(2020, 3, 10), fiscal_year=2019)


def test_schedule_of_a_continuing_project_of_seed_002():
    dues = schedule([COMPLETION, CONTINUATION], completed_on=date(2019, 12, 20), continuing=True)
    assert [(s.report.code, s.due.due) for s in dues] == [
        ("completion", date(2020, 1, 19)),
        ("continuation_plan", date(2020, 2, 28)),
    ]


def test_schedule_of_seed_003_counts_annual_reports_from_the_plan_date():
    dues = schedule([FS, INTERIM, ANNUAL], completed_on=date(2016, 2, 15))
    assert [(s.report.code, s.due.fiscal_year, s.due.due) for s in dues] == [
        ("fs_report", 2015, date(2016, 3, 16)),
        ("annual", 2015, date(2016, 4, 30)),
        ("annual", 2016, date(2017, 4, 30)),
        ("annual", 2017, date(2018, 4, 30)),
        ("annual", 2018, date(2019, 4, 30)),
    ]
    later = schedule([FS, ANNUAL], completed_on=date(2016, 2, 15), plan_made_on=date(2016, 4, 5))
    assert [s.due.fiscal_year for s in later[1:]] == [2016, 2017, 2018, 2019]
    assert later[0].due.due == date(2016, 3, 16)


def test_schedule_keeps_a_report_without_a_date():
    dues = schedule([FS, INTERIM], completed_on=date(2016, 2, 15), continuing=True)
    assert [(s.report.code, s.due.due) for s in dues] == [("fs_report", date(2016, 3, 16)), ("interim", None)]


def test_schedule_refuses_an_unknown_event():
    with pytest.raises(ValueError, match="due_from"):
        schedule(
            [ReportSpec("x", "completion", "signature", "fixed_date", {"date": "2020-01-01"})],
            completed_on=date(2020, 1, 1),
        )

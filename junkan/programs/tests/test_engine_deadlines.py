"""Report due dates of the seeds, computed from the rule each report names."""

from __future__ import annotations

from datetime import date

import pytest

from junkan.programs.engine.deadlines import DUE_RULES, Due, check_due_rule_data, due_dates

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
    ],
)
def test_completion_report_of_seed_002(completed, due):
    assert due_dates("earlier_of_days_or_fiscal_date", COMPLETION_2019, completed) == (Due(due),)


@pytest.mark.parametrize(
    ("completed", "due"),
    [
        (date(2016, 2, 1), date(2016, 3, 2)),
        (date(2016, 3, 31), date(2016, 4, 10)),  # April 10 of the next fiscal year first
        (date(2015, 12, 25), date(2016, 1, 24)),
    ],
)
def test_fs_report_and_business_plan_of_seed_003(completed, due):
    assert due_dates("earlier_of_days_or_fiscal_date", STUDY_2015, completed) == (Due(due),)


def test_offset_defaults_to_the_fiscal_year_of_completion():
    params = {"days": 30, "month": 3, "day": 10}
    assert due_dates("earlier_of_days_or_fiscal_date", params, date(2020, 2, 20)) == (Due(date(2020, 3, 10)),)


def test_continuation_plan_has_a_fixed_date():
    assert due_dates("fixed_date", {"date": "2020-02-28"}, date(2019, 8, 1)) == (Due(date(2020, 2, 28)),)


def test_annual_reports_cover_the_plan_year_and_three_more():
    assert due_dates("annual_after_fiscal_year", ANNUAL_2015, date(2016, 3, 15)) == (
        Due(date(2016, 4, 30), date(2016, 3, 15), date(2016, 3, 31)),
        Due(date(2017, 4, 30), date(2016, 4, 1), date(2017, 3, 31)),
        Due(date(2018, 4, 30), date(2017, 4, 1), date(2018, 3, 31)),
        Due(date(2019, 4, 30), date(2018, 4, 1), date(2019, 3, 31)),
    )


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

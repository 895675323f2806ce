"""The post-evaluation's year and due date (seed 003 §9(4)イ: 事業終了年度の翌年度に事後評価を受ける)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.grants.engine.post_evaluation import (
    Standing,
    achievement_percent,
    due_on,
    evaluation_year,
    evaluation_year_starts,
    opens_on,
    overdue_if_completed_before,
    standing,
)
from junkan.jp.dates import fiscal_year


def test_completed_in_february_is_evaluated_in_the_next_fiscal_year() -> None:
    # Completed 2016-02-15 (平成27年度) → evaluated in 平成28年度, by 2017-03-31.
    assert evaluation_year(date(2016, 2, 15)) == 2016
    assert due_on(date(2016, 2, 15)) == date(2017, 3, 31)
    assert opens_on(date(2016, 2, 15)) == date(2016, 4, 1)


def test_completed_on_april_first_belongs_to_the_new_fiscal_year() -> None:
    assert due_on(date(2020, 4, 1)) == date(2022, 3, 31)
    assert due_on(date(2020, 3, 31)) == date(2021, 3, 31)


def test_standing() -> None:
    completed = date(2020, 2, 20)
    assert standing(completed, date(2020, 3, 1), done=False) is Standing.NOT_YET
    assert standing(completed, date(2020, 4, 1), done=False) is Standing.DUE
    assert standing(completed, date(2021, 3, 31), done=False) is Standing.DUE
    assert standing(completed, date(2021, 4, 1), done=False) is Standing.OVERDUE
    assert standing(completed, date(2021, 4, 1), done=True) is Standing.DONE


@settings(deadline=None)  # pure date arithmetic; the shared CI cores make timings meaningless
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)))
def test_due_is_march_31_of_the_fiscal_year_after_completion(completed: date) -> None:
    due = due_on(completed)
    assert (due.month, due.day) == (3, 31)
    assert fiscal_year(due) == fiscal_year(completed) + 1
    assert due > completed
    assert fiscal_year(due + timedelta(days=1)) == fiscal_year(completed) + 2


@settings(deadline=None)  # pure date arithmetic; the shared CI cores make timings meaningless
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2202, 12, 31)),
)
def test_overdue_exactly_after_the_due_date(completed: date, today: date) -> None:
    result = standing(completed, today, done=False)
    assert (result is Standing.OVERDUE) == (today > due_on(completed))
    assert (result is Standing.NOT_YET) == (today < opens_on(completed))


@settings(deadline=None)  # pure date arithmetic; the shared CI cores make timings meaningless
@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31)),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2202, 12, 31)),
)
def test_the_database_bounds_agree_with_standing(completed: date, today: date) -> None:
    result = standing(completed, today, done=False)
    assert (completed < overdue_if_completed_before(today)) == (result is Standing.OVERDUE)
    in_year = overdue_if_completed_before(today) <= completed < evaluation_year_starts(today)
    assert in_year == (result is Standing.DUE)


def test_achievement_percent() -> None:
    assert achievement_percent(Decimal("40.0"), Decimal("150.0")) == Decimal("26.7")
    assert achievement_percent(Decimal("150"), Decimal("150")) == Decimal("100.0")
    assert achievement_percent(None, Decimal("1")) is None
    assert achievement_percent(Decimal("1"), Decimal("0")) is None


@settings(deadline=None)  # pure date arithmetic; the shared CI cores make timings meaningless
@given(
    st.decimals(min_value=0, max_value=10**6, places=3),
    st.decimals(min_value=Decimal("0.001"), max_value=10**6, places=3),
)
def test_achievement_reaches_100_when_the_promise_is_met(actual: Decimal, promised: Decimal) -> None:
    percent = achievement_percent(actual, promised)
    assert percent is not None
    if actual >= promised:
        assert percent >= 100
    assert abs(percent - actual * 100 / promised) <= Decimal("0.05")

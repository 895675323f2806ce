"""Reminder days in government business days before a due date, and the overdue flag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.grants.engine.reminders import (
    days_overdue,
    is_overdue,
    reminder_date,
    reminder_dates,
    reminders_due,
)
from junkan.jp.business_days import business_days_between, is_business_day


@pytest.mark.parametrize(
    ("due", "n", "expected"),
    [
        (date(2020, 3, 10), 0, date(2020, 3, 10)),  # Tuesday: on the day
        (date(2020, 3, 10), 1, date(2020, 3, 9)),  # Monday
        (date(2020, 3, 10), 2, date(2020, 3, 6)),  # over the weekend
        (date(2020, 3, 10), 5, date(2020, 3, 3)),
        (date(2020, 3, 10), 10, date(2020, 2, 25)),
        # 2020-02-24 is 振替休日 (天皇誕生日 on Sunday the 23rd): skipped.
        (date(2020, 2, 26), 2, date(2020, 2, 21)),
        # Year-end closure 12/29–1/3 and the weekend of 1/4–1/5.
        (date(2020, 1, 6), 1, date(2019, 12, 27)),
        (date(2020, 1, 6), 3, date(2019, 12, 25)),
        # Golden Week 2020: 4/29 昭和の日, 5/3–5/5, 5/6 振替休日.
        (date(2020, 5, 7), 1, date(2020, 5, 1)),
        (date(2020, 5, 7), 3, date(2020, 4, 28)),
        # Due on a closed day: the due date is not moved; the count starts from the last open day.
        (date(2020, 5, 10), 0, date(2020, 5, 8)),  # Sunday → Friday
        (date(2020, 5, 10), 1, date(2020, 5, 7)),  # one open day before that Friday
        (date(2016, 4, 30), 0, date(2016, 4, 28)),  # Saturday; Friday 4/29 is 昭和の日 → Thursday
        (date(2016, 4, 30), 1, date(2016, 4, 27)),
        (date(2020, 1, 3), 0, date(2019, 12, 27)),  # in the year-end closure
    ],
)
def test_reminder_date(due, n, expected):
    assert reminder_date(due, n) == expected


def test_reminder_dates_are_sorted_and_unique():
    assert reminder_dates(date(2020, 3, 10), [1, 10, 5, 1, 0]) == (
        date(2020, 2, 25),
        date(2020, 3, 3),
        date(2020, 3, 9),
        date(2020, 3, 10),
    )
    assert reminder_dates(date(2020, 5, 10), [0, 1]) == (date(2020, 5, 7), date(2020, 5, 8))
    assert reminder_dates(date(2020, 5, 10), []) == ()


def test_reminders_still_to_come():
    offsets = [10, 5, 1]
    assert reminders_due(date(2020, 3, 10), offsets, date(2020, 3, 3)) == (date(2020, 3, 3), date(2020, 3, 9))
    assert reminders_due(date(2020, 3, 10), offsets, date(2020, 3, 10)) == ()
    assert reminders_due(date(2020, 3, 10), offsets, date(2020, 1, 1)) == reminder_dates(
        date(2020, 3, 10), offsets
    )


def test_bad_offsets():
    with pytest.raises(ValueError, match="negative"):
        reminder_date(date(2020, 3, 10), -1)
    with pytest.raises(TypeError):
        reminder_date(date(2020, 3, 10), True)
    with pytest.raises(TypeError):
        reminder_date("2020-03-10", 1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("due", "today", "overdue", "days"),
    [
        (date(2020, 3, 10), date(2020, 3, 9), False, 0),
        (date(2020, 3, 10), date(2020, 3, 10), False, 0),  # the due date itself is still in time
        (date(2020, 3, 10), date(2020, 3, 11), True, 1),
        (date(2020, 5, 10), date(2020, 5, 11), True, 1),  # due on a Sunday: overdue on Monday
        (date(2020, 2, 28), date(2020, 3, 1), True, 2),  # leap year: 2/29 in between
        (date(2021, 2, 28), date(2021, 3, 1), True, 1),
    ],
)
def test_overdue(due, today, overdue, days):
    assert is_overdue(due, today) is overdue
    assert days_overdue(due, today) == days


@settings(deadline=None)  # the first call of a year computes its holidays
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 40))
def test_reminders_fall_on_business_days_before_the_due_date(due, n):
    day = reminder_date(due, n)
    assert is_business_day(day)
    assert day <= due
    # Exactly n business days lie after the reminder day, up to the due date (or its last open day).
    assert business_days_between(day + timedelta(days=1), due + timedelta(days=1)) == n


@settings(deadline=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 30), st.integers(0, 30)
)
def test_more_business_days_before_is_never_later(due, n, more):
    assert reminder_date(due, n + more) <= reminder_date(due, n)

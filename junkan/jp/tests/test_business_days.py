"""Tests for government business days (開庁日)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.jp.business_days import (
    YEAR_END_CLOSURE_NAME,
    add_business_days,
    business_days_before,
    business_days_between,
    holiday_name,
    is_business_day,
    is_year_end_closure,
    next_business_day,
    previous_business_day,
)

GW_2019 = [date(2019, 4, 27) + timedelta(days=i) for i in range(10)]  # 10連休: 4/27 (Sat) to 5/6 (Mon)


def test_golden_week_2019_ten_days_off() -> None:
    assert is_business_day(date(2019, 4, 26))
    assert not any(is_business_day(d) for d in GW_2019)
    assert is_business_day(date(2019, 5, 7))
    assert next_business_day(date(2019, 4, 26)) == date(2019, 5, 7)
    assert previous_business_day(date(2019, 5, 7)) == date(2019, 4, 26)
    assert business_days_between(date(2019, 4, 26), date(2019, 5, 8)) == 2


@pytest.mark.parametrize(
    ("d", "name"),
    [
        (date(2019, 4, 29), "昭和の日"),
        (date(2019, 4, 30), "国民の休日"),
        (date(2019, 5, 1), "天皇の即位の日"),
        (date(2019, 5, 2), "国民の休日"),
        (date(2019, 5, 6), "こどもの日 振替休日"),
        (date(2024, 5, 6), "こどもの日 振替休日"),
        (date(2020, 2, 24), "天皇誕生日 振替休日"),
        (date(2019, 10, 22), "即位礼正殿の儀"),
        (date(2021, 1, 1), "元日"),
        (date(2023, 1, 2), "元日 振替休日"),
        (date(2020, 12, 29), YEAR_END_CLOSURE_NAME),
        (date(2021, 1, 2), YEAR_END_CLOSURE_NAME),
        (date(2021, 1, 3), YEAR_END_CLOSURE_NAME),
        (date(2019, 6, 22), None),  # a plain Saturday
        (date(2019, 6, 21), None),  # a plain Friday
        (date(2020, 12, 28), None),
        (date(2021, 1, 4), None),
    ],
)
def test_holiday_name(d: date, name: str | None) -> None:
    assert holiday_name(d) == name


def test_substitute_holiday_is_not_a_business_day() -> None:
    # 2024: こどもの日 falls on Sunday 5/5, so Monday 5/6 is a 振替休日.
    assert not is_business_day(date(2024, 5, 6))
    assert next_business_day(date(2024, 5, 2)) == date(2024, 5, 7)
    assert [d.day for d in map(date, [2024] * 5, [4] * 5, range(26, 31)) if is_business_day(d)] == [26, 30]


def test_year_end_closure() -> None:
    assert [is_year_end_closure(date(2020, 12, d)) for d in (28, 29, 31)] == [False, True, True]
    assert [is_year_end_closure(date(2021, 1, d)) for d in (1, 3, 4)] == [True, True, False]
    assert is_business_day(date(2020, 12, 28))  # Monday
    assert not is_business_day(date(2020, 12, 29))  # Tuesday, closed
    assert not is_business_day(date(2020, 12, 30))
    assert next_business_day(date(2020, 12, 28)) == date(2021, 1, 4)
    assert next_business_day(date(2019, 12, 27)) == date(2020, 1, 6)
    assert previous_business_day(date(2021, 1, 4)) == date(2020, 12, 28)


def test_include_self() -> None:
    friday, saturday = date(2019, 6, 21), date(2019, 6, 22)
    assert next_business_day(friday, include_self=True) == friday
    assert next_business_day(friday) == date(2019, 6, 24)
    assert next_business_day(saturday, include_self=True) == date(2019, 6, 24)
    assert previous_business_day(friday, include_self=True) == friday
    assert previous_business_day(saturday, include_self=True) == friday
    assert previous_business_day(friday) == date(2019, 6, 20)


def test_add_business_days() -> None:
    assert add_business_days(date(2019, 6, 21), 1) == date(2019, 6, 24)
    assert add_business_days(date(2019, 6, 22), 3) == date(2019, 6, 26)  # from a Saturday
    assert add_business_days(date(2019, 4, 26), 1) == date(2019, 5, 7)
    assert add_business_days(date(2019, 4, 26), 5) == date(2019, 5, 13)
    assert add_business_days(date(2020, 12, 25), 2) == date(2021, 1, 4)


def test_add_business_days_negative() -> None:
    assert add_business_days(date(2019, 5, 7), -1) == date(2019, 4, 26)
    assert add_business_days(date(2019, 5, 7), -3) == date(2019, 4, 24)
    assert add_business_days(date(2021, 1, 4), -1) == date(2020, 12, 28)
    assert add_business_days(date(2019, 6, 23), -1) == date(2019, 6, 21)  # from a Sunday


def test_add_zero_business_days() -> None:
    assert add_business_days(date(2019, 6, 21), 0) == date(2019, 6, 21)
    assert add_business_days(date(2019, 6, 22), 0) == date(2019, 6, 24)
    assert add_business_days(date(2019, 4, 27), 0) == date(2019, 5, 7)


def test_business_days_between() -> None:
    assert business_days_between(date(2020, 1, 1), date(2020, 2, 1)) == 19  # January 2020
    assert business_days_between(date(2019, 6, 17), date(2019, 6, 21)) == 4  # half-open
    assert business_days_between(date(2019, 6, 17), date(2019, 6, 22)) == 5
    assert business_days_between(date(2019, 6, 21), date(2019, 6, 21)) == 0
    assert business_days_between(date(2019, 6, 22), date(2019, 6, 17)) == -5


def test_business_days_before() -> None:
    assert business_days_before(date(2019, 5, 7), 3) == date(2019, 4, 24)
    assert business_days_before(date(2019, 6, 22), 1) == date(2019, 6, 21)  # due on a Saturday
    assert business_days_before(date(2019, 6, 21), 5) == date(2019, 6, 14)
    assert business_days_before(date(2019, 6, 21), 0) == date(2019, 6, 21)
    assert business_days_before(date(2019, 6, 23), 0) == date(2019, 6, 21)
    with pytest.raises(ValueError, match="negative"):
        business_days_before(date(2019, 6, 21), -1)


def test_datetimes_are_rejected() -> None:
    with pytest.raises(TypeError):
        is_business_day(datetime(2019, 6, 21, 12))


DATES = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@settings(deadline=None)
@given(DATES, st.integers(min_value=-40, max_value=40))
def test_add_business_days_properties(d: date, n: int) -> None:
    result = add_business_days(d, n)
    assert is_business_day(result)
    if n > 0:
        assert result > d
        assert business_days_between(d + timedelta(days=1), result + timedelta(days=1)) == n
    elif n < 0:
        assert result < d
        assert business_days_between(result, d) == -n
    if is_business_day(d):
        assert business_days_between(d, result) == n
        assert add_business_days(result, -n) == d
    if n > 0:
        assert business_days_before(result, n) == previous_business_day(d, include_self=True)


@settings(deadline=None)
@given(DATES)
def test_next_and_previous_business_day_properties(d: date) -> None:
    after, before = next_business_day(d), previous_business_day(d)
    assert is_business_day(after)
    assert is_business_day(before)
    assert business_days_between(d + timedelta(days=1), after) == 0
    assert business_days_between(before + timedelta(days=1), d) == 0
    assert is_business_day(d) == (holiday_name(d) is None and d.weekday() < 5)


@settings(deadline=None)
@given(DATES, DATES)
def test_business_days_between_is_additive(a: date, b: date) -> None:
    middle = a + timedelta(days=(b - a).days // 2)
    assert business_days_between(a, b) == business_days_between(a, middle) + business_days_between(middle, b)
    assert business_days_between(a, b) == -business_days_between(b, a)

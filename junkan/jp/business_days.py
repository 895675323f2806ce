"""Government business days (開庁日) under 行政機関の休日に関する法律.

A business day is any day that is not a Saturday or Sunday, not a national holiday (国民の祝日, 振替休日
and 国民の休日, as computed by ``jpholiday``) and not in the year-end closure from December 29 to
January 3 (年末年始). The same rule is applied to every year; historical rules (Saturday opening before
1992, the law itself dating from 1988) are out of scope.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import jpholiday

from junkan.jp.dates import require_date

YEAR_END_CLOSURE_NAME = "年末年始休暇"

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=512)
def _national_holidays(year: int) -> dict[date, str]:
    """The national holidays of ``year`` with their names, computed once per year."""
    return dict(jpholiday.year_holidays(year))


def national_holiday_name(d: date) -> str | None:
    """The name of the national holiday on ``d`` (e.g. 「こどもの日 振替休日」), or None."""
    require_date(d)
    return _national_holidays(d.year).get(d)


def is_year_end_closure(d: date) -> bool:
    """Whether ``d`` falls in the year-end closure, December 29 to January 3."""
    require_date(d)
    return (d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)


def holiday_name(d: date) -> str | None:
    """The national holiday's name, else 「年末年始休暇」 in the closure, else None (plain weekends too)."""
    return national_holiday_name(d) or (YEAR_END_CLOSURE_NAME if is_year_end_closure(d) else None)


def is_business_day(d: date) -> bool:
    """Whether government offices are open on ``d``."""
    require_date(d)
    return d.weekday() < 5 and not is_year_end_closure(d) and d not in _national_holidays(d.year)


def next_business_day(d: date, *, include_self: bool = False) -> date:
    """The first business day after ``d`` (or on ``d`` itself with ``include_self``)."""
    day = require_date(d) if include_self else require_date(d) + _ONE_DAY
    while not is_business_day(day):
        day += _ONE_DAY
    return day


def previous_business_day(d: date, *, include_self: bool = False) -> date:
    """The last business day before ``d`` (or on ``d`` itself with ``include_self``)."""
    day = require_date(d) if include_self else require_date(d) - _ONE_DAY
    while not is_business_day(day):
        day -= _ONE_DAY
    return day


def add_business_days(d: date, n: int) -> date:
    """The n-th business day after ``d`` (before it if n < 0); n = 0 gives ``d`` or the next business day."""
    # ``d`` itself is never counted, so it need not be a business day: 3 business days after a
    # Saturday is the following Wednesday (in a week without holidays).
    if n == 0:
        return next_business_day(d, include_self=True)
    step = next_business_day if n > 0 else previous_business_day
    day = d
    for _ in range(abs(n)):
        day = step(day)
    return day


def business_days_between(start: date, end: date) -> int:
    """The number of business days in [start, end); negative when end is before start."""
    require_date(start)
    require_date(end)
    if end < start:
        return -business_days_between(end, start)
    count = 0
    day = start
    while day < end:
        if is_business_day(day):
            count += 1
        day += _ONE_DAY
    return count


def business_days_before(due: date, n: int) -> date:
    """The date n business days before ``due`` (for reminders); n = 0 gives the last business day ≤ due."""
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    if n == 0:
        return previous_business_day(due, include_self=True)
    return add_business_days(due, -n)

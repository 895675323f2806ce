"""When to remind someone of a report's due date, and whether it is overdue.

Reminders are counted in government business days (開庁日: no weekends, national holidays or the
December 29 – January 3 closure; ``junkan.jp.business_days``), backwards from the last business day on
or before the due date (the last day a report can be handed in at an open office): "0 business days
before" is that day, "1 business day before" a Monday due date is the Friday before it. When the due
date is itself a closed day, the count starts from the open day before it, so that "1 business day
before" a Sunday due date is Thursday: one full open day before the last one, as for any other due date.

A due date on a closed day is not moved: 行政機関の休日に関する法律第2条 extends only deadlines that a
law or an order sets as a period, and these are dates set by the call and its 交付規程 (「…までに協会に
提出すること」). Reminders therefore fall on open days before it, and a report is overdue from the day
after the due date, whatever day of the week that is.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from junkan.jp.business_days import add_business_days, previous_business_day
from junkan.jp.dates import require_date


def reminder_date(due: date, business_days: int) -> date:
    """The day ``business_days`` business days before the last open day on or before ``due``."""
    if isinstance(business_days, bool) or not isinstance(business_days, int):
        raise TypeError(f"business_days must be an int, got {type(business_days).__name__}")
    if business_days < 0:
        raise ValueError(f"business_days must not be negative, got {business_days}")
    last_open_day = previous_business_day(require_date(due), include_self=True)
    return add_business_days(last_open_day, -business_days) if business_days else last_open_day


def reminder_dates(due: date, business_days: Iterable[int]) -> tuple[date, ...]:
    """The days to send reminders, earliest first, each day once (e.g. 10, 5 and 1 business days before)."""
    return tuple(sorted({reminder_date(due, n) for n in business_days}))


def reminders_due(due: date, business_days: Iterable[int], today: date) -> tuple[date, ...]:
    """The reminder days still to come, counting today, while the report is not yet overdue."""
    require_date(today)
    return tuple(day for day in reminder_dates(due, business_days) if day >= today)


def is_overdue(due: date, today: date) -> bool:
    """Whether a report due on ``due`` and not handed in is overdue on ``today`` (from the day after)."""
    return require_date(today) > require_date(due)


def days_overdue(due: date, today: date) -> int:
    """Calendar days since the due date (0 on or before it)."""
    return max(0, (require_date(today) - require_date(due)).days)

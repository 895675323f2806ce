"""Records retention: kept 5 years after the fiscal year of completion, disposable the day after."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from junkan.grants.engine.retention import YEARS_KEPT, disposable_from, may_dispose, retain_until


@pytest.mark.parametrize(
    ("completed_on", "expected"),
    [
        (date(2020, 2, 20), date(2025, 3, 31)),  # FY2019 ends 2020-03-31
        (date(2020, 2, 29), date(2025, 3, 31)),  # a leap day, still FY2019
        (date(2020, 3, 31), date(2025, 3, 31)),  # the last day of FY2019
        (date(2020, 4, 1), date(2026, 3, 31)),  # the first day of FY2020
        (date(2019, 4, 1), date(2025, 3, 31)),
        (date(2019, 12, 31), date(2025, 3, 31)),
    ],
)
def test_retain_until_is_march_31_five_years_after_the_fiscal_year(completed_on, expected):
    assert retain_until(completed_on) == expected


def test_may_dispose_only_from_the_day_after():
    kept = date(2025, 3, 31)
    assert not may_dispose(kept, date(2025, 3, 30))
    assert not may_dispose(kept, kept)  # still kept on the last day
    assert may_dispose(kept, date(2025, 4, 1))
    assert disposable_from(kept) == date(2025, 4, 1)


def test_never_while_no_end_date_is_known():
    assert not may_dispose(None, date(2100, 1, 1))


def test_a_datetime_is_not_a_date():
    with pytest.raises(TypeError):
        retain_until(datetime(2020, 2, 20, 12, 0))


@settings(max_examples=300)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_properties(completed_on):
    kept = retain_until(completed_on)
    assert (kept.month, kept.day) == (3, 31)
    # At least five full years after completion, at most six.
    assert (kept - completed_on).days >= YEARS_KEPT * 365
    assert kept < date(completed_on.year + YEARS_KEPT + 1, 4, 1)
    # Completing one day later never shortens the period.
    assert retain_until(completed_on + timedelta(days=1)) >= kept
    assert not may_dispose(kept, kept) and may_dispose(kept, disposable_from(kept))

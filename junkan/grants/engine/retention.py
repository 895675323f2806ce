"""How long a project's records are kept (帳簿及び証拠書類の保存期間).

Seed 002 「補助事業における留意事項等」2(7): 「これらの帳簿及び証拠書類は、補助事業の完了の日の属する
年度の終了後5年間、いつでも閲覧に供せるよう保存しておく必要があります。」

The fiscal year of completion ends on March 31 of the next calendar year; five years after that end is
March 31 five years later. The records are kept through that day (``retain_until``) and may be disposed of
from the next day on. Completed on 2020-02-29 (FY2019, ends 2020-03-31) → kept until 2025-03-31.
A project cancelled before completion counts from the day of the cancellation, the day its accounts closed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from junkan.jp.dates import fiscal_year, fiscal_year_end, require_date

YEARS_KEPT: Final = 5


def retain_until(completed_on: date) -> date:
    """The last day the records of a project completed on ``completed_on`` must be kept."""
    end = fiscal_year_end(fiscal_year(require_date(completed_on)))
    return end.replace(year=end.year + YEARS_KEPT)


def may_dispose(retained_until: date | None, today: date) -> bool:
    """Whether the records may be disposed of on ``today`` (never while no end date is known)."""
    return retained_until is not None and require_date(today) > retained_until


def disposable_from(retained_until: date) -> date:
    """The first day the records may be disposed of."""
    return require_date(retained_until) + timedelta(days=1)

"""事後評価 (seed 003 §9(4)イ): due by March 31 of the fiscal year after the one the project ended in."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from junkan.jp.dates import fiscal_year, fiscal_year_end, require_date


class Standing(StrEnum):
    """Where a post-evaluation stands on a given day."""

    NOT_YET = "not_yet"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"


def evaluation_year(completed_on: date) -> int:
    """The fiscal year of the post-evaluation: the one after the fiscal year of completion."""
    return fiscal_year(require_date(completed_on)) + 1


def due_on(completed_on: date) -> date:
    """The last day of the post-evaluation: March 31 of the fiscal year after the year of completion."""
    return fiscal_year_end(evaluation_year(completed_on))


def opens_on(completed_on: date) -> date:
    """The first day of the evaluation year (April 1 after the fiscal year of completion)."""
    return date(evaluation_year(completed_on), 4, 1)


def standing(completed_on: date, today: date, *, done: bool) -> Standing:
    """Done, overdue (after its due date), due (in its year) or not yet (before the evaluation year)."""
    if done:
        return Standing.DONE
    require_date(today)
    if today > due_on(completed_on):
        return Standing.OVERDUE
    if today >= opens_on(completed_on):
        return Standing.DUE
    return Standing.NOT_YET


def overdue_if_completed_before(today: date) -> date:
    """Unevaluated projects completed before this day are overdue on ``today`` (for a database filter)."""
    return date(fiscal_year(require_date(today)) - 1, 4, 1)


def evaluation_year_starts(today: date) -> date:
    """April 1 of ``today``'s fiscal year: projects completed before it are in (or past) their year."""
    return date(fiscal_year(require_date(today)), 4, 1)


def achievement_percent(actual: Decimal | None, promised: Decimal | None) -> Decimal | None:
    """The actual CO2 reduction as a percentage of the promised one, to 0.1 % (half up); None if unknown."""
    if actual is None or promised is None or promised <= 0:
        return None
    return (actual * 100 / promised).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

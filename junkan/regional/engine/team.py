"""The support team's size and period.

Seed 000 ②: 「3～5名程度の専門家」「年3回程度現地を訪問」「支援期間は1～2年程度」.
"""

from __future__ import annotations

from datetime import date
from typing import Final

MIN_EXPERTS: Final = 3
MAX_EXPERTS: Final = 5
VISITS_PER_YEAR: Final = 3
MAX_TEAM_YEARS: Final = 2


def size_problem(count: int) -> str | None:
    """Why a team of ``count`` experts cannot be formed, or None when 3–5."""
    if count < MIN_EXPERTS:
        return (
            f"支援チームは{MIN_EXPERTS}～{MAX_EXPERTS}名の専門家で編成します"
            f"（現在{count}名。あと{MIN_EXPERTS - count}名必要です）。"
        )
    if count > MAX_EXPERTS:
        return (
            f"支援チームは{MIN_EXPERTS}～{MAX_EXPERTS}名の専門家で編成します"
            f"（現在{count}名。{count - MAX_EXPERTS}名多すぎます）。"
        )
    return None


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def period_problem(start: date | None, end: date | None, max_years: int = MAX_TEAM_YEARS) -> str | None:
    """Why a period cannot be used: missing, ends before it starts, or longer than ``max_years`` years."""
    if start is None or end is None:
        return "支援期間の開始日と終了日を入力してください。"
    if end < start:
        return "支援期間の終了日が開始日より前になっています。"
    if end >= add_years(start, max_years):
        limit = add_years(start, max_years).isoformat()
        return f"支援期間は最長{max_years}年です（終了日は{limit}より前にしてください）。"
    return None


def planned_visits(start: date, end: date) -> int:
    """About three visits a year over the period, at least three (rounded up to whole visits)."""
    days = (end - start).days + 1
    return max(VISITS_PER_YEAR, -(-VISITS_PER_YEAR * days // 365))

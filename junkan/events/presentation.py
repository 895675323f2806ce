"""How event dates read: 和暦 with the weekday and the time in Japan, as officers write them."""

from __future__ import annotations

from datetime import datetime

from junkan.jp.dates import TOKYO, format_wareki, tokyo_date

WEEKDAYS = "月火水木金土日"


def day_text(moment: datetime) -> str:
    """令和8年(2026年)2月3日（火）, in Japan time."""
    day = tokyo_date(moment)
    return f"{format_wareki(day)}（{WEEKDAYS[day.weekday()]}）"


def time_text(moment: datetime) -> str:
    local = moment.astimezone(TOKYO)
    return f"{local.hour}時{local.minute:02d}分"


def moment_text(moment: datetime) -> str:
    """令和8年(2026年)2月3日（火）13時30分."""
    return day_text(moment) + time_text(moment)


def period_text(starts_at: datetime, ends_at: datetime) -> str:
    """One day: 令和8年(2026年)2月3日（火）13時30分～16時00分; several days: both moments in full."""
    if tokyo_date(starts_at) == tokyo_date(ends_at):
        return f"{moment_text(starts_at)}～{time_text(ends_at)}"
    return f"{moment_text(starts_at)}～{moment_text(ends_at)}"

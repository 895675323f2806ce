"""Japanese calendar conventions: 和暦 (era dates), 年度 (April–March fiscal years) and Asia/Tokyo time.

Era start dates follow the imperial rescripts as usually tabulated. 明治 starts on 1868-01-25 (Gregorian),
i.e. 慶応4年1月1日: the 改元の詔 of 1868-10-23 applied the new era retroactively from the first day
of that year, and this is the convention of most calendars and software. Month and day are always the
Gregorian ones; before 明治6年 (1873) Japan used the lunisolar calendar, which is out of scope here.

Functions that take a ``date`` reject ``datetime`` objects: convert with ``tokyo_date`` first, so that
a UTC timestamp is never read as a Japanese calendar day by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")

FISCAL_YEAR_START_MONTH = 4


@dataclass(frozen=True)
class Era:
    """A Japanese era (元号) and its first day."""

    name: str
    start: date


ERAS: tuple[Era, ...] = (
    Era("明治", date(1868, 1, 25)),
    Era("大正", date(1912, 7, 30)),
    Era("昭和", date(1926, 12, 25)),
    Era("平成", date(1989, 1, 8)),
    Era("令和", date(2019, 5, 1)),
)

FIRST_ERA_DAY = ERAS[0].start


def era_year_text(year: int) -> str:
    """Write an era year as it is read: 1 is 元, other years are Arabic digits."""
    if year < 1:
        raise ValueError(f"era year must be positive, got {year}")
    return "元" if year == 1 else str(year)


@dataclass(frozen=True)
class WarekiDate:
    """A date in the Japanese calendar: era name, era year (1 = 元年), month and day."""

    era: str
    year: int
    month: int
    day: int

    @property
    def year_text(self) -> str:
        """The era and year as written, e.g. 令和元年."""
        return f"{self.era}{era_year_text(self.year)}年"

    def __str__(self) -> str:
        """The date as written, e.g. 令和元年5月1日."""
        return f"{self.year_text}{self.month}月{self.day}日"


def require_date(d: date) -> date:
    """Return ``d`` if it is a plain date; TypeError for datetimes (use tokyo_date) and other types."""
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(f"expected a date, got {type(d).__name__}; convert datetimes with tokyo_date()")
    return d


def era_of(d: date) -> Era:
    """The era in force on date ``d``; ValueError before 明治."""
    require_date(d)
    for era in reversed(ERAS):
        if d >= era.start:
            return era
    raise ValueError(f"{d.year}年{d.month}月{d.day}日は明治より前の日付のため、和暦で表せません。")


def era_year(era: Era, gregorian_year: int) -> int:
    """The year of ``era`` that falls in ``gregorian_year`` (the start year is 1)."""
    return gregorian_year - era.start.year + 1


def wareki(d: date) -> WarekiDate:
    """Convert a Gregorian date to its Japanese era date."""
    era = era_of(d)
    return WarekiDate(era=era.name, year=era_year(era, d.year), month=d.month, day=d.day)


def format_wareki(d: date, *, seireki: bool = True) -> str:
    """Format as 令和元年(2019年)5月1日, or 令和元年5月1日 with ``seireki=False``."""
    w = wareki(d)
    gregorian = f"({d.year}年)" if seireki else ""
    return f"{w.year_text}{gregorian}{w.month}月{w.day}日"


def format_date(d: date) -> str:
    """Format as 2020年3月10日 (西暦), as the pages show dates (``|date:"Y年n月j日"``)."""
    d = require_date(d)
    return f"{d.year}年{d.month}月{d.day}日"


# --- 年度 ------------------------------------------------------------------------------------------------


def fiscal_year(d: date) -> int:
    """The fiscal year (年度) containing ``d``, named by the calendar year of its April 1."""
    require_date(d)
    return d.year if d.month >= FISCAL_YEAR_START_MONTH else d.year - 1


def fiscal_year_start(fy: int) -> date:
    """April 1 of fiscal year ``fy``."""
    return date(fy, FISCAL_YEAR_START_MONTH, 1)


def fiscal_year_end(fy: int) -> date:
    """March 31 of fiscal year ``fy`` (in calendar year fy + 1)."""
    return date(fy + 1, FISCAL_YEAR_START_MONTH - 1, 31)


def _fiscal_year_label_in(era: Era, fy: int) -> str:
    """Label fiscal year ``fy`` in ``era``, e.g. 令和元年度."""
    return f"{era.name}{era_year_text(era_year(era, fy))}年度"


def fiscal_year_label(fy: int) -> str:
    """The 年度 label in the era of the fiscal year's April 1: FY2019 → 平成31年度, FY1989 → 平成元年度."""
    return _fiscal_year_label_in(era_of(fiscal_year_start(fy)), fy)


def fiscal_year_label_alternatives(fy: int) -> list[str]:
    """The official label, then that of an era begun later that year: FY2019 → 平成31年度, 令和元年度."""
    # An era that began in January–March of the fiscal year (平成, 1989-01-08, in FY1988) gives no
    # alternative: its year 1 is the next fiscal year, and there is no 平成0年度. FY1988 is only 昭和63年度.
    labels = [fiscal_year_label(fy)]
    start, end = fiscal_year_start(fy), fiscal_year_end(fy)
    labels.extend(
        _fiscal_year_label_in(era, fy) for era in ERAS if start < era.start <= end and era.start.year == fy
    )
    return labels


def format_fiscal_year(fy: int, *, seireki: bool = True) -> str:
    """Format as 平成31年度(2019年度), or 平成31年度 with ``seireki=False``."""
    label = fiscal_year_label(fy)
    return f"{label}({fy}年度)" if seireki else label


def date_in_fiscal_year(fy: int, month: int, day: int) -> date:
    """The given month and day within fiscal year ``fy``: January–March fall in calendar year fy + 1."""
    year = fy if month >= FISCAL_YEAR_START_MONTH else fy + 1
    return date(year, month, day)


def date_in_next_fiscal_year(fy: int, month: int, day: int) -> date:
    """The given month and day within fiscal year ``fy + 1``."""
    return date_in_fiscal_year(fy + 1, month, day)


def march_10_of_fiscal_year(fy: int) -> date:
    """March 10 of fiscal year ``fy``: FY2019 → 2020-03-10."""
    return date_in_fiscal_year(fy, 3, 10)


def april_10_of_next_fiscal_year(fy: int) -> date:
    """April 10 of fiscal year ``fy + 1``: FY2019 → 2020-04-10."""
    return date_in_next_fiscal_year(fy, 4, 10)


# --- Asia/Tokyo ------------------------------------------------------------------------------------------


def today_tokyo() -> date:
    """Today's date in Japan, whatever the server's time zone."""
    return datetime.now(TOKYO).date()


def tokyo_date(dt: datetime) -> date:
    """The Japanese calendar date of an aware datetime; naive datetimes raise ValueError."""
    if not isinstance(dt, datetime):
        raise TypeError(f"expected a datetime, got {type(dt).__name__}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("naive datetime: the time zone is unknown, so the Japanese date is too")
    return dt.astimezone(TOKYO).date()


def tokyo_datetime(d: date, hour: int = 0, minute: int = 0) -> datetime:
    """An aware datetime at ``hour:minute`` on ``d`` in Asia/Tokyo, e.g. a 17:00 必着 deadline."""
    require_date(d)
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=TOKYO)


def days_after(d: date, n: int) -> date:
    """「d から起算して n 日を経過した日」, i.e. d + n days (d is the period's first day)."""
    # A 30-day period counted from 2019-06-01 runs through 2019-06-30; it has elapsed on 2019-07-01.
    require_date(d)
    return d + timedelta(days=n)

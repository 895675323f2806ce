"""Tests for 和暦, 年度 and Asia/Tokyo helpers."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from junkan.jp.dates import (
    ERAS,
    TOKYO,
    WarekiDate,
    april_10_of_next_fiscal_year,
    date_in_fiscal_year,
    date_in_next_fiscal_year,
    days_after,
    era_of,
    era_year_text,
    fiscal_year,
    fiscal_year_end,
    fiscal_year_label,
    fiscal_year_label_alternatives,
    fiscal_year_start,
    format_fiscal_year,
    format_wareki,
    march_10_of_fiscal_year,
    today_tokyo,
    tokyo_date,
    tokyo_datetime,
    wareki,
)

# Each era's first day and the day before it.
ERA_BOUNDARIES = [
    (date(1868, 1, 25), WarekiDate("明治", 1, 1, 25), "明治元年(1868年)1月25日"),
    (date(1912, 7, 29), WarekiDate("明治", 45, 7, 29), "明治45年(1912年)7月29日"),
    (date(1912, 7, 30), WarekiDate("大正", 1, 7, 30), "大正元年(1912年)7月30日"),
    (date(1926, 12, 24), WarekiDate("大正", 15, 12, 24), "大正15年(1926年)12月24日"),
    (date(1926, 12, 25), WarekiDate("昭和", 1, 12, 25), "昭和元年(1926年)12月25日"),
    (date(1989, 1, 7), WarekiDate("昭和", 64, 1, 7), "昭和64年(1989年)1月7日"),
    (date(1989, 1, 8), WarekiDate("平成", 1, 1, 8), "平成元年(1989年)1月8日"),
    (date(2019, 4, 30), WarekiDate("平成", 31, 4, 30), "平成31年(2019年)4月30日"),
    (date(2019, 5, 1), WarekiDate("令和", 1, 5, 1), "令和元年(2019年)5月1日"),
    (date(1927, 1, 1), WarekiDate("昭和", 2, 1, 1), "昭和2年(1927年)1月1日"),
    (date(1990, 1, 1), WarekiDate("平成", 2, 1, 1), "平成2年(1990年)1月1日"),
    (date(2019, 12, 31), WarekiDate("令和", 1, 12, 31), "令和元年(2019年)12月31日"),
    (date(2020, 1, 1), WarekiDate("令和", 2, 1, 1), "令和2年(2020年)1月1日"),
    (date(2025, 11, 22), WarekiDate("令和", 7, 11, 22), "令和7年(2025年)11月22日"),
]


@pytest.mark.parametrize(("d", "expected", "text"), ERA_BOUNDARIES)
def test_wareki_at_era_boundaries(d: date, expected: WarekiDate, text: str) -> None:
    assert wareki(d) == expected
    assert format_wareki(d) == text
    assert format_wareki(d, seireki=False) == re.sub(r"\(\d+年\)", "", text)
    assert str(wareki(d)) == format_wareki(d, seireki=False)


def test_format_wareki_examples_from_the_spec() -> None:
    assert format_wareki(date(2019, 5, 1)) == "令和元年(2019年)5月1日"
    assert format_wareki(date(2019, 4, 30)) == "平成31年(2019年)4月30日"
    assert format_wareki(date(2019, 5, 1), seireki=False) == "令和元年5月1日"


def test_wareki_date_is_frozen() -> None:
    w = wareki(date(2019, 5, 1))
    assert w.year_text == "令和元年"
    with pytest.raises(AttributeError):
        w.year = 2  # type: ignore[misc]


def test_before_meiji_raises() -> None:
    with pytest.raises(ValueError, match="明治より前"):
        wareki(date(1868, 1, 24))
    with pytest.raises(ValueError, match="明治より前"):
        format_wareki(date(1, 1, 1))


def test_datetimes_are_rejected_by_date_functions() -> None:
    moment = datetime(2019, 4, 30, 16, tzinfo=UTC)
    with pytest.raises(TypeError, match="tokyo_date"):
        wareki(moment)
    with pytest.raises(TypeError):
        fiscal_year(moment)
    assert format_wareki(tokyo_date(moment)) == "令和元年(2019年)5月1日"


def test_era_year_text() -> None:
    assert era_year_text(1) == "元"
    assert era_year_text(2) == "2"
    with pytest.raises(ValueError, match="positive"):
        era_year_text(0)


def test_eras_are_in_order() -> None:
    assert [e.name for e in ERAS] == ["明治", "大正", "昭和", "平成", "令和"]
    assert all(a.start < b.start for a, b in itertools.pairwise(ERAS))


@given(st.dates(min_value=date(1868, 1, 25)))
def test_wareki_year_arithmetic(d: date) -> None:
    w = wareki(d)
    era = era_of(d)
    assert w.era == era.name
    assert w.year == d.year - era.start.year + 1
    assert (w.month, w.day) == (d.month, d.day)
    later = [e for e in ERAS if e.start > era.start]
    assert all(d < e.start for e in later)
    match = re.fullmatch(r"(\D+?)(元|\d+)年\((\d+)年\)(\d+)月(\d+)日", format_wareki(d))
    assert match is not None
    name, year, gregorian, month, day = match.groups()
    era_year = 1 if year == "元" else int(year)
    assert year != "1"
    assert (name, era_year, int(gregorian), int(month), int(day)) == (
        era.name,
        w.year,
        d.year,
        d.month,
        d.day,
    )
    assert int(gregorian) == era.start.year + era_year - 1


# --- 年度 -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "fy"),
    [
        (date(2020, 3, 31), 2019),
        (date(2020, 4, 1), 2020),
        (date(2019, 4, 1), 2019),
        (date(2019, 3, 31), 2018),
        (date(2019, 12, 31), 2019),
        (date(2020, 1, 1), 2019),
        (date(1989, 1, 8), 1988),
    ],
)
def test_fiscal_year(d: date, fy: int) -> None:
    assert fiscal_year(d) == fy


def test_fiscal_year_bounds() -> None:
    assert fiscal_year_start(2019) == date(2019, 4, 1)
    assert fiscal_year_end(2019) == date(2020, 3, 31)
    assert fiscal_year_end(2019) + timedelta(days=1) == fiscal_year_start(2020)


@given(st.dates())
def test_fiscal_year_contains_date(d: date) -> None:
    fy = fiscal_year(d)
    if fy < date.min.year or fy >= date.max.year:
        return
    assert fiscal_year_start(fy) <= d <= fiscal_year_end(fy)


@pytest.mark.parametrize(
    ("fy", "label", "alternatives"),
    [
        (1868, "明治元年度", ["明治元年度"]),
        (1912, "明治45年度", ["明治45年度", "大正元年度"]),
        (1913, "大正2年度", ["大正2年度"]),
        (1926, "大正15年度", ["大正15年度", "昭和元年度"]),
        (1987, "昭和62年度", ["昭和62年度"]),
        (1988, "昭和63年度", ["昭和63年度"]),
        (1989, "平成元年度", ["平成元年度"]),
        (2018, "平成30年度", ["平成30年度"]),
        (2019, "平成31年度", ["平成31年度", "令和元年度"]),
        (2020, "令和2年度", ["令和2年度"]),
        (2025, "令和7年度", ["令和7年度"]),
    ],
)
def test_fiscal_year_labels(fy: int, label: str, alternatives: list[str]) -> None:
    assert fiscal_year_label(fy) == label
    assert fiscal_year_label_alternatives(fy) == alternatives
    assert format_fiscal_year(fy) == f"{label}({fy}年度)"
    assert format_fiscal_year(fy, seireki=False) == label


def test_fiscal_year_label_before_meiji_raises() -> None:
    with pytest.raises(ValueError, match="明治より前"):
        fiscal_year_label(1867)


def test_dates_within_fiscal_year() -> None:
    assert date_in_fiscal_year(2019, 4, 1) == date(2019, 4, 1)
    assert date_in_fiscal_year(2019, 12, 31) == date(2019, 12, 31)
    assert date_in_fiscal_year(2019, 1, 1) == date(2020, 1, 1)
    assert date_in_fiscal_year(2019, 3, 31) == date(2020, 3, 31)
    assert date_in_fiscal_year(2019, 2, 29) == date(2020, 2, 29)
    with pytest.raises(ValueError, match="day is out of range"):
        date_in_fiscal_year(2020, 2, 29)
    assert march_10_of_fiscal_year(2019) == date(2020, 3, 10)
    assert april_10_of_next_fiscal_year(2019) == date(2020, 4, 10)
    assert date_in_next_fiscal_year(2019, 4, 10) == date(2020, 4, 10)
    assert date_in_next_fiscal_year(2019, 3, 31) == date(2021, 3, 31)


@given(
    st.integers(min_value=1, max_value=9997),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)),
)
def test_date_in_fiscal_year_is_in_that_fiscal_year(fy: int, template: date) -> None:
    if (template.month, template.day) == (2, 29):
        return
    assert fiscal_year(date_in_fiscal_year(fy, template.month, template.day)) == fy
    assert fiscal_year(date_in_next_fiscal_year(fy, template.month, template.day)) == fy + 1


# --- Asia/Tokyo -----------------------------------------------------------------------------------------


def test_tokyo_date_converts_aware_datetimes() -> None:
    assert tokyo_date(datetime(2019, 4, 30, 14, 59, tzinfo=UTC)) == date(2019, 4, 30)
    assert tokyo_date(datetime(2019, 4, 30, 15, 0, tzinfo=UTC)) == date(2019, 5, 1)
    assert tokyo_date(datetime(2019, 5, 1, 0, 0, tzinfo=TOKYO)) == date(2019, 5, 1)
    new_york = timezone(timedelta(hours=-4))
    assert tokyo_date(datetime(2019, 4, 30, 11, 0, tzinfo=new_york)) == date(2019, 5, 1)


def test_tokyo_date_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        tokyo_date(datetime(2019, 5, 1, 12, 0))
    with pytest.raises(TypeError):
        tokyo_date(date(2019, 5, 1))  # type: ignore[arg-type]


def test_tokyo_datetime_deadline() -> None:
    deadline = tokyo_datetime(date(2019, 6, 21), 17, 0)
    assert deadline.tzinfo is TOKYO
    assert deadline.utcoffset() == timedelta(hours=9)
    assert deadline.astimezone(UTC) == datetime(2019, 6, 21, 8, 0, tzinfo=UTC)
    assert tokyo_datetime(date(2019, 6, 21)) == datetime(2019, 6, 21, 0, 0, tzinfo=TOKYO)


def test_today_tokyo() -> None:
    before = datetime.now(TOKYO).date()
    today = today_tokyo()
    after = datetime.now(TOKYO).date()
    assert before <= today <= after


def test_days_after() -> None:
    assert days_after(date(2019, 6, 1), 30) == date(2019, 7, 1)
    assert days_after(date(2019, 12, 31), 1) == date(2020, 1, 1)
    assert days_after(date(2020, 2, 28), 1) == date(2020, 2, 29)
    assert days_after(date(2019, 6, 1), 0) == date(2019, 6, 1)


def test_format_date_is_the_western_date_as_pages_show_it() -> None:
    from datetime import date

    from junkan.jp.dates import format_date

    assert format_date(date(2020, 3, 10)) == "2020年3月10日"
    assert format_date(date(2019, 12, 1)) == "2019年12月1日"

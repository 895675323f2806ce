from datetime import datetime
from zoneinfo import ZoneInfo

from junkan.events.presentation import moment_text, period_text

TOKYO = ZoneInfo("Asia/Tokyo")
UTC = ZoneInfo("UTC")


def test_one_day_period_in_japan_time():
    starts = datetime(2026, 2, 3, 4, 30, tzinfo=UTC)  # 13:30 in Tokyo
    ends = datetime(2026, 2, 3, 7, 0, tzinfo=UTC)
    assert period_text(starts, ends) == "令和8年(2026年)2月3日（火）13時30分～16時00分"


def test_period_over_midnight_in_japan_writes_both_days():
    starts = datetime(2026, 2, 3, 10, 0, tzinfo=UTC)  # 19:00 on the 3rd in Tokyo
    ends = datetime(2026, 2, 3, 16, 0, tzinfo=UTC)  # 1:00 on the 4th in Tokyo
    assert (
        period_text(starts, ends) == "令和8年(2026年)2月3日（火）19時00分～令和8年(2026年)2月4日（水）1時00分"
    )


def test_moment_text():
    assert moment_text(datetime(2019, 5, 1, 9, 5, tzinfo=TOKYO)) == "令和元年(2019年)5月1日（水）9時05分"

"""Swiss date and time formatting."""

from datetime import UTC, date, datetime

from customer_pad.dates import format_date, format_datetime, format_time


def test_dates_read_day_month_year_with_dots() -> None:
    assert format_date(date(2022, 10, 7)) == '07.10.2022'


def test_timestamps_are_shown_in_swiss_time() -> None:
    winter = datetime(2024, 1, 15, 23, 30, tzinfo=UTC)
    summer = datetime(2024, 7, 10, 12, 5, tzinfo=UTC)
    assert format_date(winter) == '16.01.2024'
    assert format_datetime(summer) == '10.07.2024 14:05'
    assert format_time(winter) == '00:30'

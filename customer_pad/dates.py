"""Dates and times as Swiss users read them (Babel patterns): dd.mm.yyyy, clock time in Europe/Zurich."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import dates as babel_dates

SWISS_TIME = ZoneInfo('Europe/Zurich')
SWISS_LOCALE = 'fr_CH'  # the numeric patterns below read the same in every Swiss language


def format_date(value: date | datetime) -> str:
    """`07.10.2022` (a timestamp is first moved to Swiss time)."""
    if isinstance(value, datetime):
        value = value.astimezone(SWISS_TIME).date()
    return babel_dates.format_date(value, 'dd.MM.yyyy', locale=SWISS_LOCALE)


def format_datetime(value: datetime) -> str:
    """`07.10.2022 14:05`, in Swiss time."""
    return babel_dates.format_datetime(value, 'dd.MM.yyyy HH:mm', tzinfo=SWISS_TIME, locale=SWISS_LOCALE)


def format_time(value: datetime) -> str:
    """`14:05`, in Swiss time."""
    return babel_dates.format_time(value, 'HH:mm', tzinfo=SWISS_TIME, locale=SWISS_LOCALE)

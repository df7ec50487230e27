"""Dates and times as Swiss users read them: dd.mm.yyyy, clock time in Europe/Zurich."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

SWISS_TIME = ZoneInfo('Europe/Zurich')


def format_date(value: date | datetime) -> str:
    """`07.10.2022` (a timestamp is first moved to Swiss time)."""
    if isinstance(value, datetime):
        value = value.astimezone(SWISS_TIME).date()
    return value.strftime('%d.%m.%Y')


def format_datetime(value: datetime) -> str:
    """`07.10.2022 14:05`, in Swiss time."""
    return value.astimezone(SWISS_TIME).strftime('%d.%m.%Y %H:%M')


def format_time(value: datetime) -> str:
    """`14:05`, in Swiss time."""
    return value.astimezone(SWISS_TIME).strftime('%H:%M')

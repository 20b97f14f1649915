"""Working days: Monday to Friday, less the public holidays stored in ``PublicHoliday``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from thidua.awards.models import PublicHoliday


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def next_working_day(day: dt.date, holidays: Collection[dt.date]) -> dt.date:
    """``day`` itself when it is a working day, else the next one."""
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    return day


def window_end(start: dt.date, working_days: int, holidays: Collection[dt.date]) -> dt.date:
    """The last day of a window of ``working_days`` working days starting on ``start`` (moved to
    the next working day if needed): a 10-day window from Monday 02/11 ends on Friday 13/11."""
    day = next_working_day(start, holidays)
    counted = 1
    while counted < working_days:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day


def add_working_days(start: dt.date, working_days: int, holidays: Collection[dt.date]) -> dt.date:
    """The date ``working_days`` working days after ``start`` (a deadline)."""
    day = start
    counted = 0
    while counted < working_days:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return day


def holidays_between(start: dt.date, end: dt.date) -> set[dt.date]:
    return set(
        PublicHoliday.objects.filter(date__gte=start, date__lte=end).values_list("date", flat=True)
    )

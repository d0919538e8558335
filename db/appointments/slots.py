"""A time on the calendar: a day, a start and a length, checked once for appointments and workshops alike."""

from __future__ import annotations

import datetime as dt

from calculators import InputError
from db.local_time import to_utc

MIN_MINUTES, MAX_MINUTES = 15, 8 * 60


def check_slot(day, start_time, minutes) -> tuple[dt.datetime, dt.datetime]:
    """(starts, ends) in UTC for a local day and start; a bad day or length is an InputError on its field."""
    if not isinstance(day, dt.date):
        raise InputError("bad_date", "day")
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise InputError("not_a_number", "minutes")
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InputError("out_of_range", "minutes")
    starts = to_utc(day, start_time)
    return starts, starts + dt.timedelta(minutes=minutes)

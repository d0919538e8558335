"""The offices' wall clock (America/New_York) and the UTC the database stores, across DST changes.

Pure. A counselor books "Tuesday at 10:00"; the database keeps the UTC instant. A wall time that does
not exist (the hour skipped in March) is refused; one that happens twice (the hour repeated in
November) means the first one, still on daylight time.
"""

from __future__ import annotations

import datetime as dt

from calculators import InputError
from calculators.clock import OFFICE_TZ as TZ
from calculators.clock import today as today_local  # noqa: F401  (the offices' date, not the server's)

UTC = dt.UTC


def to_utc(day: dt.date, at: dt.time) -> dt.datetime:
    """A local wall time as a naive UTC datetime (how the database stores it)."""
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InputError("bad_date", "day")
    if not isinstance(at, dt.time):
        raise InputError("bad_time", "start_time")
    local = dt.datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=TZ)
    instant = local.astimezone(UTC)
    if instant.astimezone(TZ).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise InputError("time_does_not_exist", "start_time")  # skipped by the spring DST change
    return instant.replace(tzinfo=None)


def to_local(utc_naive: dt.datetime) -> dt.datetime:
    """A stored (naive UTC) datetime as an aware local datetime."""
    return utc_naive.replace(tzinfo=UTC).astimezone(TZ)


def local_date(utc_naive: dt.datetime) -> dt.date:
    """The offices' calendar day of a stored (naive UTC) instant: a scenario saved at 8 p.m. is today's."""
    return to_local(utc_naive).date()


def day_bounds(first: dt.date, days: int = 1) -> tuple[dt.datetime, dt.datetime]:
    """The naive UTC instants of local midnight on `first` and `days` days later (23 or 25 hours on DST days)."""
    start = dt.datetime.combine(first, dt.time(0), tzinfo=TZ).astimezone(UTC)
    end = dt.datetime.combine(first + dt.timedelta(days=days), dt.time(0), tzinfo=TZ).astimezone(UTC)
    return start.replace(tzinfo=None), end.replace(tzinfo=None)


def before(starts_at_utc: dt.datetime, minutes: int) -> dt.datetime:
    """When a reminder `minutes` before an appointment is due, as naive UTC.

    Whole days count on the wall clock (a reminder 2 days before a 10:00 visit goes at 10:00, even
    across a DST change); other offsets are exact durations (2 hours before is 120 minutes before).
    """
    if minutes % 1440 == 0:
        local = to_local(starts_at_utc).replace(tzinfo=None) - dt.timedelta(days=minutes // 1440)
        aware = local.replace(tzinfo=TZ)
        return aware.astimezone(UTC).replace(tzinfo=None)
    return starts_at_utc - dt.timedelta(minutes=minutes)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week `day` falls in."""
    return day - dt.timedelta(days=day.weekday())


def now_utc() -> dt.datetime:
    return dt.datetime.now(UTC).replace(tzinfo=None)


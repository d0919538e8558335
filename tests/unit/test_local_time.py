"""The offices' wall clock across DST changes (America/New_York): day lengths, reminder times, odd hours."""

from __future__ import annotations

import datetime as dt

import pytest

from calculators import InputError
from db.local_time import before, day_bounds, to_local, to_utc, week_start


@pytest.mark.parametrize(
    ("day", "hours"),
    [
        (dt.date(2027, 3, 14), 23),  # spring forward
        (dt.date(2027, 3, 15), 24),
        (dt.date(2027, 11, 7), 25),  # fall back
        (dt.date(2027, 11, 8), 24),
    ],
)
def test_a_local_day_is_23_24_or_25_hours(day, hours):
    start, end = day_bounds(day)
    assert end - start == dt.timedelta(hours=hours)
    assert to_local(start).time() == dt.time(0) and to_local(end).date() == day + dt.timedelta(days=1)


def test_a_week_across_the_fall_change_has_one_extra_hour():
    start, end = day_bounds(week_start(dt.date(2027, 11, 7)), 7)
    assert week_start(dt.date(2027, 11, 7)) == dt.date(2027, 11, 1)
    assert end - start == dt.timedelta(days=7, hours=1)


@pytest.mark.parametrize(
    ("starts_local", "minutes", "due_local", "offset"),
    [
        # Whole days keep the wall clock: 10:00 two days before, whatever the change in between.
        (dt.datetime(2027, 3, 16, 10, 0), 2880, dt.datetime(2027, 3, 14, 10, 0), -4),
        (dt.datetime(2027, 11, 8, 9, 30), 1440, dt.datetime(2027, 11, 7, 9, 30), -5),
        # Hours are real durations: 2 hours before 3:30 AM on the spring day is 12:30 AM.
        (dt.datetime(2027, 3, 14, 3, 30), 120, dt.datetime(2027, 3, 14, 0, 30), -5),
        # ... and 2 hours before 3:00 AM on the fall day is the second 1:00 AM, on standard time.
        (dt.datetime(2027, 11, 7, 3, 0), 120, dt.datetime(2027, 11, 7, 1, 0), -5),
    ],
)
def test_reminder_times_across_dst(starts_local, minutes, due_local, offset):
    due = to_local(before(to_utc(starts_local.date(), starts_local.time()), minutes))
    assert (due.replace(tzinfo=None, fold=0), due.utcoffset()) == (due_local, dt.timedelta(hours=offset))


def test_the_skipped_hour_is_refused_and_the_repeated_hour_is_the_first():
    with pytest.raises(InputError) as caught:
        to_utc(dt.date(2027, 3, 14), dt.time(2, 30))
    assert caught.value.code == "time_does_not_exist"
    assert to_utc(dt.date(2027, 11, 7), dt.time(1, 30)) == dt.datetime(2027, 11, 7, 5, 30)  # EDT, -4

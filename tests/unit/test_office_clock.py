"""Today is the offices' day, wherever the server runs: a server on UTC is in tomorrow from 7 or 8 p.m."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from calculators import clock, rules
from curricula import tenant_rights
from db.local_time import local_date, today_local

UTC = ZoneInfo("UTC")  # travelling to a UTC instant also sets the process's time zone to UTC


@pytest.mark.parametrize(
    ("server_utc", "office_day"),
    [
        (dt.datetime(2026, 12, 8, 1, 30), dt.date(2026, 12, 7)),  # 8:30 p.m. EST, an evening workshop
        (dt.datetime(2026, 12, 8, 4, 59), dt.date(2026, 12, 7)),  # 11:59 p.m. EST
        (dt.datetime(2026, 12, 8, 5, 0), dt.date(2026, 12, 8)),  # midnight EST
        (dt.datetime(2027, 7, 1, 3, 59), dt.date(2027, 6, 30)),  # 11:59 p.m. EDT, the last day of a quarter
        (dt.datetime(2027, 7, 1, 4, 0), dt.date(2027, 7, 1)),  # midnight EDT
        (dt.datetime(2027, 10, 1, 1, 0), dt.date(2027, 9, 30)),  # 9 p.m. on the last day of a fiscal year
        (dt.datetime(2027, 1, 1, 4, 30), dt.date(2026, 12, 31)),  # New Year's Eve, before midnight
        (dt.datetime(2026, 12, 7, 15, 0), dt.date(2026, 12, 7)),  # the afternoon: both clocks agree
    ],
)
def test_today_is_the_offices_day_not_the_servers(server_utc, office_day):
    with time_machine.travel(server_utc.replace(tzinfo=UTC), tick=False):
        assert clock.today() == today_local() == rules.today() == office_day
        # What the code used before: the server's own day, a day late in the evening.
        assert (dt.date.today() == office_day) == (server_utc.date() == office_day)


@pytest.mark.parametrize(
    ("stored_utc", "office_day"),
    [
        (dt.datetime(2026, 12, 8, 1, 30), dt.date(2026, 12, 7)),  # a scenario saved at 8:30 p.m. EST
        (dt.datetime(2026, 12, 7, 15, 0), dt.date(2026, 12, 7)),
        (dt.datetime(2027, 3, 14, 6, 59), dt.date(2027, 3, 14)),  # 2:59 a.m. EDT, just after the change
        (dt.datetime(2027, 3, 14, 4, 59), dt.date(2027, 3, 13)),  # 11:59 p.m. EST the night before
    ],
)
def test_a_stored_instant_is_dated_on_the_offices_calendar(stored_utc, office_day):
    assert local_date(stored_utc) == office_day


def test_the_tenant_rights_content_keeps_the_same_zone():
    """curricula imports nothing of ours, so it names the zone itself: the same one."""
    assert tenant_rights.OFFICES_TZ == clock.OFFICE_TZ

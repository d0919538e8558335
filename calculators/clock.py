"""The offices' calendar day: what "today" means for every date Camino shows, defaults or checks.

Pure. The offices keep America/New_York time, wherever the server runs: a server on UTC (most hosts)
would start tomorrow at 7 p.m. in winter, in the middle of an evening workshop, and date the
sessions, attendance and HUD-9902 quarter of the last hours of each day a day late.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

OFFICE_TZ = ZoneInfo("America/New_York")


def today() -> dt.date:
    """The date on the offices' wall clock now."""
    return dt.datetime.now(OFFICE_TZ).date()

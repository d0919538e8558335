"""Which figures run out: series with no row in force on a date, and rows whose period ends soon.

A rule table holds one or more series (rows with the same identifying fields, see `overlay.KEY_FIELDS`).
A series is *missing* on a date when none of its rows is in force then (the year's figure was never
stored, or the last one ended). A row *ends soon* when its `effective_to` falls within `horizon_days`
of the date and no row of its series takes over on that day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from calculators import clock
from calculators.rules import all_rule_files, as_date, load
from calculators.rules.overlay import key_label, series_key

HORIZON_DAYS = 60


@dataclass(frozen=True)
class Gap:
    """A series with no row in force on the date; `last` is its latest row that started before it."""

    file: str
    table: str
    key: str
    last: dict | None

    @property
    def last_ended(self) -> dt.date | None:
        return self.last.get("effective_to") if self.last else None


@dataclass(frozen=True)
class Ending:
    """A row in force on the date whose period ends within the horizon, with nothing after it."""

    file: str
    table: str
    key: str
    row: dict

    @property
    def ends(self) -> dt.date:
        return self.row["effective_to"]


@dataclass(frozen=True)
class Coverage:
    on: dt.date
    missing: tuple[Gap, ...]
    ending: tuple[Ending, ...]


def _in_force(row: dict, day: dt.date) -> bool:
    return row["effective_from"] <= day and (row.get("effective_to") is None or day < row["effective_to"])


def table_coverage(file: str, table: str, rows: list[dict], day: dt.date, horizon: int) -> tuple[list, list]:
    """(gaps, endings) of one table on `day`."""
    series: dict[tuple, list[dict]] = {}
    for row in rows:
        series.setdefault(series_key(row), []).append(row)
    gaps, endings = [], []
    soon = day + dt.timedelta(days=horizon)
    for key, members in sorted(series.items()):
        current = [r for r in members if _in_force(r, day)]
        if not current:
            started = [r for r in members if r["effective_from"] <= day]
            last = max(started, key=lambda r: r["effective_from"]) if started else None
            gaps.append(Gap(file, table, key_label(key), last))
            continue
        for row in current:
            end = row.get("effective_to")
            if end is None or end > soon:
                continue
            if not any(_in_force(r, end) for r in members):
                endings.append(Ending(file, table, key_label(key), row))
    return gaps, endings


def coverage(on=None, horizon_days: int = HORIZON_DAYS, files: list[str] | None = None) -> Coverage:
    """Every missing series and every row ending within `horizon_days` of `on`, across all rule files."""
    day = as_date(on) if on is not None else clock.today()
    gaps: list[Gap] = []
    endings: list[Ending] = []
    for name in files or all_rule_files():
        for table, rows in load(name).items():
            if table == "meta" or not isinstance(rows, list):
                continue
            g, e = table_coverage(name, table, rows, day, horizon_days)
            gaps += g
            endings += e
    return Coverage(day, tuple(gaps), tuple(endings))


def report_lines(result: Coverage) -> list[str]:
    """Plain-text lines for the command line (English; the page shows its own translated table)."""
    lines = [f"Rule coverage on {result.on.isoformat()}:"]
    for gap in result.missing:
        ended = f" (last row ended {gap.last_ended.isoformat()})" if gap.last_ended else ""
        lines.append(f"NO FIGURE   {gap.file}.{gap.table} [{gap.key}]{ended}")
    for end in result.ending:
        lines.append(f"ENDS SOON   {end.file}.{end.table} [{end.key}] ends {end.ends.isoformat()}")
    lines.append(f"{len(result.missing)} with no figure, {len(result.ending)} ending within the horizon")
    return lines

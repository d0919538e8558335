"""Dashboard filters and scope, fiscal quarters, and the SQL pieces every figure shares (days, medians)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Integer, case, cast, func, or_, select, true
from sqlalchemy.engine import Engine

from calculators import InputError
from db import codes
from db.households import NO_CONTACT_DAYS
from db.models import Household
from db.scope import households_visible_to

STUCK_DAYS = 90
MAX_IDS = 2000  # a click-through list longer than this is cut (the number shown says how many in all)
DIMENSIONS = ("office", "counselor", "jurisdiction", "language", "quarter")
METRICS = (
    "all",
    "stage",
    "reached",
    "stuck",
    "purchased",
    "dpa",
    "asset",
    "caseload",
    "overdue",
    "no_contact",
)
# Audit actions that only read; they do not change what the dashboard shows, so they keep the cache.
READ_ACTIONS = frozenset(
    {
        "household_viewed",
        "households_listed",
        "login",
        "login_failed",
        "login_locked",
        "logout",
        "scenarios_viewed",
        "retention_listed",
        "plan_viewed",
        "plan_printed",
        "hud9902_viewed",
    }
)


@dataclass(frozen=True)
class Filters:
    """What the lead picked; frozen so it can key a cache."""

    office_id: int | None = None
    counselor_id: int | None = None
    jurisdiction: str | None = None
    language: str | None = None
    quarter: tuple[int, int] | None = None  # (fiscal year, quarter) of intake


def quarter_bounds(fiscal_year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of one fiscal quarter (not cumulative): FY2026 Q1 is 1 Oct - 31 Dec 2025."""
    if quarter not in (1, 2, 3, 4):
        raise InputError("bad_quarter", "quarter")
    start_year, start_month = (fiscal_year - 1, 10) if quarter == 1 else (fiscal_year, 3 * quarter - 5)
    start = dt.date(start_year, start_month, 1)
    end_month = start_month + 3
    end = (
        dt.date(start_year + 1, 1, 1) if end_month > 12 else dt.date(start_year, end_month, 1)
    ) - dt.timedelta(days=1)
    return start, end


def fiscal_quarter(day: dt.date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month >= 10 else (day.year, (day.month - 1) // 3 + 2)


def scoped_households(user: dict, filters: Filters):
    """The visible households (db.scope), narrowed to a counselor's own caseload and the filters."""
    stmt = households_visible_to(user)
    if user and user.get("role") == "counselor":
        stmt = stmt.where(Household.counselor_id == user["id"])
    elif filters.counselor_id is not None:
        stmt = stmt.where(Household.counselor_id == filters.counselor_id)
    if filters.office_id is not None:
        stmt = stmt.where(Household.office_id == filters.office_id)
    if filters.jurisdiction:
        stmt = stmt.where(Household.jurisdiction == filters.jurisdiction)
    if filters.language:
        stmt = stmt.where(Household.preferred_language == filters.language)
    if filters.quarter:
        start, end = quarter_bounds(*filters.quarter)
        stmt = stmt.where(Household.opened_on.between(start, end))
    return stmt


def scoped_ids(user: dict, filters: Filters):
    return scoped_households(user, filters).with_only_columns(Household.id)


def visible_condition(column, user: dict, filters: Filters):
    """`column IN (visible household ids)`, or no condition at all when nothing is restricted (an admin)."""
    scoped = scoped_households(user, filters)
    if scoped.whereclause is None:
        return true()
    return column.in_(scoped.with_only_columns(Household.id))


def stage_index():
    return case({stage: i for i, stage in enumerate(codes.STAGES)}, value=Household.stage, else_=0)


def days_between(engine: Engine, later, earlier):
    """Whole days from `earlier` to `later` (both dates), on SQLite or PostgreSQL."""
    if engine.dialect.name == "sqlite":
        return cast(func.julianday(later) - func.julianday(earlier), Integer)
    return later - earlier  # PostgreSQL: date - date is an integer number of days


def not_negative(engine: Engine, days):
    """max(days, 0), computing `days` once (a CASE would compute its two julianday calls twice on SQLite)."""
    if engine.dialect.name == "sqlite":
        return func.max(days, 0)  # SQLite's two-argument max() is the scalar one, not the aggregate
    return func.greatest(days, 0)


def median_of(values, group=None):
    """Median of `values.c.value` (optionally per `values.c.<group>`) and how many values, in SQL.

    Counts each distinct value first (a few thousand day counts instead of every household), then
    finds the middle rank in the running totals of those counts. SQLite has no percentile_cont.
    """
    part = [values.c[group]] if group else []
    counted = (
        select(*part, values.c.value, func.count().label("k")).group_by(*part, values.c.value).subquery()
    )
    by = [counted.c[group]] if group else []
    running = select(
        *by,
        counted.c.value,
        counted.c.k,
        cast(func.sum(counted.c.k).over(partition_by=by or None, order_by=counted.c.value), Integer).label(
            "upto"
        ),
        cast(func.sum(counted.c.k).over(partition_by=by or None), Integer).label("n"),
    ).subquery()

    def holds(rank):  # this value's ranks run from upto - k + 1 to upto
        return (running.c.upto - running.c.k < rank) & (rank <= running.c.upto)

    # Floor division (//) renders as integer division on both backends; '/' would be true division.
    middle = or_(holds((running.c.n + 1) // 2), holds((running.c.n + 2) // 2))
    stmt = select(
        *[running.c[group]] if group else [], func.avg(running.c.value), func.max(running.c.n)
    ).where(middle)
    if group:
        stmt = stmt.group_by(running.c[group])
    return stmt


def stuck_condition(today: dt.date, days: int = STUCK_DAYS):
    since = func.coalesce(Household.stage_since, Household.opened_on)
    return (
        (Household.status == "open")
        & (Household.stage != "purchased")
        & (since < today - dt.timedelta(days=days))
    )


def overdue_condition(today: dt.date):
    return (Household.status == "open") & (Household.next_follow_up <= today)


def silent_condition(today: dt.date):
    last = func.coalesce(Household.last_contact_on, Household.opened_on)
    return (Household.status == "open") & (last < today - dt.timedelta(days=NO_CONTACT_DAYS))


def changes_of(user: dict, filters: Filters, column):
    """Per visible household with two or more values: the change kept in `column` (refresh_stage)."""
    return (
        scoped_households(user, filters).with_only_columns(column.label("value")).where(column.is_not(None)).subquery()
    )

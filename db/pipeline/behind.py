"""The households behind a dashboard number (click-through) and the data version its cache keys on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.engine import Engine

from calculators import InputError
from db import audit, codes
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import AuditEvent, Household, Milestone, User
from db.pipeline.filters import (
    MAX_IDS,
    METRICS,
    READ_ACTIONS,
    Filters,
    overdue_condition,
    scoped_households,
    scoped_ids,
    silent_condition,
    stuck_condition,
)


def households_behind(
    engine: Engine,
    user: dict,
    metric: str,
    value=None,
    filters: Filters = Filters(),
    today: dt.date | None = None,
) -> list[int]:
    """The household ids behind a number on the dashboard (first MAX_IDS, by id), for click-through.

    metric: all | stage (value=stage) | reached (value=stage) | stuck | purchased | dpa |
    asset (value=milestone code) | caseload, overdue, no_contact (value=counselor id, or None for all).
    """
    today = today or today_local()
    stmt = scoped_ids(user, filters)
    if metric not in METRICS:
        raise InputError("unknown_metric", "metric")
    if metric == "stage":
        stmt = stmt.where(Household.stage == value)
    elif metric == "reached":
        if value not in codes.STAGES:
            raise InputError("unknown_stage", "value")
        stmt = stmt.where(Household.stage.in_(codes.STAGES[codes.STAGES.index(value) :]))
    elif metric == "stuck":
        stmt = stmt.where(stuck_condition(today))
    elif metric in ("purchased", "dpa", "asset"):
        code = {"purchased": "purchased", "dpa": "dpa_approved"}.get(metric, value)
        stmt = stmt.where(Household.id.in_(select(Milestone.household_id).where(Milestone.code == code)))
    elif metric in ("caseload", "overdue", "no_contact"):
        condition = {
            "caseload": Household.status == "open",
            "overdue": overdue_condition(today),
            "no_contact": silent_condition(today),
        }[metric]
        stmt = stmt.where(condition)
        if value is not None:
            stmt = stmt.where(Household.counselor_id == value)
    with reading(engine) as s:
        return list(s.scalars(stmt.order_by(Household.id).limit(MAX_IDS)))


def household_rows(engine: Engine, user: dict, ids: list[int]) -> list[dict]:
    """Name, stage, counselor and dates of the given households the user may see; the listing is audited."""
    ids = [int(i) for i in ids][:MAX_IDS]
    if not ids:
        return []
    scoped = scoped_households(user, Filters()).where(Household.id.in_(ids))
    stmt = (
        scoped.add_columns(User.display_name)
        .outerjoin(User, User.id == Household.counselor_id)
        .order_by(Household.search_name, Household.id)
    )
    with transaction(engine) as s:
        rows = [
            {
                "id": hh.id,
                "display_name": hh.display_name,
                "stage": hh.stage,
                "stage_since": hh.stage_since,
                "counselor": name or "",
                "last_contact_on": hh.last_contact_on,
                "next_follow_up": hh.next_follow_up,
                "status": hh.status,
            }
            for hh, name in s.execute(stmt)
        ]
        audit.record(s, user, "households_listed", "household", None, f"pipeline shown={len(rows)}")
    return rows


def data_version(engine: Engine) -> int:
    """A number that changes whenever a record changes: the newest audited write (reads are skipped).

    Every change is audited in its own transaction, so a dashboard cache keyed by this is invalidated by
    any write, while page views (also audited) keep it. Looks at the newest 500 events only: cheap.
    """
    stmt = select(AuditEvent.id, AuditEvent.action).order_by(AuditEvent.id.desc()).limit(500)
    with reading(engine) as s:
        rows = s.execute(stmt).all()
        for event_id, action in rows:
            if action not in READ_ACTIONS:
                return int(event_id)
        if len(rows) == 500:  # 500 reads in a row: fall back to the newest event of all
            return int(rows[0][0])
    return 0

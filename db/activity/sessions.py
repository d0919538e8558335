"""Counseling sessions and milestones on a client file: add, remove and list, scoped and audited."""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Engine

from calculators import InputError
from db import audit, certification, codes
from db import funding as funding_rules
from db.activity.checks import (
    MAX_SESSION_MINUTES,
    choice_field,
    date_field,
    scoped_household,
    text_field,
)
from db.engine import reading, transaction
from db.households import refresh_stage
from db.models import (
    CounselingSession,
    Household,
    Milestone,
    User,
)


def add_session(
    engine: Engine,
    user: dict,
    household_id: int,
    *,
    session_date,
    purpose: str,
    mode: str = "in_person",
    duration_minutes: int = 60,
    start_time: dt.time | None = None,
    notes: str = "",
    counselor_id: int | None = None,
    next_follow_up=None,
    funding: str = "",
    funding_source_id: int | None = None,
    fee=None,
) -> int:
    """Log a one-on-one session; it also counts as the household's latest contact.

    `funding`, `funding_source_id` and `fee`: who paid and what the family was charged (db.funding).
    """
    on = date_field(session_date, "session_date")
    purpose = choice_field(purpose, codes.COUNSELING_PURPOSE, "purpose")
    mode = choice_field(mode, codes.SESSION_MODE, "mode")
    if isinstance(duration_minutes, bool) or not isinstance(duration_minutes, (int, float)):
        raise InputError("not_a_number", "duration_minutes")
    if not 1 <= duration_minutes <= MAX_SESSION_MINUTES or not float(duration_minutes).is_integer():
        raise InputError("out_of_range", "duration_minutes")
    if start_time is not None and not isinstance(start_time, dt.time):
        raise InputError("bad_time", "start_time")
    notes = text_field(notes, "notes", 20_000)
    follow = date_field(next_follow_up, "next_follow_up", required=False)
    with transaction(engine) as s:
        paid = funding_rules.check(s, funding, funding_source_id, fee)
        hh = scoped_household(s, user, household_id)
        certification.check_can_counsel(s, counselor_id or user["id"], on)  # HUD-certified counselors only
        row = CounselingSession(
            household_id=hh.id,
            office_id=hh.office_id,
            counselor_id=counselor_id or user["id"],
            session_date=on,
            start_time=start_time,
            duration_minutes=int(duration_minutes),
            mode=mode,
            purpose=purpose,
            notes=notes,
            funding=paid.funding,
            funding_source_id=paid.source_id,
            fee=paid.fee,
        )
        s.add(row)
        s.flush()
        values = {}
        if hh.last_contact_on is None or on > hh.last_contact_on:
            values["last_contact_on"] = on
        if follow is not None:
            values["next_follow_up"] = follow
        if values:
            # A plain UPDATE: logging a session must not invalidate a colleague's open intake form.
            s.execute(sql_update(Household).where(Household.id == hh.id).values(**values))
        audit.record(s, user, "session_added", "household", hh.id, purpose)
        return row.id


def sessions_for(engine: Engine, user: dict, household_id: int, limit: int = 200) -> list[dict]:
    """The activity log, newest first, with the counselor's name."""
    with reading(engine) as s:
        scoped_household(s, user, household_id)
        stmt = (
            select(CounselingSession, User.display_name)
            .outerjoin(User, User.id == CounselingSession.counselor_id)
            .where(CounselingSession.household_id == household_id)
            .order_by(CounselingSession.session_date.desc(), CounselingSession.id.desc())
            .limit(limit)
        )
        return [
            {
                "id": row.id,
                "session_date": row.session_date,
                "start_time": row.start_time,
                "duration_minutes": row.duration_minutes,
                "mode": row.mode,
                "purpose": row.purpose,
                "notes": row.notes,
                "funding": row.funding,
                "funding_source_id": row.funding_source_id,
                "fee": row.fee,
                "counselor_name": name or "",
            }
            for row, name in s.execute(stmt)
        ]


# --- milestones -----------------------------------------------------------------------------------


def add_milestone(
    engine: Engine,
    user: dict,
    household_id: int,
    code: str,
    achieved_on,
    value: float | None = None,
    evidence: str = "",
) -> str:
    """Record a milestone and return the household's pipeline stage recomputed from all its milestones."""
    code = choice_field(code, codes.MILESTONES, "code")
    on = date_field(achieved_on, "achieved_on")
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError("not_a_number", "value")
        if math.isnan(value) or math.isinf(value):
            raise InputError("not_a_number", "value")
        if value < 0:
            raise InputError("negative_amount", "value")
    evidence = text_field(evidence, "evidence", 2000)
    with transaction(engine) as s:
        scoped_household(s, user, household_id)
        s.add(
            Milestone(
                household_id=household_id,
                code=code,
                achieved_on=on,
                value=None if value is None else float(value),
                evidence=evidence,
                recorded_by=user["id"],
            )
        )
        s.flush()
        stage = refresh_stage(s, household_id)
        audit.record(s, user, "milestone_added", "household", household_id, code)
        return stage


def remove_milestone(engine: Engine, user: dict, milestone_id: int) -> str:
    """Delete a milestone recorded by mistake; the stage follows."""
    with transaction(engine) as s:
        row = s.get(Milestone, milestone_id)
        if row is None:
            raise InputError("not_found", "milestone")
        scoped_household(s, user, row.household_id)
        household_id, code = row.household_id, row.code
        s.delete(row)
        s.flush()
        stage = refresh_stage(s, household_id)
        audit.record(s, user, "milestone_removed", "household", household_id, code)
        return stage


def milestones_for(engine: Engine, user: dict, household_id: int) -> list[dict]:
    with reading(engine) as s:
        scoped_household(s, user, household_id)
        stmt = (
            select(Milestone)
            .where(Milestone.household_id == household_id)
            .order_by(Milestone.achieved_on.desc(), Milestone.id.desc())
        )
        return [
            {
                "id": m.id,
                "code": m.code,
                "achieved_on": m.achieved_on,
                "value": m.value,
                "evidence": m.evidence,
            }
            for m in s.scalars(stmt)
        ]

"""A client file's timeline, newest first, and the measures worth charting over time."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.activity.checks import (
    MEASURE_OF,
    PLAN_ACTIONS,
    scoped_household,
)
from db.engine import reading
from db.local_time import local_date  # stored in UTC; dated on the offices' calendar
from db.models import (
    AuditEvent,
    CounselingSession,
    EducationAttendance,
    EducationEvent,
    Milestone,
    Scenario,
)


def timeline(engine: Engine, user: dict, household_id: int) -> list[dict]:
    """Everything dated on the file, newest first: sessions, milestones, plan changes, budgets, workshops.

    Each entry is {on, kind, code, value, detail}; `code` is a stored code the UI translates.
    """
    with reading(engine) as s:
        scoped_household(s, user, household_id)
        events: list[dict] = []
        for row in s.scalars(select(CounselingSession).where(CounselingSession.household_id == household_id)):
            events.append(
                {
                    "on": row.session_date,
                    "kind": "session",
                    "code": row.purpose,
                    "value": row.duration_minutes,
                    "detail": row.mode,
                }
            )
        for row in s.scalars(select(Milestone).where(Milestone.household_id == household_id)):
            events.append(
                {
                    "on": row.achieved_on,
                    "kind": "milestone",
                    "code": row.code,
                    "value": row.value,
                    "detail": "",
                }
            )
        plan_events = select(AuditEvent).where(
            AuditEvent.entity == "household",
            AuditEvent.entity_id == household_id,
            AuditEvent.action.in_(PLAN_ACTIONS),
        )
        for row in s.scalars(plan_events):
            events.append(
                {"on": local_date(row.at), "kind": "plan", "code": row.action, "value": None, "detail": row.detail}
            )
        for row in s.scalars(select(Scenario).where(Scenario.household_id == household_id)):
            events.append(
                {
                    "on": local_date(row.created_at),
                    "kind": "scenario",
                    "code": row.kind,
                    "value": None,
                    "detail": "",
                }
            )
        workshops = (
            select(EducationEvent)
            .join(EducationAttendance, EducationAttendance.event_id == EducationEvent.id)
            .where(EducationAttendance.household_id == household_id)
        )
        for row in s.scalars(workshops):
            events.append(
                {
                    "on": row.event_date,
                    "kind": "education",
                    "code": row.education_type,
                    "value": None,
                    "detail": "",
                }
            )
    order = {"session": 0, "milestone": 1, "education": 2, "scenario": 3, "plan": 4}
    events.sort(key=lambda e: (e["on"], -order[e["kind"]]), reverse=True)
    return events


def progress_series(engine: Engine, user: dict, household_id: int) -> list[dict]:
    """Savings, credit score and debt over time, from milestones that carry a value: [{on, measure, value}]."""
    with reading(engine) as s:
        scoped_household(s, user, household_id)
        stmt = (
            select(Milestone.achieved_on, Milestone.code, Milestone.value)
            .where(
                Milestone.household_id == household_id,
                Milestone.code.in_(tuple(MEASURE_OF)),
                Milestone.value.is_not(None),
            )
            .order_by(Milestone.achieved_on, Milestone.id)
        )
        return [
            {"on": on, "measure": MEASURE_OF[code], "value": value} for on, code, value in s.execute(stmt)
        ]

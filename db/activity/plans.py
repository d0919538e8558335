"""The action plan (goals, steps, saving it whole) and referrals, with version checks on list edits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators import InputError
from db import audit, codes
from db.activity.checks import (
    REFERRAL_STATUS,
    choice_field,
    date_field,
    scoped_household,
    text_field,
)
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import (
    ActionPlan,
    PlanGoal,
    PlanStep,
    Referral,
)


def _plan(session: Session, household_id: int) -> ActionPlan:
    plan = session.scalar(select(ActionPlan).where(ActionPlan.household_id == household_id))
    if plan is None:
        plan = ActionPlan(household_id=household_id)
        session.add(plan)
        session.flush()
    return plan


def plan_for(engine: Engine, user: dict, household_id: int, today: dt.date | None = None) -> dict:
    """Goals and steps of the household's plan; open steps past their due date are marked overdue."""
    today = today or today_local()
    with reading(engine) as s:
        scoped_household(s, user, household_id)
        plan = s.scalar(select(ActionPlan).where(ActionPlan.household_id == household_id))
        if plan is None:
            return {"summary": "", "goals": [], "steps": [], "version": None}
        return {
            "version": plan.version,
            "summary": plan.summary,
            "goals": [{"id": g.id, "text": g.text} for g in plan.goals],
            "steps": [
                {
                    "id": st.id,
                    "version": st.version,
                    "text": st.text,
                    "owner": st.owner,
                    "due_date": st.due_date,
                    "status": st.status,
                    "overdue": st.status == "open" and st.due_date is not None and st.due_date < today,
                }
                for st in plan.steps
            ],
        }


def add_goal(engine: Engine, user: dict, household_id: int, text: str) -> int:
    text = text_field(text, "text", 2000, required=True)
    with transaction(engine) as s:
        scoped_household(s, user, household_id)
        plan = _plan(s, household_id)
        goal = PlanGoal(plan_id=plan.id, text=text, position=len(plan.goals))
        s.add(goal)
        s.flush()
        audit.record(s, user, "plan_goal_added", "household", household_id)
        return goal.id


def remove_goal(engine: Engine, user: dict, goal_id: int) -> None:
    with transaction(engine) as s:
        goal = s.get(PlanGoal, goal_id)
        plan = s.get(ActionPlan, goal.plan_id) if goal else None
        if goal is None or plan is None:
            raise InputError("not_found", "goal")
        scoped_household(s, user, plan.household_id)
        s.delete(goal)
        audit.record(s, user, "plan_goal_removed", "household", plan.household_id)


def add_step(
    engine: Engine, user: dict, household_id: int, text: str, owner: str = "client", due_date=None
) -> int:
    """Add a step with who does it (client or counselor) and when."""
    text = text_field(text, "text", 2000, required=True)
    owner = choice_field(owner, codes.STEP_OWNER, "owner")
    due = date_field(due_date, "due_date", required=False)
    with transaction(engine) as s:
        scoped_household(s, user, household_id)
        plan = _plan(s, household_id)
        step = PlanStep(plan_id=plan.id, text=text, owner=owner, due_date=due, position=len(plan.steps))
        s.add(step)
        s.flush()
        audit.record(s, user, "plan_step_added", "household", household_id, owner)
        return step.id


class ListConflict(Exception):
    """Someone changed this row of a child list since the editor loaded it; nothing was written."""


def _bump(session: Session, model, row_id: int, expected_version: int | None) -> None:
    """Move a row's version on with one conditional UPDATE; ListConflict when it moved since it was read."""
    where = [model.id == row_id]
    if expected_version is not None:
        where.append(model.version == expected_version)
    moved = session.execute(
        sql_update(model).where(*where).values(version=model.version + 1).execution_options(
            synchronize_session=False
        )
    ).rowcount
    if moved != 1:
        raise ListConflict(model.__tablename__)


def set_step_status(
    engine: Engine, user: dict, step_id: int, status: str, expected_version: int | None = None
) -> None:
    status = choice_field(status, codes.STEP_STATUS, "status")
    with transaction(engine) as s:
        step = s.get(PlanStep, step_id)
        plan = s.get(ActionPlan, step.plan_id) if step else None
        if step is None or plan is None:
            raise InputError("not_found", "step")
        scoped_household(s, user, plan.household_id)
        _bump(s, PlanStep, step_id, expected_version)
        step.status = status
        audit.record(s, user, "plan_step_status", "household", plan.household_id, status)


def add_referral(
    engine: Engine,
    user: dict,
    household_id: int,
    *,
    agency: str,
    reason: str = "",
    contact: str = "",
    referred_on=None,
    follow_up_on=None,
) -> int:
    """Refer the household to another agency, with a date to check that it happened."""
    agency = text_field(agency, "agency", 200, required=True)
    with transaction(engine) as s:
        scoped_household(s, user, household_id)
        row = Referral(
            household_id=household_id,
            agency=agency,
            contact=text_field(contact, "contact", 300),
            reason=text_field(reason, "reason", 2000),
            referred_on=date_field(referred_on, "referred_on", required=False) or today_local(),
            follow_up_on=date_field(follow_up_on, "follow_up_on", required=False),
        )
        s.add(row)
        s.flush()
        audit.record(s, user, "referral_added", "household", household_id)
        return row.id


def set_referral_status(
    engine: Engine, user: dict, referral_id: int, status: str, expected_version: int | None = None
) -> None:
    status = choice_field(status, REFERRAL_STATUS, "status")
    with transaction(engine) as s:
        row = s.get(Referral, referral_id)
        if row is None:
            raise InputError("not_found", "referral")
        scoped_household(s, user, row.household_id)
        _bump(s, Referral, referral_id, expected_version)
        row.status = status
        audit.record(s, user, "referral_status", "household", row.household_id, status)


def referrals_for(engine: Engine, user: dict, household_id: int, today: dt.date | None = None) -> list[dict]:
    today = today or today_local()
    with reading(engine) as s:
        scoped_household(s, user, household_id)
        stmt = (
            select(Referral)
            .where(Referral.household_id == household_id)
            .order_by(Referral.referred_on.desc())
        )
        return [
            {
                "id": r.id,
                "version": r.version,
                "agency": r.agency,
                "contact": r.contact,
                "reason": r.reason,
                "referred_on": r.referred_on,
                "follow_up_on": r.follow_up_on,
                "status": r.status,
                "follow_up_due": r.status == "open"
                and r.follow_up_on is not None
                and r.follow_up_on <= today,
            }
            for r in s.scalars(stmt)
        ]


def save_plan(
    engine: Engine,
    user: dict,
    household_id: int,
    summary: str,
    goals: list[str],
    steps: list[dict],
    expected_version: int | None = None,
) -> None:
    """Replace the whole plan (summary, goals and steps) in one transaction: all of it is saved, or none.

    With `expected_version` (the plan version the editor loaded), a plan saved by someone else since
    raises ListConflict and nothing is written.
    """
    clean_goals = [text_field(g, "text", 2000, required=True) for g in goals if str(g or "").strip()]
    clean_steps = [
        {
            "text": text_field(step.get("text"), "text", 2000, required=True),
            "owner": choice_field(step.get("owner", "client"), codes.STEP_OWNER, "owner"),
            "due_date": date_field(step.get("due_date"), "due_date", required=False),
            "status": choice_field(step.get("status", "open"), codes.STEP_STATUS, "status"),
        }
        for step in steps
        if str(step.get("text") or "").strip()
    ]
    with transaction(engine) as s:
        scoped_household(s, user, household_id)
        plan = _plan(s, household_id)
        if expected_version is not None:
            _bump(s, ActionPlan, plan.id, expected_version)
            s.refresh(plan)
        plan.summary = text_field(summary, "summary", 5000)
        plan.goals.clear()
        plan.steps.clear()
        s.flush()
        for position, text in enumerate(clean_goals):
            plan.goals.append(PlanGoal(text=text, position=position))
        for position, step in enumerate(clean_steps):
            plan.steps.append(PlanStep(position=position, **step))
        s.flush()
        audit.record(
            s,
            user,
            "plan_saved",
            "household",
            household_id,
            f"goals={len(clean_goals)};steps={len(clean_steps)}",
        )

"""What happens on a client file over time: sessions, milestones, the action plan, referrals,
the timeline, follow-up lists, and closing or reopening the file.

Every function checks office scope through db.scope and audits in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import func, select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators import InputError
from db import audit, certification, codes
from db import funding as funding_rules
from db.engine import reading, transaction
from db.households import NO_CONTACT_DAYS, Page, refresh_stage
from db.models import (
    ActionPlan,
    AuditEvent,
    CounselingSession,
    EducationAttendance,
    EducationEvent,
    Household,
    Milestone,
    PlanGoal,
    PlanStep,
    Referral,
    Scenario,
    User,
)
from db.scope import check_household, households_visible_to
from db.text_guard import check as check_text

REFERRAL_STATUS = ("open", "completed", "not_completed")
MAX_SESSION_MINUTES = 8 * 60
# Milestones whose value is a measure worth charting over time.
MEASURE_OF = {
    "emergency_fund": "savings",
    "down_payment_saved": "savings",
    "savings_reached": "savings",
    "credit_score_at_target": "credit_score",
    "credit_score_gain": "credit_score",
    "debt_reduced": "debt",
}
PLAN_ACTIONS = (
    "plan_goal_added",
    "plan_goal_removed",
    "plan_step_added",
    "plan_step_status",
    "plan_given",
    "referral_added",
    "referral_status",
    "household_closed",
    "household_reopened",
)


def _household(session: Session, user: dict, household_id: int) -> Household:
    return check_household(user, session.get(Household, household_id))


def _date(value, key: str, *, required: bool = True) -> dt.date | None:
    if value in (None, ""):
        if required:
            raise InputError("missing_field", key)
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as err:
        raise InputError("bad_date", key) from err


def _text(value, key: str, limit: int, *, required: bool = False) -> str:
    text = check_text(str(value or "").strip(), key, multiline=True)
    if required and not text:
        raise InputError("missing_field", key)
    if len(text) > limit:
        raise InputError("too_long", key)
    return text


def _choice(value, allowed, key: str) -> str:
    if value not in allowed:
        raise InputError("invalid_choice", key)
    return value


# --- sessions -------------------------------------------------------------------------------------


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
    on = _date(session_date, "session_date")
    purpose = _choice(purpose, codes.COUNSELING_PURPOSE, "purpose")
    mode = _choice(mode, codes.SESSION_MODE, "mode")
    if isinstance(duration_minutes, bool) or not isinstance(duration_minutes, (int, float)):
        raise InputError("not_a_number", "duration_minutes")
    if not 1 <= duration_minutes <= MAX_SESSION_MINUTES or not float(duration_minutes).is_integer():
        raise InputError("out_of_range", "duration_minutes")
    if start_time is not None and not isinstance(start_time, dt.time):
        raise InputError("bad_time", "start_time")
    notes = _text(notes, "notes", 20_000)
    follow = _date(next_follow_up, "next_follow_up", required=False)
    with transaction(engine) as s:
        paid = funding_rules.check(s, funding, funding_source_id, fee)
        hh = _household(s, user, household_id)
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
        _household(s, user, household_id)
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
    code = _choice(code, codes.MILESTONES, "code")
    on = _date(achieved_on, "achieved_on")
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError("not_a_number", "value")
        if math.isnan(value) or math.isinf(value):
            raise InputError("not_a_number", "value")
        if value < 0:
            raise InputError("negative_amount", "value")
    evidence = _text(evidence, "evidence", 2000)
    with transaction(engine) as s:
        _household(s, user, household_id)
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
        _household(s, user, row.household_id)
        household_id, code = row.household_id, row.code
        s.delete(row)
        s.flush()
        stage = refresh_stage(s, household_id)
        audit.record(s, user, "milestone_removed", "household", household_id, code)
        return stage


def milestones_for(engine: Engine, user: dict, household_id: int) -> list[dict]:
    with reading(engine) as s:
        _household(s, user, household_id)
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


# --- action plan and referrals --------------------------------------------------------------------


def _plan(session: Session, household_id: int) -> ActionPlan:
    plan = session.scalar(select(ActionPlan).where(ActionPlan.household_id == household_id))
    if plan is None:
        plan = ActionPlan(household_id=household_id)
        session.add(plan)
        session.flush()
    return plan


def plan_for(engine: Engine, user: dict, household_id: int, today: dt.date | None = None) -> dict:
    """Goals and steps of the household's plan; open steps past their due date are marked overdue."""
    today = today or dt.date.today()
    with reading(engine) as s:
        _household(s, user, household_id)
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
    text = _text(text, "text", 2000, required=True)
    with transaction(engine) as s:
        _household(s, user, household_id)
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
        _household(s, user, plan.household_id)
        s.delete(goal)
        audit.record(s, user, "plan_goal_removed", "household", plan.household_id)


def add_step(
    engine: Engine, user: dict, household_id: int, text: str, owner: str = "client", due_date=None
) -> int:
    """Add a step with who does it (client or counselor) and when."""
    text = _text(text, "text", 2000, required=True)
    owner = _choice(owner, codes.STEP_OWNER, "owner")
    due = _date(due_date, "due_date", required=False)
    with transaction(engine) as s:
        _household(s, user, household_id)
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
    status = _choice(status, codes.STEP_STATUS, "status")
    with transaction(engine) as s:
        step = s.get(PlanStep, step_id)
        plan = s.get(ActionPlan, step.plan_id) if step else None
        if step is None or plan is None:
            raise InputError("not_found", "step")
        _household(s, user, plan.household_id)
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
    agency = _text(agency, "agency", 200, required=True)
    with transaction(engine) as s:
        _household(s, user, household_id)
        row = Referral(
            household_id=household_id,
            agency=agency,
            contact=_text(contact, "contact", 300),
            reason=_text(reason, "reason", 2000),
            referred_on=_date(referred_on, "referred_on", required=False) or dt.date.today(),
            follow_up_on=_date(follow_up_on, "follow_up_on", required=False),
        )
        s.add(row)
        s.flush()
        audit.record(s, user, "referral_added", "household", household_id)
        return row.id


def set_referral_status(
    engine: Engine, user: dict, referral_id: int, status: str, expected_version: int | None = None
) -> None:
    status = _choice(status, REFERRAL_STATUS, "status")
    with transaction(engine) as s:
        row = s.get(Referral, referral_id)
        if row is None:
            raise InputError("not_found", "referral")
        _household(s, user, row.household_id)
        _bump(s, Referral, referral_id, expected_version)
        row.status = status
        audit.record(s, user, "referral_status", "household", row.household_id, status)


def referrals_for(engine: Engine, user: dict, household_id: int, today: dt.date | None = None) -> list[dict]:
    today = today or dt.date.today()
    with reading(engine) as s:
        _household(s, user, household_id)
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


# --- timeline and progress ------------------------------------------------------------------------


def timeline(engine: Engine, user: dict, household_id: int) -> list[dict]:
    """Everything dated on the file, newest first: sessions, milestones, plan changes, budgets, workshops.

    Each entry is {on, kind, code, value, detail}; `code` is a stored code the UI translates.
    """
    with reading(engine) as s:
        _household(s, user, household_id)
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
                {"on": row.at.date(), "kind": "plan", "code": row.action, "value": None, "detail": row.detail}
            )
        for row in s.scalars(select(Scenario).where(Scenario.household_id == household_id)):
            events.append(
                {
                    "on": row.created_at.date(),
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
        _household(s, user, household_id)
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


# --- follow-up and closing ------------------------------------------------------------------------


def _list_rows(session: Session, stmt, page: int, per_page: int) -> Page:
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, math.ceil(total / per_page))
    page = max(1, min(page, pages))
    rows = [
        {
            "id": hh.id,
            "display_name": hh.display_name,
            "phone": hh.phone,
            "contact_preference": hh.contact_preference,
            "preferred_language": hh.preferred_language,
            "stage": hh.stage,
            "last_contact_on": hh.last_contact_on,
            "next_follow_up": hh.next_follow_up,
            "opened_on": hh.opened_on,
            "counselor_name": name or "",
        }
        for hh, name in session.execute(
            stmt.add_columns(User.display_name)
            .outerjoin(User, User.id == Household.counselor_id)
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
    ]
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def no_contact(
    engine: Engine,
    user: dict,
    *,
    today: dt.date | None = None,
    days: int = NO_CONTACT_DAYS,
    counselor_id: int | None = None,
    page: int = 1,
    per_page: int = 50,
) -> Page:
    """Open files with no contact for `days` days (HUD: try a verbal follow-up within 60 days), oldest first."""
    today = today or dt.date.today()
    last = func.coalesce(Household.last_contact_on, Household.opened_on)
    stmt = households_visible_to(user).where(
        Household.status == "open", last < today - dt.timedelta(days=days)
    )
    if counselor_id is not None:
        stmt = stmt.where(Household.counselor_id == counselor_id)
    with reading(engine) as s:
        return _list_rows(s, stmt.order_by(last, Household.id), page, per_page)


def follow_ups_due(
    engine: Engine,
    user: dict,
    *,
    today: dt.date | None = None,
    counselor_id: int | None = None,
    page: int = 1,
    per_page: int = 50,
) -> Page:
    """Open files whose planned follow-up date has come, earliest first."""
    today = today or dt.date.today()
    stmt = households_visible_to(user).where(Household.status == "open", Household.next_follow_up <= today)
    if counselor_id is not None:
        stmt = stmt.where(Household.counselor_id == counselor_id)
    with reading(engine) as s:
        return _list_rows(s, stmt.order_by(Household.next_follow_up, Household.id), page, per_page)


def set_follow_up(engine: Engine, user: dict, household_id: int, on) -> None:
    """Plan (or clear, with None) the next follow-up date."""
    on = _date(on, "next_follow_up", required=False)
    with transaction(engine) as s:
        _household(s, user, household_id)
        s.execute(sql_update(Household).where(Household.id == household_id).values(next_follow_up=on))
        audit.record(s, user, "follow_up_set", "household", household_id)


def close(engine: Engine, user: dict, household_id: int, reason: str, on=None) -> None:
    """Close the file with one of HUD's termination reasons (the date and cause go in the record)."""
    reason = _choice(reason, codes.CLOSE_REASON, "close_reason")
    on = _date(on, "closed_on", required=False) or dt.date.today()
    with transaction(engine) as s:
        hh = _household(s, user, household_id)
        if hh.status == "closed":
            raise InputError("already_closed", "close_reason")
        if on < hh.opened_on:
            raise InputError("before_opened", "closed_on")
        hh.status, hh.closed_on, hh.close_reason, hh.next_follow_up = "closed", on, reason, None
        audit.record(s, user, "household_closed", "household", household_id, reason)


def reopen(engine: Engine, user: dict, household_id: int) -> None:
    """Reopen a closed file; the earlier closing stays in the audit trail and timeline."""
    with transaction(engine) as s:
        hh = _household(s, user, household_id)
        if hh.status != "closed":
            raise InputError("not_closed", "status")
        hh.status, hh.closed_on, hh.close_reason = "open", None, ""
        audit.record(s, user, "household_reopened", "household", household_id)


def open_follow_up_counts(engine: Engine, user: dict, today: dt.date | None = None) -> dict:
    """How many open files need a follow-up now and how many had no contact for 60 days."""
    today = today or dt.date.today()
    visible = households_visible_to(user).where(Household.status == "open")
    last = func.coalesce(Household.last_contact_on, Household.opened_on)
    with reading(engine) as s:
        due = s.scalar(
            select(func.count()).select_from(visible.where(Household.next_follow_up <= today).subquery())
        )
        silent = s.scalar(
            select(func.count()).select_from(
                visible.where(last < today - dt.timedelta(days=NO_CONTACT_DAYS)).subquery()
            )
        )
    return {"due": due or 0, "no_contact": silent or 0}


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
    clean_goals = [_text(g, "text", 2000, required=True) for g in goals if str(g or "").strip()]
    clean_steps = [
        {
            "text": _text(step.get("text"), "text", 2000, required=True),
            "owner": _choice(step.get("owner", "client"), codes.STEP_OWNER, "owner"),
            "due_date": _date(step.get("due_date"), "due_date", required=False),
            "status": _choice(step.get("status", "open"), codes.STEP_STATUS, "status"),
        }
        for step in steps
        if str(step.get("text") or "").strip()
    ]
    with transaction(engine) as s:
        _household(s, user, household_id)
        plan = _plan(s, household_id)
        if expected_version is not None:
            _bump(s, ActionPlan, plan.id, expected_version)
            s.refresh(plan)
        plan.summary = _text(summary, "summary", 5000)
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

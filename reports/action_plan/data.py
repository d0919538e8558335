"""Everything a household's printed action plan shows, gathered from the database into one plain dict.

The PDF builder (reports.action_plan.build) works only from this dict, so it can be tested and benchmarked
without a database, and a plan can be rendered in any language from the same data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import selectinload

from calculators import clock
from db import audit, codes
from db.engine import transaction
from db.local_time import local_date
from db.models import (
    ActionPlan,
    AuditEvent,
    Household,
    Milestone,
    Office,
    Referral,
    Scenario,
    User,
)
from db.scenarios import typed_row
from db.scope import check_household, check_households

SCENARIO_KINDS = ("budget", "affordability", "assistance", "tenant_checklist")
NEXT_MILESTONES = 3  # how many upcoming milestones the plan names, so the list stays encouraging
AUDIT_ACTIONS = ("plan_viewed", "plan_printed")
# Household edits that change what the calculators were fed (income, size); their audit detail lists fields.
FACT_ACTIONS = ("household_updated",)
FACT_FIELDS = {"annual_income", "household_size"}
INCOME_KINDS = ("budget", "affordability", "assistance")  # the tenant checklist does not depend on income


CHUNK = 500  # household ids per IN (...) list, well under SQLite's limit on bound parameters


def _chunks(ids: list[int]):
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


class PerHousehold(NamedTuple):
    """How a plan reads one table: its rows of many households at once, in this order within a household."""

    model: type
    where: tuple = ()
    order_by: tuple = ()
    options: tuple = ()


# Everything a plan reads beside the household, its office and its people: one query per table and chunk.
PER_HOUSEHOLD = {
    "scenarios": PerHousehold(
        Scenario, (Scenario.kind.in_(SCENARIO_KINDS),), (Scenario.created_at.desc(), Scenario.id.desc())
    ),
    "milestones": PerHousehold(Milestone, order_by=(Milestone.achieved_on, Milestone.id)),
    "referrals": PerHousehold(Referral, order_by=(Referral.referred_on, Referral.id)),
    "plans": PerHousehold(
        ActionPlan, options=(selectinload(ActionPlan.goals), selectinload(ActionPlan.steps))
    ),
}


def _by_household(session, table: PerHousehold, household_ids: list[int]) -> dict[int, list]:
    """Rows of one table for many households, grouped by household (one query per chunk, not per household)."""
    grouped: dict[int, list] = defaultdict(list)
    for chunk in _chunks(household_ids):
        stmt = (
            select(table.model)
            .where(table.model.household_id.in_(chunk), *table.where)
            .order_by(*table.order_by)
            .options(*table.options)
        )
        for row in session.scalars(stmt):
            grouped[row.household_id].append(row)
    return grouped


def _latest_scenarios(rows) -> dict[str, dict]:
    """The newest saved scenario of each calculator kind, typed (rows newest first; older ones stay on file).

    Each is {"scenario": the db.scenario_schemas value, "summary", "inputs", "saved_on", "id"}; a row that
    no longer fits its schema is skipped for the next older one of its kind.
    """
    latest: dict[str, dict] = {}
    for row in rows:
        if row.kind in latest:
            continue
        typed = typed_row(row)
        if typed is None:
            continue
        latest[row.kind] = {
            "id": row.id,
            "scenario": typed["scenario"],
            "summary": typed["summary"],
            "inputs": typed["inputs"],
            "saved_on": local_date(row.created_at) if row.created_at else None,
            "saved_at": row.created_at,
        }
    return latest


def _facts_changed_at(session, household_ids: list[int]) -> dict[int, dt.datetime]:
    """When each household's income or size was last changed (from the audit trail of household edits)."""
    changed: dict[int, dt.datetime] = {}
    for chunk in _chunks(household_ids):
        stmt = select(AuditEvent.entity_id, AuditEvent.at, AuditEvent.detail).where(
            AuditEvent.entity == "household",
            AuditEvent.entity_id.in_(chunk),
            AuditEvent.action.in_(FACT_ACTIONS),
        )
        for household_id, at, detail in session.execute(stmt):
            relevant = at and set((detail or "").split(",")) & FACT_FIELDS
            if relevant and (household_id not in changed or at > changed[household_id]):
                changed[household_id] = at
    return changed


def stale_sections(plan: dict) -> set[str]:
    """Kinds whose saved scenario is older than the last change to the household's income or size."""
    changed = plan.get("facts_changed_at")
    if not changed:
        return set()
    return {
        kind
        for kind, entry in (plan.get("scenarios") or {}).items()
        if kind in INCOME_KINDS and entry.get("saved_at") and entry["saved_at"] < changed
    }


def _milestones(rows) -> dict:
    """Milestones reached (rows oldest first) and the next few homeownership ones still ahead."""
    reached = [{"code": m.code, "achieved_on": m.achieved_on, "value": m.value} for m in rows]
    seen = {m.code for m in rows}
    upcoming = [code for code in codes.HOMEOWNERSHIP_MILESTONES if code not in seen][:NEXT_MILESTONES]
    return {"reached": reached, "next": upcoming}


def _plan_parts(plan: ActionPlan | None) -> dict:
    if plan is None:
        return {"summary": "", "goals": [], "steps": [], "plan_updated": None}
    return {
        "summary": plan.summary or "",
        "goals": [g.text for g in plan.goals if (g.text or "").strip()],
        "steps": [
            {"text": s.text, "owner": s.owner, "due_date": s.due_date, "status": s.status}
            for s in plan.steps
            if s.status != "dropped"
        ],
        "plan_updated": local_date(plan.updated_at) if plan.updated_at else None,
    }


def _referrals(rows) -> list[dict]:
    return [
        {
            "agency": r.agency,
            "contact": r.contact,
            "reason": r.reason,
            "referred_on": r.referred_on,
            "follow_up_on": r.follow_up_on,
            "status": r.status,
        }
        for r in rows
    ]


def _counselor(person: User | None, user: dict) -> dict:
    """The household's counselor; when none is assigned, the staff member printing the plan."""
    if person is None:
        return {"name": user.get("name", ""), "hud_id": ""}
    return {"name": person.display_name, "hud_id": person.hud_counselor_id or ""}


def load_plan(
    engine: Engine,
    user: dict,
    household_id: int,
    *,
    action: str | None = "plan_viewed",
    today: dt.date | None = None,
) -> dict:
    """The plan of one household as a plain dict, office-scoped and audited ('plan_viewed' or 'plan_printed').

    action=None is for a screen redrawing a plan whose view this session already audited.
    """
    return load_plans(engine, user, [household_id], action=action, today=today)[0]


def load_plans(
    engine: Engine,
    user: dict,
    household_ids,
    *,
    action: str | None = "plan_printed",
    today: dt.date | None = None,
) -> list[dict]:
    """The plans of many households (a program lead's print run), in the order given, in one transaction.

    Each table is read once for all of them rather than once per household. Every household is
    office-scoped (one the user may not see denies the whole batch) and audited one by one.
    """
    if action is not None and action not in AUDIT_ACTIONS:
        raise ValueError("unknown audit action")
    ids = list(dict.fromkeys(int(i) for i in household_ids))
    with transaction(engine) as s:
        households: dict[int, Household] = {}
        for chunk in _chunks(ids):
            stmt = select(Household).where(Household.id.in_(chunk)).options(selectinload(Household.members))
            households.update((hh.id, hh) for hh in s.scalars(stmt))
        check_households(s, user, [households.get(household_id) for household_id in ids])
        office_ids = {hh.office_id for hh in households.values()}
        offices = {o.id: o for o in s.scalars(select(Office).where(Office.id.in_(office_ids)))}
        people_ids = {hh.counselor_id for hh in households.values() if hh.counselor_id}
        if user.get("id"):
            people_ids.add(user["id"])
        people = {u.id: u for u in s.scalars(select(User).where(User.id.in_(people_ids)))}
        rows = {name: _by_household(s, table, ids) for name, table in PER_HOUSEHOLD.items()}
        facts_changed = _facts_changed_at(s, ids)
        out = []
        for household_id in ids:
            hh = households[household_id]
            office = offices.get(hh.office_id)
            person = people.get(hh.counselor_id) if hh.counselor_id else None
            out.append(
                {
                    "household": {
                        "id": hh.id,
                        "name": hh.display_name,
                        "language": hh.preferred_language if hh.preferred_language in ("en", "es") else "es",
                        "housing_status": hh.housing_status,
                        "jurisdiction": hh.jurisdiction,
                        "household_size": hh.household_size,
                        "stage": hh.stage,
                        "members": [m.name for m in hh.members],
                    },
                    "agency": {
                        "name": (office.agency_name or office.name) if office else "",
                        "office": office.name if office else "",
                        "phone": office.phone if office else "",
                        "address": office.address if office else "",
                    },
                    "counselor": _counselor(person or people.get(user.get("id")), user),
                    "date": today or clock.today(),
                    "next_follow_up": hh.next_follow_up,
                    "given_plan_on": hh.given_plan_on,
                    "scenarios": _latest_scenarios(rows["scenarios"].get(hh.id, [])),
                    "facts_changed_at": facts_changed.get(hh.id),
                    "milestones": _milestones(rows["milestones"].get(hh.id, [])),
                    "referrals": _referrals(rows["referrals"].get(hh.id, [])),
                    **_plan_parts(next(iter(rows["plans"].get(hh.id, [])), None)),
                }
            )
            if action:
                audit.record(s, user, action, "household", hh.id)
    return out


def mark_given(engine: Engine, user: dict, household_id: int, on: dt.date | None = None) -> dt.date:
    """Record on the household's file the day a copy of the plan was handed to the client (HUD FAQ 2519)."""
    on = on or clock.today()
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        hh.given_plan_on = on
        audit.record(s, user, "plan_given", "household", hh.id, on.isoformat())
    return on

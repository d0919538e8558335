"""Everything a household's printed action plan shows, gathered from the database into one plain dict.

The PDF builder (reports.action_plan) works only from this dict, so it can be tested and benchmarked
without a database, and a plan can be rendered in any language from the same data.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import defaultdict
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import selectinload

from db import audit, codes
from db import scenario_schemas as schemas
from db.engine import transaction
from db.households import refresh_stage
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
            "saved_on": row.created_at.date() if row.created_at else None,
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
        "plan_updated": plan.updated_at.date() if plan.updated_at else None,
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
                    "date": today or dt.date.today(),
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
    on = on or dt.date.today()
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        hh.given_plan_on = on
        audit.record(s, user, "plan_given", "household", hh.id, on.isoformat())
    return on


# --- command-line helpers: a real household, or a fictional one on a throwaway database -------------


def session_user(person: User) -> dict:
    """The dict the app keeps for a logged-in user, built from an account row."""
    return {
        "id": person.id,
        "name": person.display_name,
        "username": person.username,
        "role": person.role,
        "office_id": person.office_id,
        "language": person.language,
    }


def plan_from_database(household_id: int, username: str = "", engine: Engine | None = None) -> dict:
    """Load a plan for the command line, acting as `username` (default: the first active administrator)."""
    from db.engine import make_engine, reading

    engine = engine or make_engine()
    with reading(engine) as s:
        stmt = select(User).where(User.is_active.is_(True))
        stmt = stmt.where(User.username == username.lower()) if username else stmt.where(User.role == "admin")
        person = s.scalars(stmt.order_by(User.id)).first()
    if person is None:
        raise LookupError("no such active user (create an administrator first)")
    from db.scope import AccessDenied

    try:
        return load_plan(engine, session_user(person), household_id, action="plan_printed")
    except AccessDenied as err:
        raise LookupError("household not found or not visible to that user") from err


def add_demo_household(
    engine: Engine, today: dt.date | None = None, office_id: int | None = None
) -> tuple[dict, int]:
    """A fictional, fully filled-in household (every section of the plan has something) and its counselor.

    It goes into a new demo office unless `office_id` names an existing one.
    """
    today = today or dt.date.today()
    day = dt.timedelta(days=1)
    with transaction(engine) as s:
        office = s.get(Office, office_id) if office_id else None
        if office is None:
            office = Office(
                name="Oficina Columbia Heights",
                code=f"demo-{today.isoformat()}",
                agency_name="Camino Housing Counseling (demo)",
                phone="(202) 555-0100",
                address="3000 14th St NW, Washington, DC",
                is_demo=True,
            )
            s.add(office)
            s.flush()
        counselor = User(
            office_id=office.id,
            username=f"demo.counselor.{office.id}.{secrets.token_hex(3)}",
            display_name="Ana Lucía Peña",
            role="counselor",
            hud_counselor_id="HUD-1234567",
            password_hash="!",  # cannot log in: a demo account only signs printouts
            language="es",
            is_demo=True,
        )
        s.add(counselor)
        s.flush()
        hh = Household(
            office_id=office.id,
            counselor_id=counselor.id,
            display_name="María José Núñez Pérez",
            search_name="maria jose nunez perez",
            preferred_language="es",
            household_size=4,
            annual_income=58000,
            jurisdiction="dc",
            housing_status="renter",
            stage="budget",
            next_follow_up=today + 21 * day,
            is_demo=True,
        )
        s.add(hh)
        s.flush()
        plan = ActionPlan(
            household_id=hh.id,
            summary=(
                "La familia alquila un apartamento de dos cuartos en Columbia Heights. Quieren comprar "
                "una casa en DC en unos dos años. Parte del ingreso es en efectivo."
            ),
        )
        s.add(plan)
        s.flush()
        from db.models import PlanGoal, PlanStep

        for i, text in enumerate(
            [
                "Comprar una casa o condominio en DC en 2 años",
                "Ahorrar $6,000 para el enganche y los gastos de cierre",
                "Subir el puntaje de crédito a 640 o más",
            ]
        ):
            s.add(PlanGoal(plan_id=plan.id, text=text, position=i))
        for i, (text, owner, due, status) in enumerate(
            [
                (
                    "Abrir una cuenta de ahorros y depositar $250 cada quincena",
                    "client",
                    today + 14 * day,
                    "open",
                ),
                (
                    "Pedir el reporte de crédito gratis y revisarlo juntos",
                    "counselor",
                    today + 7 * day,
                    "done",
                ),
                (
                    "Guardar los recibos de pago en efectivo y pedir cartas del empleador",
                    "client",
                    today + 30 * day,
                    "open",
                ),
                (
                    "Inscribir a la familia en el taller de compradores de vivienda",
                    "counselor",
                    today + 21 * day,
                    "open",
                ),
            ]
        ):
            s.add(PlanStep(plan_id=plan.id, text=text, owner=owner, due_date=due, status=status, position=i))
        s.add_all(
            [
                Milestone(household_id=hh.id, code="budget_completed", achieved_on=today - 30 * day),
                Milestone(household_id=hh.id, code="bank_account_opened", achieved_on=today - 10 * day),
                Referral(
                    household_id=hh.id,
                    agency="Clínica legal para inquilinos (demo)",
                    contact="(202) 555-0142",
                    reason="Revisar la cláusula del contrato sobre reparaciones",
                    referred_on=today - 5 * day,
                    follow_up_on=today + 10 * day,
                ),
                *(
                    Scenario(
                        household_id=hh.id,
                        kind=typed.kind,
                        inputs=typed.inputs(),
                        summary=typed.summary(),
                        schema_version=schemas.SCHEMA_VERSION,
                        created_by=counselor.id,
                    )
                    for typed in _demo_scenarios()
                ),
            ]
        )
        s.flush()
        refresh_stage(s, hh.id)  # stage dates and changes, as every milestone write keeps them
        return session_user(counselor), hh.id


def _demo_scenarios() -> list:
    """The demo household's saved calculators, as the pages save them: codes and numbers only."""
    return [
        schemas.Budget(
            monthly_income=4830,
            monthly_spending=4310,
            left_over=520,
            total_debt=3200,
            savings=900,
            categories={
                "housing": 1850,
                "utilities": 210,
                "groceries": 700,
                "eating_out": 200,
                "transportation": 380,
                "phone_internet": 120,
                "health_care": 100,
                "remittances": 400,
                "debt_payments": 250,
                "other": 100,
            },
        ),
        schemas.Affordability(
            price=285000, monthly_total=1980, down_payment=9975, cash_to_close=4200, loan_type="fha"
        ),
        schemas.Assistance(
            programs=(schemas.ProgramAmount("dc_hpap", 202000), schemas.ProgramAmount("dc_open_doors", 8550)),
            total_assistance=210550,
        ),
        schemas.TenantChecklist(
            place="dc",
            topic="all",
            answers={
                "dc-sign-bill-of-rights": "no",
                "dc-movein-inspection": "no",
                "dc-deposit-cap": "not_sure",
            },
            red_flags=("dc-sign-bill-of-rights", "dc-movein-inspection"),
            to_check=("dc-deposit-cap",),
        ),
    ]


def demo_plan(today: dt.date | None = None) -> dict:
    """The plan of the demo household, built on a temporary, freshly migrated SQLite database."""
    import tempfile
    from pathlib import Path

    from db import migrate
    from db.engine import make_engine

    with tempfile.TemporaryDirectory(prefix="camino-demo-") as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'demo.db'}")
        try:
            migrate.upgrade(engine)
            user, household_id = add_demo_household(engine, today)
            return load_plan(engine, user, household_id, action="plan_printed", today=today)
        finally:
            engine.dispose()

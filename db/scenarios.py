"""Saved calculator results on a household, and the HUD-9902 outcomes a counselor confirms."""

from __future__ import annotations

import datetime as dt
import json
import math

from sqlalchemy import select
from sqlalchemy.engine import Engine

from db import audit
from db import scenario_schemas as schemas
from db.codes import OUTCOME
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import Household, Outcome, Scenario
from db.scope import check_household


def _plain(value):
    """JSON-safe copy (dates as ISO strings, no NaN), so a scenario stores the same on both backends."""

    def default(o):
        if isinstance(o, (dt.date, dt.datetime)):
            return o.isoformat()
        if hasattr(o, "item"):
            return o.item()
        return str(o)

    data = json.loads(json.dumps(value, default=default))

    def clean(v):
        if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
            return None
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items()}
        if isinstance(v, list):
            return [clean(x) for x in v]
        return v

    return clean(data)


def save(
    engine: Engine,
    user: dict,
    household_id: int,
    kind: str,
    inputs: dict | None = None,
    summary: dict | None = None,
) -> int:
    """Save a scenario of `kind`: a typed value (db.scenario_schemas) or its inputs and summary dicts.

    Validated before anything is written: ScenarioError (a ValueError) when it does not fit its schema.
    """
    typed = _typed(kind, inputs, summary)
    with transaction(engine) as s:
        check_household(user, s.get(Household, household_id))
        row = Scenario(
            household_id=household_id,
            kind=typed.kind,
            inputs=_plain(typed.inputs()),
            summary=_plain(typed.summary()),
            schema_version=schemas.SCHEMA_VERSION,
            created_by=user["id"],
        )
        s.add(row)
        s.flush()
        audit.record(s, user, "scenario_saved", "household", household_id, typed.kind)
        return row.id


def _typed(kind, inputs, summary):
    if isinstance(kind, tuple(schemas.KINDS.values())):
        return kind
    return schemas.parse(kind, _plain(inputs or {}), _plain(summary or {}))


def typed_row(row: Scenario) -> dict | None:
    """A stored row as {id, kind, created_at, scenario, inputs, summary}; None when it fits no schema."""
    try:
        typed = schemas.parse(row.kind, row.inputs, row.summary, version=row.schema_version or 0)
    except schemas.ScenarioError:
        return None
    return {
        "id": row.id,
        "kind": row.kind,
        "created_at": row.created_at,
        "scenario": typed,
        "inputs": typed.inputs(),
        "summary": typed.summary(),
    }


def list_for(
    engine: Engine, user: dict, household_id: int, kind: str | None = None, limit: int = 50
) -> list[dict]:
    """Saved scenarios for a household, newest first, each validated against its kind's schema.

    Rows of a kind without a schema, or that no longer fit it, are left out (they stay on file).
    """
    with transaction(engine) as s:
        check_household(user, s.get(Household, household_id))
        stmt = select(Scenario).where(Scenario.household_id == household_id, Scenario.kind.in_(schemas.KINDS))
        if kind:
            stmt = stmt.where(Scenario.kind == kind)
        stmt = stmt.order_by(Scenario.created_at.desc(), Scenario.id.desc()).limit(limit)
        rows = [typed for typed in map(typed_row, s.scalars(stmt)) if typed is not None]
        audit.record(s, user, "scenarios_viewed", "household", household_id, kind or "")
        return rows


def get(engine: Engine, user: dict, household_id: int, scenario_id: int) -> dict | None:
    """One saved scenario of the household (office-scoped, audited), or None."""
    with transaction(engine) as s:
        check_household(user, s.get(Household, household_id))
        row = s.get(Scenario, scenario_id)
        if row is None or row.household_id != household_id:
            return None
        audit.record(s, user, "scenarios_viewed", "household", household_id, row.kind)
        return typed_row(row)


def latest(engine: Engine, user: dict, household_id: int, kind: str) -> dict | None:
    rows = list_for(engine, user, household_id, kind, limit=1)
    return rows[0] if rows else None


def confirm_outcome(
    engine: Engine, user: dict, household_id: int, code: str, on: dt.date | None = None
) -> int:
    """Record a HUD-9902 section 10 outcome the counselor confirmed."""
    if code not in OUTCOME:
        raise ValueError("unknown outcome")
    with transaction(engine) as s:
        check_household(user, s.get(Household, household_id))
        row = Outcome(
            household_id=household_id, code=code, achieved_on=on or today_local(), confirmed_by=user["id"]
        )
        s.add(row)
        s.flush()
        audit.record(s, user, "outcome_confirmed", "household", household_id, code)
        return row.id


def outcomes_for(engine: Engine, user: dict, household_id: int) -> list[dict]:
    with reading(engine) as s:
        check_household(user, s.get(Household, household_id))
        stmt = select(Outcome).where(Outcome.household_id == household_id).order_by(Outcome.achieved_on)
        return [{"id": o.id, "code": o.code, "achieved_on": o.achieved_on} for o in s.scalars(stmt)]

"""A household's stage and derived columns, computed from its milestones."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from db import codes
from db.households.intake import (
    CREDIT_CODES,
    SAVINGS_CODES,
)
from db.models import Household, Milestone


def reached_column(stage: str) -> str:
    """The household column holding the day a stage was reached (e.g. reached_budget_on)."""
    return f"reached_{stage}_on"


DERIVED_COLUMNS = (
    "stage",
    "stage_since",
    *(reached_column(stage) for stage in codes.STAGES[1:]),
    "savings_change",
    "credit_change",
)


def stage_facts(milestones) -> dict:
    """The household's derived columns from its milestones, given as (code, achieved_on, value) rows
    in recording order (achieved_on, then id): stage and stage_since, the day each stage was reached,
    and the savings and credit-score changes (last value minus first, with two or more values).

    Pure, so refresh_stage and the seed's bulk path compute exactly the same thing.
    """
    rows = sorted(milestones, key=lambda row: row[1])  # stable: ties keep their recording order
    achieved: dict[str, dt.date] = {}
    for code, on, _value in rows:
        achieved.setdefault(code, on)
    stage, since = codes.stage_from_milestones(achieved)
    facts = {"stage": stage, "stage_since": since}
    for later in codes.STAGES[1:]:
        needed = codes.STAGE_REQUIRES[later]
        reached = all(code in achieved for code in needed)
        facts[reached_column(later)] = max(achieved[code] for code in needed) if reached else None
    for column, measure in (("savings_change", SAVINGS_CODES), ("credit_change", CREDIT_CODES)):
        values = [value for code, _on, value in rows if code in measure and value is not None]
        facts[column] = values[-1] - values[0] if len(values) >= 2 else None
    return facts


def refresh_stage(session: Session, household_id: int) -> str:
    """Recompute a household's pipeline stage and derived columns from its milestones (never typed).

    Called in the same transaction as every milestone write. Written with a plain UPDATE so it does
    not bump the version a counselor's intake form relies on.
    """
    rows = session.execute(
        select(Milestone.code, Milestone.achieved_on, Milestone.value)
        .where(Milestone.household_id == household_id)
        .order_by(Milestone.achieved_on, Milestone.id)
    ).all()
    facts = stage_facts(rows)
    session.execute(
        sql_update(Household)
        .where(Household.id == household_id)
        .values(**facts)
        .execution_options(synchronize_session=False)
    )
    return facts["stage"]

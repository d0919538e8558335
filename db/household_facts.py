"""Update a household's income, size, debts and savings from a calculator, with the counselor's confirmation.

Versioned like every household edit (a concurrent change raises EditConflict and nothing is written) and
audited as 'household_updated' with the names of the fields changed (never their values).
"""

from __future__ import annotations

import math

from sqlalchemy.engine import Engine
from sqlalchemy.orm.exc import StaleDataError

from db import audit
from db.engine import reading, transaction
from db.households import (
    MAX_HOUSEHOLD_SIZE,
    MAX_INCOME,
    EditConflict,
    current,
    derive_fields,
    household_dict,
)
from db.models import Household
from db.scope import check_household

FACTS = ("annual_income", "household_size", "monthly_debts", "savings")


def clean_facts(changes: dict) -> dict:
    """The changes as stored values; ValueError naming the field when one is not a sensible amount."""
    clean = {}
    for key, value in changes.items():
        if key not in FACTS:
            raise ValueError(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(key)
        if key == "household_size":
            if value != int(value) or not 1 <= value <= MAX_HOUSEHOLD_SIZE:
                raise ValueError(key)
            clean[key] = int(value)
        else:
            if not 0 <= value <= MAX_INCOME:
                raise ValueError(key)
            clean[key] = round(float(value), 2)
    return clean


def facts_of(engine: Engine, user: dict, household_id: int) -> dict:
    """The household's facts and version as stored now (no audit entry: the caller's view was audited)."""
    with reading(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        return {"version": hh.version, **{key: getattr(hh, key) for key in FACTS}}


def update_facts(engine: Engine, user: dict, household_id: int, expected_version: int, changes: dict) -> int:
    """Write the changed facts on a household loaded at `expected_version`; returns the new version."""
    clean = clean_facts(changes)
    try:
        with transaction(engine) as s:
            hh = check_household(user, s.get(Household, household_id))
            if hh.version != expected_version:
                raise EditConflict(household_dict(hh))
            changed = [k for k, v in clean.items() if getattr(hh, k) != v]
            if not changed:
                return hh.version
            for key in changed:
                setattr(hh, key, clean[key])
            derive_fields(hh)
            s.flush()
            audit.record(s, user, "household_updated", "household", household_id, ",".join(changed))
            return hh.version
    except StaleDataError as err:
        raise EditConflict(current(engine, user, household_id)) from err

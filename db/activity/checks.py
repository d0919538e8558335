"""What every client-file change shares: its constants and the scope and input checks."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from calculators import InputError
from db.models import (
    Household,
)
from db.scope import check_household
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


def scoped_household(session: Session, user: dict, household_id: int) -> Household:
    return check_household(user, session.get(Household, household_id))


def date_field(value, key: str, *, required: bool = True) -> dt.date | None:
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


def text_field(value, key: str, limit: int, *, required: bool = False) -> str:
    text = check_text(str(value or "").strip(), key, multiline=True)
    if required and not text:
        raise InputError("missing_field", key)
    if len(text) > limit:
        raise InputError("too_long", key)
    return text


def choice_field(value, allowed, key: str) -> str:
    if value not in allowed:
        raise InputError("invalid_choice", key)
    return value

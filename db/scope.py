"""Office scoping: which households a user may see. Every client query goes through here."""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import object_session

from db.lead_offices import office_condition
from db.models import Household


class AccessDenied(PermissionError):
    """The user may not see or change this record (another office, or a role without client access)."""


CLIENT_ROLES = ("admin", "lead", "counselor")


def households_visible_to(user: dict | None) -> Select:
    """SELECT of the households this user may see: admins all, leads the offices they lead (their own
    unless an admin assigned more, see db.lead_offices), counselors their office, others none."""
    stmt = select(Household)
    if not user or user.get("role") not in CLIENT_ROLES:
        return stmt.where(False)
    if user["role"] == "admin":
        return stmt
    if user["role"] == "lead":
        return stmt.where(office_condition(user, Household.office_id))
    return stmt.where(Household.office_id == user["office_id"])


def check_household(user: dict | None, household: Household | None) -> Household:
    """Return the household if the user may see it, else raise AccessDenied (also for a missing one)."""
    if household is None or not user or user.get("role") not in CLIENT_ROLES:
        raise AccessDenied("no access")
    if user["role"] == "admin" or household.office_id == user["office_id"]:
        return household
    session = object_session(household)
    if user["role"] == "lead" and session is not None:
        led = session.scalar(
            select(Household.id).where(
                Household.id == household.id, office_condition(user, Household.office_id)
            )
        )
        if led is not None:
            return household
    raise AccessDenied("no access")

"""Office scoping: which households a user may see. Every client query goes through here."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, exists, select
from sqlalchemy.orm import Session, object_session

from db.lead_offices import office_condition
from db.models import Household, User


class AccessDenied(PermissionError):
    """The user may not see or change this record (another office, or a role without client access)."""


CLIENT_ROLES = ("admin", "lead", "counselor")


def account_live(user: dict) -> ColumnElement[bool]:
    """SQL: the acting account is still active, with the role, office and session version of its login.

    Part of every client query, so a disabled account or one whose access changed reads and writes
    nothing, even from a button callback that runs before the page re-checks the session.
    """
    return exists().where(
        User.id == user.get("id"),
        User.is_active.is_(True),
        User.role == user.get("role"),
        User.office_id == user.get("office_id"),
        User.session_version == user.get("session_version", 0),
    )


def check_account(session: Session, user: dict | None) -> None:
    """Raise AccessDenied unless the acting account is still live (see account_live)."""
    if not user or not session.scalar(select(account_live(user))):
        raise AccessDenied("no access")


def households_visible_to(user: dict | None) -> Select:
    """SELECT of the households this user may see: admins all, leads the offices they lead (their own
    unless an admin assigned more, see db.lead_offices), counselors their office, others none."""
    stmt = select(Household)
    if not user or user.get("role") not in CLIENT_ROLES:
        return stmt.where(False)
    stmt = stmt.where(account_live(user))
    if user["role"] == "admin":
        return stmt
    if user["role"] == "lead":
        return stmt.where(office_condition(user, Household.office_id))
    return stmt.where(Household.office_id == user["office_id"])


def check_household(user: dict | None, household: Household | None) -> Household:
    """Return the household if the user may see it, else raise AccessDenied (also for a missing one)."""
    if household is None or not user or user.get("role") not in CLIENT_ROLES:
        raise AccessDenied("no access")
    session = object_session(household)
    if session is not None:
        check_account(session, user)
    if user["role"] == "admin" or household.office_id == user["office_id"]:
        return household
    if user["role"] == "lead" and session is not None:
        led = session.scalar(
            select(Household.id).where(
                Household.id == household.id, office_condition(user, Household.office_id)
            )
        )
        if led is not None:
            return household
    raise AccessDenied("no access")


def check_households(session: Session, user: dict | None, found: list[Household | None]) -> None:
    """check_household for a batch, in a fixed number of queries: one missing or out of reach denies all."""
    if not user or user.get("role") not in CLIENT_ROLES or any(hh is None for hh in found):
        raise AccessDenied("no access")
    check_account(session, user)
    if user["role"] == "admin":
        return
    others = {hh.id for hh in found if hh.office_id != user["office_id"]}
    if not others:
        return
    if user["role"] != "lead":
        raise AccessDenied("no access")
    led = set(
        session.scalars(
            select(Household.id).where(Household.id.in_(others), office_condition(user, Household.office_id))
        )
    )
    if led != others:
        raise AccessDenied("no access")

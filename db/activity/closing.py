"""Follow-up lists (no contact, due), setting the next follow-up, and closing or reopening a file."""

from __future__ import annotations

import datetime as dt
import math

from sqlalchemy import func, select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from calculators import InputError
from db import audit, codes
from db.activity.checks import (
    choice_field,
    date_field,
    scoped_household,
)
from db.engine import reading, transaction
from db.households import NO_CONTACT_DAYS, Page
from db.local_time import today_local
from db.models import (
    Household,
    User,
)
from db.scope import households_visible_to


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
    today = today or today_local()
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
    today = today or today_local()
    stmt = households_visible_to(user).where(Household.status == "open", Household.next_follow_up <= today)
    if counselor_id is not None:
        stmt = stmt.where(Household.counselor_id == counselor_id)
    with reading(engine) as s:
        return _list_rows(s, stmt.order_by(Household.next_follow_up, Household.id), page, per_page)


def set_follow_up(engine: Engine, user: dict, household_id: int, on) -> None:
    """Plan (or clear, with None) the next follow-up date."""
    on = date_field(on, "next_follow_up", required=False)
    with transaction(engine) as s:
        scoped_household(s, user, household_id)
        s.execute(sql_update(Household).where(Household.id == household_id).values(next_follow_up=on))
        audit.record(s, user, "follow_up_set", "household", household_id)


def close(engine: Engine, user: dict, household_id: int, reason: str, on=None) -> None:
    """Close the file with one of HUD's termination reasons (the date and cause go in the record)."""
    reason = choice_field(reason, codes.CLOSE_REASON, "close_reason")
    on = date_field(on, "closed_on", required=False) or today_local()
    with transaction(engine) as s:
        hh = scoped_household(s, user, household_id)
        if hh.status == "closed":
            raise InputError("already_closed", "close_reason")
        if on < hh.opened_on:
            raise InputError("before_opened", "closed_on")
        hh.status, hh.closed_on, hh.close_reason, hh.next_follow_up = "closed", on, reason, None
        audit.record(s, user, "household_closed", "household", household_id, reason)


def reopen(engine: Engine, user: dict, household_id: int) -> None:
    """Reopen a closed file; the earlier closing stays in the audit trail and timeline."""
    with transaction(engine) as s:
        hh = scoped_household(s, user, household_id)
        if hh.status != "closed":
            raise InputError("not_closed", "status")
        hh.status, hh.closed_on, hh.close_reason = "open", None, ""
        audit.record(s, user, "household_reopened", "household", household_id)


def open_follow_up_counts(engine: Engine, user: dict, today: dt.date | None = None) -> dict:
    """How many open files need a follow-up now and how many had no contact for 60 days."""
    today = today or today_local()
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

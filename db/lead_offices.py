"""The offices a program lead reports on. An admin assigns one or more offices, or every office;
a lead without an assignment reports on their own office. db.scope reads the same rows, so the
pipeline, the HUD-9902, exports and retention all follow the assignment.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, exists, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from db import audit
from db.accounts import AccountError
from db.engine import reading, transaction
from db.models import LeadOffice, Office, User


@dataclass(frozen=True)
class Assignment:
    """What a lead reports on: every office, or their own office plus `office_ids`."""

    every_office: bool
    office_ids: tuple[int, ...]


def office_condition(user: dict, office_column) -> ColumnElement:
    """SQL: `office_column` is one of the offices this lead reports on (own office, assigned, or all)."""
    mine = select(LeadOffice.office_id).where(LeadOffice.user_id == user["id"])
    every = exists().where(LeadOffice.user_id == user["id"], LeadOffice.office_id.is_(None))
    return or_(office_column == user["office_id"], office_column.in_(mine.scalar_subquery()), every)


def assignment(engine: Engine, lead_id: int) -> Assignment:
    with reading(engine) as s:
        return _assignment(s, lead_id)


def _assignment(s: Session, lead_id: int) -> Assignment:
    rows = list(s.scalars(select(LeadOffice.office_id).where(LeadOffice.user_id == lead_id)))
    return Assignment(None in rows, tuple(sorted(i for i in rows if i is not None)))


def assign(engine: Engine, actor: dict, lead_id: int, office_ids, every_office: bool = False) -> None:
    """Replace a lead's offices (admins only). `every_office` gives all offices, now and future."""
    if not actor or actor.get("role") != "admin":
        raise AccountError("not_allowed")
    with transaction(engine) as s:
        lead = s.get(User, lead_id)
        if lead is None or lead.role != "lead":
            raise AccountError("not_a_lead")
        wanted = set() if every_office else {int(i) for i in office_ids or ()}
        known = set(s.scalars(select(Office.id).where(Office.id.in_(wanted))))
        if wanted - known:
            raise AccountError("not_found")
        s.execute(delete(LeadOffice).where(LeadOffice.user_id == lead_id))
        s.add_all([LeadOffice(user_id=lead_id, office_id=i) for i in sorted(wanted - {lead.office_id})])
        if every_office:
            s.add(LeadOffice(user_id=lead_id, office_id=None))
        detail = "all" if every_office else ",".join(str(i) for i in sorted(wanted | {lead.office_id}))
        audit.record(s, actor, "lead_offices_set", "user", lead_id, detail)


def offices_for(engine: Engine, user: dict) -> list[dict]:
    """The offices this user may report on and pick among: admins every office, a lead their
    assignment, anyone else their own office. [{id, name}] by name."""
    stmt = select(Office.id, Office.name).order_by(Office.name)
    role = (user or {}).get("role")
    if role == "lead":
        stmt = stmt.where(office_condition(user, Office.id))
    elif role != "admin":
        stmt = stmt.where(Office.id == (user or {}).get("office_id"))
    with reading(engine) as s:
        return [{"id": i, "name": n} for i, n in s.execute(stmt)]


def covers_every_office(engine: Engine, user: dict) -> bool:
    """True for admins and for leads assigned every office (their 'all' is the whole agency)."""
    if (user or {}).get("role") == "admin":
        return True
    if (user or {}).get("role") != "lead":
        return False
    return assignment(engine, user["id"]).every_office

"""Admin notes on a client file: what staff who may not record a counseling session (not HUD-certified)
write instead, e.g. a call to reschedule. Never a session: not counted in the HUD-9902, not a contact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from calculators import InputError
from db import audit
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import Household, User
from db.models.documents import AdminNote
from db.scope import check_household
from db.text_guard import check as check_text

MAX_BODY = 5_000


@dataclass(frozen=True)
class NoteRow:
    id: int
    noted_on: dt.date
    author: str
    body: str


def add(engine: Engine, user: dict, household_id: int, noted_on, body: str, today: dt.date | None = None) -> int:
    """Add a note (audited); the text is checked like every typed text (no control characters)."""
    if not isinstance(noted_on, dt.date) or isinstance(noted_on, dt.datetime):
        raise InputError("bad_date", "noted_on")
    if noted_on > (today or today_local()):
        raise InputError("future_date", "noted_on")
    text = check_text(str(body or "").strip(), "body", multiline=True)
    if not text:
        raise InputError("missing_field", "body")
    if len(text) > MAX_BODY:
        raise InputError("too_long", "body")
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        note = AdminNote(household_id=hh.id, author_id=user.get("id"), noted_on=noted_on, body=text)
        s.add(note)
        s.flush()
        audit.record(s, user, "admin_note_added", "household", hh.id, f"note={note.id}")
        return note.id


def list_for(engine: Engine, user: dict, household_id: int) -> list[NoteRow]:
    with reading(engine) as s:
        check_household(user, s.get(Household, household_id))
        rows = s.execute(
            select(AdminNote, User.display_name)
            .outerjoin(User, User.id == AdminNote.author_id)
            .where(AdminNote.household_id == household_id)
            .order_by(AdminNote.noted_on.desc(), AdminNote.id.desc())
        )
        return [NoteRow(n.id, n.noted_on, who or "—", n.body) for n, who in rows]

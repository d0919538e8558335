"""HUD file retention: closed client files are kept three years, then may be exported and purged.

The number of years is a dated rule (calculators/rules/hud.toml, 24 CFR 214.315).

The audit log is kept at least as long as the records it describes: a purge deletes the client file
and its child rows, never an audit row (the file's history, and the purge itself, stay in the log and
in its hash chain, db.audit.chain). No code deletes audit rows (tests/db/test_retention.py checks it);
an operator who archives old audit rows must keep every row newer than the retention cutoff of the
files it names, and keep the chain's head hash to verify what remains.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from calculators.rules import rule
from db import audit, documents
from db.documents import store as document_store
from db.engine import reading, transaction
from db.local_time import today_local
from db.models import Household
from db.scope import households_visible_to

PROGRAM_ROLES = ("admin", "lead")


def retention_years(on: dt.date) -> int:
    return int(rule("hud", "file_retention", on)["years_after_termination"])


def cutoff(on: dt.date) -> dt.date:
    """Files closed on or before this day are past retention on `on`."""
    years = retention_years(on)
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


def _past_retention_query(user: dict, on: dt.date, office_id: int | None = None):
    stmt = households_visible_to(user).where(
        Household.status == "closed", Household.closed_on.is_not(None), Household.closed_on <= cutoff(on)
    )
    return stmt if office_id is None else stmt.where(Household.office_id == office_id)


def past_retention(
    engine: Engine, user: dict, on: dt.date | None = None, office_id: int | None = None
) -> list[dict]:
    """Closed files past retention that this lead (the offices they lead) or admin (all) may purge,
    optionally of one office only."""
    if user.get("role") not in PROGRAM_ROLES:
        raise PermissionError("leads and admins only")
    on = on or today_local()
    with transaction(engine) as s:
        rows = [
            {
                "id": h.id,
                "name": h.display_name,
                "closed_on": h.closed_on,
                "close_reason": h.close_reason,
                "office_id": h.office_id,
            }
            for h in s.scalars(
                _past_retention_query(user, on, office_id).order_by(Household.closed_on, Household.id)
            )
        ]
        audit.record(s, user, "retention_listed", "household", None, f"{len(rows)} files")
        return rows


def purge(engine: Engine, user: dict, household_ids: list[int], on: dt.date | None = None) -> int:
    """Delete the given files if (and only if) they are still past retention and in scope; all or nothing."""
    if user.get("role") not in PROGRAM_ROLES:
        raise PermissionError("leads and admins only")
    on = on or today_local()
    wanted = set(household_ids)
    with transaction(engine) as s:
        allowed = set(s.scalars(_past_retention_query(user, on).with_only_columns(Household.id)))
        if not wanted <= allowed:
            raise PermissionError("some files are not past retention or not in your office")
        for household_id in sorted(wanted):
            audit.record(s, user, "retention_purged", "household", household_id)
        files = documents.stored_names(s, wanted)  # their rows go with the household (ON DELETE CASCADE)
        s.execute(delete(Household).where(Household.id.in_(wanted)))
    document_store.remove(documents.root(engine), files)  # after the commit: the files go with the file
    return len(wanted)


def count_remaining(engine: Engine, ids: list[int]) -> int:
    with reading(engine) as s:
        return len(list(s.scalars(select(Household.id).where(Household.id.in_(ids)))))

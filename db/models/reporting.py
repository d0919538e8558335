"""Covering indexes and the derived session_service rows behind the dashboard and HUD-9902 aggregates."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Index,
    delete,
    event,
    insert,
    inspect,
    select,
)
from sqlalchemy.orm import Session as OrmSession

from db.models.counseling import CounselingSession, Milestone, Outcome, SessionService
from db.models.people import Household

# Indexes behind the households list and follow-up filters (fast at 50,000 households); migration 0002.
Index("ix_household_office_status_contact", Household.office_id, Household.status, Household.last_contact_on)
Index("ix_household_office_follow_up", Household.office_id, Household.next_follow_up)
Index("ix_household_office_jurisdiction", Household.office_id, Household.jurisdiction)
Index("ix_household_office_language", Household.office_id, Household.preferred_language)

# Covering indexes for the HUD-9902 and pipeline aggregates (db/pipeline/, reports/hud9902/counting.py); migration 0003.
Index(
    "ix_session_date_household_purpose",
    CounselingSession.session_date,
    CounselingSession.household_id,
    CounselingSession.purpose,
)
Index(
    "ix_milestone_household_code_on",
    Milestone.household_id,
    Milestone.code,
    Milestone.achieved_on,
    Milestone.value,
)
Index("ix_outcome_on_household_code", Outcome.achieved_on, Outcome.household_id, Outcome.code)

# The dashboard's derived columns (migration 0004): days in stage read this covering index instead of
# the wide household rows; the medians read the changes in order; outcomes count milestones by code.
Index(
    "ix_household_stage_dates",
    Household.office_id,
    Household.opened_on,
    Household.closed_on,
    Household.reached_budget_on,
    Household.reached_education_on,
    Household.reached_mortgage_ready_on,
    Household.reached_pre_approved_on,
    Household.reached_under_contract_on,
    Household.reached_purchased_on,
)
Index("ix_household_savings_change", Household.savings_change)
Index("ix_household_credit_change", Household.credit_change)
Index("ix_milestone_code_household_value", Milestone.code, Milestone.household_id, Milestone.value)

# The HUD-9902 reads a fiscal year's session services in household order, beside each household's
# demographic key in the same order: PostgreSQL merges the two without hashing either (migration 0006).
Index(
    "ix_session_service_year_household",
    SessionService.fiscal_year,
    SessionService.household_id,
    SessionService.first_on,
    SessionService.purpose,
)
Index("ix_household_id_demo_key", Household.id, Household.demo_key, Household.office_id)
# Covering indexes for the dashboard's open files (migration 0005): caseloads group the open files by
# counselor in index order, and the stuck count reads stage and dates, without touching the wide rows.
Index(
    "ix_household_status_counselor",
    Household.status,
    Household.counselor_id,
    Household.office_id,
    Household.next_follow_up,
    Household.last_contact_on,
    Household.opened_on,
)
Index(
    "ix_household_status_stage",
    Household.status,
    Household.stage,
    Household.office_id,
    Household.stage_since,
    Household.opened_on,
)


def fiscal_year_of(day: dt.date) -> int:
    """The federal fiscal year a day falls in (FY2026 runs 1 October 2025 - 30 September 2026)."""
    return day.year + 1 if day.month >= 10 else day.year


def session_services(sessions) -> list[dict]:
    """One household's session_service rows (without household_id) from its (session_date, purpose) rows.

    Pure, so refresh_services and the seed's bulk path compute exactly the same thing.
    """
    first: dict[tuple[int, str], dt.date] = {}
    for on, purpose in sessions:
        key = (fiscal_year_of(on), purpose)
        if key not in first or on < first[key]:
            first[key] = on
    return [
        {"fiscal_year": fy, "purpose": purpose, "first_on": on} for (fy, purpose), on in sorted(first.items())
    ]


def refresh_services(connection, household_ids) -> None:
    """Rewrite the session_service rows of these households from their sessions, on this connection."""
    ids = sorted({int(i) for i in household_ids if i is not None})
    if not ids:
        return
    services, sessions = SessionService.__table__, CounselingSession.__table__
    connection.execute(delete(services).where(services.c.household_id.in_(ids)))
    found: dict[int, list] = {}
    for household_id, on, purpose in connection.execute(
        select(sessions.c.household_id, sessions.c.session_date, sessions.c.purpose).where(
            sessions.c.household_id.in_(ids)
        )
    ):
        found.setdefault(household_id, []).append((on, purpose))
    rows = [
        {"household_id": household_id, **row}
        for household_id, rows in found.items()
        for row in session_services(rows)
    ]
    if rows:
        connection.execute(insert(services), rows)


@event.listens_for(OrmSession, "before_flush")
def _note_session_households(session, _context, _instances) -> None:
    """Before a flush: the households whose sessions are added, changed or deleted (old household too)."""
    touched = session.info.setdefault("session_households", set())
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, CounselingSession):
            touched.add(obj.household_id)
            touched.update(inspect(obj).attrs.household_id.history.deleted or ())


@event.listens_for(OrmSession, "after_flush")
def _keep_session_services(session, _context) -> None:
    """After the flush, in the same transaction: their session_service rows follow the sessions."""
    touched = session.info.pop("session_households", None)
    if touched:
        refresh_services(session.connection(), touched)

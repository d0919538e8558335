"""HUD ARM client-level reporting: code table, Camino records, table-driven XML/CSV writer, readiness.

Entry points here check office scope and audit; the modules below are pure or take a session.
"""

from __future__ import annotations

from sqlalchemy import select

from db import audit
from db.engine import transaction
from db.models import CounselingSession, Household
from db.scope import check_household, households_visible_to
from reports.hud9902.form import period
from reports.hud_arm import readiness, records, serializer
from reports.hud_arm.serializer import Export, Gap


def household_gaps(engine, user: dict, household_id: int) -> list[Gap]:
    """What HUD's client reporting still needs from one household (opens missing cases)."""
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        return readiness.household_gaps(hh.id, records.household_records(s, hh))


def client_export(engine, user: dict, fiscal_year: int, quarter: int, office_id: int | None = None) -> Export:
    """The client profiles of households served in the period (cumulative from 1 October), audited."""
    start, end = period(fiscal_year, quarter)
    with transaction(engine) as s:
        stmt = households_visible_to(user).where(
            Household.id.in_(
                select(CounselingSession.household_id).where(
                    CounselingSession.session_date >= start, CounselingSession.session_date <= end
                )
            )
        )
        if office_id is not None:
            stmt = stmt.where(Household.office_id == office_id)
        served = list(s.scalars(stmt.order_by(Household.id)))
        found = records.served_records(s, served, start, end)
        result = serializer.export(found)
        # Say what is missing the way the client file's readiness list does (one list per household).
        plain: dict[int, list[Gap]] = {}
        for record in found:
            if record.household_id in result.left_out:
                plain.setdefault(record.household_id, []).extend(readiness.record_gaps(record))
        result.left_out = plain
        audit.record(
            s, user, "hud_client_export", "household", None, f"FY{fiscal_year}Q{quarter} n={result.included}"
        )
        return result

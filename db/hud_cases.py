"""HUD cases: one per household and counseling purpose, kept in step with sessions and the file's closing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from calculators import InputError
from db import audit, codes, hud_codes
from db.engine import transaction
from db.models import CounselingSession, Household, HudCase
from db.scope import AccessDenied, check_household

CASE_TERMINATIONS = codes.CLOSE_REASON


@dataclass(frozen=True)
class CaseRow:
    """A HUD case of a household: one per counseling purpose."""

    id: int
    household_id: int
    purpose: str
    case_number: str
    activity_type: str
    hud_grant: str
    opened_on: dt.date
    terminated_on: dt.date | None
    termination: str  # '' while ongoing (or the household's close reason once the file is closed)


def case_number(household_id: int, purpose: str) -> str:
    """A stable number: the household id and the purpose's place in HUD's list (never starts with 0)."""
    return f"{household_id}{codes.COUNSELING_PURPOSE.index(purpose) + 1:02d}"


def sync_cases(session: Session, household: Household) -> None:
    """Open a case for each purpose the household was counseled for (sessions or intake reason)."""
    first: dict[str, dt.date] = {}
    for purpose, on in session.execute(
        select(CounselingSession.purpose, CounselingSession.session_date).where(
            CounselingSession.household_id == household.id
        )
    ):
        if purpose in codes.COUNSELING_PURPOSE and (purpose not in first or on < first[purpose]):
            first[purpose] = on
    if household.counseling_purpose in codes.COUNSELING_PURPOSE:
        first.setdefault(household.counseling_purpose, household.opened_on)
    have = set(session.scalars(select(HudCase.purpose).where(HudCase.household_id == household.id)))
    for purpose, on in sorted(first.items()):
        if purpose not in have:
            session.add(
                HudCase(
                    household_id=household.id,
                    purpose=purpose,
                    case_number=case_number(household.id, purpose),
                    opened_on=on,
                    termination="",
                    activity_type=hud_codes.CASE_ACTIVITY_TYPE[0],
                    hud_grant="",
                )
            )
    session.flush()


def case_rows(session: Session, household: Household) -> list[CaseRow]:
    """The household's cases; an ongoing case of a closed file ends with the file's date and reason."""
    rows = []
    for case in session.scalars(
        select(HudCase).where(HudCase.household_id == household.id).order_by(HudCase.opened_on, HudCase.id)
    ):
        termination, ended = case.termination, case.terminated_on
        if not termination and household.status == "closed":
            termination, ended = household.close_reason, household.closed_on
        rows.append(
            CaseRow(
                id=case.id,
                household_id=household.id,
                purpose=case.purpose,
                case_number=case.case_number,
                activity_type=case.activity_type,
                hud_grant=case.hud_grant,
                opened_on=case.opened_on,
                terminated_on=ended,
                termination=termination,
            )
        )
    return rows


def cases_for(engine, user: dict, household_id: int) -> list[CaseRow]:
    """The household's cases, opening any missing ones first."""
    with transaction(engine) as s:
        hh = check_household(user, s.get(Household, household_id))
        sync_cases(s, hh)
        return case_rows(s, hh)


def set_case(
    engine,
    user: dict,
    case_id: int,
    *,
    termination: str,
    terminated_on: dt.date | None,
    hud_grant: str,
) -> None:
    """End (or reopen, with termination '') a case, and say which HUD grant paid for it; audited."""
    if termination and termination not in CASE_TERMINATIONS:
        raise InputError("invalid_choice", "termination")
    if hud_grant and hud_grant not in hud_codes.HUD_GRANT:
        raise InputError("invalid_choice", "hud_grant")
    if termination and terminated_on is None:
        raise InputError("missing_field", "terminated_on")
    with transaction(engine) as s:
        case = s.get(HudCase, case_id)
        if case is None:
            raise AccessDenied("no access")
        check_household(user, s.get(Household, case.household_id))
        if termination and terminated_on < case.opened_on:
            raise InputError("before_opened", "terminated_on")
        case.termination = termination
        case.terminated_on = terminated_on if termination else None
        case.hud_grant = hud_grant
        audit.record(s, user, "hud_case_updated", "household", case.household_id, f"case={case.id}")

"""One ClientRecord per HUD case: Camino's own values for everything HUD's client profile asks.

The record holds Camino codes and plain values (None / '' where nothing was recorded); the serializer
turns them into HUD's element names and code IDs through the element and mapping tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import hud_client
from db.hud_client import CaseRow, HudProfile
from db.models import CounselingSession, Household, Outcome
from db.models.followup import FundingSource


@dataclass(frozen=True)
class ClientRecord:
    household_id: int
    case_number: str
    purpose: str
    activity_type: str
    hud_grant: str
    termination: str  # 'ongoing' or one of codes.CLOSE_REASON
    street: str
    city: str
    state: str
    zip_code: str
    phone: str
    email: str
    household_size: int | None
    gender: str
    marital_status: str
    races: tuple[str, ...]
    ethnicity: str
    monthly_income: float | None
    head_of_household: str
    counselor_id: int | None
    education: str
    farm_worker: str
    rural: str
    limited_english: str
    colonias_resident: str
    hud_assistance: str
    disabled: str
    dependents: int | None
    intake_date: dt.date | None
    session_start: dt.datetime | None
    session_end: dt.datetime | None
    spoken_language: str
    session_minutes: int | None
    session_mode: str
    first_time_buyer: bool | None
    discrimination_victim: str
    referred_by: str
    job_months: int | None
    credit_score: int | None
    credit_score_source: str
    no_credit_score_reason: str
    monthly_debt: float | None
    income_band: str
    outcomes: tuple[str, ...]
    fee: float | None = None  # the last session's fee (Client_Counseling_Fee); None = not recorded


def effective_races(hh: Household, profile: HudProfile) -> tuple[str, ...]:
    """Every race chosen when the profile agrees with household.race; else what household.race says.

    household.race can be edited on the intake form after the races were saved: then the single value
    there wins, and 'multiple' without the races chosen stays HUD's "other multiple race".
    """
    if profile.races and hud_client.race_summary(profile.races) == hh.race:
        return tuple(profile.races)
    return (hh.race,) if hh.race else ()


def _last_session(session: Session, household_id: int, purpose: str, end: dt.date | None):
    stmt = select(CounselingSession).where(
        CounselingSession.household_id == household_id, CounselingSession.purpose == purpose
    )
    if end is not None:
        stmt = stmt.where(CounselingSession.session_date <= end)
    return session.scalars(
        stmt.order_by(CounselingSession.session_date.desc(), CounselingSession.id.desc()).limit(1)
    ).first()


def grant_of_session(session: Session, last) -> str:
    """HUD's grant for a case whose counselor set none, from its last session's funding (db/funding.py).

    A session another funder or nobody paid for is "none" (HUD's N/A); a HUD grant named by a listed
    source gives that source's grant type; a HUD grant without a source, or no funding recorded, stays
    unknown ('') rather than a guess.
    """
    if last is None:
        return ""
    if last.funding in ("none", "grant"):
        return "none"
    if last.funding == "hud" and last.funding_source_id is not None:
        source = session.get(FundingSource, last.funding_source_id)
        return source.hud_grant if source is not None else ""
    return ""


def record_for(
    session: Session, hh: Household, profile: HudProfile, case: CaseRow, end: dt.date | None = None
) -> ClientRecord:
    last = _last_session(session, hh.id, case.purpose, end)
    start = stop = None
    if last is not None and last.start_time is not None:
        start = dt.datetime.combine(last.session_date, last.start_time)
        stop = start + dt.timedelta(minutes=last.duration_minutes or 0)
    outcomes = tuple(
        session.scalars(
            select(Outcome.code).where(Outcome.household_id == hh.id).distinct().order_by(Outcome.code)
        )
    )
    return ClientRecord(
        household_id=hh.id,
        case_number=case.case_number,
        purpose=case.purpose,
        activity_type=case.activity_type,
        hud_grant=case.hud_grant or grant_of_session(session, last),
        termination=case.termination or "ongoing",
        street=profile.street,
        city=profile.city,
        state=profile.state,
        zip_code=profile.zip_code,
        phone=hh.phone or "",
        email=hh.email or "",
        household_size=hh.household_size,
        gender=profile.gender,
        marital_status=profile.marital_status,
        races=effective_races(hh, profile),
        ethnicity=hh.ethnicity or "",
        monthly_income=None if hh.annual_income is None else hh.annual_income / 12,
        head_of_household=profile.head_of_household,
        counselor_id=(last.counselor_id if last is not None and last.counselor_id else hh.counselor_id),
        education=profile.education,
        farm_worker=profile.farm_worker,
        rural=hh.rural or "",
        limited_english=hh.limited_english or "",
        colonias_resident=profile.colonias_resident,
        hud_assistance=profile.hud_assistance,
        disabled=profile.disabled,
        dependents=profile.dependents,
        intake_date=hh.opened_on,
        session_start=start,
        session_end=stop,
        spoken_language=profile.spoken_language,
        session_minutes=None if last is None else last.duration_minutes,
        session_mode="" if last is None else last.mode,
        first_time_buyer=hh.first_time_buyer,
        discrimination_victim=profile.discrimination_victim,
        referred_by=profile.referred_by,
        job_months=profile.job_months,
        credit_score=profile.credit_score,
        credit_score_source=profile.credit_score_source,
        no_credit_score_reason=profile.no_credit_score_reason,
        monthly_debt=profile.monthly_debt,
        income_band=hh.income_band or "",
        outcomes=outcomes,
        fee=None if last is None else last.fee,
    )


def household_records(session: Session, hh: Household, end: dt.date | None = None) -> list[ClientRecord]:
    """A household's records, one per case (cases are opened first for purposes that lack one)."""
    hud_client.sync_cases(session, hh)
    profile = hud_client.profile_of(session, hh.id)
    return [record_for(session, hh, profile, case, end) for case in hud_client.case_rows(session, hh)]


def served_records(session: Session, households, start: dt.date, end: dt.date) -> list[ClientRecord]:
    """Records of the cases with a session in [start, end], for the given (already scoped) households."""
    out = []
    for hh in households:
        served = set(
            session.scalars(
                select(CounselingSession.purpose)
                .where(
                    CounselingSession.household_id == hh.id,
                    CounselingSession.session_date >= start,
                    CounselingSession.session_date <= end,
                )
                .distinct()
            )
        )
        out.extend(r for r in household_records(session, hh, end) if r.purpose in served)
    return out

"""HUD client fields and cases: read, check and save the client profile HUD's reporting asks for.

Every function takes the acting user and goes through db.scope; every view and change is audited with
ids and field names only. A household without a profile row was never asked: it reads as "not asked
yet" (empty values), never as a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field, fields

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from calculators import InputError
from db import audit, codes, hud_codes
from db.amounts import optional_amount
from db.engine import reading, transaction

# The cases live in db.hud_cases; their names stay importable from here.
from db.hud_cases import (  # noqa: F401
    CASE_TERMINATIONS,
    CaseRow,
    case_number,
    case_rows,
    cases_for,
    set_case,
    sync_cases,
)
from db.models import Household, HudClientProfile
from db.scope import AccessDenied, check_household

ZIP_PATTERN = re.compile(r"^[0-9]{5}(-[0-9]{4})?$")
# HUD's state list (ARM group 0) by postal code: the ones an address in Camino can carry.
US_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "PR",
    "GU",
    "VI",
    "AS",
    "MP",
]
CHOICES = {
    "gender": hud_codes.GENDER,
    "marital_status": hud_codes.MARITAL_STATUS,
    "head_of_household": hud_codes.HEAD_OF_HOUSEHOLD,
    "education": hud_codes.EDUCATION,
    "disabled": hud_codes.YES_NO,
    "farm_worker": hud_codes.YES_NO,
    "colonias_resident": hud_codes.YES_NO,
    "discrimination_victim": hud_codes.YES_NO,
    "hud_assistance": hud_codes.HUD_ASSISTANCE,
    "referred_by": hud_codes.REFERRED_BY,
    "spoken_language": hud_codes.SPOKEN_LANGUAGE,
    "credit_score_source": hud_codes.CREDIT_SCORE_SOURCE,
    "no_credit_score_reason": hud_codes.NO_CREDIT_SCORE_REASON,
    "state": tuple(US_STATES),
}
TEXTS = {"street": 50, "city": 50}
# Whole numbers: field -> (lowest, highest).
NUMBERS = {"dependents": (0, 20), "job_months": (0, 720), "credit_score": (300, 850)}
MAX_MONTHLY_DEBT = 1_000_000.0


@dataclass
class HudProfile:
    """A household's HUD client fields as stored; '' / None = not asked yet. `races` keeps every race chosen."""

    household_id: int
    street: str = ""
    city: str = ""
    state: str = ""
    zip_code: str = ""
    races: list[str] = field(default_factory=list)
    gender: str = ""
    marital_status: str = ""
    head_of_household: str = ""
    education: str = ""
    dependents: int | None = None
    disabled: str = ""
    farm_worker: str = ""
    colonias_resident: str = ""
    discrimination_victim: str = ""
    hud_assistance: str = ""
    referred_by: str = ""
    spoken_language: str = ""
    monthly_debt: float | None = None
    job_months: int | None = None
    credit_score: int | None = None
    credit_score_source: str = ""
    no_credit_score_reason: str = ""
    version: int = 0  # 0: never saved (no row yet)
    updated_at: dt.datetime | None = None


PROFILE_FIELDS = tuple(
    f.name for f in fields(HudProfile) if f.name not in ("household_id", "version", "updated_at")
)


class ProfileConflict(Exception):
    """Someone saved this profile after the editor loaded it; nothing was written."""

    def __init__(self, current: HudProfile):
        self.current = current
        super().__init__("edit_conflict")


def race_summary(races: list[str]) -> str | None:
    """household.race for the races chosen: the one race, 'multiple', 'not_reported'; None if none chosen."""
    if not races:
        return None
    if races == [codes.NOT_REPORTED]:
        return codes.NOT_REPORTED
    return races[0] if len(races) == 1 else "multiple"


def _races(value) -> list[str]:
    if isinstance(value, str):
        value = [part for part in value.split(",") if part]
    chosen = list(dict.fromkeys(value or ()))
    allowed = (*hud_codes.SINGLE_RACES, codes.NOT_REPORTED)
    if any(code not in allowed for code in chosen):
        raise InputError("invalid_choice", "races")
    if codes.NOT_REPORTED in chosen and len(chosen) > 1:
        raise InputError("races_with_not_reported", "races")
    return [code for code in allowed if code in chosen]  # HUD's order, whatever order they were ticked


def _whole(value, key: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError("not_a_number", key)
    low, high = NUMBERS[key]
    if not low <= value <= high:
        raise InputError("out_of_range", key)
    return value


def validate_profile(data: dict) -> dict:
    """Check and clean profile fields; unknown keys and bad codes are errors with the field named."""
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise InputError("unknown_field", sorted(unknown)[0])
    clean: dict = {}
    for key, value in data.items():
        if key in TEXTS:
            text = " ".join(str(value or "").split())
            if len(text) > TEXTS[key]:
                raise InputError("too_long", key)
            clean[key] = text
        elif key == "zip_code":
            text = str(value or "").strip()
            if text and not ZIP_PATTERN.match(text):
                raise InputError("bad_zip", key)
            clean[key] = text
        elif key in CHOICES:
            value = (value or "").upper() if key == "state" else (value or "")
            if value and value not in CHOICES[key]:
                raise InputError("invalid_choice", key)
            clean[key] = value
        elif key in NUMBERS:
            clean[key] = _whole(value, key)
        elif key == "monthly_debt":
            clean[key] = optional_amount(value, key, MAX_MONTHLY_DEBT)
        elif key == "races":
            clean[key] = _races(value)
    if clean.get("credit_score") is not None and clean.get("no_credit_score_reason"):
        raise InputError("score_and_reason", "no_credit_score_reason")
    return clean


def _to_profile(household_id: int, row: HudClientProfile | None) -> HudProfile:
    if row is None:
        return HudProfile(household_id=household_id)
    values = {name: getattr(row, name) for name in PROFILE_FIELDS}
    values["races"] = [part for part in (row.races or "").split(",") if part]
    return HudProfile(household_id=household_id, version=row.version, updated_at=row.updated_at, **values)


def profile_of(session: Session, household_id: int) -> HudProfile:
    """The stored profile, without scope checks or audit (for callers that already checked both)."""
    return _to_profile(household_id, session.get(HudClientProfile, household_id))


def get_profile(engine, user: dict, household_id: int, *, audited: bool = False) -> HudProfile:
    """A household's HUD client fields (empty when never asked)."""
    with transaction(engine) as s:
        check_household(user, s.get(Household, household_id))
        profile = profile_of(s, household_id)
        if audited:
            audit.record(s, user, "hud_profile_viewed", "household", household_id)
        return profile


def save_profile(engine, user: dict, household_id: int, expected_version: int, changes: dict) -> int:
    """Save profile changes made on a copy loaded at `expected_version`; returns the new version.

    Saving races sets household.race from them (one race, 'multiple' or 'not_reported'), in the same
    transaction, so the HUD-9902 counts the household on HUD's line for what was chosen.
    """
    if not user or user.get("role") not in ("admin", "lead", "counselor"):
        raise AccessDenied("no access")
    clean = validate_profile(changes)
    try:
        with transaction(engine) as s:
            hh = check_household(user, s.get(Household, household_id))
            row = s.get(HudClientProfile, household_id)
            if (row.version if row else 0) != expected_version:
                raise ProfileConflict(_to_profile(household_id, row))
            if row is None:
                row = HudClientProfile(household_id=household_id)
                s.add(row)
            stored = {**clean}
            if "races" in stored:
                stored["races"] = ",".join(stored["races"])
            changed = [k for k, v in stored.items() if getattr(row, k) != v]
            if not changed and row.version:
                return row.version
            for key in changed:
                setattr(row, key, stored[key])
            row.updated_by = user["id"]
            race = race_summary(clean.get("races") or [])
            if "races" in changed and race is not None and hh.race != race:
                hh.race = race
            s.flush()
            audit.record(s, user, "hud_profile_updated", "household", household_id, ",".join(changed))
            return row.version
    except StaleDataError as err:
        raise ProfileConflict(get_profile(engine, user, household_id)) from err


def profile_dict(profile: HudProfile) -> dict:
    return asdict(profile)


def reading_profiles(engine, household_ids: list[int]) -> dict[int, HudProfile]:
    """Profiles of many households at once (the caller has scoped the ids): {id: profile}."""
    with reading(engine) as s:
        rows = s.scalars(select(HudClientProfile).where(HudClientProfile.household_id.in_(household_ids)))
        found = {row.household_id: _to_profile(row.household_id, row) for row in rows}
    return {hid: found.get(hid, HudProfile(household_id=hid)) for hid in household_ids}

"""What intake accepts: the fields, codes and limits, name and phone normalizing, AMI figures, validation."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

from calculators import InputError
from db import codes
from db.amounts import optional_amount
from db.text_guard import check as check_text

PAGE_SIZE = 50
NO_CONTACT_DAYS = 60
# Milestones whose values measure savings and credit (the dashboard's median changes).
SAVINGS_CODES = ("emergency_fund", "down_payment_saved", "savings_reached")
CREDIT_CODES = ("credit_score_at_target", "credit_score_gain")
LANGUAGES = ("es", "en")
STATUSES = ("open", "closed")

# What a counselor types at intake: field -> (kind, allowed codes or limits).
CHOICE_FIELDS = {
    "contact_preference": codes.CONTACT_PREFERENCE,
    "preferred_language": LANGUAGES,
    "jurisdiction": codes.JURISDICTION,
    "housing_status": codes.HOUSING_STATUS,
    "ethnicity": codes.ETHNICITY,
    "race": codes.RACE,
    "rural": codes.RURAL,
    "limited_english": codes.LIMITED_ENGLISH,
}
# Optional choices: an empty string means "not asked yet" (the HUD report flags those households).
OPTIONAL_CHOICE_FIELDS = {
    "counseling_purpose": codes.COUNSELING_PURPOSE,
    "id_type": codes.ID_TYPE,
    "residency": codes.RESIDENCY,
}
TEXT_FIELDS = {"display_name": 200, "phone": 40, "email": 200}
DATE_FIELDS = ("consent_date", "next_follow_up")
INTAKE_FIELDS = (
    "display_name",
    "phone",
    "email",
    "contact_preference",
    "preferred_language",
    "household_size",
    "annual_income",
    "jurisdiction",
    "housing_status",
    "ethnicity",
    "race",
    "rural",
    "limited_english",
    "counseling_purpose",
    "id_type",
    "residency",
    "consent_date",
    "first_time_buyer",
    "counselor_id",
    "next_follow_up",
)
MAX_HOUSEHOLD_SIZE = 20
MAX_INCOME = 10_000_000.0

def normalize_name(text: str) -> str:
    """Lower-case without accents, so 'Núñez' is found by typing 'nunez' (and Vietnamese names too)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("đ", "d").replace("Đ", "D")
    return " ".join(plain.lower().split())


def digits(text: str) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


def ami_figures(jurisdiction: str, household_size: int, annual_income: float | None, as_of=None) -> tuple:
    """(AMI percent, HUD-9902 income band) with HUD's median in force on `as_of` (default today); an
    unknown figure (no income, or no median on file for that fiscal year) leaves the band 'not_reported'."""
    if annual_income is None:
        return None, codes.NOT_REPORTED
    try:
        from calculators.ami import ami_percent
    except ImportError:  # the assistance calculator is optional for the tracker
        return None, codes.NOT_REPORTED
    try:
        percent = float(ami_percent(jurisdiction, household_size, annual_income, as_of))
    except (InputError, LookupError, ValueError, TypeError):
        return None, codes.NOT_REPORTED
    if math.isnan(percent) or math.isinf(percent):
        return None, codes.NOT_REPORTED
    return percent, codes.income_band(percent)


def _as_date(value, key: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as err:
        raise InputError("bad_date", key) from err


def _whole_number(value, key: str) -> int:
    """An integer from an int, a whole float (spreadsheets) or a digit string; anything else is an error."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InputError("not_a_number", key)


def validate_intake(data: dict, *, partial: bool = False) -> dict:
    """Check and clean intake fields; unknown keys and bad codes are errors with the field named."""
    unknown = set(data) - set(INTAKE_FIELDS)
    if unknown:
        raise InputError("unknown_field", sorted(unknown)[0])
    if not partial and "display_name" not in data:
        raise InputError("missing_field", "display_name")
    clean: dict = {}
    for key, value in data.items():
        if key in TEXT_FIELDS:
            text = " ".join(str(check_text(value or "", key)).split())
            if key == "display_name" and not text:
                raise InputError("missing_field", key)
            if len(text) > TEXT_FIELDS[key]:
                raise InputError("too_long", key)
            clean[key] = text
        elif key in CHOICE_FIELDS:
            if value not in CHOICE_FIELDS[key]:
                raise InputError("invalid_choice", key)
            clean[key] = value
        elif key in OPTIONAL_CHOICE_FIELDS:
            value = value or ""
            if value and value not in OPTIONAL_CHOICE_FIELDS[key]:
                raise InputError("invalid_choice", key)
            clean[key] = value
        elif key == "household_size":
            clean[key] = _whole_number(value, key)
            if not 1 <= clean[key] <= MAX_HOUSEHOLD_SIZE:
                raise InputError("out_of_range", key)
        elif key == "annual_income":
            clean[key] = optional_amount(value, key, MAX_INCOME)
        elif key in DATE_FIELDS:
            clean[key] = _as_date(value, key)
        elif key == "first_time_buyer":
            if not isinstance(value, bool):
                raise InputError("invalid_choice", key)
            clean[key] = value
        elif key == "counselor_id":
            clean[key] = _whole_number(value, key) if value not in (None, "") else None
    return clean

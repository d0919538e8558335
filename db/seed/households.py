"""One fictional demo household's row: who they are, where they live, what they earn and why they came."""

from __future__ import annotations

import datetime as dt
import random
from functools import cache

from db import codes
from db.households import ami_figures, normalize_name
from db.models import (
    utcnow,
)
from db.seed.story import AREA_CODES, FIRST, HISTORY_DAYS, LAST, OFFICES, PURPOSES_BY_HOUSING


def choice(rng: random.Random, options: dict):
    return rng.choices(list(options), weights=list(options.values()))[0]


@cache
def _ami_per_dollar(jurisdiction: str, size: int, opened: dt.date) -> float | None:
    """AMI percent is income over a size-adjusted median, so one lookup per (area, size, day) is enough."""
    percent, _band = ami_figures(jurisdiction, size, 100_000.0, opened)
    return None if percent is None else percent / 100_000.0


def day_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    span = (end - start).days
    return start + dt.timedelta(days=rng.randint(0, max(0, span)))


def household_row(rng: random.Random, n: int, office_key: str, staff: dict, today: dt.date) -> dict:
    jurisdiction = rng.choice(OFFICES[office_key][2])
    first, last1, last2 = rng.choice(FIRST), rng.choice(LAST), rng.choice(LAST)
    name = f"{first} {last1} {last2}"
    size = rng.choices(range(1, 8), weights=(12, 18, 22, 22, 14, 8, 4))[0]
    income = round(rng.uniform(16_000, 135_000), -2)
    reported_income = rng.random() > 0.04
    language = "es" if rng.random() < 0.82 else "en"
    housing = choice(rng, {"renter": 80, "living_with_family": 12, "owner": 6, "homeless": 2})
    purpose = choice(rng, PURPOSES_BY_HOUSING[housing])
    id_type = choice(rng, {"ssn": 55, "itin": 30, "none": 10, codes.NOT_REPORTED: 5})
    if id_type == "ssn":
        residency = choice(rng, {"citizen": 45, "permanent_resident": 40, "non_permanent_resident": 15})
    else:
        residency = choice(rng, {"non_permanent_resident": 35, "undocumented": 30, codes.NOT_REPORTED: 35})
    opened = today - dt.timedelta(days=rng.randint(0, HISTORY_DAYS))
    per_dollar = _ami_per_dollar(jurisdiction, size, opened)
    ami = None if per_dollar is None else income * per_dollar
    return {
        "office_id": staff["offices"][office_key],
        "counselor_id": rng.choice(staff["users"][office_key]),
        "display_name": name,
        "search_name": normalize_name(name),
        "phone": f"({AREA_CODES[jurisdiction]}) 555-01{n % 100:02d}",
        "email": f"familia{n}@example.org" if rng.random() < 0.4 else "",
        "contact_preference": choice(rng, {"phone": 45, "text": 40, "email": 8, "in_person": 7}),
        "preferred_language": language,
        "household_size": size,
        "annual_income": income if reported_income else None,
        "ami_percent": ami if reported_income else None,
        "income_band": codes.income_band(ami) if reported_income and ami is not None else codes.NOT_REPORTED,
        "jurisdiction": jurisdiction,
        "housing_status": housing,
        "ethnicity": choice(rng, {"hispanic": 88, "not_hispanic": 7, codes.NOT_REPORTED: 5}),
        "race": choice(
            rng,
            {
                "white": 30,
                "multiple": 20,
                "black": 8,
                "american_indian": 6,
                "asian": 2,
                codes.NOT_REPORTED: 34,
            },
        ),
        "rural": choice(rng, {"not_rural": 93, "rural": 2, codes.NOT_REPORTED: 5}),
        "limited_english": choice(
            rng,
            {"lep": 70, "not_lep": 25, codes.NOT_REPORTED: 5}
            if language == "es"
            else {"not_lep": 95, "lep": 5},
        ),
        "counseling_purpose": purpose,
        "id_type": id_type,
        "residency": residency,
        "consent_date": opened if rng.random() < 0.95 else None,
        "first_time_buyer": housing != "owner" and rng.random() < 0.9,
        "stage": "intake",
        "stage_since": None,
        "status": "open",
        "opened_on": opened,
        "closed_on": None,
        "close_reason": "",
        "last_contact_on": None,
        "next_follow_up": None,
        "given_plan_on": None,
        "is_demo": True,
        "created_at": utcnow(),
        "updated_at": utcnow(),
        "version": 1,
    }

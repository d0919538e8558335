"""Demo HUD client answers and cases for the seeded caseload (db.seed): plainly fictional.

About one household in six is left "not asked yet" (no profile row), as an agency moving from paper
would have, so the readiness lists have something to show. Uses its own random stream per household,
so the rest of the demo caseload stays the same whatever is added here.
"""

from __future__ import annotations

import random

from db import codes, hud_client, hud_codes
from db.models import HudCase, HudClientProfile

CITIES = {
    "dc": ("Washington", "DC", ("20009", "20010", "20011", "20017", "20019")),
    "montgomery_md": ("Silver Spring", "MD", ("20901", "20902", "20903", "20904")),
    "prince_georges_md": ("Hyattsville", "MD", ("20781", "20782", "20783", "20784")),
    "arlington_va": ("Arlington", "VA", ("22201", "22204", "22206")),
    "fairfax_va": ("Annandale", "VA", ("22003", "22041", "22042")),
    "alexandria_va": ("Alexandria", "VA", ("22301", "22304", "22305", "22311")),
}
STREETS = ("Calle Demo", "Avenida Ficticia", "Ejemplo St", "Muestra Ave")


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def profile_row(seed: int, household_id: int, row: dict) -> dict | None:
    """One household's demo answers (or None: not asked yet), consistent with its race column."""
    rng = random.Random(seed * 1_000_003 + household_id)
    if rng.random() < 0.16:
        return None
    city, state, zips = CITIES.get(row["jurisdiction"], CITIES["dc"])
    race = row["race"]
    if race == "multiple":
        races = ["american_indian", "white"] if rng.random() < 0.6 else ["black", "white"]
    elif race in hud_codes.SINGLE_RACES or race == codes.NOT_REPORTED:
        races = [race]
    else:
        races = []
    size = row["household_size"]
    married = rng.random() < 0.55 and size > 1  # a married person lives with a spouse
    dependents = min(rng.choice((0, 1, 2, 3)), size - (2 if married else 1)) if size > 1 else 0
    has_score = rng.random() < 0.7
    return {
        "household_id": household_id,
        "street": f"{rng.randint(100, 9999)} {rng.choice(STREETS)}",
        "city": city,
        "state": state,
        "zip_code": rng.choice(zips),
        "races": ",".join(races),
        "gender": _pick(rng, {"female": 60, "male": 37, codes.NOT_REPORTED: 3}),
        "marital_status": "married"
        if married
        else _pick(rng, {"single": 70, "divorced": 15, "separated": 15}),
        "head_of_household": (
            ("married_with_dependents" if dependents else "married_no_dependents")
            if married
            else (
                ("female_single_parent" if rng.random() < 0.8 else "male_single_parent")
                if dependents
                else "single_adult"
            )
        ),
        "education": _pick(
            rng,
            {"elementary": 20, "junior_high": 20, "high_school": 35, "junior_college": 12, "university": 13},
        ),
        "dependents": dependents,
        "disabled": "yes" if rng.random() < 0.08 else "no",
        "farm_worker": "yes" if rng.random() < 0.03 else "no",
        "colonias_resident": "no",
        "discrimination_victim": "yes" if rng.random() < 0.05 else "no",
        "hud_assistance": _pick(rng, {"none": 85, "rental_voucher": 10, "down_payment_assistance": 5}),
        "referred_by": _pick(
            rng, {"agency_outreach": 40, "another_person": 35, "another_agency": 15, "lender": 10}
        ),
        "spoken_language": "es"
        if row["preferred_language"] == "es"
        else _pick(rng, {"en": 70, "pt": 15, "fr": 15}),
        "monthly_debt": float(rng.randrange(0, 1200, 25)),
        "job_months": rng.randint(3, 120),
        "credit_score": rng.randint(560, 760) if has_score else None,
        "credit_score_source": rng.choice(("experian", "equifax", "transunion", "tri_merge"))
        if has_score
        else "",
        "no_credit_score_reason": "" if has_score else rng.choice(("report_without_score", "refused_pull")),
        "updated_at": row.get("created_at"),
        "version": 1,
    }


def case_rows(sessions: list[dict], profiled: set[int]) -> list[dict]:
    """A case per household and purpose from the demo sessions; answered households have a HUD grant."""
    first: dict[tuple[int, str], object] = {}
    for session in sessions:
        key = (session["household_id"], session["purpose"])
        if key not in first or session["session_date"] < first[key]:
            first[key] = session["session_date"]
    return [
        {
            "household_id": hid,
            "purpose": purpose,
            "case_number": hud_client.case_number(hid, purpose),
            "activity_type": "all_counseling",
            "hud_grant": "comprehensive" if hid in profiled else "",
            "opened_on": on,
            "terminated_on": None,  # a closed file's cases end with it (db.hud_client.case_rows)
            "termination": "",
        }
        for (hid, purpose), on in sorted(first.items())
    ]


def write(session, seed: int, ids, rows: list[dict], sessions: list[dict]) -> None:
    """Insert the demo answers and cases of one chunk of new households (before its sessions flush)."""
    profiles = [p for hid, row in zip(ids, rows, strict=True) if (p := profile_row(seed, hid, row))]
    if profiles:
        session.connection().execute(HudClientProfile.__table__.insert(), profiles)
    cases = case_rows(sessions, {p["household_id"] for p in profiles})
    if cases:
        session.connection().execute(HudCase.__table__.insert(), cases)

"""Tenant-law deadlines and caps for DC, Maryland and Virginia, answered with the rule in force on the date asked.

Every figure comes from `calculators/rules/tenancy.toml`. General information, not legal advice.
"""

from __future__ import annotations

import datetime as dt

from calculators import InputError, check_keys, number
from calculators.rules import as_date, load, rule

RULES = "tenancy"

JURISDICTIONS = (
    "dc",
    "montgomery_md",
    "prince_georges_md",
    "takoma_park_md",
    "virginia",
    "arlington_va",
    "fairfax_va",
    "alexandria_va",
)
# State law (deposits, notices) follows the state; rent caps are set by the county or city.
STATE_OF = {
    "dc": "dc",
    "montgomery_md": "maryland",
    "prince_georges_md": "maryland",
    "takoma_park_md": "maryland",
    "virginia": "virginia",
    "arlington_va": "virginia",
    "fairfax_va": "virginia",
    "alexandria_va": "virginia",
}
REASONS = ("nonpayment", "lease_violation", "owner_use", "month_to_month_end")
BUILDINGS = ("single_family", "two_to_four", "five_plus")
RENT_FACTS = frozenset(
    {
        "year_built",
        "elderly_or_disabled",
        "senior_housing",
        "subsidized",
        "registered_exemption",
        "index_rate",
    }
)


def _jurisdiction(value) -> str:
    """Validate a jurisdiction id (the Virginia localities count as Virginia)."""
    if value not in JURISDICTIONS:
        raise InputError("unknown_jurisdiction", "jurisdiction", str(value))
    return value


def _day(value, field: str) -> dt.date:
    """A date from an ISO string or date, with the field named when it is not one."""
    try:
        return as_date(value)
    except InputError:
        raise InputError("bad_date", field) from None


def _in_force(table: str, day: dt.date, field: str, **match) -> dict:
    """The rule row in force, or InputError('no_rule_in_force') pointing at the field that chose the date."""
    try:
        return rule(RULES, table, day, **match)
    except InputError as err:
        if err.code == "no_rule_in_force":
            raise InputError("no_rule_in_force", field, err.detail) from None
        raise


def _cite(row: dict) -> dict:
    """The parts of a rule row a counselor needs to check it."""
    return {
        "citation": row.get("citation", ""),
        "source_url": row["source_url"],
        "effective_from": row["effective_from"].isoformat(),
        "effective_to": row["effective_to"].isoformat() if row.get("effective_to") else None,
        "verified_on": row["verified_on"].isoformat(),
        "note": row.get("note", ""),
    }


# ----------------------------------------------------------------------------------- security deposits


def deposit_cap(jurisdiction: str, monthly_rent, lease_signed) -> dict:
    """The deposit cap for a lease signed on `lease_signed`: months, dollars and the rule behind it."""
    state = STATE_OF[_jurisdiction(jurisdiction)]
    rent = number({"monthly_rent": monthly_rent}, "monthly_rent")
    if rent is None:
        raise InputError("missing_field", "monthly_rent")
    row = _in_force("deposit_cap", _day(lease_signed, "lease_signed"), "lease_signed", jurisdiction=state)
    return {"months": row["months"], "max_deposit": row["months"] * rent, **_cite(row)}


def max_security_deposit(jurisdiction: str, monthly_rent, lease_signed) -> float:
    """The most a landlord may ask as a security deposit for a lease signed on `lease_signed`."""
    return deposit_cap(jurisdiction, monthly_rent, lease_signed)["max_deposit"]


def check_deposit(jurisdiction: str, monthly_rent, deposit, lease_signed) -> dict:
    """Is this deposit allowed? The cap, whether the deposit is within it, and by how much it is over."""
    asked = number({"deposit": deposit}, "deposit")
    if asked is None:
        raise InputError("missing_field", "deposit")
    cap = deposit_cap(jurisdiction, monthly_rent, lease_signed)
    excess = max(0.0, asked - cap["max_deposit"])
    return {**cap, "deposit": asked, "allowed": excess == 0.0, "excess": excess}


def deposit_return_steps(jurisdiction: str, move_out) -> list[dict]:
    """Each deadline the landlord has after move-out (DC has a second step; Virginia an extension)."""
    state = STATE_OF[_jurisdiction(jurisdiction)]
    day = _day(move_out, "move_out")
    row = _in_force("deposit_return", day, "move_out", jurisdiction=state)
    first = day + dt.timedelta(days=row["days"])
    steps = [{"step": "return_or_notice", "days": row["days"], "date": first, **_cite(row)}]
    if row.get("then_days"):
        steps.append(
            {
                "step": "itemized_refund",
                "days": row["days"] + row["then_days"],
                "date": first + dt.timedelta(days=row["then_days"]),
                **_cite(row),
            }
        )
    if row.get("extension_days"):
        steps.append(
            {
                "step": "contractor_extension",
                "days": row["days"] + row["extension_days"],
                "date": first + dt.timedelta(days=row["extension_days"]),
                **_cite(row),
            }
        )
    return steps


def deposit_return_deadline(jurisdiction: str, move_out) -> dt.date:
    """The last day to return the deposit or send the itemized list (the first statutory deadline)."""
    return deposit_return_steps(jurisdiction, move_out)[0]["date"]


# ----------------------------------------------------------------------------------- rent increases


def _rent_group(jurisdiction: str, facts: dict) -> str:
    """Which column of the cap table applies: standard, DC elderly/disabled, or PG senior housing."""
    if jurisdiction == "dc" and facts.get("elderly_or_disabled"):
        return "elderly_disabled"
    if jurisdiction == "prince_georges_md" and facts.get("senior_housing"):
        return "senior"
    return "standard"


def _exemption(jurisdiction: str, row: dict, day: dt.date, facts: dict) -> str | None:
    """Why the unit is outside rent stabilization, as a code, or None when the cap applies."""
    year_built = facts.get("year_built")
    if year_built is not None:
        built_after = row.get("exempt_built_after")
        if built_after is not None and year_built > built_after:
            return "new_building"
        years = row.get("exempt_years_after_built")
        if years is not None and day.year - year_built < years:
            return "new_building"
    if jurisdiction == "dc" and facts.get("subsidized"):
        return "subsidized"
    if jurisdiction == "dc" and facts.get("registered_exemption"):
        return "registered_exemption"
    return None


def _rent_facts(facts: dict) -> dict:
    """Check the facts a cap depends on: unknown names are errors, numbers must be numbers."""
    check_keys(facts, RENT_FACTS)
    clean = {k: bool(v) for k, v in facts.items() if k not in ("year_built", "index_rate")}
    if facts.get("year_built") is not None:
        clean["year_built"] = int(number(facts, "year_built", minimum=1700, maximum=2200))
    if facts.get("index_rate") is not None:
        clean["index_rate"] = number(facts, "index_rate", minimum=-0.2, maximum=0.5)
    return clean


def rent_increase_cap(jurisdiction: str, effective_date, **facts) -> dict:
    """The most rent may rise for an increase taking effect on `effective_date`.

    `max_rate` is the cap as a fraction, or None when no cap applies (`capped` False) or when we do not
    know it. The exact cap comes from the published yearly allowance ([[rent_allowance]]) in force on
    the date; with no allowance on file (and no `index_rate` given) the cap is unknown: `max_rate` is
    None and `exact` False, and `ceiling` stays only as the most the law could allow.
    facts: year_built, elderly_or_disabled (DC, registered), senior_housing (PG), subsidized (DC),
    registered_exemption (DC small landlord), index_rate (the published CPI figure, if known).
    """
    jurisdiction = _jurisdiction(jurisdiction)
    clean = _rent_facts(facts)
    local = (
        jurisdiction
        if jurisdiction in ("dc", "montgomery_md", "prince_georges_md", "takoma_park_md")
        else "virginia"
    )
    day = _day(effective_date, "effective_date")
    group = _rent_group(local, clean)
    row = _in_force("rent_cap", day, "effective_date", jurisdiction=local, group=group)
    result = {
        "jurisdiction": local,
        "group": group,
        "kind": row["kind"],
        "index": row.get("index"),
        "plus": row.get("plus"),
        "ceiling": row.get("ceiling"),
        "rule": row.get("citation", ""),
        **_cite(row),
    }
    if row["kind"] == "none":
        return {**result, "max_rate": None, "capped": False, "exact": True, "exempt": None}
    exempt = _exemption(local, row, day, clean)
    if exempt:
        return {**result, "max_rate": None, "capped": False, "exact": True, "exempt": exempt}
    if row["kind"] == "fixed":
        return {**result, "max_rate": row["rate"], "capped": True, "exact": True, "exempt": None}
    index_rate = clean.get("index_rate")
    allowance = _allowance(local, group, day)
    if allowance is not None and index_rate is None:
        return {
            **result,
            **_cite(allowance),
            "rule": allowance.get("citation", result["rule"]),
            "index_rate": allowance.get("index_rate"),
            "max_rate": allowance["rate"],
            "capped": True,
            "exact": True,
            "exempt": None,
        }
    if index_rate is not None:
        rate = index_rate + row["plus"]
        if row.get("ceiling") is not None:
            rate = min(rate, row["ceiling"])
        return {**result, "max_rate": rate, "capped": True, "exact": True, "exempt": None}
    return {**result, "max_rate": None, "capped": True, "exact": False, "exempt": None}


def _allowance(jurisdiction: str, group: str, day: dt.date) -> dict | None:
    """The published yearly allowance in force on `day`, or None when no figure is on file for that year."""
    try:
        return rule(RULES, "rent_allowance", day, jurisdiction=jurisdiction, group=group)
    except InputError as err:
        if err.code == "no_rule_in_force":
            return None
        raise


def check_rent_increase(jurisdiction: str, effective_date, current_rent, new_rent, **facts) -> dict:
    """Compare a proposed new rent with the cap: verdict is within_cap, over_cap, no_cap or verify."""
    old = number({"current_rent": current_rent}, "current_rent")
    new = number({"new_rent": new_rent}, "new_rent")
    if not old:
        raise InputError("missing_field", "current_rent")
    if new is None:
        raise InputError("missing_field", "new_rent")
    cap = rent_increase_cap(jurisdiction, effective_date, **facts)
    rate = (new - old) / old
    if not cap["capped"]:
        verdict = "no_cap"
    elif cap["max_rate"] is None:
        # this year's figure is unknown; above the law's ceiling is over whatever the figure turns out to be
        ceiling = cap.get("ceiling")
        verdict = "over_cap" if ceiling is not None and rate > ceiling + 1e-9 else "verify"
    elif rate > cap["max_rate"] + 1e-9:
        verdict = "over_cap"
    else:
        verdict = "within_cap" if cap["exact"] else "verify"
    max_rent = old * (1 + cap["max_rate"]) if cap["max_rate"] is not None else None
    return {**cap, "increase_rate": rate, "max_rent": max_rent, "verdict": verdict}


# ----------------------------------------------------------------------------------- eviction notices


def eviction_notice(jurisdiction: str, reason: str, notice_date) -> dict:
    """The notice period for `reason` given on `notice_date`, the first day it runs out, and its source."""
    state = STATE_OF[_jurisdiction(jurisdiction)]
    if reason not in REASONS:
        raise InputError("unknown_reason", "reason", str(reason))
    day = _day(notice_date, "notice_date")
    try:
        row = rule(RULES, "eviction_notice", day, jurisdiction=state, reason=reason)
    except InputError as err:
        if err.code != "no_rule_in_force":
            raise
        # A reason with no row at all has no figure in our notes; a date before the rows is too early.
        known = any(r["reason"] == reason for r in _rows("eviction_notice", jurisdiction=state))
        raise InputError("no_rule_in_force", "notice_date" if known else "reason") from None
    result = {"days": row["days"], "ends_on": day + dt.timedelta(days=row["days"]), **_cite(row)}
    if row.get("cure_days"):
        result["cure_days"] = row["cure_days"]
    return result


def eviction_notice_days(jurisdiction: str, reason: str, notice_date) -> int:
    """Days of written notice the landlord must give for `reason`, under the rule in force on `notice_date`."""
    return eviction_notice(jurisdiction, reason, notice_date)["days"]


def _rows(table: str, **match) -> list[dict]:
    """Every row of a table (any date) whose keys equal `match`."""
    return [r for r in load(RULES)[table] if all(r.get(k) == v for k, v in match.items())]


# ----------------------------------------------------------------------------------- DC TOPA


def topa_deadlines(building: str, offer_date) -> list[dict]:
    """DC TOPA steps in force on the offer date, with a calendar date for each step counted from the offer."""
    if building not in BUILDINGS:
        raise InputError("unknown_building", "building", str(building))
    day = _day(offer_date, "offer_date")
    steps = []
    for row in _rows("topa_step", building=building):
        if row["effective_from"] > day or (row.get("effective_to") and day >= row["effective_to"]):
            continue
        counted = row["counted_from"]
        steps.append(
            {
                "step": row["step"],
                "days": row["days"],
                "counted_from": counted,
                "date": day + dt.timedelta(days=row["days"]) if counted == "offer" else None,
                **_cite(row),
            }
        )
    if not steps:
        raise InputError("no_rule_in_force", "offer_date")
    return steps

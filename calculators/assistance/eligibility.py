"""Whether a program is open to a household: its rows in force, its limits, and the reason codes that say why not."""

from __future__ import annotations

import datetime as dt

from calculators import InputError, rules
from calculators.ami import ami_percent, income_limit_at

# HUD ML 2025-09: FHA only for citizens and permanent residents on case numbers from this day.
FHA_RESIDENCY_FROM = dt.date(2025, 5, 25)

# Codes that put a program out of reach; every other code is information ("verify ...").
BLOCKING = frozenset(
    {
        "wrong_area",
        "program_closed",
        "employer_required",
        "not_first_time_buyer",
        "income_over_limit",
        "income_below_minimum",
        "price_over_limit",
        "assets_over_limit",
        "credit_score_below_minimum",
        "ssn_required",
        "residency_ineligible",
        "id_rule_unknown",
        "loan_type_not_allowed",
    }
)



def _program_file(program_id: str) -> dict:  # not cached here: agency rows may be laid over it
    return rules.load(f"assistance/{program_id}")


def program_row(program_id: str, as_of: dt.date) -> dict | None:
    """The program's row in force on `as_of` (None when it has none: closed or not yet started)."""
    rows = rules.rows_in_force(_program_file(program_id)["program"], as_of)
    return max(rows, key=lambda r: r["effective_from"]) if rows else None


def limits_row(program_id: str, jurisdiction: str, as_of: dt.date) -> dict | None:
    """The program's income/price limits in force for a jurisdiction (None when none are published)."""
    rows = _program_file(program_id).get("limits", [])
    rows = [r for r in rules.rows_in_force(rows, as_of) if r["jurisdiction"] == jurisdiction]
    return max(rows, key=lambda r: r["effective_from"]) if rows else None


def _fha_blockers(hh: dict, as_of: dt.date) -> list[str]:
    """Why an FHA first mortgage is out for this household (SSN always; residency from 2025-05-25)."""
    out = []
    if hh["id_type"] != "ssn":
        out.append("ssn_required")
    if as_of >= FHA_RESIDENCY_FROM and hh["residency"] == "non_permanent_resident":
        out.append("residency_ineligible")
    return out


def income_limit(row: dict, limits: dict | None, hh: dict, as_of: dt.date) -> float | None:
    """The program's income limit for this household size (None when unpublished or there is none)."""
    if limits is None:
        return None
    size = hh["household_size"]
    if "income_limits" in limits:
        table = limits["income_limits"]
        return float(table[min(size, len(table)) - 1])
    if "income_limit" in limits:
        return float(limits["income_limit"])
    if "income_limit_ami_percent" in limits:
        return _unless_median_unknown(
            income_limit_at, limits["income_limit_ami_percent"], hh["jurisdiction"], size, as_of
        )
    return None


def _unless_median_unknown(func, *args):
    """func(*args), or None when no HUD median is in force on the date (unknown, never last year's)."""
    try:
        return func(*args)
    except InputError as err:
        if err.code == "no_rule_in_force":
            return None
        raise


def _price_limit(limits: dict | None, purchase: dict) -> float | None:
    if limits is None:
        return None
    if purchase["new_construction"] and "price_limit_new" in limits:
        return float(limits["price_limit_new"])
    return float(limits["price_limit"]) if "price_limit" in limits else None


def _eligibility(
    row: dict, limits: dict | None, hh: dict, purchase: dict, as_of: dt.date
) -> tuple[list, dict]:
    """Reason codes and the figures behind them (limits used, household's percent of median)."""
    reasons: list[str] = []
    facts: dict = {"income_limit": None, "price_limit": None, "ami_percent": None}
    if hh["jurisdiction"] not in row["jurisdictions"]:
        return ["wrong_area"], facts
    if row.get("status") == "closed":
        reasons.append("program_closed")
    employer = row.get("employer_required")
    if employer and hh["employer"] != employer:
        reasons.append("employer_required")
    if row.get("first_time_required") and not hh["first_time_buyer"]:
        reasons.append("not_first_time_buyer")

    income = hh["borrower_income"] if row.get("income_basis") == "borrower" else hh["income"]
    facts["ami_percent"] = _unless_median_unknown(
        ami_percent, hh["jurisdiction"], hh["household_size"], hh["income"], as_of
    )
    if not row.get("no_income_limit"):
        limit = income_limit(row, limits, hh, as_of)
        facts["income_limit"] = limit
        if limit is None and "tiers" not in row:
            reasons.append("income_limit_unknown")
        elif limit is not None and income > limit:
            reasons.append("income_over_limit")
    if income < row.get("income_min", 0):
        reasons.append("income_below_minimum")

    price = purchase["price"]
    facts["price_limit"] = _price_limit(limits, purchase)
    if price is not None and facts["price_limit"] is not None and price > facts["price_limit"]:
        reasons.append("price_over_limit")
    share = row.get("asset_price_share_max")
    if share is not None and price is not None and hh["liquid_assets"] > share * price:
        reasons.append("assets_over_limit")

    reasons += _loan_and_id(row, hh, purchase, as_of)
    return reasons, facts


def _loan_and_id(row: dict, hh: dict, purchase: dict, as_of: dt.date) -> list[str]:
    """Loan-type, credit, SSN/ITIN and residency reasons; an unknown ID rule never counts as a yes."""
    reasons = []
    allowed = row.get("loan_types")
    loan = purchase["loan_type"]
    if loan is not None and allowed is not None and loan not in allowed:
        reasons.append("loan_type_not_allowed")
    if loan == "fha":
        reasons += _fha_blockers(hh, as_of)
    elif loan is None and allowed is not None:
        # no loan chosen yet: out only when every first mortgage the program allows is out
        usable = [t for t in allowed if t != "fha" or not _fha_blockers(hh, as_of)]
        if not usable:
            reasons += _fha_blockers(hh, as_of)

    credit_min = row.get("credit_min")
    if "credit_min_by_loan" in row:
        table = row["credit_min_by_loan"]
        credit_min = table.get(loan) if loan else min(table.values())
    if credit_min is not None and hh["credit_score"] is not None and hh["credit_score"] < credit_min:
        reasons.append("credit_score_below_minimum")
    elif credit_min is not None and hh["credit_score"] is None:
        reasons.append("credit_score_needed")

    if hh["id_type"] == "itin":
        if row.get("ssn_required"):
            reasons.append("ssn_required")
        elif "ssn_required" not in row:
            reasons.append("id_rule_unknown")
    allowed_res = row.get("residency_allowed")
    if allowed_res is not None and hh["residency"] not in allowed_res:
        reasons.append("residency_ineligible")
    return list(dict.fromkeys(reasons))

"""Every program screened for a household: one verdict each, with reasons, and the changes that would open more."""

from __future__ import annotations

import datetime as dt

from calculators import repayment, rules
from calculators.assistance.amounts import _amount, _terms, _tier, buyer_contribution
from calculators.assistance.eligibility import BLOCKING, _eligibility, limits_row, program_row
from calculators.assistance.inputs import PROGRAM_IDS, _as_of, check_household, check_purchase


def _closed_entry(program_id: str) -> dict:
    """A program with no row in force on the date asked."""
    return {
        "program": program_id,
        "name": {"en": program_id, "es": program_id},
        "jurisdiction": [],
        "eligible": False,
        "amount": None,
        "kind": None,
        "monthly_payment": None,
        "reasons": ["program_closed"],
        "source_url": None,
        "effective_from": None,
        "verified_on": None,
    }


def screen_one(program_id: str, hh: dict, purchase: dict, as_of: dt.date) -> dict:
    """One program's verdict for a validated household and purchase."""
    row = program_row(program_id, as_of)
    if row is None:
        return _closed_entry(program_id)
    limits = limits_row(program_id, hh["jurisdiction"], as_of)
    reasons, facts = _eligibility(row, limits, hh, purchase, as_of)
    tier = _tier(row, facts["ami_percent"])
    if "tiers" in row and tier is None and "wrong_area" not in reasons:
        reasons.append("income_over_limit" if facts["ami_percent"] is not None else "income_limit_unknown")
    terms = _terms(row, tier)
    amount, amount_reasons = _amount(row, tier, hh, purchase, purchase["loan_type"])
    eligible = not BLOCKING.intersection(reasons)
    if eligible:
        reasons += amount_reasons
    kind = "amortizing_loan" if terms["type"] == "deferred_then_amortizing" else row["kind"]
    return {
        "program": program_id,
        "name": dict(row["name"]),
        "jurisdiction": list(row["jurisdictions"]),
        "eligible": eligible,
        "amount": amount if eligible else None,
        "amount_cap": row.get("amount_cap")
        or (max(t.get("gap_max", 0) for t in row["tiers"]) if "tiers" in row else None),
        "kind": kind,
        "monthly_payment": repayment.monthly_payment(terms, amount) if eligible else None,
        "repayment": terms,
        "reasons": reasons,
        "contribution": buyer_contribution(row, hh, purchase["price"]),
        "combines_with": list(row.get("combines_with", [])),
        "income_limit": facts["income_limit"],
        "price_limit": facts["price_limit"],
        "ami_percent": facts["ami_percent"],
        "id_rule": dict(row["id_rule"]),
        "note": dict(row.get("note", {"en": "", "es": ""})),
        **rules.source_of(row),
    }



def screen(household: dict, purchase: dict | None = None, as_of=None) -> list[dict]:
    """One entry for every program: eligible or not, the amount, repayment kind, reason codes and source."""
    hh = check_household(household)
    pur = check_purchase(purchase)
    day = _as_of(as_of)
    return [screen_one(pid, hh, pur, day) for pid in PROGRAM_IDS]


def eligible_ids(results: list[dict]) -> set[str]:
    return {r["program"] for r in results if r["eligible"]}


def hints(household: dict, purchase: dict | None = None, as_of=None) -> list[dict]:
    """What would change the answer: one more or one fewer person, first-time status, a lower price.

    Each hint names the change and the programs it would open; only changes that open one appear.
    """
    base = eligible_ids(screen(household, purchase, as_of))
    hh = check_household(household)
    purchase = dict(purchase or {})
    tries = [("household_size", hh["household_size"] + 1)]
    if hh["household_size"] > 1:
        tries.append(("household_size", hh["household_size"] - 1))
    if not hh["first_time_buyer"]:
        tries.append(("first_time_buyer", True))
    out = []
    for key, value in tries:
        gained = eligible_ids(screen({**household, key: value}, purchase, as_of)) - base
        if gained:
            out.append({"change": key, "value": value, "programs": sorted(gained)})
    if purchase.get("price"):
        limits = sorted(
            {
                r["price_limit"]
                for r in screen(household, purchase, as_of)
                if "price_over_limit" in r["reasons"]
            },
            reverse=True,
        )
        for limit in limits:
            lower = {**purchase, "price": limit}
            if lower.get("first_mortgage_amount") and lower["first_mortgage_amount"] > limit:
                lower.pop("first_mortgage_amount")
            gained = eligible_ids(screen(household, lower, as_of)) - base
            if gained:
                out.append({"change": "price", "value": limit, "programs": sorted(gained)})
    return out

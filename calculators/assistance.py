"""Down-payment assistance: which DC-metro programs a household can use, how much, and how they stack.

`screen` returns one entry for every program so a counselor sees why each one is out; `stack`
applies each program's "combines with" rule; `hints` says which changes would open more programs.
Program figures live in `calculators/rules/assistance/*.toml`; a figure that is not known is left
out and the entry says so with a reason code (the UI then says "verify with the program").
"""

from __future__ import annotations

import datetime as dt
import math

from calculators import InputError, check_keys, number, repayment, rules
from calculators.ami import METRO_JURISDICTIONS, ami_percent, check_size, income_limit_at

PROGRAM_IDS = (
    "dc_hpap",
    "dc_open_doors",
    "dc_eahp",
    "md_mmp_6000",
    "md_mmp_percent",
    "md_montgomery_mhp",
    "md_pg_pathway",
    "va_housing_grant",
    "va_arlington_mipap",
    "va_alexandria_fhap",
    "va_fairfax_fthb",
)
JURISDICTIONS = (*METRO_JURISDICTIONS, "other")
LOAN_TYPES = ("conventional", "fha", "va", "usda", "itin")
ID_TYPES = ("ssn", "itin")
RESIDENCIES = ("citizen", "permanent_resident", "non_permanent_resident")
EMPLOYERS = ("dc_government", "montgomery_county", "none")
HOUSEHOLD_KEYS = frozenset(
    {
        "jurisdiction",
        "household_size",
        "annual_household_income",
        "borrower_annual_income",
        "liquid_assets",
        "first_time_buyer",
        "id_type",
        "residency",
        "credit_score",
        "employer",
    }
)
PURCHASE_KEYS = frozenset({"price", "loan_type", "first_mortgage_amount", "new_construction"})
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


def _choice(data: dict, key: str, options: tuple, default):
    value = data.get(key, default)
    if value is None:
        return default
    if value not in options:
        raise InputError("unknown_option", key)
    return value


def _flag(data: dict, key: str, default: bool) -> bool:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InputError("not_a_yes_no", key)
    return value


def check_household(household: dict) -> dict:
    """Validate the household and fill defaults (borrower income = household income, SSN, citizen)."""
    check_keys(household, HOUSEHOLD_KEYS, ("jurisdiction", "household_size", "annual_household_income"))
    income = number(household, "annual_household_income")
    borrower = number(household, "borrower_annual_income", income)
    credit = number(household, "credit_score", None, minimum=300, maximum=850)
    return {
        "jurisdiction": _choice(household, "jurisdiction", JURISDICTIONS, None),
        "household_size": check_size(household["household_size"]),
        "income": income,
        "borrower_income": borrower,
        "liquid_assets": number(household, "liquid_assets", 0.0),
        "first_time_buyer": _flag(household, "first_time_buyer", True),
        "id_type": _choice(household, "id_type", ID_TYPES, "ssn"),
        "residency": _choice(household, "residency", RESIDENCIES, "citizen"),
        "credit_score": credit,
        "employer": _choice(household, "employer", EMPLOYERS, "none"),
    }


def check_purchase(purchase: dict | None) -> dict:
    """Validate the optional purchase (price, loan type, first-mortgage amount)."""
    purchase = {} if purchase is None else purchase
    check_keys(purchase, PURCHASE_KEYS)
    price = number(purchase, "price", None)
    if price is not None and price <= 0:
        raise InputError("out_of_range", "price")
    first = number(purchase, "first_mortgage_amount", None)
    if first is not None and price is not None and first > price:
        raise InputError("loan_over_price", "first_mortgage_amount")
    return {
        "price": price,
        "loan_type": _choice(purchase, "loan_type", LOAN_TYPES, None),
        "first_mortgage_amount": first,
        "new_construction": _flag(purchase, "new_construction", False),
    }


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


def _tier(row: dict, percent: float | None) -> dict | None:
    """The income tier (HPAP) the household's percent of median falls in."""
    for tier in row.get("tiers", []):
        if percent is not None and percent <= tier["max_ami_percent"]:
            return tier
    return None


def _terms(row: dict, tier: dict | None) -> dict:
    """Repayment terms: the tier's when the program has tiers, else the program's."""
    source = {**row, **(tier or {})}
    keys = ("due_years", "forgive_years", "deferred_years", "amortize_years", "appreciation_share_max")
    return {"type": source.get("repayment", "deferred"), **{k: source[k] for k in keys if k in source}}


def _amount(
    row: dict, tier: dict | None, hh: dict, purchase: dict, loan: str | None
) -> tuple[float | None, list]:
    """The most the program gives this household, or None with the reason it cannot be computed."""
    price, first = purchase["price"], purchase["first_mortgage_amount"]
    if row["kind"] == "referral":
        return None, ["referral_only"]
    if row.get("amount_terms_unknown"):
        return None, ["amount_unknown"]
    if "tiers" in row:
        if tier is None or "gap_max" not in tier:
            return None, ["amount_unknown"]
        gap = float(tier["gap_max"])
        if price is not None:
            gap = min(gap, row["amount_price_share_max"] * price)
        if first is not None and row.get("amount_first_mortgage_max"):
            gap = min(gap, first)
        return gap + row.get("closing_cost_max", 0.0), []
    if "amount_price_share_by_loan" in row:
        table = row["amount_price_share_by_loan"]
        if price is None:
            return None, ["amount_needs_price"]
        # with no loan chosen yet, the best loan the household can use
        shares = [table[loan]] if loan in table else [table[t] for t in table if loan is None]
        if not shares:
            return None, ["amount_unknown"]
        return max(shares) * price + row.get("closing_cost_max", 0.0), []
    if "amount_first_mortgage_share" in row:
        if first is None:
            return None, ["amount_needs_loan"]
        return row["amount_first_mortgage_share"] * first, []
    if "amount_borrower_income_share" in row:
        return min(row["amount_cap"], row["amount_borrower_income_share"] * hh["borrower_income"]), []
    if "amount_price_share_max" in row:
        if price is None:
            return None, ["amount_needs_price"]
        return row["amount_price_share_max"] * price, []
    amount = float(row.get("amount_fixed", 0.0))
    if "match_step" in row:
        steps = math.floor(hh["liquid_assets"] / row["match_step"])
        amount += min(row["match_max"], row["match_per_step"] * steps)
    return amount, []


def buyer_contribution(row: dict, hh: dict, price: float | None) -> float | None:
    """The least the buyer must put in from their own money under the program's rule (None if it has none)."""
    parts = []
    if "contribution_fixed" in row:
        parts.append(float(row["contribution_fixed"]))
    if "contribution_asset_share" in row:
        above = max(0.0, hh["liquid_assets"] - row.get("contribution_asset_floor", 0.0))
        parts.append(row["contribution_asset_share"] * above)
    if "contribution_price_share" in row and price is not None:
        parts.append(row["contribution_price_share"] * price)
    return max(parts) if parts else None


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


def _as_of(as_of) -> dt.date:
    return rules.as_date(as_of) if as_of is not None else rules.today()


def screen(household: dict, purchase: dict | None = None, as_of=None) -> list[dict]:
    """One entry for every program: eligible or not, the amount, repayment kind, reason codes and source."""
    hh = check_household(household)
    pur = check_purchase(purchase)
    day = _as_of(as_of)
    return [screen_one(pid, hh, pur, day) for pid in PROGRAM_IDS]


def _combine(a: dict, b: dict) -> bool:
    """Two programs stack when either one's rule says it combines with the other."""
    return b["program"] in a["combines_with"] or a["program"] in b["combines_with"]


def stack(
    results: list[dict], purchase: dict | None = None, years: int = 30, appreciation_rate: float = 0.0
) -> dict:
    """The eligible programs that can be used together (largest first), their total, payment and schedule.

    A pair whose rules do not say they combine is not stacked: the smaller one is listed in `skipped`
    so the counselor asks the programs. Referrals and unknown amounts are never counted.
    """
    pur = check_purchase(purchase)
    usable = [r for r in results if r["eligible"] and r["amount"] is not None and r["kind"] != "referral"]
    usable.sort(key=lambda r: -r["amount"])
    chosen: list[dict] = []
    skipped = []
    for entry in usable:
        clash = [c["program"] for c in chosen if not _combine(c, entry)]
        if clash:
            skipped.append({"program": entry["program"], "conflicts_with": clash})
        else:
            chosen.append(entry)
    rows = []
    for year in range(1, years + 1):
        owed = sum(
            repayment.owed_after(c["repayment"], c["amount"], pur["price"], year, appreciation_rate)
            for c in chosen
        )
        paid = sum(repayment.paid_by(c["repayment"], c["amount"], year) for c in chosen)
        rows.append({"year": year, "paid_so_far": paid, "owed_if_sold": owed})
    contributions = [c["contribution"] for c in chosen if c["contribution"] is not None]
    return {
        "programs": [c["program"] for c in chosen],
        "total": sum(c["amount"] for c in chosen),
        "monthly_payment": sum(c["monthly_payment"] or 0.0 for c in chosen),
        "contribution": max(contributions) if contributions else 0.0,
        "skipped": skipped,
        "schedule": rows if chosen else [],
    }


def purchase_effect(stacked: dict, cash_to_close: float, monthly_total: float) -> dict:
    """Cash to close and monthly cost before and after the stacked assistance."""
    after_cash = max(0.0, cash_to_close - stacked["total"])
    return {
        "cash_to_close_before": cash_to_close,
        "cash_to_close_after": after_cash,
        "monthly_before": monthly_total,
        "monthly_after": monthly_total + stacked["monthly_payment"],
    }


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

"""How much a program gives a household and on what terms: its income tier, repayment and buyer contribution."""

from __future__ import annotations

import math


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

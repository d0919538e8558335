"""Affordability with assistance: the highest price and its monthly cost with and without the DPA total."""

from __future__ import annotations

from calculators import InputError, check_keys, number
from calculators.affordability.max_price import max_price

EXTRA_KEYS = frozenset({"annual_rate", "monthly_debts", "loan_type"})


def scenario_for(household: dict, purchase: dict | None, extra: dict) -> dict:
    """An affordability scenario from the finder's answers (cash available = the household's savings)."""
    check_keys(extra, EXTRA_KEYS, ("annual_rate",))
    purchase = purchase or {}
    loan = extra.get("loan_type") or purchase.get("loan_type")
    if loan is None:
        loan = "itin" if household.get("id_type") == "itin" else "conventional"
    income = number(household, "annual_household_income")
    if not income:
        raise InputError("no_income", "annual_household_income")
    scenario = {
        "loan_type": loan,
        "annual_rate": number(extra, "annual_rate", maximum=0.20),
        "gross_monthly_income": income / 12,
        "cash_available": number(household, "liquid_assets", 0.0),
        "monthly_debts": number(extra, "monthly_debts", 0.0),
        "jurisdiction": household["jurisdiction"],
        "first_time_buyer": household.get("first_time_buyer", True),
        "id_type": household.get("id_type", "ssn"),
        "residency": household.get("residency", "citizen"),
    }
    if household.get("credit_score") is not None:
        scenario["credit_score"] = household["credit_score"]
    return scenario


def compare(scenario: dict, assistance_total: float) -> dict:
    """`max_price` without and with the assistance as cash toward closing, side by side."""
    total = number({"assistance": assistance_total}, "assistance")
    return {
        "without": max_price({**scenario, "assistance": 0.0}),
        "with": max_price({**scenario, "assistance": total}),
        "assistance": total,
    }

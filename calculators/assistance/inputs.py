"""The assistance finder's inputs: program ids, the household and purchase keys, checked with defaults filled."""

from __future__ import annotations

import datetime as dt

from calculators import InputError, check_keys, number, rules
from calculators.ami import METRO_JURISDICTIONS, check_size

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



def _as_of(as_of) -> dt.date:
    return rules.as_date(as_of) if as_of is not None else rules.today()

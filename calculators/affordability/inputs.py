"""Scenario keys and input checks for the affordability calculator, and the rule defaults a page shows."""

from __future__ import annotations

import datetime as dt

from calculators import InputError, number
from calculators import loan_products as rules
from calculators.rules import as_date, today

COMMON_KEYS = frozenset(
    {
        "loan_type",
        "annual_rate",
        "gross_monthly_income",
        "term_years",
        "monthly_debts",
        "credit_score",
        "jurisdiction",
        "property_tax_rate",
        "homestead_deduction",
        "annual_insurance",
        "monthly_hoa",
        "closing_cost_rate",
        "seller_credit",
        "assistance",
        "pmi_rate",
        "min_down_rate",
        "front_limit",
        "back_limit",
        "loan_limit",
        "va_first_use",
        "va_exempt",
        "id_type",
        "residency",
        "first_time_buyer",
        "veteran",
        "as_of",
        "cash_available",
        "reserves",
    }
)
ANALYZE_KEYS = COMMON_KEYS | {"price", "down_payment"}
MAX_PRICE_KEYS = COMMON_KEYS | {"down_payment_rate"}
ID_TYPES = ("ssn", "itin")
RESIDENCIES = ("citizen", "permanent_resident", "non_permanent_resident")
MAX_RATE = 0.20
TERM_RANGE = (10, 40)
MAX_INCOME = 10_000_000.0  # a month; keeps every search finite
MAX_PRICE = 1e10


def _flag(data: dict, key: str, default: bool) -> bool:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InputError("not_a_boolean", key)
    return value


def _choice(data: dict, key: str, options: tuple, default: str | None, code: str) -> str:
    value = data.get(key, default)
    if value is None:
        raise InputError("missing_field", key)
    if value not in options:
        raise InputError(code, key, str(value))
    return value


def _share(data: dict, key: str) -> float | None:
    """An optional rate or ratio that must lie between 0 and 1."""
    return number(data, key, None, minimum=0.0, maximum=1.0)


def _check_rate(data: dict) -> float:
    value = data.get("annual_rate")
    if value is None:
        raise InputError("missing_field", "annual_rate")
    try:
        rate = number(data, "annual_rate", minimum=None)
    except InputError as err:
        raise InputError(err.code, "annual_rate") from None
    # 0% is allowed here (monthly_payment handles it); the page asks for a rate above 0.
    if rate < 0 or rate > MAX_RATE:
        raise InputError("rate_out_of_range", "annual_rate")
    return rate


def _check_term(data: dict) -> float:
    term = number(data, "term_years", 30, minimum=None)
    if not TERM_RANGE[0] <= term <= TERM_RANGE[1]:
        raise InputError("term_out_of_range", "term_years")
    return term


def _check_income(data: dict) -> float:
    if data.get("gross_monthly_income") is None:
        raise InputError("no_income", "gross_monthly_income")
    income = number(data, "gross_monthly_income", minimum=None, maximum=MAX_INCOME)
    if income <= 0:
        raise InputError("no_income", "gross_monthly_income")
    return income


def _as_of(data: dict) -> dt.date:
    value = data.get("as_of")
    if value is None:
        return today()
    try:
        return as_date(value)
    except InputError:
        raise InputError("bad_date", "as_of") from None



def defaults(loan_type: str, jurisdiction: str = "dc", credit_score=None, as_of=None) -> dict:
    """The rule defaults a page shows before the counselor overrides them: {field: assumptions entry}.

    Fields with no figure on file are present with value None, so the page can say "verify".
    """
    day = as_date(as_of) if as_of is not None else today()
    if loan_type not in rules.LOAN_TYPES:
        raise InputError("unknown_loan_type", "loan_type", str(loan_type))
    if jurisdiction not in rules.JURISDICTIONS:
        raise InputError("unknown_jurisdiction", "jurisdiction", str(jurisdiction))
    credit = number({"credit_score": credit_score}, "credit_score", minimum=300, maximum=850)
    guideline, maximum = rules.dti_rows(loan_type, day)
    found = {}

    def put(key, row, column):
        value = row.get(column) if row is not None else None
        found[key] = rules.cite(key, value, row if value is not None else None, day)

    put("property_tax_rate", rules.property_tax_row(jurisdiction, day), "rate")
    put("homestead_deduction", rules.homestead_row(jurisdiction, day), "amount")
    put("annual_insurance", rules.insurance_row(jurisdiction, day), "annual")
    put("closing_cost_rate", rules.closing_cost_row(jurisdiction, day), "rate")
    put("min_down_rate", rules.min_down_row(loan_type, credit, day), "rate")
    put("front_limit", guideline, "front")
    put("back_limit", guideline, "back")
    put("front_max", maximum, "front")
    put("back_max", maximum, "back")
    put("loan_limit", rules.loan_limit_row(loan_type, jurisdiction, day), "amount")
    put("credit_minimum", rules.credit_minimum_row(loan_type, day), "score")
    return found

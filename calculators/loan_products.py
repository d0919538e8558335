"""Loan-product and property rules for affordability, read from the dated tables in rules/loans and rules/property."""

from __future__ import annotations

import datetime as dt

from calculators import InputError
from calculators.rules import is_stale, load, rows_in_force, source_of

LOANS = "loans"
PROPERTY = "property"
LOAN_TYPES = ("conventional", "fha", "va", "usda", "itin")
JURISDICTIONS = (
    "dc",
    "montgomery_md",
    "prince_georges_md",
    "arlington_va",
    "fairfax_va",
    "alexandria_va",
    "other",
)
# Insurance averages are published by state; the DC-metro counties take their state's figure.
STATE_OF = {
    "dc": "dc",
    "montgomery_md": "maryland",
    "prince_georges_md": "maryland",
    "arlington_va": "virginia",
    "fairfax_va": "virginia",
    "alexandria_va": "virginia",
}
# Which loan-limit table applies to each product (none: VA full entitlement, USDA, ITIN portfolio loans).
LIMIT_PROGRAM = {"conventional": "conforming", "fha": "fha"}
# Floats such as 304000/320000 must land on the 0.95 boundary the way a person reads it.
EPS = 1e-9


def cite(field: str, value, row: dict | None, as_of: dt.date) -> dict:
    """One `assumptions` entry: the default used, and where it comes from (None for plain defaults)."""
    entry = {"field": field, "value": value, "source_url": None, "effective_from": None, "verified_on": None}
    if row is not None:
        entry.update(source_of(row))
        entry["stale"] = is_stale(row, as_of)
        if row.get("note"):
            entry["note"] = row["note"]
    return entry


def _rows(name: str, table: str, as_of: dt.date, **match) -> list[dict]:
    return [
        r for r in rows_in_force(load(name)[table], as_of) if all(r.get(k) == v for k, v in match.items())
    ]


def _latest(rows: list[dict]) -> dict | None:
    return max(rows, key=lambda r: r["effective_from"]) if rows else None


def _in_force_or_error(name: str, table: str, as_of: dt.date, **match) -> list[dict]:
    """Rows in force; InputError('no_rule_in_force', 'as_of') when the date has none (e.g. before 2023)."""
    rows = _rows(name, table, as_of, **match)
    if not rows:
        raise InputError("no_rule_in_force", "as_of", f"{name}.{table} {match}")
    return rows


def min_down_row(loan_type: str, credit: float | None, as_of: dt.date) -> dict:
    """The minimum-down-payment row for a product and credit score (unknown credit: the usual, best tier)."""
    rows = _in_force_or_error(LOANS, "min_down", as_of, loan_type=loan_type)
    if credit is None:
        return max(rows, key=lambda r: (r["credit_min"], r["effective_from"]))
    fitting = [r for r in rows if credit >= r["credit_min"]]
    if not fitting:  # below every tier: the product is out anyway; show its strictest minimum
        return max(rows, key=lambda r: (r["rate"], r["effective_from"]))
    return max(fitting, key=lambda r: (r["credit_min"], r["effective_from"]))


def credit_minimum_row(loan_type: str, as_of: dt.date) -> dict | None:
    return _latest(_rows(LOANS, "credit_minimum", as_of, loan_type=loan_type))


def dti_rows(loan_type: str, as_of: dt.date) -> tuple[dict | None, dict | None]:
    """(counseling guideline, program maximum) rows; either may be None when no figure is on file."""
    return (
        _latest(_rows(LOANS, "dti_guideline", as_of, loan_type=loan_type)),
        _latest(_rows(LOANS, "dti_maximum", as_of, loan_type=loan_type)),
    )


def borrower_row(loan_type: str, as_of: dt.date) -> dict | None:
    return _latest(_rows(LOANS, "borrower", as_of, loan_type=loan_type))


def loan_limit_row(loan_type: str, jurisdiction: str, as_of: dt.date) -> dict | None:
    program = LIMIT_PROGRAM.get(loan_type)
    if program is None:
        return None
    rows = [
        r for r in _rows(LOANS, "loan_limit", as_of, program=program) if jurisdiction in r["jurisdictions"]
    ]
    return _latest(rows)


def fha_upfront_row(as_of: dt.date) -> dict:
    return _latest(_in_force_or_error(LOANS, "fha_upfront_mip", as_of))


def fha_annual_rows(as_of: dt.date) -> list[dict]:
    return _in_force_or_error(LOANS, "fha_annual_mip", as_of)


def fha_annual_rate(rows: list[dict], base_loan: float, ltv: float, term_years: float) -> dict:
    """The ML 2023-05 annual MIP row for a term, base loan and LTV."""
    long_term = term_years > 15
    for row in rows:
        large = base_loan > row["loan_threshold"]
        if row["long_term"] != long_term or row["large_loan"] != large:
            continue
        if ltv > row["ltv_over"] + EPS and ("ltv_max" not in row or ltv <= row["ltv_max"] + EPS):
            return row
        if row["ltv_over"] == 0.0 and ltv <= row.get("ltv_max", 1.0) + EPS:
            return row  # the lowest band includes LTV 0
    raise InputError("no_rule_in_force", "as_of", "loans.fha_annual_mip")


def va_fee_rows(first_use: bool, as_of: dt.date) -> list[dict]:
    return sorted(
        _in_force_or_error(LOANS, "va_funding_fee", as_of, first_use=first_use), key=lambda r: r["down_min"]
    )


def va_fee_rate(rows: list[dict], down_share: float) -> dict:
    """The funding-fee row for the down payment's share of the price (bands start at `down_min`)."""
    chosen = rows[0]
    for row in rows:
        if down_share + EPS >= row["down_min"]:
            chosen = row
    return chosen


def usda_row(as_of: dt.date) -> dict:
    return _latest(_in_force_or_error(LOANS, "usda_fees", as_of))


def conventional_mi_rows(as_of: dt.date) -> list[dict]:
    return _rows(LOANS, "conventional_mi", as_of)


def conventional_mi_rate(rows: list[dict], ltv: float, credit: float | None) -> dict | None:
    """The MI row for an LTV band and credit score; unknown credit takes the band's highest rate (cautious)."""
    band = [r for r in rows if r["ltv_over"] + EPS < ltv <= r["ltv_max"] + EPS]
    if not band:
        return None
    if credit is None:
        return max(band, key=lambda r: r["rate"])
    fitting = [r for r in band if credit >= r["credit_min"]]
    return max(fitting, key=lambda r: r["credit_min"]) if fitting else None


def property_tax_row(jurisdiction: str, as_of: dt.date) -> dict | None:
    return _latest(_rows(PROPERTY, "property_tax", as_of, jurisdiction=jurisdiction))


def homestead_row(jurisdiction: str, as_of: dt.date) -> dict | None:
    return _latest(_rows(PROPERTY, "homestead_deduction", as_of, jurisdiction=jurisdiction))


def homestead_unknown(jurisdiction: str, as_of: dt.date) -> bool:
    """The jurisdiction has a homestead deduction, but no row is in force on the date (the year's amount is missing)."""
    rows = load(PROPERTY)["homestead_deduction"]
    return any(r["jurisdiction"] == jurisdiction for r in rows) and homestead_row(jurisdiction, as_of) is None


def insurance_row(jurisdiction: str, as_of: dt.date) -> dict | None:
    state = STATE_OF.get(jurisdiction)
    return _latest(_rows(PROPERTY, "insurance", as_of, jurisdiction=state)) if state else None


def closing_cost_row(jurisdiction: str, as_of: dt.date) -> dict | None:
    return _latest(_rows(PROPERTY, "closing_costs", as_of, jurisdiction=jurisdiction)) or _latest(
        _rows(PROPERTY, "closing_costs", as_of, jurisdiction="all")
    )

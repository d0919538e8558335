"""The assistance finder's household and purchase form; every value lives in the URL as a code or number."""

from __future__ import annotations

import streamlit as st

from ui.errors import FieldErrors
from ui.text import N_, _
from ui.url_inputs import bound_number, coded_choice, labels

__all__ = ["household_form", "purchase_form"]

JURISDICTIONS = {
    "dc": N_("District of Columbia"),
    "montgomery_md": N_("Montgomery County, MD"),
    "prince_georges_md": N_("Prince George's County, MD"),
    "arlington_va": N_("Arlington County, VA"),
    "fairfax_va": N_("Fairfax County, VA"),
    "alexandria_va": N_("City of Alexandria, VA"),
    "other": N_("Somewhere else"),
}
ID_TYPES = {"ssn": N_("Social Security number (SSN)"), "itin": N_("ITIN only (tax ID number)")}
RESIDENCIES = {
    "citizen": N_("U.S. citizen"),
    "permanent_resident": N_("Permanent resident (green card)"),
    "non_permanent_resident": N_("Other status (work permit, visa, DACA, TPS)"),
}
EMPLOYERS = {
    "none": N_("Other employer or none"),
    "dc_government": N_("DC government"),
    "montgomery_county": N_("Montgomery County government"),
}
LOAN_TYPES = {
    "": N_("Not chosen yet"),
    "conventional": N_("Conventional"),
    "fha": N_("FHA"),
    "va": N_("VA (veterans)"),
    "usda": N_("USDA (rural)"),
    "itin": N_("ITIN loan"),
}
EXTRA_ERRORS = {
    "unknown_option": N_("Please choose one of the options."),
    "not_a_whole_number": N_("Enter a whole number of people."),
    "loan_over_price": N_("The loan cannot be more than the price."),
    "unknown_jurisdiction": N_("Income as a share of the area median is only known for the DC area."),
}


def _choice(label: str, table: dict, key: str, default: str, *, in_url: bool = True) -> str:
    """A coded choice; ID type and immigration status are sensitive, so they never go in the URL."""
    names = labels(table)
    if not in_url:
        return st.selectbox(
            label, list(table), key=key, format_func=names.get, placeholder=_("Choose an option")
        )
    return coded_choice(st.selectbox, label, list(table), key, default, format_func=names.get)


def household_form(errors: FieldErrors) -> dict:
    """The household keys for `screen` (no names, nothing that identifies anyone)."""
    jurisdiction = _choice(_("Where is the home?"), JURISDICTIONS, "dpa_area", "dc")
    errors.slot("jurisdiction")
    size = bound_number(_("People in the household"), "dpa_size", 3, errors, "household_size", step=1)
    income = bound_number(
        _("Household income before taxes (a year)"),
        "dpa_income",
        60000.0,
        errors,
        "annual_household_income",
        step=1000.0,
    )
    borrower = bound_number(
        _("Income of the people on the loan (a year; 0 = same as household)"),
        "dpa_borrower",
        0.0,
        errors,
        "borrower_annual_income",
        step=1000.0,
    )
    assets = bound_number(
        _("Savings and other cash"), "dpa_assets", 10000.0, errors, "liquid_assets", step=500.0
    )
    first_time = st.checkbox(
        _("First-time buyer (no home owned in the last 3 years)"),
        value=True,
        key="dpa_first",
        bind="query-params",
    )
    errors.slot("first_time_buyer")
    id_type = _choice(_("ID number for the loan"), ID_TYPES, "dpa_id", "ssn", in_url=False)
    errors.slot("id_type")
    residency = _choice(_("Immigration status"), RESIDENCIES, "dpa_status", "citizen", in_url=False)
    errors.slot("residency")
    credit = bound_number(_("Credit score (0 = not known)"), "dpa_credit", 0, errors, "credit_score", step=10)
    employer = _choice(_("Employer"), EMPLOYERS, "dpa_employer", "none")
    errors.slot("employer")
    household = {
        "jurisdiction": jurisdiction,
        "household_size": size,
        "annual_household_income": income,
        "liquid_assets": assets,
        "first_time_buyer": first_time,
        "id_type": id_type,
        "residency": residency,
        "employer": employer,
    }
    if borrower:
        household["borrower_annual_income"] = borrower
    if credit:
        household["credit_score"] = credit
    return household


def purchase_form(errors: FieldErrors) -> dict:
    """The optional purchase: price, first-mortgage type and amount (0 = not known yet)."""
    price = bound_number(
        _("Price of the home (0 = not known yet)"), "dpa_price", 350000.0, errors, "price", step=5000.0
    )
    loan = _choice(_("First mortgage"), LOAN_TYPES, "dpa_loan", "")
    errors.slot("loan_type")
    first = bound_number(
        _("First-mortgage amount (0 = not known yet)"),
        "dpa_loan_amount",
        0.0,
        errors,
        "first_mortgage_amount",
        step=5000.0,
    )
    purchase = {}
    if price:
        purchase["price"] = price
    if loan:
        purchase["loan_type"] = loan
    if first:
        purchase["first_mortgage_amount"] = first
    return purchase

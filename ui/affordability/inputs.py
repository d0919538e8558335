"""The affordability page's inputs: widgets bound to the URL (amounts only, nothing identifying) -> scenario dicts.

The taxes-insurance-and-costs panel is in ui/affordability/costs.py; the URL-bound widgets in ui/url_inputs.py.
"""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from calculators.pay import FREQUENCIES, monthly_income
from ui.errors import FieldErrors
from ui.labels import JURISDICTION_LABELS
from ui.text import N_, _, money
from ui.url_inputs import bound_number, coded_choice, labels

LOAN_LABELS = {
    "conventional": N_("Conventional (HomeReady, Home Possible)"),
    "fha": N_("FHA"),
    "va": N_("VA (veterans)"),
    "usda": N_("USDA (rural areas)"),
    "itin": N_("ITIN loan (portfolio lender)"),
}
ID_LABELS = {"ssn": N_("Social Security number"), "itin": N_("ITIN")}
RESIDENCY_LABELS = {
    "citizen": N_("U.S. citizen"),
    "permanent_resident": N_("Permanent resident (green card)"),
    "non_permanent_resident": N_("Other lawful status (work permit, TPS, visa)"),
}
FREQUENCY_LABELS = {
    "hourly": N_("By the hour"),
    "weekly": N_("Every week"),
    "biweekly": N_("Every two weeks"),
    "semimonthly": N_("Twice a month"),
    "monthly": N_("Every month"),
    "yearly": N_("Per year"),
}
# The rate box shows the figure as typed ("6.5", "6.125"): Streamlit passes the format to sprintf.js in the
# browser, where "%g" with no precision prints the shortest exact form; "%.3f" showed "6.500".
RATE_FORMAT = "%g"
# Debts the household lists one by one, so the page can say what paying each off would do.
DEBTS = {
    "car": N_("the car loan"),
    "cards": N_("the credit cards"),
    "student": N_("the student loans"),
    "other_debt": N_("the other debts"),
}
DEBT_LABELS = {
    "car": N_("Car loan payment (monthly)"),
    "cards": N_("Credit card minimum payments (monthly)"),
    "student": N_("Student loan payment (monthly)"),
    "other_debt": N_("Other debt payments (monthly)"),
}


def _use_pay(amount_key: str, frequency_key: str, hours_key: str) -> None:
    """Copy the pay helper's result into the income field (a callback, before the field is drawn)."""
    try:
        st.session_state["income"] = round(
            monthly_income(
                st.session_state.get(amount_key) or 0.0,
                st.session_state.get(frequency_key, "monthly"),
                st.session_state.get(hours_key) or 0.0,
            ),
            2,
        )
    except InputError:
        st.session_state["pay_helper_error"] = True


def pay_helper() -> None:
    """Hourly, weekly or biweekly pay -> monthly income, for families paid by the hour or in cash."""
    # Lazy: the helper's widgets are only built while it is open, to keep every rerun light.
    with st.expander(_("Help: turn pay into monthly income"), key="pay_helper", on_change="rerun") as helper:
        if not helper.open:
            return
        st.caption(_("Enter one person's pay before taxes. Add each earner's monthly amount together."))
        amount = st.number_input(_("Pay amount"), value=0.0, step=1.0, key="pay_amount")
        frequency_labels = labels(FREQUENCY_LABELS)
        frequency = st.selectbox(
            _("How often"),
            list(FREQUENCIES),
            format_func=frequency_labels.get,
            key="pay_frequency",
            index=0,
            placeholder=_("Choose an option"),
        )
        if frequency == "hourly":
            st.number_input(_("Hours worked in a usual week"), value=40.0, step=1.0, key="pay_hours")
        if st.session_state.pop("pay_helper_error", False):
            st.error(_("Please check the pay and hours: they cannot be negative."))
        try:
            preview = monthly_income(amount or 0.0, frequency, st.session_state.get("pay_hours") or 40.0)
        except InputError:
            preview = None
        if preview is not None:
            st.caption(_("That is about {amount} a month.").format(amount=money(preview)))
        st.button(
            _("Use this as monthly income"),
            key="pay_use",
            on_click=_use_pay,
            args=("pay_amount", "pay_frequency", "pay_hours"),
        )


def household(errors: FieldErrors) -> dict:
    """Loan, income, debts, credit and eligibility facts shared by every mode."""
    loan_labels = labels(LOAN_LABELS)
    loan_type = coded_choice(
        st.selectbox,
        _("Type of loan"),
        list(LOAN_LABELS),
        "loan",
        "conventional",
        format_func=loan_labels.get,
        placeholder=_("Choose an option"),
    )
    errors.slot("loan_type")
    rate = bound_number(
        _("Interest rate (% a year)"), "rate", 6.5, errors, "annual_rate", step=0.125, format=RATE_FORMAT
    )
    term = bound_number(_("Loan term (years)"), "term", 30, errors, "term_years", step=5)
    income = bound_number(
        _("Household income before taxes (monthly)"),
        "income",
        6000.0,
        errors,
        "gross_monthly_income",
        step=100.0,
    )
    pay_helper()
    debt_labels = labels(DEBT_LABELS)
    debts = {}
    with st.expander(_("Monthly debt payments"), expanded=True):
        for key in DEBTS:
            debts[key] = bound_number(debt_labels[key], key, 0.0, errors, f"debt_{key}", step=10.0)
        errors.slot("monthly_debts")
    credit = bound_number(
        _("Credit score (0 if not known)"),
        "credit",
        0,
        errors,
        "credit_score",
        step=10,
        help=_("Write 0 if the family does not know it yet. Lenders usually need 620 or more."),
    )
    area_labels = labels(JURISDICTION_LABELS)
    area = coded_choice(
        st.selectbox,
        _("Where is the home?"),
        list(JURISDICTION_LABELS),
        "area",
        "dc",
        format_func=area_labels.get,
        placeholder=_("Choose an option"),
    )
    errors.slot("jurisdiction")
    # Kind of ID and immigration status are sensitive: kept on screen only, never put in the link.
    id_labels, residency_labels = labels(ID_LABELS), labels(RESIDENCY_LABELS)
    id_type = st.selectbox(
        _("Tax ID of the borrower"),
        list(ID_LABELS),
        format_func=id_labels.get,
        key="aff_id_type",
        placeholder=_("Choose an option"),
    )
    residency = st.selectbox(
        _("Immigration status of the borrower"),
        list(RESIDENCY_LABELS),
        format_func=residency_labels.get,
        key="aff_residency",
        placeholder=_("Choose an option"),
    )
    st.caption(_("ID type and status are not saved in the link."))
    scenario = {
        "loan_type": loan_type,
        "annual_rate": (rate or 0.0) / 100.0,
        "term_years": term,
        "gross_monthly_income": income or 0.0,
        "monthly_debts": sum(v or 0.0 for v in debts.values()),
        "jurisdiction": area,
        "id_type": id_type,
        "residency": residency,
    }
    if credit:
        scenario["credit_score"] = credit
    if loan_type == "va":
        scenario["veteran"] = st.checkbox(
            _("The borrower is a veteran or service member with VA eligibility"),
            key="vet",
            bind="query-params",
        )
        scenario["va_first_use"] = not st.checkbox(
            _("Has used a VA loan before"), key="va_used", bind="query-params"
        )
        scenario["va_exempt"] = st.checkbox(
            _("Exempt from the VA funding fee (for example, receives VA disability pay)"),
            key="va_exempt",
            bind="query-params",
        )
    return {"scenario": scenario, "debts": {k: v or 0.0 for k, v in debts.items()}}


def check_page_rules(scenario: dict, debts: dict) -> None:
    """Rules the page adds to the calculator's: a rate above 0%, and no negative debt payment."""
    for key, value in debts.items():
        if value < 0:
            raise InputError("negative_amount", f"debt_{key}")
    if scenario["annual_rate"] <= 0:
        raise InputError("rate_out_of_range", "annual_rate")


def cash_inputs(errors: FieldErrors, *, fixed_share: bool) -> dict:
    """Savings, what to keep back, and (for the highest price) an optional fixed down-payment share."""
    found = {
        "cash_available": bound_number(
            _("Savings for the purchase (down payment and closing)"),
            "cash",
            20000.0,
            errors,
            "cash_available",
            step=1000.0,
        ),
        "reserves": bound_number(
            _("Savings to keep back for emergencies"), "reserves", 0.0, errors, "reserves", step=500.0
        ),
    }
    if fixed_share:
        share = bound_number(
            _("Down payment as % of price (0 = put in all the savings)"),
            "dp_pct",
            0.0,
            errors,
            "down_payment_rate",
            step=0.5,
        )
        if share:
            found["down_payment_rate"] = share / 100.0
    return found


def home_inputs(errors: FieldErrors) -> dict:
    return {
        "price": bound_number(_("Home price"), "price", 350000.0, errors, "price", step=5000.0),
        "down_payment": bound_number(_("Down payment"), "down", 12250.0, errors, "down_payment", step=1000.0),
    }

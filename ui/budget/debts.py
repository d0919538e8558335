"""Budget coach: debts paid off by snowball or avalanche, and how far the household is from mortgage-ready.

The mortgage-ready result feeds a tip, so it is worked out from kept values while the Debts tab is closed.
"""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from calculators import InputError
from calculators.budget import compare_methods, mortgage_ready_gap
from ui import staleness
from ui.budget import charts
from ui.budget.view import BudgetErrors, kept
from ui.text import N_, _, date, money, number, percent

# The affordability calculator; the link carries amounts only (income and debt payments), never a client.
AFFORDABILITY_PAGE = "app_pages/affordability.py"
METHOD_LABELS = {
    "snowball": N_("Snowball (smallest balance first)"),
    "avalanche": N_("Avalanche (highest APR first)"),
}


def debt_comparison(result: dict) -> None:
    """Snowball and avalanche side by side: months, interest, debt-free month, the difference."""
    cols = st.columns(2)
    for col, method in zip(cols, ("snowball", "avalanche"), strict=True):
        plan = result[method]
        with col:
            st.markdown(f"**{_(METHOD_LABELS[method])}**")
            st.metric(_("Months to pay off"), number(plan["months"]))
            st.metric(_("Interest paid"), money(plan["total_interest"]))
            st.caption(_("Order: {order}").format(order=", ".join(plan["payoff_order"])))
    saved = result["interest_difference"]
    if saved > 0.005:
        st.success(_("Avalanche saves {amount} in interest.").format(amount=money(saved)))
    else:
        st.info(_("Both methods cost the same interest here. Pick the one that keeps you going."))


def debts_panel(debt_rows: list[dict], debt_budget, errors: BudgetErrors) -> None:
    """Snowball and avalanche compared, with total balances over time."""
    if not debt_rows:
        st.caption(_("No debts entered."))
        return
    try:
        result = compare_methods(debt_rows, debt_budget)
    except InputError as error:
        if error.code in ("budget_below_minimums", "never_paid_off"):
            error = InputError(error.code, "debt_budget")
        errors.show(error)
        return
    debt_comparison(result)
    for method in ("snowball", "avalanche"):
        st.caption(
            _("{method}: debt-free in {month}.").format(
                method=_(METHOD_LABELS[method]), month=date(result[method]["debt_free_date"], "MMMM y")
            )
        )
    charts.show(
        "debt",
        {
            _(METHOD_LABELS[m]): [
                {"month": r["month"], "total_balance": r["total_balance"]} for r in result[m]["schedule"]
            ]
            for m in ("snowball", "avalanche")
        },
    )


def mortgage_ready(tab, summary: dict, errors: BudgetErrors) -> dict | None:
    """Debt-to-income and the room left for a home payment, with a link to the affordability calculator.

    The result feeds a tip, so it is worked out from the kept income while the tab is closed (shown nothing).
    """
    default = round(summary["monthly_income"], 2)
    if not tab.open:
        try:
            return mortgage_ready_gap(kept("gross_income", default), summary["monthly_debt_payments"], "fha")
        except InputError:
            return None
    with tab:
        return _mortgage_ready_panel(summary, default, errors)


def _mortgage_ready_panel(summary: dict, default: float, errors: BudgetErrors) -> dict | None:
    """The open Debts tab's part of mortgage_ready: the income input, the gap and the link."""
    st.markdown(_("**Getting mortgage-ready**"))
    gross = st.number_input(
        _("Income before taxes (monthly)"),
        value=default,
        step=100.0,
        key="gross_income",
        persist_state="page",
    )
    errors.slot("gross_income")
    try:
        ready = mortgage_ready_gap(gross, summary["monthly_debt_payments"], "fha")
    except InputError as error:
        errors.show(InputError(error.code, "gross_income"))
        return None
    st.text(
        _(
            "DTI (the part of your income that goes to debts): {dti}. FHA guideline with a home payment: {limit}."
        ).format(dti=percent(ready["dti"], 0), limit=percent(ready["guideline_back"], 0))
    )
    if ready["debt_payments_to_cut"] > 0:
        st.warning(
            _("To be mortgage-ready, monthly debt payments would need to drop by {amount}.").format(
                amount=money(ready["debt_payments_to_cut"])
            )
        )
    else:
        st.success(
            _("Room for a home payment under the guideline: {amount} a month.").format(
                amount=money(ready["room_for_housing"])
            )
        )
    st.caption(_("Source: {url}").format(url=ready["source_url"]))
    staleness.rule_note(ready, N_("FHA debt-to-income guideline"), N_("the lender"))
    # Run outside st.navigation (Streamlit's legacy router runs a page file directly), the page is unknown.
    with contextlib.suppress(StreamlitPageNotFoundError):
        st.page_link(
            AFFORDABILITY_PAGE,
            label=_("See what home price fits"),
            icon=":material/house:",
            query_params={
                "income": str(round(gross, 2)),
                "other_debt": str(round(summary["monthly_debt_payments"], 2)),
            },
        )
    return ready

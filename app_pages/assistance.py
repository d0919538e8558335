"""Down-payment assistance finder: every DC-area program with ✓/✗, the amount, plain reasons, and hints.

Works logged out; inputs live in the URL (codes and amounts only). Saved to the household when one is open.
"""

import streamlit as st

from calculators import InputError
from calculators.assistance.affordability import compare, scenario_for
from calculators.assistance.screen import hints, screen
from calculators.assistance.stacking import stack
from ui import staleness, url_inputs
from ui.assistance import inputs, view
from ui.errors import FieldErrors
from ui.session_flow import calculators as flow_calculators
from ui.session_flow import flow
from ui.text import _, pick

st.title(_("Down-payment assistance"))
st.caption(
    _(
        "Programs that help with the down payment and closing costs. An estimate to plan with: the program decides."
    )
)

flow.start("assistance")  # the open client file and this visit's amounts fill the widgets below
errors = FieldErrors()
left, right = st.columns([2, 3], gap="large")
with left:
    st.subheader(_("The household"))
    household = inputs.household_form(errors)
    st.subheader(_("The home"))
    purchase = inputs.purchase_form(errors)

with right:
    try:
        results = screen(household, purchase)
        stacked = stack(results, purchase)
        changes = hints(household, purchase)
    except InputError as error:
        errors.show(error, inputs.EXTRA_ERRORS)
        st.stop()
    names = {r["program"]: pick(r["name"]) for r in results}
    eligible = [r for r in results if r["eligible"]]
    st.subheader(_("Programs that may fit"))
    staleness.median_note()  # limits set as a percent of HUD's median: named when the year's is missing
    if not eligible:
        st.info(_("No program fits these answers. See why below."), icon=":material/info:")
    for entry in eligible:
        view.program_card(entry)
    sell_year = st.slider(_("Sell after year"), 1, 30, 5, key="dpa_sell_year", bind="query-params")
    view.stack_panel(stacked, names, sell_year)
    st.subheader(_("Programs that do not fit"))
    view.not_eligible_list([r for r in results if not r["eligible"]])
    view.hints_panel(changes, names)

    st.subheader(_("Affordability with assistance"))
    rate = url_inputs.bound_number(
        _("Interest rate (% a year)"), "dpa_rate", 6.5, errors, "annual_rate", step=0.125
    )
    debts = url_inputs.bound_number(
        _("Other debt payments (a month)"), "dpa_debts", 0.0, errors, "monthly_debts", step=25.0
    )
    try:
        extra = {"annual_rate": (rate or 0.0) / 100.0, "monthly_debts": debts}
        side_by_side = compare(scenario_for(household, purchase, extra), stacked["total"])
    except InputError as error:
        errors.show(error, inputs.EXTRA_ERRORS)
    else:
        view.compare_panel(side_by_side["without"], side_by_side["with"], side_by_side["assistance"])
    flow_calculators.assistance(household, purchase, eligible, stacked, debts)

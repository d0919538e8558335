"""Home affordability: the highest price, one home's monthly cost, loans compared, rent vs buy, what it takes.

Inputs live in the URL (amounts only), so a scenario is a link; nothing identifying goes there.
"""

import streamlit as st

from calculators import InputError
from calculators.affordability.levers import levers
from calculators.affordability.max_price import max_price
from calculators.affordability.price import analyze
from ui import url_inputs
from ui.affordability import costs, inputs, panels, view
from ui.errors import FieldErrors
from ui.session_flow import calculators as flow_calculators
from ui.session_flow import flow
from ui.text import _, money

st.title(_("Home affordability"))
st.caption(_("An estimate to plan with, not a loan approval. Lenders decide with the full file."))
flow.start("affordability")  # the open client file and this visit's amounts fill the widgets below

mode_labels = url_inputs.labels(view.MODES)
mode = url_inputs.coded_choice(
    st.segmented_control,
    _("What do you want to know?"),
    list(view.MODES),
    "mode",
    "afford",
    format_func=mode_labels.get,
    required=True,
)

errors = FieldErrors()
left, right = st.columns([3, 4], gap="large")  # the loan type fits whole at 1280 px
with left:
    st.subheader(_("The household"))
    household = inputs.household(errors)
    scenario = household["scenario"]
    if mode in ("afford", "target"):
        scenario.update(inputs.cash_inputs(errors, fixed_share=True))
    else:
        scenario.update(inputs.home_inputs(errors))
        scenario.update(inputs.cash_inputs(errors, fixed_share=False))
    scenario.update(costs.cost_inputs(errors, scenario))

with right:
    try:
        inputs.check_page_rules(scenario, household["debts"])
        if mode == "afford":
            result = max_price(scenario)
            analysis = result["analysis"]
            st.metric(_("Highest price"), money(result["price"], cents=False))
            view.binding(result)
            debts = [
                {"name": key, "monthly": value} for key, value in household["debts"].items() if value > 0
            ]
            view.levers(levers(scenario, debts))
            view.analysis_panel(analysis)
        elif mode == "target":
            analysis = result = None
            panels.target_panel(scenario)
        else:
            analysis = analyze(scenario)
            result = None
            if mode == "home":
                view.analysis_panel(analysis)
            elif mode == "compare":
                panels.compare_panel(scenario)
            else:
                panels.rent_panel(analysis, scenario)
    except InputError as error:
        # At its box when the box is drawn: the costs panel opens by itself when a figure is missing.
        errors.show(error, view.EXTRA_ERRORS)
        if error.code == "needs_value":
            st.info(view.figure_to_enter(error.field), icon=":material/edit:")
    else:
        flow_calculators.affordability(mode, scenario, household["debts"], analysis, result)

"""The heavier affordability panels (compare, rent vs buy, what it would take), each in a fragment."""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from calculators.affordability.levers import what_it_takes
from calculators.affordability.price import analyze
from calculators.rent_vs_buy import compare
from ui.affordability.inputs import LOAN_LABELS, RATE_FORMAT
from ui.affordability.view import EXTRA_ERRORS, PART_LABELS, issues
from ui.errors import FieldErrors
from ui.text import N_, _, money, ngettext, percent
from ui.url_inputs import bound_number, coded_choice, labels

# Starting scenarios for the comparison: the usual three a Latino first-time buyer hears about.
COMPARE_START = [("fha", 6.5, 12250.0), ("conventional", 6.75, 10500.0), ("itin", 8.25, 35000.0)]
# Loan-specific overrides do not carry from one loan type to another.
PER_LOAN = ("front_limit", "back_limit", "min_down_rate", "pmi_rate")
COMPARE_CHART_KEY = "compare_chart"  # the label of the chart's tab in view (in the screen's language)
COMPARE_CHARTS = (N_("Monthly cost"), N_("Balance and equity over the years"))
WHY_NOT = {
    "front_dti": N_("more income alone cannot do it: the housing payment limit stays in the way"),
    "back_dti": N_("more income alone cannot do it: the total-debt limit stays in the way"),
    "cash": N_("the savings would still fall short"),
    "down_payment": N_("the down payment share chosen is below this loan's minimum"),
    "loan_limit": N_("the loan would be over this program's limit in this area"),
    "ineligible": N_("this loan is not available to this household"),
}


@st.fragment
def compare_panel(base: dict) -> None:
    """Up to three loans side by side: the monthly parts as stacked bars, balance and equity over time."""
    from ui.affordability import charts  # Altair and pandas load when a chart is first needed

    st.subheader(_("Compare loans side by side"))
    count = st.segmented_control(
        _("How many loans?"), [2, 3], default=3, required=True, key="n_compare", bind="query-params"
    )
    loan_labels = labels(LOAN_LABELS)
    columns = st.columns(count)
    results = []
    for i, column in enumerate(columns):
        start_loan, start_rate, start_down = COMPARE_START[i]
        errors = FieldErrors()
        with column:
            loan = coded_choice(
                st.selectbox,
                _("Loan {n}").format(n=i + 1),
                list(LOAN_LABELS),
                f"c{i + 1}_loan",
                start_loan,
                format_func=loan_labels.get,
                placeholder=_("Choose an option"),
            )
            rate = bound_number(
                _("Interest rate (% a year)"),
                f"c{i + 1}_rate",
                start_rate,
                errors,
                "annual_rate",
                step=0.125,
                format=RATE_FORMAT,
            )
            down = bound_number(
                _("Down payment"), f"c{i + 1}_down", start_down, errors, "down_payment", step=1000.0
            )
            scenario = {k: v for k, v in base.items() if k not in PER_LOAN}
            scenario.update(loan_type=loan, annual_rate=(rate or 0) / 100.0, down_payment=down or 0.0)
            if loan == "va":
                scenario["veteran"] = True
            try:
                if scenario["annual_rate"] <= 0:
                    raise InputError("rate_out_of_range", "annual_rate")
                result = analyze(scenario)
            except InputError as error:
                errors.show(error, EXTRA_ERRORS)
                continue
            st.metric(_("Total a month"), money(result["monthly"]["total"]))
            st.caption(
                _("Cash to close {cash} · total-debt ratio {back}").format(
                    cash=money(result["cash_to_close"], cents=False), back=percent(result["back_dti"])
                )
            )
            issues(result)
            results.append((loan_labels[loan] + f" ({i + 1})", scenario, result))
    if not results:
        return
    # One chart at a time: the tabs report which is open (on_change="rerun", public API), so the chart
    # out of sight is not built, and a switch reruns this fragment only.
    monthly, over_years = st.tabs([_(t) for t in COMPARE_CHARTS], key=COMPARE_CHART_KEY, on_change="rerun")
    if monthly.open is not False:  # None would mean no tab state: then both are drawn
        rows = [
            {"scenario": label, "part": _(PART_LABELS[part]), "amount": result["monthly"][part]}
            for label, _scenario, result in results
            for part in PART_LABELS
        ]
        charts.show(monthly, "parts", rows)
    if over_years.open is not False:
        frames = [
            charts.yearly_balance(
                label,
                result["price"],
                result["loan_amount"],
                scenario["annual_rate"],
                scenario.get("term_years", 30),
            )
            for label, scenario, result in results
        ]
        charts.show(over_years, "balance", [row for frame in frames for row in frame.to_dict("records")])
        over_years.caption(_("Equity here assumes the home keeps its price; it does not count appreciation."))


@st.fragment
def rent_panel(analysis: dict, scenario: dict) -> None:
    """Rent or buy over 1 to 15 years, with the break-even year, from the home analysed above."""
    from ui.affordability import charts

    st.subheader(_("Rent or buy?"))
    errors = FieldErrors()
    st.caption(_("The growth rates below are guesses to change, not facts."))
    left, right = st.columns(2)
    with left:
        rent = bound_number(_("Rent now (monthly)"), "rent", 2000.0, errors, "monthly_rent", step=50.0)
        rent_growth = bound_number(
            _("Rent goes up each year (%)"), "rent_growth", 3.0, errors, "rent_growth", step=0.5
        )
        appreciation = bound_number(
            _("Home value goes up each year (%)"), "apprec", 3.0, errors, "appreciation", step=0.5
        )
    with right:
        invest = bound_number(
            _("What savings would earn instead (% a year)"),
            "invest",
            4.0,
            errors,
            "investment_return",
            step=0.5,
        )
        upkeep = bound_number(
            _("Repairs and upkeep (% of home value a year)"),
            "upkeep",
            1.0,
            errors,
            "maintenance_rate",
            step=0.25,
        )
        selling = bound_number(
            _("Cost to sell the home (% of its value)"),
            "sell_cost",
            6.0,
            errors,
            "selling_cost_rate",
            step=0.5,
        )
    years = st.slider(_("Years to compare"), 1, 15, 7, key="years", bind="query-params")
    inputs = {
        "monthly_rent": rent or 0.0,
        "rent_growth": (rent_growth or 0.0) / 100,
        "price": analysis["price"],
        "down_payment": analysis["down_payment"],
        "closing_costs": analysis["closing_costs"],
        "loan_amount": analysis["loan_amount"],
        "annual_rate": scenario["annual_rate"],
        "term_years": scenario.get("term_years", 30),
        "monthly_other_costs": analysis["monthly"]["total"] - analysis["monthly"]["principal_interest"],
        "maintenance_rate": (upkeep or 0.0) / 100,
        "appreciation": (appreciation or 0.0) / 100,
        "investment_return": (invest or 0.0) / 100,
        "selling_cost_rate": (selling or 0.0) / 100,
        "years": years,
    }
    try:
        result = compare(inputs)
    except InputError as error:
        errors.show(error, EXTRA_ERRORS)
        return
    if result["cheaper"] == "buy":
        sentence = ngettext(
            "After {years} year, buying costs about {difference} less than renting.",
            "After {years} years, buying costs about {difference} less than renting.",
            years,
        )
    else:
        sentence = ngettext(
            "After {years} year, renting costs about {difference} less than buying.",
            "After {years} years, renting costs about {difference} less than buying.",
            years,
        )
    st.info(
        sentence.format(years=years, difference=money(result["difference"], cents=False)),
        icon=":material/balance:",
    )
    if result["break_even_year"] is None:
        st.markdown(_("Within these years, buying never becomes cheaper than renting."))
    else:
        st.markdown(
            _("Buying becomes cheaper than renting in year {year}.").format(year=result["break_even_year"])
        )
    charts.show(st, "rent", [{k: r[k] for k in ("year", "rent_cost", "own_cost")} for r in result["years"]])
    st.caption(
        _(
            "Net cost of buying = cash at closing + payments + upkeep + what that cash would have earned, "
            "minus what the family would keep after selling. Renting = the rent paid."
        )
    )


@st.fragment
def target_panel(scenario: dict) -> None:
    """The income, or the savings, a target price needs (everything else as entered)."""
    st.subheader(_("What would it take?"))
    errors = FieldErrors()
    target = bound_number(_("Price of the home they want"), "target", 400000.0, errors, "price", step=5000.0)
    try:
        result = what_it_takes(scenario, target or 0.0)
    except InputError as error:
        errors.show(error, EXTRA_ERRORS)
        return
    if result["affordable_now"]:
        st.success(
            _("This price already fits with the income and savings entered."), icon=":material/check_circle:"
        )
    income = result["income_needed"]
    if income is not None:
        st.metric(_("Monthly income needed"), money(income, cents=False))
        st.caption(
            _("Now: {income} a month.").format(income=money(scenario["gross_monthly_income"], cents=False))
        )
    else:
        st.warning(
            _("More income alone is not enough: {reason}.").format(
                reason=_(WHY_NOT[result["income_blocked_by"]])
            )
        )
    cash = result["cash_needed"]
    if cash is not None:
        st.metric(_("Savings needed"), money(cash, cents=False))
        st.caption(
            _("Now: {cash} in savings.").format(cash=money(scenario.get("cash_available", 0.0), cents=False))
        )
    else:
        st.warning(
            _("More savings alone are not enough: {reason}.").format(
                reason=_(WHY_NOT[result["cash_blocked_by"]])
            )
        )

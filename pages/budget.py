"""Budget coach: income, spending plan, cash-flow calendar, debts, savings, tips and saved snapshots.

Works logged out (workshops). Amount fields live in the URL; the tables stay in the session. Nothing
identifying a client goes in the URL.
"""

import datetime as dt

import streamlit as st

from calculators import InputError
from calculators import budget as calc
from calculators.rules import rule
from ui import budget_charts as charts
from ui import budget_tables as tables
from ui import budget_view as view
from ui import clients
from ui.text import _, date, money

st.title(_("Budget coach"))
st.caption(
    _(
        'A plan made together with the household. Numbers are theirs; the tips follow the CFPB "Your Money, Your Goals" toolkit.'
    )
)

errors = view.BudgetErrors()


def bound(label: str, key: str, value, **kwargs):
    """A number input kept in the URL, with its error slot right below it."""
    result = st.number_input(label, value=value, key=key, bind="query-params", **kwargs)
    errors.slot(key)
    return result


tab_income, tab_plan, tab_calendar, tab_debts, tab_savings, tab_compare = st.tabs(
    [_("Income"), _("Spending plan"), _("Cash-flow calendar"), _("Debts"), _("Savings"), _("Compare budgets")]
)

with tab_income:
    st.subheader(_("Income tracker"))
    st.caption(
        _(
            "Use take-home pay (after taxes). Write each paycheck as it comes: weekly, every two weeks, and so on."
        )
    )
    income_rows = tables.income_table()
    errors.slot("income")
    with st.expander(_("Irregular or seasonal income, month by month")):
        irregular = tables.irregular_table()
        irregular_cash = st.checkbox(_("This income is paid in cash"), value=True, key="irregular_cash")
    banked = st.checkbox(
        _("Has a bank or credit union account"), value=True, key="banked", bind="query-params"
    )

sources = [{k: r[k] for k in ("name", "amount", "frequency", "form")} for r in income_rows]
if any(irregular):
    sources.append(
        {
            "name": _("Irregular or seasonal"),
            "frequency": "irregular",
            "by_month": irregular,
            "form": "cash" if irregular_cash else "deposit",
        }
    )

with tab_plan:
    st.subheader(_("Spending plan"))
    st.caption(
        _("Categories from the CFPB spending tracker. Money sent to family is a fixed obligation, like rent.")
    )
    spending_rows = tables.spending_table()
    errors.slot("spending")

with tab_debts:
    st.subheader(_("Debts"))
    debt_rows = tables.debts_table()
    errors.slot("debts")
    debt_budget = bound(_("Money for debts each month (all debts together)"), "debt_budget", 600.0, step=25.0)
    credit_score = bound(_("Credit score (leave empty if none)"), "credit_score", None, step=10.0)

with tab_savings:
    st.subheader(_("Savings"))
    savings = bound(_("Savings today"), "savings", 300.0, step=50.0)
    starter = bound(_("First goal for emergencies (you choose)"), "starter_goal", 500.0, step=50.0)

summary = None
try:
    income = calc.income_summary(sources)
    plan = calc.spending_plan(
        [{k: r[k] for k in ("category", "amount", "envelope")} for r in spending_rows], income["monthly"]
    )
    summary = calc.summarize(income, plan, debt_rows, savings, starter, credit_score)
    fund = calc.emergency_fund(plan["total"], summary["savings"], starter)
except InputError as error:
    field = {"amount": "income", "frequency": "income", "form": "income", "by_month": "income"}.get(
        error.field, error.field
    )
    errors.show(InputError(error.code, field, error.detail))

if summary is not None:
    with tab_income:
        view.income_details(income)
    with tab_plan:
        view.totals(summary)
        if plan["envelopes_monthly"] > 0:
            st.caption(
                _("Cash envelopes: {month} a month, about {week} each week.").format(
                    month=money(plan["envelopes_monthly"]), week=money(plan["envelopes_weekly"])
                )
            )
        rows = [
            {"category": _(tables.CATEGORY_LABELS[c]), "amount": a}
            for c, a in plan["by_category"].items()
            if a > 0
        ]
        if rows:
            charts.show("where", rows)
        view.fifty_thirty_twenty(plan["reference"])
    remittance = view.remittance_panel(tab_plan, plan, errors)
    view.tanda_panel(tab_plan, plan, errors)

    with tab_calendar:
        st.subheader(_("Cash-flow calendar"))
        st.caption(_("Paydays and due dates, week by week. Irregular income is counted on the 15th."))
        today = dt.date.today()
        starting = bound(_("Money on hand at the start of the month"), "starting_balance", 0.0, step=50.0)
        month_start = dt.date(today.year, today.month, 1)
        st.caption(_("Month: {month}").format(month=date(month_start, "MMMM y")))
        incomes, bills = view.calendar_events(income_rows, irregular, spending_rows, today.month)
        calendar = None
        try:
            calendar = calc.cash_flow_calendar(today.year, today.month, starting, incomes, bills)
        except InputError as error:
            errors.show(
                InputError(
                    error.code,
                    {"bills": "spending", "cash_incomes": "income"}.get(error.field, error.field),
                    error.detail,
                )
            )
        if calendar:
            view.calendar_panel(calendar)

    ready = None
    with tab_debts:
        view.debts_panel(debt_rows, debt_budget, errors)
        ready = view.mortgage_ready(summary, errors)
    with tab_savings:
        view.emergency_panel(fund)
        view.goal_panel(plan)

    st.divider()
    st.subheader(_("Tips for this household"))
    situation = calc.coaching_situation(
        income=income,
        plan=plan,
        calendar=calendar,
        fund=fund,
        debts=[d for d in debt_rows if isinstance(d.get("balance"), (int, float))],
        remittance_share=remittance,
        remittance_ceiling=rule("budget", "remittance_cost")["ceiling"],
        banked=banked,
        ready=ready,
        credit_score=credit_score,
    )
    view.tips(situation)

    inputs = {
        "income": sources,
        "spending": spending_rows,
        "debts": debt_rows,
        "debt_budget": debt_budget,
        "savings": savings,
        "starter_goal": starter,
        "credit_score": credit_score,
        "banked": banked,
    }
    clients.save_scenario_button("budget", inputs, summary)
    with tab_compare:
        view.snapshots(summary)

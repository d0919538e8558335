"""Budget coach: income, spending plan, cash-flow calendar, debts, savings, tips and saved snapshots.

Works logged out (workshops). Amount fields live in the URL; the tables stay in the session. Nothing
identifying a client goes in the URL. Only the open tab builds its widgets, tables and charts (a rerun
stays light); the closed tabs' values are still read, so the totals and the tips always count everything.
"""

import datetime as dt

import streamlit as st

from calculators import InputError
from calculators import budget as calc
from calculators.rules import rule
from db.local_time import today_local
from ui.budget import charts, debts, tables, view
from ui.budget import remittance as sent_home
from ui.session_flow import calculators as flow_calculators
from ui.session_flow import flow
from ui.text import N_, _, date, money

TABS = (
    N_("Income"),
    N_("Spending plan"),
    N_("Cash-flow calendar"),
    N_("Debts"),
    N_("Savings"),
    N_("Compare budgets"),
)
# Amounts a link can carry (workshop slides, shared scenarios) -> the tab that shows them.
LINKED_TABS = {
    "transfers_per_month": N_("Spending plan"),
    "tanda_members": N_("Spending plan"),
    "tanda_payout_month": N_("Spending plan"),
    "starting_balance": N_("Cash-flow calendar"),
    "debt_budget": N_("Debts"),
    "credit_score": N_("Debts"),
    "starter_goal": N_("Savings"),
    "goal": N_("Savings"),
    "monthly_deposit": N_("Savings"),
    "savings_rate": N_("Savings"),
}

st.title(_("Budget coach"))
st.caption(
    _(
        'A plan made together with the household. Numbers are theirs; the tips follow the CFPB "Your Money, Your Goals" toolkit.'
    )
)

# Fields checked on every run (totals, tips) -> their tab, named when the message shows outside it.
FIELD_TABS = {
    "income": N_("Income"),
    "spending": N_("Spending plan"),
    "debts": N_("Debts"),
    "credit_score": N_("Debts"),
    "starter_goal": N_("Savings"),
}
errors = view.BudgetErrors(FIELD_TABS)


def bound(label: str, key: str, value, shown: bool = True, **kwargs):
    """A number input kept in the URL, with its error slot right below it; in a closed tab, its kept value."""
    if not shown:
        return view.kept(key, value, url=True)
    result = st.number_input(label, value=value, key=key, bind="query-params", **kwargs)
    errors.slot(key)
    return result


# The open client file and this visit's amounts fill the widgets below.
flow_ctx, _seeded, restored = flow.start("budget")

# Above the tabs, so they stay in view whichever tab is open: the tips below and a saved budget follow them.
money_left, money_right = st.columns(2, vertical_alignment="bottom")
with money_left:
    savings = bound(_("Savings today"), "savings", 300.0, step=50.0)
with money_right:
    banked = st.checkbox(
        _("Has a bank or credit union account"), value=True, key="banked", bind="query-params"
    )

# On arrival (the tabs were not on the last run, so Streamlit dropped their state), start from the example
# household, as the page always did, so no earlier client's tables show; and a link to an amount opens the
# tab that shows it. The opening tab is kept for the visit: it is part of the tabs' identity.
if "budget_tab" not in st.session_state:
    tables.forget()
    flow_calculators.budget_arrival(flow_ctx, restored)  # or the budget opened again, or the file's latest
    st.session_state["budget_first_tab"] = next(
        (tab for key, tab in LINKED_TABS.items() if key in st.query_params), TABS[0]
    )
tab_income, tab_plan, tab_calendar, tab_debts, tab_savings, tab_compare = st.tabs(
    [_(t) for t in TABS],
    default=_(st.session_state.get("budget_first_tab", TABS[0])),
    key="budget_tab",
    on_change="rerun",
)

with tab_income:
    income_rows = view.table_tab(
        tab_income,
        _("Income tracker"),
        tables.income_table,
        errors,
        "income",
        _(
            "Use take-home pay (after taxes). Write each paycheck as it comes: weekly, every two weeks, and so on."
        ),
    )
    irregular, irregular_cash = view.irregular_income(tab_income.open)

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
    spending_rows = view.table_tab(
        tab_plan,
        _("Spending plan"),
        tables.spending_table,
        errors,
        "spending",
        _(
            "Categories from the CFPB spending tracker. Money sent to family is a fixed obligation, like rent."
        ),
    )

with tab_debts:
    debt_rows = view.table_tab(tab_debts, _("Debts"), tables.debts_table, errors, "debts")
    debt_budget = bound(
        _("Money for debts each month (all debts together)"), "debt_budget", 600.0, tab_debts.open, step=25.0
    )
    credit_score = bound(
        _("Credit score (leave empty if none)"), "credit_score", None, tab_debts.open, step=10.0
    )

with tab_savings:
    if tab_savings.open:
        st.subheader(_("Savings"))
    starter = bound(
        _("First goal for emergencies (you choose)"), "starter_goal", 500.0, tab_savings.open, step=50.0
    )

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
    # A field in a closed tab has no slot: the message then shows below the tabs, where it is seen.
    errors.show(InputError(error.code, field, error.detail))

if summary is not None:
    if tab_income.open:
        with tab_income:
            view.income_details(income)
    if tab_plan.open:
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
    remittance = sent_home.remittance_panel(tab_plan, plan, errors)
    if tab_plan.open:
        sent_home.tanda_panel(tab_plan, plan, errors)

    # The calendar is worked out even while its tab is closed: the tips warn about the short weeks.
    with tab_calendar:
        today = today_local()
        if tab_calendar.open:
            st.subheader(_("Cash-flow calendar"))
            st.caption(_("Paydays and due dates, week by week. Irregular income is counted on the 15th."))
        starting = bound(
            _("Money on hand at the start of the month"),
            "starting_balance",
            0.0,
            tab_calendar.open,
            step=50.0,
        )
        month_start = dt.date(today.year, today.month, 1)
        if tab_calendar.open:
            st.caption(_("Month: {month}").format(month=date(month_start, "MMMM y")))
        incomes, bills = view.calendar_events(income_rows, irregular, spending_rows, today.month)
        calendar = None
        try:
            calendar = calc.cash_flow_calendar(today.year, today.month, starting, incomes, bills)
        except InputError as error:
            if tab_calendar.open:
                errors.show(
                    InputError(
                        error.code,
                        {"bills": "spending", "cash_incomes": "income"}.get(error.field, error.field),
                        error.detail,
                    )
                )
        if calendar and tab_calendar.open:
            view.calendar_panel(calendar)

    if tab_debts.open:
        with tab_debts:
            debts.debts_panel(debt_rows, debt_budget, errors)
    ready = debts.mortgage_ready(tab_debts, summary, errors)
    if tab_savings.open:
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

    saved_income = [dict(r) for r in income_rows] + sources[len(income_rows) :]  # with the paydays
    flow_calculators.budget(summary, {"income": saved_income, "spending": spending_rows, "debts": debt_rows})
    if tab_compare.open:
        with tab_compare:
            view.snapshots(summary)

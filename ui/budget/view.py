"""Budget coach panels: messages at the field, summaries, tips, the cash calendar, savings, snapshots.

Money sent home and the tanda are in ui/budget/remittance.py; debts and mortgage-ready in ui/budget/debts.py.
"""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from calculators.budget import compare_snapshots, savings_timeline
from calculators.debt import add_months
from calculators.rules import today
from curricula import coaching
from ui import clients
from ui.budget import charts, tables
from ui.errors import message_for
from ui.labels import OUTCOME_LABELS
from ui.text import N_, _, date, date_and_time, money, number, percent, pick

MESSAGES = {
    "budget_below_minimums": N_(
        "The money for debts each month is less than the minimum payments added up. Raise it to at least the total of the minimums."
    ),
    "never_paid_off": N_(
        "With this amount the debts are never paid off: the interest grows as fast as the payments. Pay more each month or ask about a lower rate."
    ),
    "never_reached": N_(
        "With no monthly deposit this goal is never reached. Enter an amount to save each month."
    ),
    "duplicate_name": N_("Two debts have the same name. Give each debt its own name."),
    "unknown_frequency": N_("Choose how often this income arrives."),
    "unknown_form": N_("Choose how this income is paid."),
    "unknown_category": N_("Choose a category from the list."),
    "bad_day": N_("Enter a day of the month from 1 to 31."),
    "rate_out_of_range": N_("Enter an APR from 0% to 100%."),
    "payout_after_end": N_(
        "The month you receive the pot must be between 1 and the number of people in the tanda."
    ),
    "no_amount": N_("Enter the amount you send (more than $0)."),
}
SECTION_LABELS = {
    "needs": N_("Needs (including money sent to family)"),
    "wants": N_("Wants"),
    "savings": N_("Savings and extra debt payments"),
}
COMPARED_LABELS = {
    "savings": N_("Savings"),
    "total_debt": N_("Total debt"),
    "left_over": N_("Left over each month"),
    "credit_score": N_("Credit score"),
}


class BudgetErrors:
    """Error slots under each field or table; a table error says which row it is about.

    places: field -> label (msgid) of the tab that holds it. A field in a closed tab has no slot, so its
    message shows where the page is, and then names that tab.
    """

    def __init__(self, places: dict[str, str] | None = None) -> None:
        self._slots: dict[str, st.delta_generator.DeltaGenerator] = {}
        self._places = places or {}

    def slot(self, field: str) -> None:
        self._slots[field] = st.empty()

    def show(self, error: InputError) -> None:
        message = message_for(error, MESSAGES)
        if error.detail.isdigit():
            message = _("Row {row}: {message}").format(row=error.detail, message=message)
        target = self._slots.get(error.field or "")
        if target is None and error.field in self._places:
            message = _("{tab}: {message}").format(tab=_(self._places[error.field]), message=message)
        (target or st).error(message, icon=":material/error:")


def kept(key: str, default, *, url: bool = False):
    """A widget's value while its tab or expander is closed (the widget is not built then).

    Streamlit keeps the value of a widget bound to the URL, or with persist_state, once it has been shown;
    a widget never shown yet takes the amount from a shared link (url=True), else its default.
    """
    if key in st.session_state:
        return st.session_state[key]
    if url and key in st.query_params:
        try:
            value = float(st.query_params[key])
        except ValueError:
            return default
        return int(value) if isinstance(default, int) else value
    return default


def irregular_income(shown: bool) -> tuple[list[float], bool]:
    """Irregular income month by month and whether it is paid in cash; the table is built only while open."""
    if not shown:
        return tables.irregular_table(False), kept("irregular_cash", True)
    with st.expander(
        _("Irregular or seasonal income, month by month"), key="budget_irregular_open", on_change="rerun"
    ) as panel:
        months = tables.irregular_table(panel.open)
        if not panel.open:
            return months, kept("irregular_cash", True)
        cash = st.checkbox(
            _("This income is paid in cash"), value=True, key="irregular_cash", persist_state="page"
        )
    return months, cash


def totals(summary: dict) -> None:
    """The three numbers a household remembers: money in, money out, what is left."""
    a, b, c = st.columns(3)
    a.metric(_("Income a month"), money(summary["monthly_income"]))
    b.metric(_("Spending a month"), money(summary["monthly_spending"]))
    c.metric(_("Left over"), money(summary["left_over"]))
    if summary["left_over"] < 0:
        st.warning(_("The plan spends more than comes in. Look at the tips below for a first step."))


def income_details(income: dict) -> None:
    st.caption(
        _(
            "Cash: {cash} a month. Check or deposit: {deposit}. Help that is not money: {non_cash}. A year: {annual}."
        ).format(
            cash=money(income["cash_monthly"]),
            deposit=money(income["deposit_monthly"]),
            non_cash=money(income["non_cash_monthly"]),
            annual=money(income["annual"]),
        )
    )
    if income["irregular"]:
        st.info(
            _("Income changes by month: from {low} to {high}. Plan with the low month.").format(
                low=money(income["lowest_month"]), high=money(income["highest_month"])
            )
        )


def fifty_thirty_twenty(reference: dict) -> None:
    """Show the household's shares beside 50/30/20, worded as a reference, never as pass or fail."""
    st.markdown(_("**50/30/20: a point of reference, not a rule**"))
    st.caption(_("Many families here spend more than half on housing alone. That is common, not a failure."))

    def line(label: str, row: dict) -> str:
        return _("{label}: {share} of income ({amount}). Reference: {guide}.").format(
            label=_(label),
            share=percent(row["share"], 0),
            amount=money(row["amount"], cents=False),
            guide=percent(row["guide_share"], 0),
        )

    # The three lines as one element: each element costs a slow laptop a few ms to draw on every rerun.
    st.text("\n".join(line(label, reference[key]) for key, label in SECTION_LABELS.items()))


def tips(situation: dict) -> None:
    """Coaching tips that fit this household, with their source."""
    chosen = coaching.tips_for(situation)
    if not chosen:
        st.caption(_("No tips right now: this plan looks steady."))
    for tip in chosen:  # its source inside the box: one element per tip, drawn below every tab
        source = _("Source: {url}").format(url=tip["source_url"])
        body = f"{pick(tip)}\n\n:small[{source}]"  # Markdown's small text, under the tip
        st.info(body, icon=":material/lightbulb:")


def table_tab(tab, title: str, table, errors, slot: str, caption: str | None = None) -> list[dict]:
    """A budget tab's table: heading, caption and error slot while the tab is open, its rows either way."""
    if tab.open:
        st.subheader(title)
        if caption:
            st.caption(caption)
    rows = table(tab.open)
    if tab.open:
        errors.slot(slot)
    return rows


def snapshots(summary: dict) -> None:
    """Compare two saved budgets (or the last saved one with this budget) and offer HUD-9902 outcomes."""
    saved = clients.saved_scenarios("budget")
    if not saved:
        st.caption(_("Save this budget to a client file to compare it later."))
        return
    choices = {f"saved_{s['id']}": s for s in saved}
    # With the time: two budgets saved the same day differ by it.
    labels = {
        key: _("Saved {date}").format(date=date_and_time(s["created_at"])) for key, s in choices.items()
    }
    labels["current"] = _("This budget (not saved yet)")
    keys = list(labels)
    # "Before" starts on the last saved budget, "After" on this one.
    picked = [
        st.selectbox(
            label,
            keys,
            index=len(keys) - offset,
            format_func=labels.get,
            key=key,
            persist_state="page",
            placeholder=_("Choose an option"),
        )
        for label, offset, key in ((_("Before"), 2, "budget_before"), (_("After"), 1, "budget_after"))
    ]
    before, after = (summary if key == "current" else choices[key]["summary"] for key in picked)
    result = compare_snapshots(before or {}, after or {})
    for key, change in result["changes"].items():
        shown = number if key == "credit_score" else money
        st.text(
            _("{label}: {before} → {after}").format(
                label=_(COMPARED_LABELS[key]), before=shown(change["before"]), after=shown(change["after"])
            )
        )
    if result["outcomes"]:
        st.caption(
            _("These changes support: {outcomes}.").format(
                outcomes=", ".join(_(OUTCOME_LABELS.get(c, c)) for c in result["outcomes"])
            )
        )
    clients.propose_outcomes(result["outcomes"])


def calendar_events(income_rows: list[dict], irregular: list[float], spending_rows: list[dict], month: int):
    """Paydays and bills for the calendar from the tables: yearly pay is left out (it is not a monthly
    event), other schedules land on their first payday, and this month's irregular income on the 15th."""
    incomes = [
        {
            "name": r["name"],
            "amount": r["amount"] or 0.0,
            "frequency": r["frequency"]
            if r["frequency"] in ("weekly", "biweekly", "semimonthly")
            else "monthly",
            "first_day": r["first_day"] or 1,
        }
        for r in income_rows
        if r["frequency"] != "annual"
    ]
    if any(irregular):
        incomes.append({"name": "", "amount": irregular[month - 1], "frequency": "monthly", "first_day": 15})
    bills = [{"amount": r["amount"] or 0.0, "due_day": r["due_day"]} for r in spending_rows if r["due_day"]]
    return incomes, bills


def calendar_panel(calendar: dict) -> None:
    """Week-by-week money in and out, the balance, and the weeks that end below zero."""
    charts.show("cash", calendar["weeks"])
    for week in calendar["weeks"]:
        line = _("Week {n}: in {money_in}, out {money_out}, balance {balance}").format(
            n=week["week"],
            money_in=money(week["money_in"]),
            money_out=money(week["money_out"]),
            balance=money(week["balance"]),
        )
        (st.error if week["short"] else st.text)(line)
    if calendar["short_weeks"]:
        st.warning(
            _(
                "Money runs short in week(s) {weeks}. Move a due date or set money aside from an earlier payday."
            ).format(weeks=", ".join(str(w) for w in calendar["short_weeks"]))
        )


def emergency_panel(fund: dict) -> None:
    """Where the emergency fund stands: starter cushion first, then three months of spending."""
    st.markdown(_("**Emergency fund**"))
    if fund["stage"] == "starter":
        st.info(
            _("Step 1: a first cushion of {goal}. Still needed: {needed}.").format(
                goal=money(fund["goal"], cents=False), needed=money(fund["still_needed"], cents=False)
            )
        )
    elif fund["stage"] == "three_months":
        st.info(
            _("Step 2: three months of spending, {goal}. Still needed: {needed}.").format(
                goal=money(fund["goal"], cents=False), needed=money(fund["still_needed"], cents=False)
            )
        )
    else:
        st.success(_("Three months of spending saved. Well done."))
    st.caption(
        _("Savings cover {months} months of spending.").format(months=number(fund["months_covered"], 1))
    )


@st.fragment
def goal_panel(plan: dict) -> None:
    """Months to a savings goal such as a down payment (its own fragment: only it reruns on its inputs)."""
    st.markdown(_("**Saving for a goal (for example a down payment)**"))
    local = BudgetErrors()
    goal = st.number_input(_("Goal amount"), value=10000.0, step=500.0, key="goal", bind="query-params")
    local.slot("goal")
    deposit = st.number_input(
        _("Saved each month"),
        value=float(plan["by_category"].get("savings", 0.0)),
        step=25.0,
        key="monthly_deposit",
        bind="query-params",
    )
    local.slot("monthly_deposit")
    rate = st.number_input(
        _("Interest the account pays (% a year)"),
        value=0.0,
        step=0.25,
        key="savings_rate",
        bind="query-params",
    )
    local.slot("annual_rate")
    saved = st.session_state.get("savings") or 0.0
    try:
        result = savings_timeline(goal, saved, deposit, (rate or 0.0) / 100)
    except InputError as error:
        local.show(error)
        return
    st.metric(_("Months to the goal"), number(result["months"]))
    st.caption(
        _("Reached around {month}, with {interest} of interest.").format(
            month=date(add_months(today(), result["months"]), "MMMM y"),
            interest=money(result["interest_earned"]),
        )
    )

"""Budget coach: money sent home (transfer services compared against the UN cost goal) and the tanda.

Both panels sit in the Plan tab, each built only while open; the remittance share feeds a tip, so it is worked
out from the kept values while the tab or the comparison is closed.
"""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from calculators.budget import remittance_costs, tanda_schedule
from calculators.rules import rule
from ui import staleness
from ui.budget import tables
from ui.budget.view import BudgetErrors, kept
from ui.text import N_, _, money, percent

# the remittance benchmark's name and whom to ask, for the staleness note under the comparison
REMITTANCE_GOAL = N_("The UN goal for transfer costs")
REMITTANCE_WHOM = N_("the World Bank's Remittance Prices Worldwide")


def remittance_panel(tab, plan: dict, errors: BudgetErrors) -> float | None:
    """Transfer services compared for the money sent home; returns the cost share of the service used now.

    The share feeds a tip, so it is worked out from the kept values while the tab or the comparison is closed.
    """
    sent = plan["by_category"].get("remittances", 0.0)
    if sent <= 0:
        return None
    if not tab.open:
        return _kept_share(sent)
    with (
        tab,
        st.expander(
            _("Sending money home: compare the cost"),
            # A link carrying the number of transfers opens it; otherwise it starts closed, like the tanda.
            expanded="transfers_per_month" in st.query_params,
            key="budget_remittance_open",
            on_change="rerun",
        ) as panel,
    ):
        if not panel.open:  # its table, select box and lines are only built while it is open
            return _kept_share(sent)
        return _compare(sent, errors)


def _kept_share(sent: float) -> float | None:
    """The share from the kept values, for the tip, while the comparison is not drawn."""
    return _remittance_share(sent, kept("transfers_per_month", 1, url=True), tables.transfer_table(False))


def _compare(sent: float, errors: BudgetErrors) -> float | None:
    """The open comparison: transfers a month, the services' table, the one used now and what each costs."""
    benchmark = rule("budget", "remittance_cost")
    per_month = st.number_input(
        _("Transfers each month"), value=1, step=1, key="transfers_per_month", bind="query-params"
    )
    errors.slot("transfers_per_month")
    options = tables.transfer_table()
    errors.slot("remittance_options")
    if not isinstance(per_month, int) or per_month < 1:
        errors.show(InputError("out_of_range", "transfers_per_month"))
        return None
    try:
        costs = remittance_costs(sent / per_month, options)
    except InputError as error:
        errors.show(error)
        return None
    if not costs:
        return None
    # Offer services in the order entered: the first row is usually the one the family uses now.
    names = list(dict.fromkeys(str(o["name"]) for o in options))
    used = st.selectbox(
        _("Service used now"),
        names,
        key="remittance_used",
        persist_state="page",
        placeholder=_("Choose an option"),
    )
    current = next(c for c in costs if c["name"] == used)
    cheapest = costs[0]
    # One element for all the lines: each element costs a slow laptop a few ms to draw on every rerun.
    st.text(
        "\n".join(
            _("{name}: {cost} per transfer ({share} of what you send)").format(
                name=row["name"], cost=money(row["cost"]), share=percent(row["share"], 1)
            )
            for row in costs
        )
    )
    yearly = (current["cost"] - cheapest["cost"]) * per_month * 12
    if yearly > 0.005:
        st.success(
            _("Sending with {name} would save about {amount} a year.").format(
                name=cheapest["name"], amount=money(yearly, cents=False)
            )
        )
    st.caption(
        _(
            "Goal set by the United Nations (SDG 10.c): transfers should cost under {target}, and never over {ceiling}. Source: {url}"
        ).format(
            target=percent(benchmark["target"], 0),
            ceiling=percent(benchmark["ceiling"], 0),
            url=benchmark["source_url"],
        )
    )
    staleness.rule_note(benchmark, REMITTANCE_GOAL, REMITTANCE_WHOM)
    return current["share"]


def _remittance_share(sent: float, per_month, options: list[dict]) -> float | None:
    """The cost share of the service used now, from kept values; None where the open panel would show an error."""
    if not isinstance(per_month, int) or per_month < 1:
        return None
    try:
        costs = remittance_costs(sent / per_month, options)
    except InputError:
        return None
    if not costs:
        return None
    names = list(dict.fromkeys(str(o["name"]) for o in options))
    used = kept("remittance_used", names[0])
    return next((c["share"] for c in costs if c["name"] == used), None)


def tanda_panel(tab, plan: dict, errors: BudgetErrors) -> None:
    """The household's tanda: the pot, the month they take it, and what they owe the circle after."""
    paid = plan["by_category"].get("tanda", 0.0)
    if paid <= 0:
        return
    with (
        tab,
        st.expander(
            _("Tanda or lending circle"),
            # A link carrying the tanda's numbers opens it; otherwise it starts closed.
            expanded="tanda_members" in st.query_params or "tanda_payout_month" in st.query_params,
            key="budget_tanda_open",
            on_change="rerun",
        ) as panel,
    ):
        if not panel.open:  # its widgets are only built while it is open
            return
        members = st.number_input(
            _("People in the circle"), value=10, step=1, key="tanda_members", bind="query-params"
        )
        errors.slot("tanda_members")
        turn = st.number_input(
            _("Month you receive the pot"), value=1, step=1, key="tanda_payout_month", bind="query-params"
        )
        errors.slot("tanda_payout_month")
        try:
            result = tanda_schedule(paid, int(members), int(turn))
        except InputError as error:
            errors.show(error)
            return
        st.text(
            _("Pot: {pot}, received in month {month}.").format(
                pot=money(result["pot"], cents=False), month=int(turn)
            )
        )
        if result["months_owing"] > 0:
            st.caption(
                _(
                    "After you receive it, you keep paying for {n} more months. If the circle is informal and someone stops paying, you can lose money."
                ).format(n=result["months_owing"])
            )

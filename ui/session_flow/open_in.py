"""On the client file: "Open in …" each calculator with this household, and the saved calculations with
"Open again", which restores one exactly (its inputs, so the same results)."""

from __future__ import annotations

import streamlit as st

from db import scenarios as repo
from db.local_time import local_date
from db.scope import AccessDenied
from reports.action_plan import scenarios as ps
from ui.clients import current_user
from ui.db import engine
from ui.session_flow import context as flow_context
from ui.session_flow import flow, seeds
from ui.session_flow.banner import KIND_NAMES
from ui.session_flow.plan_sections import plain
from ui.text import N_, _, date, lang, money, ngettext

PAGES = {
    "affordability": "app_pages/affordability.py",
    "assistance": "app_pages/assistance.py",
    "budget": "app_pages/budget.py",
    "tenant_checklist": "app_pages/tenant_rights.py",
}
OPEN_LABELS = {
    "affordability": N_("Open in Home affordability"),
    "assistance": N_("Open in Down-payment assistance"),
    "budget": N_("Open in Budget coach"),
    "tenant_checklist": N_("Open in Tenant rights"),
}
SHOWN = 20  # the newest saved calculations listed


def _forget_page(kind: str) -> None:
    """The calculator's widgets start again from the file (and this visit) when it opens."""
    for slot in seeds.PAGES[kind]:
        st.session_state.pop(slot.key, None)


def summary_line(kind: str, scenario) -> str:
    """One line, in the reader's language, of what a saved calculation says."""
    if kind == "affordability":
        parts = []
        if scenario.price is not None:
            parts.append(_("Home price {price}").format(price=money(scenario.price, cents=False)))
        if scenario.monthly_total is not None:
            parts.append(_("{amount} a month").format(amount=money(scenario.monthly_total, cents=False)))
        return ", ".join(parts)
    if kind == "assistance":
        names = [name for name, _amount in ps.program_rows(scenario, lang())]
        line = ngettext("{count} program may fit", "{count} programs may fit", len(names)).format(
            count=len(names)
        )
        if scenario.total_assistance:
            line += " · " + _("up to {amount}").format(amount=money(scenario.total_assistance, cents=False))
        return line
    if kind == "budget":
        if scenario.left_over is None:
            return ""
        return _("Left over each month: {amount}").format(amount=money(scenario.left_over, cents=False))
    return ngettext("{count} warning sign", "{count} warning signs", len(scenario.red_flags)).format(
        count=len(scenario.red_flags)
    )


def actions(household_id: int) -> None:
    """The buttons under the client file's summary, and the list of saved calculations."""
    flow_context.refresh()  # the file may have changed: the calculators read it again when opened
    columns = st.columns(len(PAGES))
    for column, (kind, page) in zip(columns, PAGES.items(), strict=True):
        if column.button(_(OPEN_LABELS[kind]), key=f"sf_open_{kind}", icon=":material/calculate:"):
            _forget_page(kind)
            st.switch_page(page)
    with st.expander(_("Saved calculations"), key="sf_saved_list", on_change="rerun") as panel:
        if panel.open:
            _saved_list(household_id)


def _saved_list(household_id: int) -> None:
    try:
        rows = repo.list_for(engine(), current_user(), household_id, limit=SHOWN)
    except AccessDenied:
        st.error(_("You do not have access to this household."))
        return
    if not rows:
        st.caption(_("No saved calculations yet. Open a calculator above and save it to the file."))
        return
    for row in rows:
        left, right = st.columns([4, 1], vertical_alignment="center")
        saved = date(local_date(row["created_at"]), "medium") if row["created_at"] else "—"
        left.markdown(
            f"**{_(KIND_NAMES[row['kind']])}** · {plain(saved)}  \n{plain(summary_line(row['kind'], row['scenario']))}"
        )
        if right.button(_("Open again"), key=f"sf_again_{row['id']}", icon=":material/history:"):
            _forget_page(row["kind"])
            flow.open_again(row["kind"], row["id"])
            st.switch_page(PAGES[row["kind"]])

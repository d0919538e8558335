"""The banner on top of a calculator when a client file is open: whose file, where each value came from,
"Use blank values" and "Back to the file"."""

from __future__ import annotations

import streamlit as st

from db.household_context import INTAKE, VISIT, HouseholdContext, Sourced
from ui.session_flow import context as flow_context
from ui.session_flow import seeds
from ui.text import N_, _, date, money

CLIENT_FILE = "app_pages/household.py"
KIND_NAMES = {
    "budget": N_("Budget coach"),
    "affordability": N_("Home affordability"),
    "assistance": N_("Down-payment assistance"),
    "tenant_checklist": N_("Tenant rights"),
}
# The words for each widget a file can fill, as the banner lists them.
WIDGET_NAMES = {
    "income": N_("Income a month"),
    "dpa_income": N_("Income a year"),
    "car": N_("Car loan payment"),
    "cards": N_("Credit card payments"),
    "student": N_("Student loan payment"),
    "other_debt": N_("Other debt payments"),
    "dpa_debts": N_("Debt payments a month"),
    "credit": N_("Credit score"),
    "dpa_credit": N_("Credit score"),
    "credit_score": N_("Credit score"),
    "area": N_("Where is the home?"),
    "dpa_area": N_("Where is the home?"),
    "tr_place": N_("Where is the home?"),
    "aff_id_type": N_("Kind of ID"),
    "dpa_id": N_("Kind of ID"),
    "aff_residency": N_("Immigration status"),
    "dpa_status": N_("Immigration status"),
    "cash": N_("Savings"),
    "dpa_assets": N_("Savings"),
    "savings": N_("Savings"),
    "price": N_("Home price"),
    "dpa_price": N_("Home price"),
    "dpa_size": N_("People in the household"),
    "dpa_first": N_("First-time buyer"),
    "rent": N_("Rent now (monthly)"),
    "tr_rent": N_("Monthly rent"),
}
MONEY_WIDGETS = {"income", "dpa_income", "car", "cards", "student", "other_debt", "dpa_debts", "cash"}
MONEY_WIDGETS |= {"dpa_assets", "savings", "price", "dpa_price", "rent", "tr_rent"}


def source_text(found: Sourced) -> str:
    """'from intake, 11 Oct 2025', 'from the Budget coach saved 5 Nov 2026', 'typed in … during this visit'."""
    if found.source == INTAKE:
        return _("from intake, {date}").format(date=date(found.on)) if found.on else _("from intake")
    if found.source.startswith(VISIT):
        kind = found.source.partition(":")[2]
        return _("typed in {calculator} during this visit").format(calculator=_(KIND_NAMES.get(kind, kind)))
    name = _(KIND_NAMES.get(found.source, found.source))
    return (
        _("from the {calculator} saved {date}").format(calculator=name, date=date(found.on))
        if found.on
        else name
    )


def _lines(seeded: dict[str, Sourced]) -> list[str]:
    lines = []
    for key, found in seeded.items():
        if key not in WIDGET_NAMES:
            continue
        shown = money(found.value, cents=False) if key in MONEY_WIDGETS else ""
        label = _(WIDGET_NAMES[key])
        lines.append(
            f"{label}: {shown} ({source_text(found)})" if shown else f"{label} ({source_text(found)})"
        )
    return list(dict.fromkeys(lines))


RESYNC_KEY = "sf_resync"  # (kind, widget keys, their values once drawn again) after a reset


def _reset(kind: str) -> None:
    """Forget the page's widgets, so the next run starts again (from the file, or from the blank defaults)."""
    keys = [slot.key for slot in seeds.PAGES[kind]]
    if kind == "budget":
        st.session_state.pop("budget_tab", None)  # the tables start over too (app_pages/budget.py, on arrival)
    saved = flow_context.context().latest.get(kind)
    if saved and saved[1] is not None:
        keys += list(saved[1].widgets)
    for key in keys:
        st.session_state.pop(key, None)
        st.query_params.pop(key, None)
    st.session_state[RESYNC_KEY] = (kind, tuple(dict.fromkeys(keys)), None)


def settle(kind: str) -> None:
    """Call once the page's widgets are drawn. After a reset the server has their new values (defaults or
    the file's), but a browser keeps showing what a dropped widget showed: the values are noted and the
    page runs once more, and `resend` gives them back through Session State, which the browser follows."""
    pending = st.session_state.get(RESYNC_KEY)
    if not pending or pending[0] != kind or pending[2] is not None:
        return
    drawn = {key: st.session_state[key] for key in pending[1] if key in st.session_state}
    st.session_state[RESYNC_KEY] = (kind, pending[1], drawn)
    st.rerun()


def resend(kind: str) -> None:
    """Before the widgets are drawn: give back the values `settle` noted (see there)."""
    pending = st.session_state.get(RESYNC_KEY)
    if not pending or pending[0] != kind or pending[2] is None:
        return
    st.session_state.pop(RESYNC_KEY, None)
    for key, value in pending[2].items():
        st.session_state[key] = value


def banner(kind: str, ctx: HouseholdContext, seeded: dict[str, Sourced]) -> None:
    """Shown only with a client file open (the name stays on screen; it never goes in a URL or log)."""
    full = flow_context.context()
    if not full.is_open:
        return
    blank = flow_context.is_blank()
    with st.container(border=True, key=f"sf_banner_{kind}"):
        if blank:
            st.markdown(
                _("**Client file open:** {name}. Working with blank values.").format(name=_plain(full.name))
            )
        else:
            st.markdown(_("**Working with the file of** {name}").format(name=_plain(full.name)))
            lines = _lines(seeded)
            if lines:
                st.caption(_("Starting values:") + " " + "; ".join(lines) + ".")
            else:
                st.caption(_("The file has nothing for this calculator yet. Values are the examples."))
        left, right = st.columns(2)
        if blank:
            back = left.button(
                _("Use the file's values"), key=f"sf_file_{kind}", icon=":material/restart_alt:"
            )
        else:
            back = left.button(_("Use blank values"), key=f"sf_blank_{kind}", icon=":material/restart_alt:")
        if back:
            flow_context.set_blank(not blank)
            seeds.forget()
            _reset(kind)
            st.rerun()
        if right.button(_("Back to the file"), key=f"sf_back_{kind}", icon=":material/folder_shared:"):
            st.switch_page(CLIENT_FILE)


def _plain(text: str) -> str:
    """A name made inert for st.markdown."""
    specials = "\\`*_{}[]()#+-.!|<>~$"
    return "".join("\\" + ch if ch in specials else ch for ch in " ".join(str(text or "").split()))

"""The household a counselor has open, and saving calculator results to it (only when logged in)."""

from __future__ import annotations

import streamlit as st

from db import scenarios
from db.scope import AccessDenied
from ui.db import engine
from ui.labels import OUTCOME_LABELS
from ui.text import _

HOUSEHOLD_KEY = "household_id"
CLIENT_ROLES = ("admin", "lead", "counselor")


def current_user() -> dict | None:
    """The logged-in user as {id, name, role, office_id}, or None."""
    return st.session_state.get("user")


def selected_household_id() -> int | None:
    """The household the counselor has open, if any (never in the URL; never while presenting)."""
    user = current_user()
    if user is None or user.get("role") not in CLIENT_ROLES or st.session_state.get("present"):
        return None
    return st.session_state.get(HOUSEHOLD_KEY)


def open_household(household_id: int | None) -> None:
    st.session_state[HOUSEHOLD_KEY] = household_id


def save_scenario_button(kind: str, inputs: dict, summary: dict, label: str | None = None) -> None:
    """Show 'Save to client' when a household is open; stores inputs+summary as a dated scenario of `kind`.

    kind: 'affordability', 'assistance', 'budget', 'tenant_checklist', ... Plain JSON-able dicts only.
    """
    household_id = selected_household_id()
    if household_id is None:
        return
    if st.button(label or _("Save to client file"), key=f"save_scenario_{kind}", icon=":material/save:"):
        try:
            scenarios.save(engine(), current_user(), household_id, kind, inputs, summary)
        except AccessDenied:
            st.error(_("You do not have access to this household."))
        else:
            st.success(_("Saved to the client file."))


def saved_scenarios(kind: str) -> list[dict]:
    """Saved scenarios of `kind` for the open household, newest first: {id, created_at, inputs, summary}."""
    household_id = selected_household_id()
    if household_id is None:
        return []
    try:
        return scenarios.list_for(engine(), current_user(), household_id, kind)
    except AccessDenied:
        return []


def propose_outcomes(codes: list[str]) -> None:
    """Offer HUD-9902 outcomes (e.g. 'budget_developed') for the counselor to confirm on the open household."""
    household_id = selected_household_id()
    if household_id is None or not codes:
        return
    with st.container(border=True):
        st.markdown(_("**HUD-9902 outcomes to confirm**"))
        st.caption(_("Confirm only what you verified with the household."))
        for code in codes:
            label = _(OUTCOME_LABELS.get(code, code))
            if st.button(_("Confirm: {outcome}").format(outcome=label), key=f"confirm_outcome_{code}"):
                try:
                    scenarios.confirm_outcome(engine(), current_user(), household_id, code)
                except (AccessDenied, ValueError):
                    st.error(_("You do not have access to this household."))
                else:
                    st.success(_("Outcome recorded: {outcome}").format(outcome=label))

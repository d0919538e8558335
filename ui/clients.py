"""The household a counselor has open, and saving calculator results to it (only when logged in)."""

from __future__ import annotations

import streamlit as st

HOUSEHOLD_KEY = "household_id"


def current_user() -> dict | None:
    """The logged-in user as {id, name, role, office_id}, or None."""
    return st.session_state.get("user")


def selected_household_id() -> int | None:
    """The household the counselor has open, if any (never in the URL)."""
    if current_user() is None or st.session_state.get("present"):
        return None
    return st.session_state.get(HOUSEHOLD_KEY)


def save_scenario_button(kind: str, inputs: dict, summary: dict, label: str | None = None) -> None:
    """Show 'Save to client' when a household is open; stores inputs+summary as a dated scenario of `kind`.

    kind: 'affordability', 'assistance', 'budget', 'tenant_checklist', ... Plain JSON-able dicts only.
    """
    # Implemented in the foundation work; calling it logged out is a no-op.
    return None


def saved_scenarios(kind: str) -> list[dict]:
    """Saved scenarios of `kind` for the open household, newest first: {id, created_at, inputs, summary}."""
    return []


def propose_outcomes(codes: list[str]) -> None:
    """Offer HUD-9902 outcomes (e.g. 'budget_developed') for the counselor to confirm on the open household."""
    return None

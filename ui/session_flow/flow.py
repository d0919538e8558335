"""What each calculator page calls on its first lines: restore a scenario opened again, fill the widgets
from the open file and this visit, and show the banner."""

from __future__ import annotations

import streamlit as st

from db import scenarios as repo
from db.household_context import HouseholdContext, Sourced
from db.local_time import local_date
from db.scope import AccessDenied
from ui.clients import current_user, selected_household_id
from ui.db import engine
from ui.session_flow import context as flow_context
from ui.session_flow import seeds
from ui.session_flow.banner import banner, resend

RESTORE_KEY = "sf_restore"  # (kind, scenario id) chosen with "Open again" on the client file


def open_again(kind: str, scenario_id: int) -> None:
    """Ask the calculator to start from a saved scenario, exactly as it was saved."""
    st.session_state[RESTORE_KEY] = (kind, scenario_id)


def _restore(kind: str) -> dict | None:
    pending = st.session_state.get(RESTORE_KEY)
    household_id = selected_household_id()
    if not pending or pending[0] != kind or household_id is None:
        return None
    st.session_state.pop(RESTORE_KEY, None)
    try:
        row = repo.get(engine(), current_user(), household_id, pending[1])
    except AccessDenied:
        return None
    if row is None:
        return None
    day = local_date(row["created_at"]) if row["created_at"] else None
    seeded = {}
    for key, value in row["scenario"].widgets.items():
        st.session_state[key] = value
        st.query_params.pop(key, None)
        seeded[key] = Sourced(value, kind, day)
    st.session_state[seeds.SEEDED_KEY.format(kind=kind)] = seeded
    st.session_state.pop(seeds.BASELINE_KEY.format(kind=kind), None)
    return {"row": row, "seeded": seeded}


def start(kind: str) -> tuple[HouseholdContext, dict[str, Sourced], dict | None]:
    """Call before the page draws its widgets: (context, starting values with sources, restored scenario)."""
    ctx = flow_context.working()
    resend(kind)
    restored = _restore(kind)
    if restored is not None:
        seeded = restored["seeded"]
    else:
        seeded = seeds.apply(kind, ctx, blank=flow_context.is_blank())
    banner(kind, ctx, seeded)
    return ctx, seeded, restored

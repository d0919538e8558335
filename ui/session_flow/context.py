"""The open household's context, kept in the session for the visit (never in a URL)."""

from __future__ import annotations

import streamlit as st

from db import household_context, households, hud_client
from db import scenarios as repo
from db.household_facts import facts_of
from db.scope import AccessDenied
from ui.clients import current_user, selected_household_id
from ui.db import engine

CONTEXT_KEY = "sf_context"  # (household id, HouseholdContext) loaded once per visit, reloaded after a save
BLANK_KEY = "sf_blank"  # household ids the counselor chose to work on with blank values
KINDS = ("affordability", "assistance", "budget", "tenant_checklist")


def _load(household_id: int) -> household_context.HouseholdContext:
    user = current_user()
    record = households.get(engine(), user, household_id)  # audited: the file's facts are read
    record.update({k: v for k, v in facts_of(engine(), user, household_id).items() if k != "version"})
    record["credit_score"] = hud_client.get_profile(engine(), user, household_id).credit_score  # HUD file
    latest = {}
    for row in repo.list_for(engine(), user, household_id, limit=50):
        latest.setdefault(row["kind"], row)
    return household_context.build(record, latest)


def context() -> household_context.HouseholdContext:
    """The open household's context; the empty one when no file is open (or the file cannot be read)."""
    household_id = selected_household_id()
    if household_id is None:
        return household_context.EMPTY
    kept = st.session_state.get(CONTEXT_KEY)
    if kept and kept[0] == household_id:
        return kept[1]
    try:
        found = _load(household_id)
    except (AccessDenied, LookupError):
        return household_context.EMPTY
    st.session_state[CONTEXT_KEY] = (household_id, found)
    return found


def refresh() -> None:
    """Read the file again on the next use (after a save or an update of the household)."""
    st.session_state.pop(CONTEXT_KEY, None)


def is_blank() -> bool:
    return selected_household_id() in st.session_state.get(BLANK_KEY, set())


def set_blank(on: bool) -> None:
    chosen = set(st.session_state.get(BLANK_KEY, set()))
    household_id = selected_household_id()
    if on:
        chosen.add(household_id)
    else:
        chosen.discard(household_id)
    st.session_state[BLANK_KEY] = chosen


def working() -> household_context.HouseholdContext:
    """The context the calculators start from: the file's, unless the counselor chose blank values."""
    return household_context.EMPTY if is_blank() else context()

"""HUD's questions on the New household page: optional at intake, saved with the new file.

Answers are checked before the household is created, so a bad answer saves nothing; the profile is
written right after the household, by the same counselor.
"""

from __future__ import annotations

import streamlit as st

from db import hud_client
from ui.db import engine
from ui.errors import FieldErrors
from ui.hud_file import labels as L
from ui.hud_file.profile import profile_widgets
from ui.text import _

PREFIX = "new_hud"  # cleared with the intake form's own "new_" keys after a save
# Only the messages HUD's questions add: the intake form keeps its own wording for shared codes.
ERRORS = {code: text for code, text in L.ERRORS.items() if code not in ("invalid_choice", "too_long")}


def widgets(errors: FieldErrors) -> None:
    """Draw HUD's questions in a closed expander (inside the intake form); empty means not asked yet."""
    for name in hud_client.PROFILE_FIELDS:
        st.session_state.setdefault(f"{PREFIX}_{name}", [] if name == "races" else None)
    with st.expander(_("HUD's questions (you can answer them later in the client file)")):
        profile_widgets(PREFIX, errors)


def answers() -> dict:
    """The answers given, checked (raises InputError naming the field); unanswered ones are left out."""
    given = {
        name: value
        for name in hud_client.PROFILE_FIELDS
        if (value := st.session_state.get(f"{PREFIX}_{name}")) not in (None, "", [])
    }
    hud_client.validate_profile(given)
    return given


def save(household_id: int, given: dict) -> None:
    if given:
        hud_client.save_profile(engine(), st.session_state["user"], household_id, 0, given)

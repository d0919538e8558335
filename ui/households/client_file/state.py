"""The client file's shared state: session keys, the household's loading (audited once per opening), and the
messages a save leaves for the next draw.

Saves run in widget callbacks (before the page redraws), and their outcome is kept in session state
for the next draw, so the counselor's typed values are never lost.
"""

from __future__ import annotations

import streamlit as st

from calculators import InputError
from db import households
from db.scope import AccessDenied
from ui.db import engine
from ui.errors import FieldErrors
from ui.households.forms import fill
from ui.households.labels import ERRORS
from ui.text import _

PREFIX = "hh"
BASE_KEY = "hh_form_base"  # {"id", "version", "values"}: what the edit form was loaded from
CONFLICT_KEY = "hh_conflict"
FLASH_KEY = "hh_flash"  # (section, kind, message) shown once after a save
ERROR_KEY = "hh_error"  # (section, InputError)
VIEWED_KEY = "hh_viewed"


def current_user() -> dict:
    return st.session_state["user"]


def flash(section: str, message: str, kind: str = "success") -> None:
    st.session_state[FLASH_KEY] = (section, kind, message)


def show_flash(section: str) -> None:
    flash = st.session_state.get(FLASH_KEY)
    if flash and flash[0] == section:
        del st.session_state[FLASH_KEY]
        getattr(st, flash[1])(flash[2])


def remember_error(section: str, err: InputError) -> None:
    st.session_state[ERROR_KEY] = (section, err.code, err.field)


def show_error(section: str, errors: FieldErrors) -> None:
    stored = st.session_state.get(ERROR_KEY)
    if stored and stored[0] == section:
        del st.session_state[ERROR_KEY]
        errors.show(InputError(stored[1], stored[2]), ERRORS)


def load(hid: int) -> dict | None:
    """The household, audited once per opening (not on every rerun of the page)."""
    try:
        if st.session_state.get(VIEWED_KEY) != hid:
            hh = households.get(engine(), current_user(), hid)
            st.session_state[VIEWED_KEY] = hid
        else:
            hh = households.current(engine(), current_user(), hid)
    except AccessDenied:
        st.error(_("You do not have access to this household."))
        return None
    base = st.session_state.get(BASE_KEY)
    if not base or base["id"] != hid:
        reset_form(hh)
    return hh


def reset_form(hh: dict) -> None:
    values = {field: hh[field] for field in households.INTAKE_FIELDS}
    fill(PREFIX, values)
    st.session_state[BASE_KEY] = {"id": hh["id"], "version": hh["version"], "values": values}
    st.session_state.pop(CONFLICT_KEY, None)

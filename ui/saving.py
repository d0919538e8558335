"""A save button's callback that saves before the run, so the page is drawn once (fees, follow-up)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from calculators import InputError
from db.scope import AccessDenied
from ui.auth import signed_in_only
from ui.errors import refuse
from ui.text import _


@signed_in_only  # an ended session (idle, 12 hours, account changed) saves nothing
def save_in_callback(
    refused_key: str, flash_key: str, box: Hashable, action: Callable[[], str], denied: str | None = None
) -> None:
    """Save `box` in its button's callback, so the run after draws the page once, showing the result."""
    # Saved inside the run, a save needed st.rerun() and the page was drawn twice. `action` reads the widgets
    # from session state, as they were at the press, and returns the confirmation. With `denied` (a message
    # id), a record out of reach is refused with that sentence, not an error page; a disabled account saves
    # nothing (db.scope checks the account in every write), and the run then logs it out.
    try:
        st.session_state[flash_key] = action()
    except InputError as err:
        refuse(refused_key, box, err)
    except AccessDenied:
        if denied is None:
            raise
        refuse(refused_key, box, message=_(denied))

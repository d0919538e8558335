"""Which page ran last, noted by the entry point before each run (light: Streamlit only)."""

from __future__ import annotations

import streamlit as st

PAGE_KEY = "sf_page"  # the page of the last run (its url path)
ARRIVED_KEY = "sf_arrived"  # True on the first run of a page after another one ran


def note_page(url_path: str) -> None:
    """A calculator visited again after another page starts again from the file and this visit (its
    widgets may have outlived the last visit in the session, so their presence cannot tell).

    Only the entry point calls this; a page run on its own (a screen file run directly, AppTest's
    switch_page) falls back on its widgets' presence (ui.session_flow.seeds.arrived)."""
    st.session_state[ARRIVED_KEY] = st.session_state.get(PAGE_KEY) != url_path
    st.session_state[PAGE_KEY] = url_path

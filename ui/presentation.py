"""Presentation (workshop projector) mode: no chrome, large type, and never any client data."""

from __future__ import annotations

import streamlit as st

PRESENT_KEY = "present"


def is_presenting() -> bool:
    """True when `?present=1` is in the URL or the trainer turned the toggle on."""
    if st.query_params.get("present") == "1":
        st.session_state[PRESENT_KEY] = True
    return bool(st.session_state.get(PRESENT_KEY))


def apply_presentation_style() -> None:
    """A fixed style sheet (never user data): hide the sidebar and toolbar, enlarge type."""
    st.markdown(
        """<style>
        [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header, footer {display: none;}
        html, body, [data-testid="stAppViewContainer"] {font-size: 22px;}
        [data-testid="stMetricValue"] {font-size: 40px;}
        </style>""",
        unsafe_allow_html=True,
    )


def presentation_toggle() -> None:
    from ui.text import _

    st.sidebar.toggle(_("Presentation mode"), key=PRESENT_KEY)
